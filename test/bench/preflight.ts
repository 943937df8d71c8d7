/**
 * (g) App preflight wall time: `kots preflight SPEC` against troubleshoot's own `preflight`
 * v0.133.0 (built from the Go module, test/support/preflight-peer.ts) on the same spec, same
 * cluster, alternating order. The spec is test/fixtures/preflight/sentry-size.yaml: 12 analyzers,
 * about the size of the Sentry sample app's Preflight.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { preflightPeer } from "../support/preflight-peer.ts";
import { timed } from "./measure.ts";
import type { BenchContext } from "./installs.ts";

export const BENCH_PREFLIGHT_SPEC = path.resolve(import.meta.dir, "../fixtures/preflight/sentry-size.yaml");

/** troubleshoot's exit codes of a finished run: 0 pass, 3 a fail, 4 warnings. */
const FINISHED = new Set([0, 3, 4]);

/** Wall times (ms) of `rounds` runs of each tool, alternating which goes first. Throws when either does not finish a run. */
export async function preflightSamples(ctx: BenchContext, rounds: number): Promise<{ kots: number[]; peer: number[] }> {
  const peerBin = preflightPeer((l) => process.stderr.write(`bench: ${l}\n`));
  const cwd = mkdtempSync(path.join(tmpdir(), "kots-bench-preflight-"));
  const env = { KUBECONFIG: ctx.kubeconfig };
  const kotsArgv = [ctx.kots, "preflight", BENCH_PREFLIGHT_SPEC, "--output", "json"];
  const peerArgv = [peerBin, "--interactive=false", "--format=json", "--auto-update=false", BENCH_PREFLIGHT_SPEC];
  const one = async (argv: string[]) => {
    const r = await timed(argv, { env, cwd, timeoutMs: 120_000 });
    if (!FINISHED.has(r.code)) throw new Error(`exit ${r.code}: ${argv.join(" ")}\n${r.stderr.trim().split("\n").at(-1)}`);
    return r.wallMs;
  };
  const out = { kots: [] as number[], peer: [] as number[] };
  try {
    await one(kotsArgv);
    await one(peerArgv); // warm-up (page cache, connections), untimed
    for (let i = 0; i < rounds; i++) {
      if (i % 2) out.peer.push(await one(peerArgv)), out.kots.push(await one(kotsArgv));
      else out.kots.push(await one(kotsArgv)), out.peer.push(await one(peerArgv));
    }
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
  return out;
}
