// kots airgap build of a release with a kots.io/v1beta1 HelmChart and its chart archive (issue 14
// §4), with the compiled binary: the chart is rendered with its builder values, so the bundle holds
// the chart's images including one only the builder turns on, pulled through a loopback registry
// standing in for docker.io (--image-mirror); the chart archive travels in the release archive.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { copyImage } from "../../src/registry/copy/index.ts";
import { openAirgapBundle } from "../../src/airgap/index.ts";
import { startOpenRegistry, type RunningRegistry } from "../support/copy-registries.ts";
import { ensureBinary, runKots } from "../support/kots.ts";
import { buildImage } from "../support/oci-images.ts";
import { buildChart } from "../unit/helm/chart.ts";

const LICENSE = "examples/licenses/acme-helpdesk-v1beta2.yaml";
const PUBKEY = "examples/keys/example-global.public.pem";
// the chart's images (test/unit/helm/chart.ts): web and the hook's migrate always, sidecar only with sidecar.enabled
const IMAGES: Array<[string, string, string]> = [
  ["docker.io/acme/web:4.5", "acme/web", "4.5"],
  ["docker.io/acme/migrate:4.5", "acme/migrate", "4.5"],
  ["docker.io/acme/sidecar:0.9", "acme/sidecar", "0.9"],
];
let source: RunningRegistry;
const dirs: string[] = [];
const temp = (p: string) => {
  const d = mkdtempSync(path.join(os.tmpdir(), p));
  dirs.push(d);
  return d;
};
let release: string;

beforeAll(async () => {
  ensureBinary();
  source = await startOpenRegistry();
  const layout = temp("kots-helm-airgap-layout-");
  for (const [name, repo, tag] of IMAGES) {
    buildImage(layout, { name, layers: [20 * 1024] });
    await copyImage({ layout, name }, `${source.host}/${repo}:${tag}`, { dst: { plainHttp: true } });
  }
  release = path.join(temp("kots-helm-airgap-rel-"), "shop");
  mkdirSync(release);
  writeFileSync(path.join(release, "kots-app.yaml"), "apiVersion: kots.io/v1beta1\nkind: Application\nmetadata:\n  name: acme-helpdesk\nspec:\n  title: Acme\n");
  writeFileSync(
    path.join(release, "chart.yaml"),
    "apiVersion: kots.io/v1beta1\nkind: HelmChart\nmetadata:\n  name: acme-chart\nspec:\n  chart:\n    name: acme-chart\n    chartVersion: 1.2.3\n  values:\n    replicaCount: 2\n  builder:\n    sidecar:\n      enabled: true\n",
  );
  buildChart(release);
}, 120_000);

afterAll(() => {
  source?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("kots airgap build with a HelmChart", () => {
  test("the bundle holds the chart's images rendered with builder values, and the chart archive", async () => {
    const bundle = path.join(temp("kots-helm-airgap-out-"), "shop.airgap");
    const r = await runKots(["airgap", "build", release, "--license-file", LICENSE, "--license-public-key", PUBKEY, "--image-mirror", `docker.io=${source.host}`, "-o", bundle, "--output", "json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const done = r.events.at(-1) as unknown as { type: string; images: string[] };
    expect(done.type).toBe("done");
    expect([...done.images].sort()).toEqual(IMAGES.map(([n]) => n).sort());
    const b = await openAirgapBundle(bundle, { expectAppSlug: "acme-helpdesk" });
    expect(b.meta.savedImages.sort()).toEqual(IMAGES.map(([n]) => n).sort());
    const list = Bun.spawnSync(["tar", "tzf", bundle]).stdout.toString().split("\n");
    expect(list).toContain("images/docker/registry/v2/repositories/sidecar/_manifests/tags/0.9/current/link");
    const releaseArchive = list.find((l) => l.endsWith(".tar.gz") || l.endsWith(".tgz"));
    expect(releaseArchive).toBeDefined();
    const inner = temp("kots-helm-airgap-x-");
    expect(Bun.spawnSync(["tar", "xzf", bundle, "-C", inner, releaseArchive!]).exitCode).toBe(0);
    const names = Bun.spawnSync(["tar", "tzf", path.join(inner, releaseArchive!)]).stdout.toString();
    expect(names).toContain("acme-chart-1.2.3.tgz");
  });
});
