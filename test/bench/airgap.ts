/**
 * Airgap bundle figures (issue 14 part 1), the compiled binary on loopback registries:
 *
 * 1. `kots airgap build` of a release naming one ~500 MiB image (5 × 100 MiB random layers) pulled
 *    from an open registry through --image-mirror: wall time and peak RSS;
 * 2. `kots admin-console push-images` of that bundle into an htpasswd+TLS registry: wall time and
 *    peak RSS (the checking pass streams the whole bundle, then the push pass streams it again);
 * 3. the re-run (every blob there: the bundle is checked, not streamed a second time);
 * reference: `skopeo copy` of the same image registry → registry (not the same work: no bundle).
 *
 * Peak RSS is "Maximum resident set size" of /usr/bin/time -v. Standalone, needs dist/kots:
 * `bun test/bench/airgap.ts [--quick | --layers N]` (quick: a 12 MiB image; N × 100 MiB layers)
 * prints the figures.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { copyImage } from "../../src/registry/copy/index.ts";
import { startOpenRegistry, startTlsAuthRegistry } from "../support/copy-registries.ts";
import { buildImage } from "../support/oci-images.ts";
import { mustRun } from "./measure.ts";

const MiB = 1024 * 1024;
const repo = path.resolve(import.meta.dir, "../..");
const KOTS = path.join(repo, "dist/kots");
const quick = process.argv.includes("--quick");
// --layers N: N layers of 100 MiB (default 5, a 500 MiB image)
const n = Number(process.argv[process.argv.indexOf("--layers") + 1] ?? 5) || 5;
const layers = quick ? [4 * MiB, 4 * MiB, 4 * MiB] : Array.from({ length: process.argv.includes("--layers") ? n : 5 }, () => 100 * MiB);
const work = mkdtempSync(path.join(tmpdir(), "kots-bench-airgap-"));
const say = (s: string) => process.stderr.write(`${s}\n`);
const source = await startOpenRegistry();
const target = await startTlsAuthRegistry();
const target2 = await startTlsAuthRegistry();
try {
  say(`building a ${(layers.reduce((a, b) => a + b, 0) / MiB).toFixed(0)} MiB image`);
  const layout = path.join(work, "layout");
  buildImage(layout, { name: "big", layers });
  await copyImage({ layout, name: "big" }, `${source.host}/vendor/big:1`, { dst: { plainHttp: true } });
  const rel = path.join(work, "rel");
  mkdirSync(rel);
  writeFileSync(path.join(rel, "d.yaml"), "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: big}\nspec:\n  template:\n    spec:\n      containers: [{name: big, image: registry.vendor.example/vendor/big:1}]\n");
  const bundle = path.join(work, "big.airgap");
  const lic = ["--license-file", path.join(repo, "examples/licenses/acme-helpdesk-v1beta2.yaml"), "--license-public-key", path.join(repo, "examples/keys/example-global.public.pem")];
  const build = await mustRun([KOTS, "airgap", "build", rel, ...lic, "--image-mirror", `registry.vendor.example=${source.host}`, "-o", bundle], { rss: true, timeoutMs: 600_000 });
  say(`build: ${build.wallMs.toFixed(0)} ms, peak RSS ${((build.maxRssKiB ?? NaN) / 1024).toFixed(0)} MiB, bundle ${(statSync(bundle).size / MiB).toFixed(0)} MiB`);
  const push = (t: typeof target, ns = "bench", parallel = "1") =>
    mustRun([KOTS, "admin-console", "push-images", bundle, `${t.host}/${ns}`, "--registry-username", t.username!, "--ca-file", t.caFile!, "--parallel", parallel], { env: { KOTS_REGISTRY_PASSWORD: t.password! }, rss: true, timeoutMs: 600_000 });
  const two = await push(target2, "two", "2");
  say(`push-images --parallel 2 (hidden): ${two.wallMs.toFixed(0)} ms, peak RSS ${((two.maxRssKiB ?? NaN) / 1024).toFixed(0)} MiB`);
  const first = await push(target);
  say(`push-images: ${first.wallMs.toFixed(0)} ms, peak RSS ${((first.maxRssKiB ?? NaN) / 1024).toFixed(0)} MiB`);
  const again = await push(target);
  say(`push-images re-run: ${again.wallMs.toFixed(0)} ms, peak RSS ${((again.maxRssKiB ?? NaN) / 1024).toFixed(0)} MiB`);
  const certDir = path.join(target2.dir, "certs");
  mkdirSync(certDir);
  copyFileSync(target2.caFile!, path.join(certDir, "ca.crt"));
  const sk = await mustRun(["skopeo", "copy", "--quiet", "--src-tls-verify=false", "--dest-cert-dir", certDir, "--dest-creds", `${target2.username}:${target2.password}`, `docker://${source.host}/vendor/big:1`, `docker://${target2.host}/skopeo/big:1`], { rss: true, timeoutMs: 600_000 });
  say(`reference skopeo copy registry → registry: ${sk.wallMs.toFixed(0)} ms, peak RSS ${((sk.maxRssKiB ?? NaN) / 1024).toFixed(0)} MiB`);
} finally {
  source.stop();
  target.stop();
  target2.stop();
  rmSync(work, { recursive: true, force: true });
}
