// The operator example (examples/acme-operator, issue 14 part 3) after kots pull: its Deployment
// passes LocalImageName / ImagePullSecretName / HasLocalRegistry… results to the operator through
// env, and its additionalImages are copied like any image. Three ways, with real loopback
// registries: (a) --rewrite-images to a private registry (every image, additionalImages included,
// pulled through the proxy stand-in — the example's registries do not resolve here, so KOTS counts
// them private — and pushed to the target); (b) no private registry and public images: the
// originals; (c) no private registry and private images: the proxy names. Rendered with the real
// `kubectl kustomize`.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { imagesOfDocument, isWorkloadKind, podSpecOf } from "../../src/pull/discover.ts";
import { startOpenRegistry, type RunningRegistry } from "../support/copy-registries.ts";
import { kustomizeDocs } from "../support/kubectl-kustomize.ts";
import { headManifest, pushTestImage, startPortlessPrivateRegistry, startProxyStandIn } from "../support/proxy-registries.ts";
import { startRegistry, type TestRegistry } from "../support/registry.ts";
import { outputs, PUBLIC_KEY, REPO, removeTempDirs, runPull, tempDir } from "../unit/pull/support.ts";

const EXAMPLE = path.join(REPO, "examples/acme-operator");
const LICENSE = path.join(REPO, "examples/licenses/acme-operator-v1beta2.yaml");
const LICENSE_ID = "2ExampleLicense0AcmeOperator0";
const SLUG = "acme-operator";
const CONFIG_VALUES = path.join(EXAMPLE, "configvalues.yaml");
const licenseArgs = ["--license-file", LICENSE, "--license-public-key", PUBLIC_KEY, "--config-values", CONFIG_VALUES];

// the example's images as written
const CONTROLLER = "registry.acme.example/operator/controller:1.4.0";
const WORKER = "registry.acme.example/operator/worker:2.3.1";
const BUSYBOX = "docker.io/library/busybox:1.36";

let open: RunningRegistry;
let priv: RunningRegistry;
let proxy: RunningRegistry;
let target: TestRegistry;

/** A copy of the example with its registries replaced (`registry.acme.example` → `acme`, `docker.io/library` → `library`). */
function exampleWith(acme: string, library: string): string {
  const dir = path.join(tempDir("kots-op-rel-"), SLUG);
  cpSync(EXAMPLE, dir, { recursive: true });
  for (const f of readdirSync(dir).filter((n) => n.endsWith(".yaml"))) {
    const p = path.join(dir, f);
    writeFileSync(p, readFileSync(p, "utf8").replaceAll("registry.acme.example", acme).replaceAll("docker.io/library", library));
  }
  return dir;
}

beforeAll(async () => {
  [open, priv, proxy, target] = await Promise.all([startOpenRegistry(), startPortlessPrivateRegistry(), startProxyStandIn(LICENSE_ID), startRegistry()]);
  const layout = tempDir("kots-op-layout-");
  const lic = { username: LICENSE_ID, password: LICENSE_ID };
  for (const [name, image] of [["controller", CONTROLLER], ["worker", WORKER], ["busybox", BUSYBOX]] as const) {
    // the proxy serves each image under proxy/<app>/<image as written>
    await pushTestImage(layout, name, `${proxy.host}/proxy/${SLUG}/${image}`, lic);
    // (c): the same under the private test registry's name
    await pushTestImage(layout, name, `${proxy.host}/proxy/${SLUG}/${image.replace("registry.acme.example", priv.host)}`, lic);
    // and the open registry serves them publicly for (b)
    await pushTestImage(layout, name, image.replace("registry.acme.example", open.host).replace("docker.io/library", `${open.host}/library`));
  }
}, 90_000);

afterAll(() => {
  for (const r of [open, priv, proxy]) r?.stop();
  target?.stop();
  removeTempDirs();
});

type Obj = Record<string, unknown>;
const nameOf = (d: Obj) => `${d.kind}/${(d.metadata as { name: string }).name}`;

/** The rendered downstream: the operator Deployment's env, every image, the documents. */
function rendered(appDir: string): { env: Record<string, string>; images: string[]; docs: Obj[] } {
  const docs = kustomizeDocs(path.join(appDir, "overlays/downstreams/this-cluster"));
  const op = docs.find((d) => nameOf(d) === "Deployment/acme-operator")!;
  const c = (podSpecOf(op)!.containers as Obj[])[0]!;
  const env = Object.fromEntries((c.env as { name: string; value: string }[]).map((e) => [e.name, e.value]));
  return { env, images: docs.flatMap((d) => imagesOfDocument(d, "out")).map((i) => i.image), docs };
}

