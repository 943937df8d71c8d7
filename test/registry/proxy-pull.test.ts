// kots pull with a license and no private registry (issue 14 part 2; seed 004; KOTS v1.88
// pkg/pull writeMidstream, pkg/base FindPrivateImages): private images go through the proxy
// registry. Real loopback registries: an open one (public images), an htpasswd one on port 80 of a
// 127.x address (private images, no port in their names), a Bearer one on a port (private, cannot be
// proxied) and the proxy stand-in (htpasswd with the license ID), named by the test-only env
// KOTS_TUI_PROXY_REGISTRY_HOST. The output is rendered with the real `kubectl kustomize`.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { imagesOfDocument, isWorkloadKind, podSpecOf } from "../../src/pull/discover.ts";
import { startOpenRegistry, type RunningRegistry } from "../support/copy-registries.ts";
import { kustomizeDocs } from "../support/kubectl-kustomize.ts";
import { headManifest, pushTestImage, startBearerRegistry, startPortlessPrivateRegistry, startProxyStandIn, type BearerRegistry } from "../support/proxy-registries.ts";
import { outputs, PUBLIC_KEY, REPO, removeTempDirs, runPull, tempDir } from "../unit/pull/support.ts";

const LICENSE = path.join(REPO, "examples/licenses/acme-operator-v1beta2.yaml");
const LICENSE_ID = "2ExampleLicense0AcmeOperator0"; // examples/licenses/acme-operator.unsigned.yaml
const SLUG = "acme-operator";

let open: RunningRegistry;
let priv: RunningRegistry;
let bearer: BearerRegistry;
let proxy: RunningRegistry;
let dbDigest: string;

/** The release: every workload kind; images private, public, on the proxy host, on a ported private registry, on the Replicated registry. */
function release(opts: { uncopyable: boolean; app?: string }): string {
  const dir = path.join(tempDir("kots-proxy-rel-"), SLUG);
  mkdirSync(dir);
  const P = priv.host;
  const O = open.host;
  writeFileSync(
    path.join(dir, "kots-app.yaml"),
    opts.app ??
      `apiVersion: kots.io/v1beta1\nkind: Application\nmetadata:\n  name: ${SLUG}\nspec:\n  title: Acme Operator\n  additionalImages:\n    - ${P}/acme/worker:2.0\n  additionalNamespaces:\n    - acme-jobs\n    - apps\n    - "*"\n`,
  );
  const pod = (image: string) => `    spec:\n      containers:\n        - name: main\n          image: ${image}\n`;
  const docs = [
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n        - name: api\n          image: ${P}/acme/api:1.0\n          env:\n            - {name: WORKER, value: '{{repl LocalImageName "${P}/acme/worker:2.0"}}'}\n            - {name: HELPER, value: '{{repl LocalImageName "${O}/vendor/pub:1.0"}}'}\n            - {name: PULL, value: '{{repl ImagePullSecretName}}'}\n        - name: sidecar\n          image: ${O}/vendor/pub:1.0\n`,
    `apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: db\nspec:\n  selector: {matchLabels: {app: db}}\n  serviceName: db\n  template:\n    metadata: {labels: {app: db}}\n${pod(`${P}/acme/db@${dbDigest}`)}`,
    `apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n${pod(`${proxy.host}/proxy/${SLUG}/quay.io/acme/agent:3`)}`,
    `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: report\nspec:\n  schedule: "0 3 * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers:\n            - name: report\n              image: ${P}/acme/report\n`,
  ];
  if (opts.uncopyable)
    docs.push(
      `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: seed\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: seed\n          image: ${bearer.host}/acme/sec:3\n`,
      `apiVersion: v1\nkind: Pod\nmetadata:\n  name: tools\nspec:\n  containers:\n    - name: tools\n      image: registry.replicated.com/${SLUG}/tools:1\n`,
    );
  writeFileSync(path.join(dir, "workloads.yaml"), docs.join("---\n"));
  return dir;
}

const licenseArgs = ["--license-file", LICENSE, "--license-public-key", PUBLIC_KEY];
const proxyEnv = () => ({ KOTS_TUI_PROXY_REGISTRY_HOST: proxy.host });
const licenseCreds = { username: LICENSE_ID, password: LICENSE_ID };

