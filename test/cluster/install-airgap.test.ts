// kots install APP --airgap-bundle FILE --kotsadm-registry HOST/NS (issue 14 part 1), the compiled
// binary against the local cluster: a bundle of examples/acme-helpdesk built with
// `kots airgap build --image-mirror …` from images made in code and served by
// a loopback source registry through mirrors, installed headless through an htpasswd + TLS
// registry (Debian docker-registry with a test CA). Every pod's image must point at that registry
// and every pod must carry the pull secret; kotsadm's airgap hand-over is checked in the cluster.
// Bad inputs: exit 2, nothing of ours in the cluster, and nothing pushed where the case says so.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureCluster, uniqueNamespace, type TestCluster } from "../support/cluster.ts";
import { startOpenRegistry, startTlsAuthRegistry, type RunningRegistry } from "../support/copy-registries.ts";
import { dropNamespace, getItems, getOne } from "../support/inspect.ts";
import { allOutputs, parseEvents, runKots, spawnKots } from "../support/kots.ts";
import { drain, readUntil } from "../support/event-stream.ts";
import type { InstallEvent } from "../../src/install/events.ts";
import { EXAMPLE_SOURCE_IMAGES as SOURCE_IMAGES, serveExampleImages } from "../support/example-images.ts";
import { airgapYaml, packBundle, writeReleaseArchive } from "../support/airgap-fixtures.ts";

const KiB = 1024;
const LICENSE = "examples/licenses/acme-helpdesk-v1beta2.yaml";
const KEY = "examples/keys/example-global.public.pem";
const ADMIN_CONSOLE = ["kotsadm", "kotsadm-migrations", "minio"];

let tc: TestCluster;
let source: RunningRegistry;
let target: RunningRegistry;
const dirs: string[] = [];
const made: string[] = [];
let work: string;
let passwordFile: string;
let bundle: string;
let appOnlyBundle: string;

const temp = (p: string) => {
  const d = mkdtempSync(path.join(os.tmpdir(), p));
  dirs.push(d);
  return d;
};

/** The registry's answer to GET `path` with the test credentials and CA. */
async function registryGet(p: string, method = "GET"): Promise<Response> {
  const auth = "Basic " + Buffer.from(`${target.username}:${target.password}`).toString("base64");
  return fetch(`https://${target.host}${p}`, {
    method,
    headers: { authorization: auth, accept: "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.index.v1+json" },
    tls: { ca: readFileSync(target.caFile!, "utf8") },
  } as RequestInit);
}

/** Repositories of the target registry under `ns/`. */
async function reposUnder(ns: string): Promise<string[]> {
  const r = await registryGet("/v2/_catalog?n=1000");
  expect(r.status).toBe(200);
  return ((await r.json()) as { repositories: string[] }).repositories.filter((x) => x.startsWith(`${ns}/`));
}

function installArgs(ns: string, bundleFile: string, registryNs: string, extra: string[] = []): string[] {
  return [
    "install", "acme-helpdesk", "-n", ns,
      "--airgap-bundle", bundleFile,
      "--kotsadm-registry", `${target.host}/${registryNs}`,
      "--registry-username", target.username!,
      "--registry-password-file", passwordFile,
      "--registry-ca-file", target.caFile!,
      "--license-file", LICENSE, "--license-public-key", KEY,
      "--config-values", "examples/acme-helpdesk/configvalues.yaml",
      "--yes", "--no-port-forward", "--output", "json", "--kubeconfig", tc.kubeconfig,
      ...extra,
    ];
}

function install(ns: string, bundleFile: string, registryNs: string, extra: string[] = []) {
  return runKots(installArgs(ns, bundleFile, registryNs, extra), { env: { KOTS_SHARED_PASSWORD: "airgap-admin-pw" }, timeoutMs: 240_000 });
}