describe("(a) --rewrite-images to a private registry", () => {
  let appDir: string;
  let code: number;
  let stderr: string;

  beforeAll(async () => {
    const root = tempDir("kots-op-a-");
    const r = await runPull(
      [EXAMPLE, "--rootdir", root, ...licenseArgs, "-n", "ops", "--exclude-admin-console",
        "--rewrite-images", "--registry-endpoint", `http://${target.host}`, "--image-namespace", "acme",
        "--registry-username", target.username, "--registry-password-stdin"],
      { env: { KOTS_TUI_PROXY_REGISTRY_HOST: proxy.host }, stdin: `${target.password}\n`, images: true },
    );
    ({ code, stderr } = r);
    appDir = path.join(root, SLUG);
  }, 90_000);

  test("exit 0", () => expect(`${code} ${stderr}`).toStartWith("0 "));

  test("env: the private-registry names, the pull Secret's name, the registry's address", () => {
    const { env, images } = rendered(appDir);
    const T = `${target.host}/acme`;
    expect(env).toEqual({
      WORKER_IMAGE: `${T}/worker:2.3.1`,
      HELPER_IMAGE: `${T}/busybox:1.36`,
      IMAGE_PULL_SECRET: `${SLUG}-registry`,
      HAS_LOCAL_REGISTRY: "true",
      LOCAL_REGISTRY_HOST: target.host,
      LOCAL_REGISTRY_NAMESPACE: "acme",
      LOCAL_REGISTRY_ADDRESS: T,
      WORKER_NAMESPACE: "acme-jobs",
      WORKER_CONCURRENCY: "4",
    });
    expect(images).toEqual([`${T}/controller:1.4.0`]);
  });

  test("LocalRegistryImagePullSecret: the Secret holds KOTS's dockerconfigjson for the registry (auth only, as PullSecretForRegistries writes it)", () => {
    const { docs } = rendered(appDir);
    const s = docs.find((d) => nameOf(d) === "Secret/acme-operator-local-registry")!;
    const json = Buffer.from((s.data as Record<string, string>)[".dockerconfigjson"]!, "base64").toString();
    expect(json).toBe(`{"auths":{"${target.host}":{"auth":"${Buffer.from(`${target.username}:${target.password}`).toString("base64")}"}}}`);
    for (const w of docs.filter((d) => isWorkloadKind(d.kind))) expect(podSpecOf(w)?.imagePullSecrets).toEqual([{ name: `${SLUG}-registry` }]);
  });

  test("every image, additionalImages included, is in the private registry (pulled through the proxy: the example's registries do not resolve)", async () => {
    const creds = { username: target.username, password: target.password };
    for (const [repo, tag] of [["acme/controller", "1.4.0"], ["acme/worker", "2.3.1"], ["acme/busybox", "1.36"]])
      expect(`${repo}:${tag} ${await headManifest(target.host, repo!, tag!, creds)}`).toBe(`${repo}:${tag} 200`);
    const doc = JSON.parse(readFileSync(path.join(appDir, "images.json"), "utf8")) as { images: { source: string; destination: string }[] };
    expect(doc.images.map((i) => [i.source, i.destination])).toEqual([
      [WORKER, `${target.host}/acme/worker:2.3.1`],
      [BUSYBOX, `${target.host}/acme/busybox:1.36`],
      [CONTROLLER, `${target.host}/acme/controller:1.4.0`],
    ]);
  });

  test("the additional namespace gets the registry's pull Secret", () => {
    const docs = kustomizeDocs(path.join(appDir, "additional-namespaces"));
    const s = docs.find((d) => d.kind === "Secret")!;
    expect((s.metadata as { namespace: string }).namespace).toBe("acme-jobs");
    expect(Object.keys(JSON.parse(Buffer.from((s.data as Record<string, string>)[".dockerconfigjson"]!, "base64").toString()).auths)).toEqual([target.host]);
  });

  test("the registry password is in no output", () => {
    for (const o of outputs) expect(o).not.toContain(target.password);
  });
});