beforeAll(async () => {
  [open, priv, bearer, proxy] = await Promise.all([startOpenRegistry(), startPortlessPrivateRegistry(), startBearerRegistry(false), startProxyStandIn(LICENSE_ID)]);
  const layout = tempDir("kots-proxy-layout-");
  await pushTestImage(layout, "pub", `${open.host}/vendor/pub:1.0`);
  await pushTestImage(layout, "sec", `${bearer.host}/acme/sec:3`, { username: "pusher", password: "x" });
  // the proxy serves the private images under proxy/<app>/<image as written>
  const P = priv.host;
  for (const [name, ref] of [
    ["api", `${P}/acme/api:1.0`],
    ["worker", `${P}/acme/worker:2.0`],
    ["report", `${P}/acme/report:latest`],
    ["db", `${P}/acme/db:1`],
    ["agent", `quay.io/acme/agent:3`],
  ] as const) {
    const built = await pushTestImage(layout, name, `${proxy.host}/proxy/${SLUG}/${ref}`, licenseCreds);
    if (name === "db") dbDigest = built.digest;
  }
}, 90_000);

afterAll(() => {
  for (const r of [open, priv, bearer, proxy]) r?.stop();
  removeTempDirs();
});

type Obj = Record<string, unknown>;
const nameOf = (d: Obj) => `${d.kind}/${(d.metadata as { name: string }).name}`;
const decodeSecret = (s: Obj) => JSON.parse(Buffer.from((s.data as Record<string, string>)[".dockerconfigjson"]!, "base64").toString()) as { auths: Record<string, { username: string; password: string; auth: string }> };