/** A bundle of the example app built by `kots airgap build`, its images pulled from `from` through mirrors of the public registries. */
async function buildBundle(from: RunningRegistry, out: string, extra: string[]): Promise<string> {
  const r = await runKots([
    "airgap", "build", "examples/acme-helpdesk", "--license-file", LICENSE, "--license-public-key", KEY,
    "--config-values", "examples/acme-helpdesk/configvalues.yaml", "--version-label", "3.4.1",
    "--image-mirror", `docker.io=${from.host}`, "--image-mirror", `ghcr.io=${from.host}`, "-o", out, ...extra,
  ]);
  if (r.code !== 0) throw new Error(`kots airgap build failed (${r.code}): ${r.stderr}`);
  return out;
}

/** Objects we would have made in `ns`: none, and the namespace itself absent. */
function nothingApplied(ns: string): void {
  expect(getOne(tc, "namespace", ns)).toBeUndefined();
}

beforeAll(async () => {
  tc = ensureCluster();
  [source, target] = await Promise.all([startOpenRegistry(), startTlsAuthRegistry()]);
  work = temp("kots-airgap-install-");
  passwordFile = path.join(work, "registry-password");
  writeFileSync(passwordFile, target.password! + "\n", { mode: 0o600 });
  // the images, made in code, served by the source registry under their own repository paths
  await serveExampleImages(source, path.join(work, "layout"), [40 * KiB, 3 * KiB]);
  // the bundles, built by `kots airgap build` through mirrors of the public registries
  bundle = await buildBundle(source, path.join(work, "acme-helpdesk.airgap"), ["--include-admin-console"]);
  appOnlyBundle = await buildBundle(source, path.join(work, "acme-helpdesk-app-only.airgap"), []);
}, 180_000);

