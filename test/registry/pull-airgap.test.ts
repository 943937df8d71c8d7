// `kots pull --airgap-bundle` end to end with the compiled binary (issue 14): a bundle built by
// `kots airgap build` (a HelmChart release with its chart .tgz; images pulled from a loopback
// registry standing in for docker.io via --image-mirror) is pulled with --rewrite-images into an
// htpasswd+TLS docker-registry: every image of images.json is there by manifest digest, the
// midstream points at it, `kubectl kustomize` renders, and the chart archive is byte-identical.
// Without --rewrite-images the tree is written and nothing is pushed. A truncated or corrupt
// bundle and another app's are one line, exit 2, nothing under --rootdir, nothing in the registry.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { copyImage } from "../../src/registry/copy/index.ts";
import { startOpenRegistry, startTlsAuthRegistry, type RunningRegistry } from "../support/copy-registries.ts";
import { allOutputs, ensureBinary, runKots } from "../support/kots.ts";
import { buildImage, type BuiltImage } from "../support/oci-images.ts";
import { tagDigest, registryCatalog as catalog } from "../support/pull-back.ts";
import { kustomizeDocs } from "../support/kubectl-kustomize.ts";
import { buildChart } from "../unit/helm/chart.ts";

const LICENSE = "examples/licenses/acme-helpdesk-v1beta2.yaml";
const OTHER_LICENSE = "examples/licenses/acme-operator-v1beta2.yaml";
const PUBKEY = "examples/keys/example-global.public.pem";
const lic = ["--license-file", LICENSE, "--license-public-key", PUBKEY];
// the chart's images (test/unit/helm/chart.ts) and one additionalImage
const IMAGES: Array<[string, string, string]> = [
  ["docker.io/acme/web:4.5", "acme/web", "4.5"],
  ["docker.io/acme/migrate:4.5", "acme/migrate", "4.5"],
  ["docker.io/acme/sidecar:0.9", "acme/sidecar", "0.9"],
  ["docker.io/acme/operand:0.3", "acme/operand", "0.3"],
];
let source: RunningRegistry;
const targets: RunningRegistry[] = [];
const dirs: string[] = [];
const built: Record<string, BuiltImage> = {};
const temp = (p: string) => {
  const d = mkdtempSync(path.join(os.tmpdir(), p));
  dirs.push(d);
  return d;
};
let release: string;
let chartTgz: string;
let bundle: string;

async function newTarget(): Promise<RunningRegistry> {
  const t = await startTlsAuthRegistry();
  targets.push(t);
  return t;
}

const rewriteArgs = (reg: RunningRegistry, ns = "airgap") => ["--rewrite-images", "--registry-endpoint", reg.host, "--image-namespace", ns, "--registry-username", reg.username!, "--registry-password-stdin", "--ca-file", reg.caFile!];

beforeAll(async () => {
  ensureBinary();
  source = await startOpenRegistry();
  const layout = temp("kots-pull-airgap-layout-");
  for (const [name, repo, tag] of IMAGES) {
    built[name] = buildImage(layout, { name, layers: [30 * 1024, 1024] });
    await copyImage({ layout, name }, `${source.host}/${repo}:${tag}`, { dst: { plainHttp: true } });
  }
  release = path.join(temp("kots-pull-airgap-rel-"), "shop");
  mkdirSync(release);
  writeFileSync(path.join(release, "kots-app.yaml"), "apiVersion: kots.io/v1beta1\nkind: Application\nmetadata:\n  name: acme-helpdesk\nspec:\n  title: Acme\n  additionalImages:\n    - acme/operand:0.3\n");
  writeFileSync(
    path.join(release, "chart.yaml"),
    "apiVersion: kots.io/v1beta1\nkind: HelmChart\nmetadata:\n  name: acme-chart\nspec:\n  chart:\n    name: acme-chart\n    chartVersion: 1.2.3\n  values:\n    replicaCount: 2\n  builder:\n    sidecar:\n      enabled: true\n",
  );
  chartTgz = buildChart(release);
  bundle = path.join(temp("kots-pull-airgap-out-"), "acme.airgap");
  const r = await runKots(["airgap", "build", release, ...lic, "--image-mirror", `docker.io=${source.host}`, "-o", bundle, "--version-label", "4.5.0"]);
  if (r.code !== 0) throw new Error(`kots airgap build failed: ${r.stderr}`);
  // the source registry is gone from here on: the pull must not need it
  source.stop();
}, 180_000);