describe("(b) no private registry, public images", () => {
  test("with a license: the originals in env and in the pods, no images: entries; the license pull Secret and patches still (as KOTS)", async () => {
    const root = tempDir("kots-op-b-");
    const r = await runPull([exampleWith(open.host, `${open.host}/library`), "--rootdir", root, ...licenseArgs, "--exclude-admin-console"]);
    expect(`${r.code} ${r.stderr}`).toStartWith("0 ");
    expect(r.stderr).not.toContain("Warning");
    const appDir = path.join(root, SLUG);
    const { env, images, docs } = rendered(appDir);
    expect(env).toMatchObject({ WORKER_IMAGE: `${open.host}/operator/worker:2.3.1`, HELPER_IMAGE: `${open.host}/library/busybox:1.36`, IMAGE_PULL_SECRET: `${SLUG}-registry`, HAS_LOCAL_REGISTRY: "false", LOCAL_REGISTRY_ADDRESS: "" });
    expect(images).toEqual([`${open.host}/operator/controller:1.4.0`]);
    expect((parse(readFileSync(path.join(appDir, "overlays/midstream/kustomization.yaml"), "utf8")) as { images?: unknown }).images).toBeUndefined();
    expect(docs.some((d) => nameOf(d) === "Secret/acme-operator-local-registry")).toBe(false); // kots.io/when HasLocalRegistry
    expect(docs.some((d) => nameOf(d) === `Secret/${SLUG}-registry`)).toBe(true);
  });

  test("without a license: the originals, no pull Secret (KOTS proxies only for a licensed app)", async () => {
    const root = tempDir("kots-op-b2-");
    const r = await runPull([EXAMPLE, "--rootdir", root, "--config-values", CONFIG_VALUES, "--exclude-admin-console"]);
    expect(`${r.code} ${r.stderr}`).toStartWith("0 ");
    const { env, images, docs } = rendered(path.join(root, SLUG));
    expect(env).toMatchObject({ WORKER_IMAGE: WORKER, HELPER_IMAGE: BUSYBOX, IMAGE_PULL_SECRET: `${SLUG}-registry`, HAS_LOCAL_REGISTRY: "false" });
    expect(images).toEqual([CONTROLLER]);
    expect(docs.some((d) => d.kind === "Secret")).toBe(false);
    expect(existsSync(path.join(root, SLUG, "additional-namespaces"))).toBe(false);
  });
});

describe("(c) no private registry, private images: through the proxy", () => {
  test("private images → proxy names in env and in the pods; the public one as written; the pull Secret here and in acme-jobs", async () => {
    const root = tempDir("kots-op-c-");
    const r = await runPull([exampleWith(priv.host, `${open.host}/library`), "--rootdir", root, ...licenseArgs, "--exclude-admin-console", "-n", "ops"], { env: { KOTS_TUI_PROXY_REGISTRY_HOST: proxy.host } });
    expect(`${r.code} ${r.stderr}`).toStartWith("0 ");
    const appDir = path.join(root, SLUG);
    const { env, images, docs } = rendered(appDir);
    const px = `${proxy.host}/proxy/${SLUG}/${priv.host}/operator`;
    expect(env).toMatchObject({ WORKER_IMAGE: `${px}/worker:2.3.1`, HELPER_IMAGE: `${open.host}/library/busybox:1.36`, IMAGE_PULL_SECRET: `${SLUG}-registry`, HAS_LOCAL_REGISTRY: "false" });
    expect(images).toEqual([`${px}/controller:1.4.0`]);
    const op = docs.find((d) => nameOf(d) === "Deployment/acme-operator")!;
    expect(podSpecOf(op)?.imagePullSecrets).toEqual([{ name: `${SLUG}-registry` }]);
    const secret = docs.find((d) => nameOf(d) === `Secret/${SLUG}-registry`)!;
    expect(Object.keys(JSON.parse(Buffer.from((secret.data as Record<string, string>)[".dockerconfigjson"]!, "base64").toString()).auths).sort()).toEqual([proxy.host, "registry.replicated.com"].sort());
    const extra = kustomizeDocs(path.join(appDir, "additional-namespaces"));
    expect(extra.map((d) => `${nameOf(d)} ${(d.metadata as { namespace?: string }).namespace ?? ""}`).sort()).toEqual(["Namespace/acme-jobs ", `Secret/${SLUG}-registry acme-jobs`]);
    // the proxy holds the operator's worker image under the name the operator is given
    const rest = env.WORKER_IMAGE!.slice(proxy.host.length + 1);
    expect(await headManifest(proxy.host, rest.slice(0, rest.lastIndexOf(":")), "2.3.1", { username: LICENSE_ID, password: LICENSE_ID })).toBe(200);
  });
});
