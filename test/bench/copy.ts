/**
 * (h) Image copy against `skopeo copy` (Debian's skopeo), same images, same registries, one run:
 *
 * 1. first push: an image built in code (random, incompressible layers) on an open source
 *    registry, copied to a target registry with htpasswd behind TLS from a CA made for it. Each
 *    round starts a fresh target registry (so that neither tool's knowledge of earlier rounds,
 *    e.g. skopeo's blob-info cache, turns uploads into mounts); both tools push to their own
 *    repository of it, order alternating. Wall time spawn → exit; throughput = image bytes / time.
 * 2. re-push: the kots copy repeated to the same repository (every blob and manifest exists):
 *    its wall time against kots' own first push (the issue asks ≤ 0.1×).
 * 3. peak RSS ("Maximum resident set size" of /usr/bin/time -v) while copying a ~500 MiB image
 *    (5 × 100 MiB layers), kots against skopeo. The quick round uses the small image.
 *
 * The kots side is the compiled binary: `dist/kots copy-image SRC DST` (hidden, internal;
 * src/cli/commands/copy-image.ts), the copy engine exactly as `kots pull` runs it per image, on the
 * same registry → registry operation as `skopeo copy`. Not `kots pull` itself: pull copies source →
 * `<app>/images/` → target (two hops and a disk write skopeo does not do) after rendering the
 * release, so its time would not compare with skopeo's one copy; test/registry/pull-images.test.ts
 * covers pull's own copy. The password goes in KOTS_REGISTRY_PASSWORD, never argv.
 *
 * Standalone: `bun test/bench/copy.ts [--quick]` (needs dist/kots: `bun run build.ts`) prints the rows.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { copyImage } from "../../src/registry/copy/index.ts";
import { startOpenRegistry, startTlsAuthRegistry, type RunningRegistry } from "../support/copy-registries.ts";
import { buildImage } from "../support/oci-images.ts";
import { median, mustRun, type Run } from "./measure.ts";
import type { Row } from "./report.ts";

const MiB = 1024 * 1024;
const KOTS = path.resolve(import.meta.dir, "../../dist/kots");

interface Side {
  argv(src: string, dst: string): string[];
  env: Record<string, string>;
}

function sides(target: RunningRegistry, certDir: string): { kots: Side; skopeo: Side } {
  return {
    kots: {
      argv: (src, dst) => [KOTS, "copy-image", "--src-plain-http", "--dest-ca-file", target.caFile!, "--dest-username", target.username!, src, dst],
      env: { KOTS_REGISTRY_PASSWORD: target.password! },
    },
    skopeo: {
      argv: (src, dst) => ["skopeo", "copy", "--quiet", "--src-tls-verify=false", "--dest-cert-dir", certDir, "--dest-creds", `${target.username}:${target.password}`, `docker://${src}`, `docker://${dst}`],
      env: {},
    },
  };
}

/** The copy rows of the bench table; `say` reports progress on stderr. */
export async function copyRows(quick: boolean, say: (m: string) => void): Promise<Row[]> {
  const rounds = quick ? 1 : 3;
  const work = mkdtempSync(path.join(tmpdir(), "kots-bench-copy-"));
  const layout = path.join(work, "layout");
  const small = quick ? [4 * MiB, 4 * MiB, 100_000] : [50 * MiB, 50 * MiB, 50 * MiB, 50 * MiB, 100_000];
  const big = quick ? small : [100 * MiB, 100 * MiB, 100 * MiB, 100 * MiB, 100 * MiB];
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  say(`(h) building the bench images (${(sum(small) / MiB).toFixed(0)} MiB${quick ? "" : ` and ${(sum(big) / MiB).toFixed(0)} MiB`})`);
  buildImage(layout, { name: "small", layers: small });
  if (!quick) buildImage(layout, { name: "big", layers: big });
  const source = await startOpenRegistry();
  const targets: RunningRegistry[] = [];
  try {
    await copyImage({ layout, name: "small" }, `${source.host}/bench/small:1`, { dst: { plainHttp: true } });
    if (!quick) await copyImage({ layout, name: "big" }, `${source.host}/bench/big:1`, { dst: { plainHttp: true } });
    const skopeoVersion = (await mustRun(["skopeo", "--version"])).stdout.trim().replace(/^skopeo version /, "");
    const freshTarget = async () => {
      const t = await startTlsAuthRegistry();
      targets.push(t);
      const certDir = path.join(t.dir, "certs");
      mkdirSync(certDir);
      copyFileSync(t.caFile!, path.join(certDir, "ca.crt"));
      return { t, ...sides(t, certDir) };
    };
    const run = (side: Side, src: string, dst: string, rss = false): Promise<Run> => mustRun(side.argv(src, dst), { env: side.env, rss, timeoutMs: 300_000 });

    const first = { kots: [] as number[], skopeo: [] as number[] };
    const repush: number[] = [];
    const src = `${source.host}/bench/small:1`;
    for (let i = 0; i < rounds; i++) {
      say(`(h) image copy: first push and re-push, round ${i + 1}/${rounds}`);
      const { t, kots, skopeo } = await freshTarget();
      const order = i % 2 ? (["skopeo", "kots"] as const) : (["kots", "skopeo"] as const);
      for (const who of order) first[who].push((await run(who === "kots" ? kots : skopeo, src, `${t.host}/${who}/small:1`)).wallMs);
      repush.push((await run(kots, src, `${t.host}/kots/small:1`)).wallMs);
      t.stop();
    }
    const rss = { kots: [] as number[], skopeo: [] as number[] };
    const bigSrc = `${source.host}/bench/${quick ? "small" : "big"}:1`;
    for (let i = 0; i < (quick ? 1 : 2); i++) {
      say(`(h) image copy: peak RSS copying the ${(sum(big) / MiB).toFixed(0)} MiB image, round ${i + 1}`);
      const { t, kots, skopeo } = await freshTarget();
      rss.kots.push(((await run(kots, bigSrc, `${t.host}/kots/big:1`, true)).maxRssKiB ?? NaN) / 1024);
      rss.skopeo.push(((await run(skopeo, bigSrc, `${t.host}/skopeo/big:1`, true)).maxRssKiB ?? NaN) / 1024);
      t.stop();
    }
    const bytes = sum(small) + 2_000; // layers + config + manifest, about
    const mbps = (ms: number) => (bytes / 1e6 / (ms / 1000)).toFixed(0);
    const kFirst = median(first.kots);
    const sFirst = median(first.skopeo);
    const size = `${(sum(small) / MiB).toFixed(0)} MiB, ${small.length} layers`;
    return [
      {
        measurement: `image copy, first push (${size}) to TLS+htpasswd registry, median of ${rounds}: kots ${mbps(kFirst)} MB/s, skopeo ${mbps(sFirst)} MB/s`,
        unit: "ms",
        peerName: `skopeo copy ${skopeoVersion}`,
        kots: kFirst,
        peer: sFirst,
        kotsSamples: first.kots,
        peerSamples: first.skopeo,
      },
      {
        measurement: `image copy, re-push of the same image (every blob exists), median of ${rounds}`,
        unit: "ms",
        peerName: "kots' own first push (issue: ≤ 0.10×)",
        kots: median(repush),
        peer: kFirst,
        kotsSamples: repush,
        peerSamples: first.kots,
      },
      {
        measurement: `image copy, peak RSS copying a ${(sum(big) / MiB).toFixed(0)} MiB image (issue: ≤ 150 MiB)`,
        unit: "MiB",
        peerName: `skopeo copy ${skopeoVersion}`,
        kots: median(rss.kots),
        peer: median(rss.skopeo),
        kotsSamples: rss.kots,
        peerSamples: rss.skopeo,
      },
    ];
  } finally {
    for (const t of targets) t.stop();
    source.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const { table } = await import("./report.ts");
  const rows = await copyRows(process.argv.includes("--quick"), (m) => process.stderr.write(`${m}\n`));
  console.log(table(rows));
}