afterAll(() => {
  for (const ns of made) dropNamespace(tc, ns);
  source?.stop();
  target?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("kots install --airgap-bundle through an authenticated TLS registry", () => {
  const ns = uniqueNamespace("airgap");
  test(
    "pushes every image, checks them, installs with every pod image in the registry and the pull secret on every pod",
    async () => {
      made.push(ns);
      const r = await install(ns, bundle, "acme");
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const types = r.events.map((e) => e.type);
      // the push and the check come before the first apply
      const firstApply = types.indexOf("object-applied");
      const verified = types.indexOf("images-verified");
      expect(verified).toBeGreaterThan(0);
      expect(verified).toBeLessThan(firstApply);
      const pushed = r.events.filter((e) => e.type === "image-done") as Array<{ image: string; target: string; bytesCopied: number }>;
      expect(pushed.map((e) => e.image).sort()).toEqual([...SOURCE_IMAGES].sort());
      for (const e of pushed) expect(e.target.startsWith(`${target.host}/acme/`)).toBe(true);
      expect(r.events.some((e) => e.type === "total-progress")).toBe(true);
      expect(r.events.at(-1)).toMatchObject({ type: "done", namespace: ns });

      // every image is in the registry (manifest HEAD from here, not through kots)
      for (const image of SOURCE_IMAGES) {
        const [, repo, tag] = /([^/:]+):([^:]+)$/.exec(image)!;
        expect((await registryGet(`/v2/acme/${repo}/manifests/${tag}`, "HEAD")).status).toBe(200);
      }

      // every pod pulls from the registry with the pull secret
      const pods = getItems(tc, "pods", ns);
      expect(pods.length).toBeGreaterThanOrEqual(3);
      for (const p of pods) {
        const containers = [...(p.spec.initContainers ?? []), ...p.spec.containers];
        for (const c of containers) expect(c.image.startsWith(`${target.host}/acme/`)).toBe(true);
        expect((p.spec.imagePullSecrets ?? []).map((s: { name: string }) => s.name)).toContain("kotsadm-private-registry");
      }
      const secret = getOne(tc, "secret", "kotsadm-private-registry", ns);
      const auths = JSON.parse(Buffer.from(secret.data[".dockerconfigjson"], "base64").toString()).auths;
      expect(Object.keys(auths)).toEqual([target.host]);

      // what kotsadm v1.88 reads to run airgapped and install the app from the bundle
      const kotsadm = getOne(tc, "deployment", "kotsadm", ns);
      expect(kotsadm.spec.template.spec.containers[0].env).toContainEqual({ name: "DISABLE_OUTBOUND_CONNECTIONS", value: "true" });
      expect(getOne(tc, "configmap", "kotsadm-confg", ns).data).toMatchObject({ "initial-app-images-pushed": "true", "kotsadm-registry": `${target.host}/acme` });
      expect(getOne(tc, "secret", "kotsadm-default-license", ns).metadata.annotations).toMatchObject({ "kots.io/airgap": "true" });
      const airgap = getItems(tc, "configmaps", ns, ["-l", "kots.io/automation=airgap,kots.io/app=acme-helpdesk"]);
      expect(airgap.map((c) => c.metadata.name).sort()).toEqual(["kotsadm-airgap-images", "kotsadm-airgap-meta", "kotsadm-airgap-release"]);
      const data = (name: string, key: string) => Buffer.from(airgap.find((c) => c.metadata.name === name).data[key], "base64");
      expect(data("kotsadm-airgap-meta", "airgap.yaml").toString()).toContain("appSlug: acme-helpdesk");
      const images = JSON.parse(data("kotsadm-airgap-images", "images.json").toString()) as { name: string; newName: string; newTag?: string }[];
      expect(images).toContainEqual({ name: "ghcr.io/acme/helpdesk-web", newName: `${target.host}/acme/helpdesk-web`, newTag: "3.4.1" });
      // the release archive is the bundle's own app.tar.gz (GNU tar takes it out of the bundle), holding the release's Application
      const fromBundle = path.join(work, "from-bundle");
      mkdirSync(fromBundle);
      expect(Bun.spawnSync(["tar", "-xzf", bundle, "-C", fromBundle, "app.tar.gz"]).exitCode).toBe(0);
      const handed = data("kotsadm-airgap-release", "app.tar.gz");
      expect(new Uint8Array(handed)).toEqual(new Uint8Array(readFileSync(path.join(fromBundle, "app.tar.gz"))));
      const list = Bun.spawnSync(["tar", "-tzf", path.join(fromBundle, "app.tar.gz")]);
      expect(list.exitCode).toBe(0);
      expect(list.stdout.toString().split("\n").map((l) => l.replace(/^\.\//, ""))).toContain("kots-app.yaml");
      // no secret in the output
      for (const out of allOutputs) expect(out).not.toContain(target.password!);
    },
    300_000,
  );

  test(
    "a re-run pushes nothing (every blob is there) and changes nothing",
    async () => {
      const r = await install(ns, bundle, "acme");
      expect(r.code).toBe(0);
      const done = r.events.filter((e) => e.type === "image-done") as Array<{ bytesCopied: number }>;
      expect(done.length).toBe(SOURCE_IMAGES.length);
      for (const e of done) expect(e.bytesCopied).toBe(0);
      const blobs = r.events.filter((e) => e.type === "blob-done") as Array<{ action: string }>;
      for (const b of blobs) expect(b.action).not.toBe("copied");
      const applied = r.events.filter((e) => e.type === "object-applied") as Array<{ action: string }>;
      for (const a of applied) expect(a.action).toBe("unchanged");
    },
    300_000,
  );
});

describe("--dry-run with a bundle", () => {
  test(
    "the bundle and the login are checked, the plan carries the airgap ConfigMaps; nothing is pushed or applied",
    async () => {
      const ns = uniqueNamespace("airgap-dry");
      const r = await install(ns, bundle, "dry", ["--dry-run"]);
      expect(r.code).toBe(0);
      const rendered = r.events.find((e) => e.type === "rendered") as { objects: { kind: string; name: string }[] } | undefined;
      const names = rendered!.objects.map((o) => `${o.kind}/${o.name}`);
      for (const n of ["kotsadm-airgap-meta", "kotsadm-airgap-images", "kotsadm-airgap-release"]) expect(names).toContain(`ConfigMap/${n}`);
      expect(r.events.some((e) => e.type === "step-started" && e.step === "push-images")).toBe(false);
      nothingApplied(ns);
      expect(await reposUnder("dry")).toEqual([]);
    },
    120_000,
  );
});

describe("bad input: exit 2, one line, nothing applied", () => {
  const refused = (r: Awaited<ReturnType<typeof install>>) => {
    expect(r.code).toBe(2);
    const line = r.stderr.trim();
    expect(line.split("\n")).toHaveLength(1);
    expect(r.events.at(-1)).toMatchObject({ type: "error", exitCode: 2, applied: [] });
    return line;
  };

  test(
    "a bundle for another app than the license's: nothing pushed",
    async () => {
      const root = temp("kots-airgap-other-");
      writeFileSync(path.join(root, "airgap.yaml"), airgapYaml({ appSlug: "other-app", versionLabel: "1.0", format: "docker", savedImages: [] }));
      writeReleaseArchive(root, { "kots-app.yaml": "apiVersion: kots.io/v1beta1\nkind: Application\nmetadata:\n  name: other-app\n" });
      const other = packBundle(root, path.join(work, "other-app.airgap"));
      const ns = uniqueNamespace("airgap-other");
      const line = refused(await install(ns, other, "other"));
      expect(line).toContain("other-app");
      expect(line).toContain("acme-helpdesk");
      nothingApplied(ns);
      expect(await reposUnder("other")).toEqual([]);
    },
    120_000,
  );

  test(
    "a bundle whose airgap.yaml names an image it does not hold: nothing pushed",
    async () => {
      const root = temp("kots-airgap-incomplete-");
      writeFileSync(path.join(root, "airgap.yaml"), airgapYaml({ appSlug: "acme-helpdesk", versionLabel: "1.0", format: "docker", savedImages: ["docker.io/library/redis:7.2-alpine"] }));
      writeReleaseArchive(root, { "kots-app.yaml": "apiVersion: kots.io/v1beta1\nkind: Application\nmetadata:\n  name: acme-helpdesk\n" });
      const incomplete = packBundle(root, path.join(work, "incomplete.airgap"));
      const ns = uniqueNamespace("airgap-inc");
      const line = refused(await install(ns, incomplete, "inc"));
      expect(line).toContain("redis");
      nothingApplied(ns);
      expect(await reposUnder("inc")).toEqual([]);
    },
    120_000,
  );

  test(
    "a truncated bundle: nothing pushed",
    async () => {
      const bytes = readFileSync(bundle);
      const cut = path.join(work, "truncated.airgap");
      writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
      const ns = uniqueNamespace("airgap-cut");
      const line = refused(await install(ns, cut, "cut"));
      expect(line).toContain("truncated.airgap");
      nothingApplied(ns);
      expect(await reposUnder("cut")).toEqual([]);
    },
    120_000,
  );

  test(
    "a bundle with damaged bytes (a checksum or the gzip data fails): nothing pushed",
    async () => {
      const bytes = new Uint8Array(readFileSync(bundle));
      for (let i = 0; i < 64; i++) bytes[Math.floor(bytes.length * 0.6) + i] ^= 0xff;
      const bad = path.join(work, "damaged.airgap");
      writeFileSync(bad, bytes);
      const ns = uniqueNamespace("airgap-bad");
      const line = refused(await install(ns, bad, "damaged"));
      expect(line).toContain("damaged.airgap");
      nothingApplied(ns);
      expect(await reposUnder("damaged")).toEqual([]);
    },
    120_000,
  );

  test(
    "a bundle without the Admin Console images, into an empty registry namespace: the app's are pushed, the missing ones named, nothing applied",
    async () => {
      const ns = uniqueNamespace("airgap-noac");
      const line = refused(await install(ns, appOnlyBundle, "noac"));
      for (const name of ADMIN_CONSOLE) expect(line).toContain(`${target.host}/noac/${name}:`);
      expect(line).not.toContain(`${target.host}/noac/redis`);
      expect(line).toContain("kots admin-console push-images");
      nothingApplied(ns);
      expect((await reposUnder("noac")).sort()).toEqual(["noac/helpdesk-web", "noac/postgres", "noac/redis"]);
    },
    180_000,
  );

  test(
    "after that failure, the full bundle into the same registry namespace pushes only what is missing, and installs",
    async () => {
      const ns = uniqueNamespace("airgap-resume");
      made.push(ns);
      const r = await install(ns, bundle, "noac");
      expect(r.code).toBe(0);
      const done = r.events.filter((e) => e.type === "image-done") as Array<{ image: string; bytesCopied: number }>;
      expect(done).toHaveLength(SOURCE_IMAGES.length);
      for (const e of done) {
        const isAdminConsole = ADMIN_CONSOLE.some((n) => e.image.includes(`/${n}:`)) || e.image.endsWith("postgres:10.22-alpine");
        if (isAdminConsole) expect(e.bytesCopied).toBeGreaterThan(40 * KiB);
        else expect(e.bytesCopied).toBe(0); // pushed by the failed run
      }
      expect(r.events.at(-1)).toMatchObject({ type: "done", namespace: ns });
    },
    300_000,
  );

  test(
    "a registry password that is refused: nothing pushed",
    async () => {
      const bad = path.join(work, "bad-password");
      writeFileSync(bad, "not-the-password\n");
      const ns = uniqueNamespace("airgap-pw");
      const r = await runKots(
        ["install", "acme-helpdesk", "-n", ns, "--airgap-bundle", bundle, "--kotsadm-registry", `${target.host}/pw`, "--registry-username", target.username!, "--registry-password-file", bad,
          "--registry-ca-file", target.caFile!, "--license-file", LICENSE, "--license-public-key", KEY, "--yes", "--no-port-forward", "--output", "json", "--kubeconfig", tc.kubeconfig],
        { env: { KOTS_SHARED_PASSWORD: "airgap-admin-pw" } },
      );
      const line = refused(r);
      expect(line).toContain("--kotsadm-registry");
      expect(line).not.toContain("not-the-password");
      nothingApplied(ns);
      expect(await reposUnder("pw")).toEqual([]);
    },
    120_000,
  );
});

describe("Ctrl-C during the push", () => {
  test(
    "exit 130 with nothing applied; the re-run pushes only what the first run did not, and installs",
    async () => {
      const big = await startOpenRegistry();
      try {
        await serveExampleImages(big, path.join(work, "big-layout"), [12 * 1024 * KiB, 12 * 1024 * KiB]);
        const bigBundle = await buildBundle(big, path.join(work, "big.airgap"), ["--include-admin-console"]);
        const ns = uniqueNamespace("airgap-int");
        made.push(ns);
        const args = installArgs(ns, bigBundle, "int");
        const seen: InstallEvent[] = [];
        const proc = spawnKots(args, { env: { KOTS_SHARED_PASSWORD: "airgap-admin-pw" } });
        const reader = await readUntil(proc.stdout, (e) => e.type === "image-done", seen);
        proc.kill("SIGINT");
        const [rest, stderr, code] = await Promise.all([drain(reader), new Response(proc.stderr).text(), proc.exited]);
        allOutputs.push(rest, stderr);
        expect(code).toBe(130);
        expect(parseEvents(rest).at(-1)).toMatchObject({ type: "error", exitCode: 130, applied: [] });
        nothingApplied(ns);
        const firstDone = seen.filter((e) => e.type === "image-done").length;
        expect(firstDone).toBeLessThan(SOURCE_IMAGES.length);

        const again = await runKots(args, { env: { KOTS_SHARED_PASSWORD: "airgap-admin-pw" }, timeoutMs: 240_000 });
        expect(again.code).toBe(0);
        const done = again.events.filter((e) => e.type === "image-done") as Array<{ bytesCopied: number }>;
        expect(done).toHaveLength(SOURCE_IMAGES.length);
        // what the first run completed is not sent again
        expect(done.filter((e) => e.bytesCopied === 0).length).toBeGreaterThanOrEqual(firstDone);
        expect(again.events.at(-1)).toMatchObject({ type: "done", namespace: ns });
      } finally {
        big.stop();
      }
    },
    300_000,
  );
});