describe("kots pull through the proxy registry (no --rewrite-images, a license)", () => {
  let root: string;
  let appDir: string;
  let run: { code: number; stdout: string; stderr: string };

  beforeAll(async () => {
    root = tempDir("kots-proxy-out-");
    run = await runPull([release({ uncopyable: true }), "--rootdir", root, ...licenseArgs, "-n", "apps", "--exclude-admin-console"], { env: proxyEnv() });
    appDir = path.join(root, SLUG);
  }, 60_000);

  test("exit 0; warnings name the ported private image, the unreachable Replicated registry and \"*\"", () => {
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(`cannot go through the proxy registry ${proxy.host}`);
    expect(run.stderr).toContain(`${bearer.host}/acme/sec:3`);
    expect(run.stderr).toContain("cannot check whether the images on registry.replicated.com are private");
    expect(run.stderr).toContain('additionalNamespaces has "*"');
    expect(run.stdout.trim().split("\n")).toEqual([`kubectl apply -k ${appDir}/additional-namespaces`, `kubectl apply -k ${appDir}/overlays/downstreams/this-cluster`]);
  });

  test("midstream images: entries for the private images only, as KOTS writes them (name without tag, newName, newTag or digest)", () => {
    const k = parse(readFileSync(path.join(appDir, "overlays/midstream/kustomization.yaml"), "utf8")) as { images: Obj[]; resources: string[]; patchesStrategicMerge: string[] };
    const P = priv.host;
    const base = `${proxy.host}/proxy/${SLUG}/${P}/acme`;
    expect(k.images).toEqual([
      { name: `${P}/acme/api`, newName: `${base}/api`, newTag: "1.0" },
      { name: `${P}/acme/db`, newName: `${base}/db`, digest: dbDigest },
      { name: `${P}/acme/report`, newName: `${base}/report`, newTag: "latest" },
      { name: `${P}/acme/worker`, newName: `${base}/worker`, newTag: "2.0" },
    ]);
    expect(k.resources).toEqual(["secret.yaml"]);
    expect(k.patchesStrategicMerge).toEqual(["pullsecrets.yaml"]);
  });

  test("images.json: private or not, and the proxy reference of each proxied image", () => {
    const doc = JSON.parse(readFileSync(path.join(appDir, "images.json"), "utf8")) as { proxy: string; images: { source: string; private: boolean; proxied?: string }[] };
    expect(doc.proxy).toBe(proxy.host);
    const by = Object.fromEntries(doc.images.map((i) => [i.source, i]));
    expect(by[`${open.host}/vendor/pub:1.0`]).toMatchObject({ private: false });
    expect(by[`${open.host}/vendor/pub:1.0`]!.proxied).toBeUndefined();
    expect(by[`${priv.host}/acme/worker:2.0`]).toMatchObject({ private: true, proxied: `${proxy.host}/proxy/${SLUG}/${priv.host}/acme/worker:2.0` });
    expect(by[`${bearer.host}/acme/sec:3`]).toMatchObject({ private: true });
    expect(by[`${bearer.host}/acme/sec:3`]!.proxied).toBeUndefined();
  });

  test("kubectl kustomize: private images at the proxy, the others as written, the pull secret on every workload, LocalImageName in env", () => {
    const docs = kustomizeDocs(path.join(appDir, "overlays/downstreams/this-cluster"));
    const workloads = docs.filter((d) => isWorkloadKind(d.kind));
    expect(workloads.map(nameOf).sort()).toEqual(["CronJob/report", "DaemonSet/agent", "Deployment/web", "Job/seed", "Pod/tools", "StatefulSet/db"]);
    for (const w of workloads) expect(podSpecOf(w)?.imagePullSecrets).toEqual([{ name: `${SLUG}-registry` }]);
    for (const d of docs) expect((d.metadata as { namespace?: string }).namespace).toBe("apps");
    const images = Object.fromEntries(docs.flatMap((d) => imagesOfDocument(d, "out")).map((i) => [`${i.object} ${i.field}`, i.image]));
    const px = `${proxy.host}/proxy/${SLUG}/${priv.host}/acme`;
    expect(images).toEqual({
      "Deployment/web spec.template.spec.containers[0].image": `${px}/api:1.0`,
      "Deployment/web spec.template.spec.containers[1].image": `${open.host}/vendor/pub:1.0`,
      "StatefulSet/db spec.template.spec.containers[0].image": `${px}/db@${dbDigest}`,
      "DaemonSet/agent spec.template.spec.containers[0].image": `${proxy.host}/proxy/${SLUG}/quay.io/acme/agent:3`,
      "CronJob/report spec.jobTemplate.spec.template.spec.containers[0].image": `${px}/report:latest`,
      "Job/seed spec.template.spec.containers[0].image": `${bearer.host}/acme/sec:3`,
      "Pod/tools spec.containers[0].image": `registry.replicated.com/${SLUG}/tools:1`,
    });
    const web = workloads.find((w) => nameOf(w) === "Deployment/web")!;
    const env = Object.fromEntries(((podSpecOf(web)!.containers as Obj[])[0]!.env as { name: string; value: string }[]).map((e) => [e.name, e.value]));
    expect(env).toEqual({ WORKER: `${px}/worker:2.0`, HELPER: `${open.host}/vendor/pub:1.0`, PULL: `${SLUG}-registry` });
  });

  test("the pull Secret: dockerconfigjson for the proxy and the Replicated registry, the license ID as username and password", () => {
    const docs = kustomizeDocs(path.join(appDir, "overlays/downstreams/this-cluster"));
    const secret = docs.find((d) => d.kind === "Secret" && (d.metadata as { name: string }).name === `${SLUG}-registry`)!;
    expect(secret.type).toBe("kubernetes.io/dockerconfigjson");
    const { auths } = decodeSecret(secret);
    expect(Object.keys(auths).sort()).toEqual([proxy.host, "registry.replicated.com"].sort());
    for (const a of Object.values(auths)) expect(a).toEqual({ username: LICENSE_ID, password: LICENSE_ID, auth: Buffer.from(`${LICENSE_ID}:${LICENSE_ID}`).toString("base64") });
  });

  test("every proxied image exists at the proxy for the pull Secret's credentials (and not anonymously)", async () => {
    const docs = kustomizeDocs(path.join(appDir, "overlays/downstreams/this-cluster"));
    const { auths } = decodeSecret(docs.find((d) => d.kind === "Secret")!);
    const creds = { username: auths[proxy.host]!.username, password: auths[proxy.host]!.password };
    const web = docs.find((d) => nameOf(d) === "Deployment/web")!;
    const envWorker = ((podSpecOf(web)!.containers as Obj[])[0]!.env as { name: string; value: string }[]).find((e) => e.name === "WORKER")!.value;
    const proxied = [...docs.flatMap((d) => imagesOfDocument(d, "out")).map((i) => i.image), envWorker].filter((i) => i.startsWith(`${proxy.host}/`));
    expect(proxied.length).toBe(5);
    for (const img of proxied) {
      const rest = img.slice(proxy.host.length + 1);
      const [repo, ref] = rest.includes("@") ? rest.split("@") : [rest.slice(0, rest.lastIndexOf(":")), rest.slice(rest.lastIndexOf(":") + 1)];
      expect(`${img} ${await headManifest(proxy.host, repo!, ref!, creds)}`).toBe(`${img} 200`);
      expect(`${img} ${await headManifest(proxy.host, repo!, ref!)}`).toBe(`${img} 401`);
    }
  });

  test("additionalNamespaces: a Namespace and the same pull Secret in acme-jobs; not the install namespace; nothing for \"*\"", () => {
    const docs = kustomizeDocs(path.join(appDir, "additional-namespaces"));
    expect(docs.map((d) => `${nameOf(d)} ${(d.metadata as { namespace?: string }).namespace ?? ""}`).sort()).toEqual(["Namespace/acme-jobs ", `Secret/${SLUG}-registry acme-jobs`]);
    const mid = kustomizeDocs(path.join(appDir, "overlays/midstream")).find((d) => d.kind === "Secret")!;
    expect(decodeSecret(docs.find((d) => d.kind === "Secret")!)).toEqual(decodeSecret(mid));
  });

  test("the license ID is in no output, and the files that hold it are 0600", () => {
    for (const o of outputs) expect(o).not.toContain(LICENSE_ID);
    for (const f of ["upstream/userdata/license.yaml", "overlays/midstream/secret.yaml", "additional-namespaces/secrets.yaml"])
      expect(`${f} ${(statSync(path.join(appDir, f)).mode & 0o777).toString(8)}`).toBe(`${f} 600`);
    expect(readFileSync(path.join(appDir, "images.json"), "utf8")).not.toContain(LICENSE_ID);
  });
});