afterAll(() => {
  for (const t of targets) t.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface ImagesJsonDoc {
  app: string;
  images: Array<{ source: string; normalized: string; destination?: string }>;
}

describe("kots pull --airgap-bundle", () => {
  test("with --rewrite-images: every image of images.json pushed from the bundle, by digest; midstream points at the registry; kustomize renders", async () => {
    const target = await newTarget();
    const root = temp("kots-pull-airgap-root-");
    const r = await runKots(["pull", "acme-helpdesk", "--airgap-bundle", bundle, "--rootdir", root, ...lic, ...rewriteArgs(target), "--exclude-admin-console"], { stdin: target.password! + "\n" });
    expect(r.stderr).not.toContain("Error");
    expect(r.code).toBe(0);
    const appDir = path.join(root, "acme-helpdesk");
    const doc = JSON.parse(readFileSync(path.join(appDir, "images.json"), "utf8")) as ImagesJsonDoc;
    expect(doc.app).toBe("acme-helpdesk");
    const sources = doc.images.map((i) => i.normalized).sort();
    // values (not builder) render: web and migrate from the chart, the additionalImage; no sidecar
    expect(sources).toEqual(["docker.io/acme/migrate:4.5", "docker.io/acme/operand:0.3", "docker.io/acme/web:4.5"]);
    for (const i of doc.images) {
      const [, repoPath, tag] = IMAGES.find(([n]) => n === i.normalized)!;
      const repo = `airgap/${repoPath.split("/").at(-1)}`;
      expect(i.destination).toBe(`${target.host}/${repo}:${tag}`);
      expect(await tagDigest(target, repo, tag)).toBe(built[i.normalized]!.digest);
    }
    expect((await catalog(target)).sort()).toEqual(["airgap/migrate", "airgap/operand", "airgap/web"]);
    // the bundle is the image store: no images/ layout
    expect(existsSync(path.join(appDir, "images"))).toBe(false);
    // the chart archive came through byte for byte (a text read would corrupt it)
    const pulledChart = readdirSync(path.join(appDir, "upstream")).find((f) => f.endsWith(".tgz"));
    expect(pulledChart).toBeDefined();
    expect(Buffer.compare(readFileSync(path.join(appDir, "upstream", pulledChart!)), readFileSync(chartTgz))).toBe(0);
    const mid = parse(readFileSync(path.join(appDir, "overlays/midstream/kustomization.yaml"), "utf8")) as { images: Array<{ name: string; newName: string }> };
    expect(mid.images.length).toBeGreaterThan(0);
    for (const i of mid.images) expect(i.newName.startsWith(`${target.host}/airgap/`)).toBe(true);
    const docs = kustomizeDocs(path.join(appDir, "overlays/downstreams/this-cluster"));
    const containerImages = JSON.stringify(docs).match(/"image":"[^"]+"/g) ?? [];
    expect(containerImages.length).toBeGreaterThan(0);
    for (const c of containerImages) expect(c.startsWith(`"image":"${target.host}/airgap/`)).toBe(true);
    // a re-pull pushes nothing: every image is already there
    const again = await runKots(["pull", "acme-helpdesk", "--airgap-bundle", bundle, "--rootdir", root, ...lic, ...rewriteArgs(target), "--exclude-admin-console", "--output", "json"], { stdin: target.password! + "\n" });
    expect(again.code).toBe(0);
    const done = again.events.at(-1) as unknown as { type: string; pushed: Array<{ image: string; skipped: boolean }> };
    expect(done.type).toBe("done");
    expect(done.pushed.map((p) => p.image).sort()).toEqual(sources);
    expect(done.pushed.every((p) => p.skipped)).toBe(true);
    // every blob was found there (HEAD): none uploaded or mounted
    const actions = (again.events as unknown as Array<{ type: string; action?: string }>).filter((e) => e.type === "blob-done").map((e) => e.action);
    expect(actions.length).toBeGreaterThan(0);
    expect(new Set(actions)).toEqual(new Set(["exists"]));
    expect(allOutputs.join("\n")).not.toContain(target.password!);
  }, 180_000);

  test("APP given as the .airgap file, no --rewrite-images: the tree is written, nothing pushed, and it says so", async () => {
    const root = temp("kots-pull-airgap-root-");
    const r = await runKots(["pull", bundle, "--rootdir", root, ...lic, "--exclude-admin-console", "--output", "json"]);
    expect(r.code).toBe(0);
    const done = r.events.at(-1) as unknown as { type: string; pushed: unknown[]; appDir: string };
    expect(done.type).toBe("done");
    expect(done.pushed).toEqual([]);
    expect(r.events.filter((e) => ["image-planned", "blob-done", "image-done"].includes(e.type as string))).toEqual([]);
    expect(r.stderr).toContain("No images copied");
    const appDir = path.join(root, "acme-helpdesk");
    expect(done.appDir).toBe(appDir);
    expect(existsSync(path.join(appDir, "images"))).toBe(false);
    const docs = kustomizeDocs(path.join(appDir, "overlays/downstreams/this-cluster"));
    expect(JSON.stringify(docs)).toContain("acme/web:4.5");
  }, 120_000);
});

describe("kots pull --airgap-bundle: bad input is one line, exit 2, nothing written or pushed", () => {
  const badBundle = (kind: "truncated" | "corrupt"): string => {
    const bytes = readFileSync(bundle);
    const out = path.join(temp("kots-pull-airgap-bad-"), `${kind}.airgap`);
    if (kind === "truncated") writeFileSync(out, bytes.subarray(0, Math.floor(bytes.length / 2)));
    else {
      const b = Buffer.from(bytes);
      for (let i = Math.floor(b.length / 3); i < Math.floor(b.length / 3) + 64; i++) b[i] = b[i]! ^ 0xff;
      writeFileSync(out, b);
    }
    return out;
  };
  const cases: Array<[string, () => string[], RegExp]> = [
    ["a truncated bundle", () => ["acme-helpdesk", "--airgap-bundle", badBundle("truncated"), ...lic], /--airgap-bundle .*truncated\.airgap/],
    ["a corrupt bundle", () => [badBundle("corrupt"), ...lic], /--airgap-bundle .*corrupt\.airgap/],
    ["another app's license", () => [bundle, "--license-file", OTHER_LICENSE, "--license-public-key", PUBKEY], /acme-helpdesk.*acme-operator|acme-operator.*acme-helpdesk/],
    ["APP naming another app", () => ["acme-operator", "--airgap-bundle", bundle, ...lic], /bundle of app acme-helpdesk, not acme-operator/],
    ["a bundle path that is no file", () => ["acme-helpdesk", "--airgap-bundle", "/nonexistent/x.airgap", ...lic], /--airgap-bundle \/nonexistent\/x\.airgap is not a file/],
  ];
  test("credentials the registry refuses: exit 2, one line naming the endpoint, nothing written or pushed", async () => {
    const target = await newTarget();
    const root = temp("kots-pull-airgap-root-");
    const r = await runKots(["pull", "acme-helpdesk", "--airgap-bundle", bundle, "--rootdir", root, ...lic, ...rewriteArgs(target)], { stdin: "not-the-password\n" });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(`--registry-endpoint ${target.host}`);
    expect(r.stderr).not.toContain("not-the-password");
    expect(readdirSync(root)).toEqual([]);
    expect(await catalog(target)).toEqual([]);
  }, 120_000);

  for (const [name, args, message] of cases) {
    test(name, async () => {
      const target = await newTarget();
      const root = temp("kots-pull-airgap-root-");
      const a = args();
      const r = await runKots(["pull", ...a, "--rootdir", root, ...rewriteArgs(target)], { stdin: target.password! + "\n" });
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(message);
      expect(readdirSync(root)).toEqual([]);
      const j = await runKots(["pull", ...a, "--rootdir", root, ...rewriteArgs(target), "--output", "json"], { stdin: target.password! + "\n" });
      expect(j.code).toBe(2);
      expect(j.events.at(-1)?.type).toBe("error" as never);
      expect(readdirSync(root)).toEqual([]);
      expect(await catalog(target)).toEqual([]);
    }, 120_000);
  }
});
