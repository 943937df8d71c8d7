// kots pull end to end (from source): the layout, re-runs, the online form, and bad input: one
// line, exit 2, nothing written under --rootdir (issue 13 parts 1 and 5, the pull side).
import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { CONFIG_VALUES, fixtureRelease, LICENSE, outputs, PUBLIC_KEY, REPO, rewriteArgs, runPull, SECRET, removeTempDirs, tempDir } from "./support.ts";

afterAll(removeTempDirs);

const EXAMPLE = path.join(REPO, "examples/acme-helpdesk");
const newRoot = () => tempDir("kots-pull-root-");
const lic = ["--license-file", LICENSE, "--license-public-key", PUBLIC_KEY];

/** All files under dir, relative, sorted. */
function tree(dir: string, sub = ""): string[] {
  return readdirSync(path.join(dir, sub), { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? tree(dir, path.join(sub, e.name)) : [path.join(sub, e.name)]))
    .sort();
}

describe("kots pull of examples/acme-helpdesk", () => {
  test("the KOTS layout without --rewrite-images: upstream + userdata, base, overlays, admin-console, images.json", async () => {
    const root = newRoot();
    const r = await runPull([EXAMPLE, "--rootdir", root, ...lic, "--config-values", CONFIG_VALUES]);
    expect(r.code).toBe(0);
    const app = path.join(root, "acme-helpdesk");
    const files = tree(app);
    for (const f of ["upstream/kots-app.yaml", "upstream/web-deployment.yaml", "upstream/userdata/license.yaml", "upstream/userdata/config.yaml", "base/kustomization.yaml", "base/web-deployment.yaml", "overlays/midstream/kustomization.yaml", "overlays/downstreams/this-cluster/kustomization.yaml", "admin-console/kustomization.yaml", "images.json"])
      expect(files).toContain(f);
    // KOTS kinds stay out of the base; kots.io/when false documents too (TLS is off in the ConfigValues)
    expect(files.filter((f) => f.startsWith("base/")).sort()).toEqual(
      ["base/kustomization.yaml", "base/postgres-service.yaml", "base/postgres-statefulset.yaml", "base/redis-deployment.yaml", "base/redis-service.yaml", "base/secret.yaml", "base/web-deployment.yaml", "base/web-service.yaml"],
    );
    expect(parse(readFileSync(path.join(app, "base/kustomization.yaml"), "utf8")).resources).toContain("web-deployment.yaml");
    const web = readFileSync(path.join(app, "base/web-deployment.yaml"), "utf8");
    // LocalImageName: the original when public, the proxy name when private (here: ghcr.io is not reachable)
    expect(web).toMatch(/image: '(proxy\.replicated\.com\/proxy\/acme-helpdesk\/)?ghcr\.io\/acme\/helpdesk-web:3\.4\.1'/);
    expect(web).toContain("value: 'helpdesk.acme.example'");
    expect(web).not.toContain("imagePullSecrets"); // HasLocalRegistry is false without a rewrite
    // a license and no private registry: the proxy registry (issue 14 part 2, test/registry/proxy-*.test.ts):
    // images: entries only for the images found private (here the registries are not reachable, or
    // refuse anonymous reads), the license's pull Secret and its patches on every workload
    const mid = parse(readFileSync(path.join(app, "overlays/midstream/kustomization.yaml"), "utf8"));
    expect(mid).toMatchObject({ apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", bases: ["../../base"], resources: ["secret.yaml"], patchesStrategicMerge: ["pullsecrets.yaml"], commonAnnotations: { "kots.io/app-slug": "acme-helpdesk" } });
    for (const i of (mid.images ?? []) as { newName: string }[]) expect(i.newName).toStartWith("proxy.replicated.com/proxy/acme-helpdesk/");
    expect(parse(readFileSync(path.join(app, "overlays/downstreams/this-cluster/kustomization.yaml"), "utf8"))).toEqual({ apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", bases: ["../../midstream"] });
    expect(readFileSync(path.join(app, "upstream/userdata/license.yaml"), "utf8")).toBe(readFileSync(LICENSE, "utf8"));
    expect(r.stdout.trim().split("\n").pop()).toBe(`kubectl apply -k ${app}/overlays/downstreams/this-cluster -n default`);
    // nothing but the app's directory under the root (the temporary directory was renamed)
    expect(readdirSync(root)).toEqual(["acme-helpdesk"]);
  });

  test("with --rewrite-images: LocalImageName renders to the registry in base; --exclude-admin-console", async () => {
    const root = newRoot();
    const r = await runPull([EXAMPLE, ...rewriteArgs(root), "--exclude-admin-console"], { stdin: SECRET });
    expect(r.code).toBe(0);
    const app = path.join(root, "acme-helpdesk");
    expect(existsSync(path.join(app, "admin-console"))).toBe(false);
    const web = readFileSync(path.join(app, "base/web-deployment.yaml"), "utf8");
    expect(web).toContain("image: '127.0.0.1:5000/acme/helpdesk-web:3.4.1'");
    expect(web).toContain("acme-helpdesk-registry");
    const mid = parse(readFileSync(path.join(app, "overlays/midstream/kustomization.yaml"), "utf8"));
    expect(mid.resources).toEqual(["secret.yaml"]);
    expect(mid.patchesStrategicMerge).toEqual(["pullsecrets.yaml"]);
    expect(mid.images).toContainEqual({ name: "ghcr.io/acme/helpdesk-web", newName: "127.0.0.1:5000/acme/helpdesk-web", newTag: "3.4.1" });
    expect(r.stderr).toContain("ghcr.io/acme/helpdesk-web:3.4.1 → 127.0.0.1:5000/acme/helpdesk-web:3.4.1");
    expect(r.stderr).toContain("not pushed");
  });

  test("with --rewrite-images and no --registry-username: the docker login of the host, or no pull Secret", async () => {
    const home = newRoot();
    mkdirSync(path.join(home, ".docker"));
    writeFileSync(path.join(home, ".docker/config.json"), JSON.stringify({ auths: { "https://registry.example.com": { auth: Buffer.from(`ci:${SECRET}`).toString("base64") } } }));
    const root = newRoot();
    const r = await runPull([EXAMPLE, "--rootdir", root, "--rewrite-images", "--registry-endpoint", "registry.example.com", "--exclude-admin-console"], { env: { HOME: home } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Registry credentials for registry.example.com: ${home}/.docker/config.json`);
    const secret = parse(readFileSync(path.join(root, "acme-helpdesk/overlays/midstream/secret.yaml"), "utf8"));
    expect(JSON.parse(Buffer.from(secret.data[".dockerconfigjson"], "base64").toString()).auths["registry.example.com"]).toMatchObject({ username: "ci", password: SECRET });

    const other = newRoot();
    const n = await runPull([EXAMPLE, "--rootdir", other, "--rewrite-images", "--registry-endpoint", "127.0.0.1:5000", "--exclude-admin-console"], { env: { HOME: home } });
    expect(n.code).toBe(0);
    expect(n.stderr).toContain("Warning: no --registry-username and no docker login for 127.0.0.1:5000");
    expect(existsSync(path.join(other, "acme-helpdesk/overlays/midstream/secret.yaml"))).toBe(false);
    expect(existsSync(path.join(other, "acme-helpdesk/overlays/midstream/pullsecrets.yaml"))).toBe(false);
  });

  test("a re-run replaces the tree and keeps the operator's overlays/downstreams", async () => {
    const root = newRoot();
    expect((await runPull([EXAMPLE, "--rootdir", root, "--exclude-admin-console"])).code).toBe(0);
    const mine = path.join(root, "acme-helpdesk/overlays/downstreams/this-cluster/my-patch.yaml");
    writeFileSync(mine, "# mine\n");
    writeFileSync(path.join(root, "acme-helpdesk/base/stale.yaml"), "# stale\n");
    expect((await runPull([EXAMPLE, "--rootdir", root, "--exclude-admin-console"])).code).toBe(0);
    expect(readFileSync(mine, "utf8")).toBe("# mine\n");
    expect(existsSync(path.join(root, "acme-helpdesk/base/stale.yaml"))).toBe(false);
    expect(readdirSync(root)).toEqual(["acme-helpdesk"]);
  });

  test("--rootdir ~ is the home directory (the default)", async () => {
    const home = newRoot();
    const r = await runPull([EXAMPLE, "--exclude-admin-console"], { env: { HOME: home } });
    expect(r.code).toBe(0);
    expect(existsSync(path.join(home, "acme-helpdesk/base/kustomization.yaml"))).toBe(true);
  });
});

describe("APP forms", () => {
  test("replicated://slug needs the vendor API: exit 1, one line", async () => {
    const root = newRoot();
    const r = await runPull(["replicated://acme-helpdesk", "--rootdir", root]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("replicated.app");
    expect(r.stderr).toContain("REPLICATED_APP_ENDPOINT");
    const e = await runPull(["replicated://acme-helpdesk", "--rootdir", root], { env: { REPLICATED_APP_ENDPOINT: "http://127.0.0.1:3000" } });
    expect(e.code).toBe(1);
    expect(e.stderr).toContain("REPLICATED_APP_ENDPOINT=http://127.0.0.1:3000");
    expect(readdirSync(root)).toEqual([]);
  });

  test("a file APP is read as an airgap bundle: one that is not a bundle is exit 2, one line (test/registry/pull-airgap.test.ts: real bundles)", async () => {
    const root = newRoot();
    const bundle = path.join(tempDir("kots-pull-files-"), "app.airgap");
    writeFileSync(bundle, "not really");
    const r = await runPull([bundle, "--rootdir", root]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/--airgap-bundle .*app\.airgap is not a \.airgap bundle/);
    expect(readdirSync(root)).toEqual([]);
  });
});

describe("bad input: one line, exit 2, nothing written under --rootdir", () => {
  const bad: [string, (root: string) => string[], RegExp, string?][] = [
    ["a malformed endpoint", (root) => [EXAMPLE, "--rootdir", root, "--rewrite-images", "--registry-endpoint", "https://bad host", "--image-namespace", "acme"], /--registry-endpoint "https:\/\/bad host" is not a registry endpoint/],
    ["an endpoint with a bad port", (root) => [EXAMPLE, "--rootdir", root, "--rewrite-images", "--registry-endpoint", "registry.example.com:http"], /--registry-endpoint/],
    ["a malformed namespace", (root) => [EXAMPLE, "--rootdir", root, "--rewrite-images", "--registry-endpoint", "127.0.0.1:5000", "--image-namespace", "Acme Team"], /--image-namespace "Acme Team" is not a registry namespace/],
    ["--rewrite-images without an endpoint", (root) => [EXAMPLE, "--rootdir", root, "--rewrite-images"], /--rewrite-images needs --registry-endpoint/],
    ["an endpoint without --rewrite-images", (root) => [EXAMPLE, "--rootdir", root, "--registry-endpoint", "127.0.0.1:5000"], /--registry-endpoint is for --rewrite-images/],
    ["a username without a password", (root) => [EXAMPLE, "--rootdir", root, "--rewrite-images", "--registry-endpoint", "127.0.0.1:5000", "--registry-username", "u"], /--registry-username needs a password/],
    ["an unreadable password file", (root) => [EXAMPLE, "--rootdir", root, "--rewrite-images", "--registry-endpoint", "127.0.0.1:5000", "--registry-username", "u", "--registry-password-file", "/nonexistent/pw"], /--registry-password-file \/nonexistent\/pw cannot be read: no such file/],
    ["an unreadable license", (root) => [EXAMPLE, "--rootdir", root, "--license-file", "/nonexistent/license.yaml"], /\/nonexistent\/license.yaml cannot be read: no such file/],
    ["a license that is no License", (root) => [EXAMPLE, "--rootdir", root, "--license-file", CONFIG_VALUES], /--license-file .*configvalues.yaml/],
    ["a license signed by an unknown key", (root) => [EXAMPLE, "--rootdir", root, "--license-file", LICENSE], /--license-file .*acme-helpdesk-v1beta2.yaml/],
    ["unreadable config values", (root) => [EXAMPLE, "--rootdir", root, "--config-values", "/nonexistent/cv.yaml"], /--config-values \/nonexistent\/cv.yaml cannot be read: no such file/],
    ["config values that are no ConfigValues", (root) => [EXAMPLE, "--rootdir", root, "--config-values", LICENSE], /--config-values .*acme-helpdesk-v1beta2.yaml/],
    ["a bad namespace", (root) => [EXAMPLE, "--rootdir", root, "-n", "Not_A_Namespace"], /--namespace Not_A_Namespace is not a valid namespace name/],
    ["a missing release directory", (root) => [path.join(root, "nope"), "--rootdir", root], /is not a release directory/],
  ];
  for (const [what, args, message] of bad)
    test(what, async () => {
      const root = newRoot();
      const r = await runPull(args(root));
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe("");
      expect(readdirSync(root)).toEqual([]);
    });

  test("config values that do not fit the Config", async () => {
    const root = newRoot();
    const cv = path.join(tempDir("kots-pull-files-"), "cv.yaml");
    writeFileSync(cv, readFileSync(CONFIG_VALUES, "utf8").replace('value: "3"', 'value: "many"'));
    const r = await runPull([EXAMPLE, "--rootdir", root, "--config-values", cv]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/does not fit the release's Config/);
    expect(readdirSync(root)).toEqual([]);
  });

  const badReleases: [string, string, RegExp][] = [
    ["an image reference that does not parse", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: broken\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          image: Ghcr.io/Acme/Web:1.0\n", /extra.yaml: Deployment\/broken spec.template.spec.containers\[0\].image: invalid image reference "Ghcr.io\/Acme\/Web:1.0"/],
    ["an image with a bad tag", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  initContainers:\n    - name: a\n      image: 'redis:7 alpine'\n", /extra.yaml: Pod\/p spec.initContainers\[0\].image: invalid image reference/],
    ["a template error", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: '{{repl NoSuchFunction }}'\n", /extra.yaml/],
    ["YAML that does not parse after rendering", "apiVersion: v1\nkind: ConfigMap\nmetadata: [unclosed\n", /extra.yaml: not YAML after rendering/],
  ];
  for (const [what, extra, message] of badReleases)
    test(what, async () => {
      const root = newRoot();
      const r = await runPull([fixtureRelease(extra), "--rootdir", root, "--config-values", CONFIG_VALUES, "--rewrite-images", "--registry-endpoint", "127.0.0.1:5000"]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(readdirSync(root)).toEqual([]);
    });

  test("a --rootdir inside the release directory", async () => {
    const rel = fixtureRelease();
    const before = tree(rel);
    const r = await runPull([rel, "--rootdir", path.join(rel, "out")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--rootdir .*out is inside the release directory .*: choose a --rootdir outside it/);
    expect(tree(rel)).toEqual(before);
  });

  test("an existing tree is left as it was when the input is bad", async () => {
    const root = newRoot();
    mkdirSync(path.join(root, "acme-helpdesk"));
    writeFileSync(path.join(root, "acme-helpdesk", "keep.txt"), "x");
    const r = await runPull([EXAMPLE, "--rootdir", root, "--rewrite-images", "--registry-endpoint", "127.0.0.1:5000", "--image-namespace", "BAD"]);
    expect(r.code).toBe(2);
    expect(tree(root)).toEqual(["acme-helpdesk/keep.txt"]);
  });

  test("the password never shows in any output", () => {
    for (const o of outputs) expect(o).not.toContain(SECRET);
  });
});