describe("custom domains: the Application's proxyRegistryDomain and replicatedRegistryDomain", () => {
  test("private images go to the custom proxy domain; images on either custom domain stay; the Secret covers both", async () => {
    const root = tempDir("kots-proxy-custom-");
    const app = `apiVersion: kots.io/v1beta1\nkind: Application\nmetadata:\n  name: ${SLUG}\nspec:\n  title: Acme Operator\n  proxyRegistryDomain: proxy.acme-custom.example\n  replicatedRegistryDomain: registry.acme-custom.example\n  additionalImages:\n    - registry.acme-custom.example/${SLUG}/tools:1\n    - proxy.acme-custom.example/proxy/${SLUG}/quay.io/acme/x:1\n`;
    const r = await runPull([release({ uncopyable: false, app }), "--rootdir", root, ...licenseArgs, "--exclude-admin-console"]);
    expect(r.code).toBe(0);
    const appDir = path.join(root, SLUG);
    const k = parse(readFileSync(path.join(appDir, "overlays/midstream/kustomization.yaml"), "utf8")) as { images: { name: string; newName: string }[] };
    // worker is only a LocalImageName argument here (not in additionalImages): no images: entry, the proxy name in env
    expect(k.images.map((i) => i.name).sort()).toEqual(["api", "db", "report"].map((n) => `${priv.host}/acme/${n}`));
    for (const i of k.images) expect(i.newName).toBe(`proxy.acme-custom.example/proxy/${SLUG}/${i.name}`);
    expect(readFileSync(path.join(appDir, "base/workloads.yaml"), "utf8")).toContain(`value: 'proxy.acme-custom.example/proxy/${SLUG}/${priv.host}/acme/worker:2.0'`);
    const secret = kustomizeDocs(path.join(appDir, "overlays/midstream")).find((d) => d.kind === "Secret")!;
    expect(Object.keys(decodeSecret(secret).auths).sort()).toEqual(["proxy.acme-custom.example", "registry.acme-custom.example"]);
    expect(existsSync(path.join(appDir, "additional-namespaces"))).toBe(false);
  });
});

describe("kots pull copies the private images through the proxy with the license ID", () => {
  test("into <app>/images/: public ones from their registry, private ones through the proxy stand-in", async () => {
    const root = tempDir("kots-proxy-copy-");
    const r = await runPull([release({ uncopyable: false }), "--rootdir", root, ...licenseArgs, "--exclude-admin-console", "--output", "json"], { env: proxyEnv(), images: true });
    expect(`${r.code} ${r.stderr}`).toStartWith("0");
    const index = JSON.parse(readFileSync(path.join(root, SLUG, "images/index.json"), "utf8")) as { manifests: { annotations: Record<string, string> }[] };
    const names = index.manifests.map((m) => m.annotations["org.opencontainers.image.ref.name"]).sort();
    const P = priv.host;
    expect(names).toEqual(
      [`${open.host}/vendor/pub:1.0`, `${P}/acme/api:1.0`, `${P}/acme/db@${dbDigest}`, `${P}/acme/report`, `${P}/acme/worker:2.0`, `${proxy.host}/proxy/${SLUG}/quay.io/acme/agent:3`].sort(),
    );
    // the private registry holds none of them: they came through the proxy
    expect(await headManifest(P, "acme/api", "1.0", { username: priv.username!, password: priv.password! })).toBe(404);
    const done = r.stdout.trim().split("\n").map((l) => JSON.parse(l) as { type: string }).pop()!;
    expect(done.type).toBe("done");
  }, 60_000);
});
