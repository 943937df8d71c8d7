#!/usr/bin/env bun
/**
 * Bench of the HelmChart renderer (templates/helm in WebAssembly, docs/design-notes.md "HelmChart"):
 *   bun test/bench/helm.ts [--runs N]
 * For each run, a fresh process loads the module (read, zstd decompression, compile, instantiate,
 * Go init; the first op's wall time minus the op) and renders the test chart
 * (test/unit/helm/chart.ts) 20 times; prints the medians and the module's sizes. Not part of
 * `bun run bench` (the module is only loaded for releases with a HelmChart).
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildHelmWasm, HELM_GENERATED_DIR, HELM_WASM_NAME } from "../../templates/helm/build-wasm.ts";

const root = path.join(import.meta.dir, "../..");

if (process.argv[2] === "--child") {
  const { helmOp } = await import("../../src/helm/engine.ts");
  const chart = readFileSync(process.argv[3]!).toString("base64");
  const t0 = performance.now();
  await helmOp("helm.chartInfo", { chart });
  const load = performance.now() - t0;
  const input = { chart, values: { replicaCount: 3, sidecar: { enabled: true } }, release: "acme", namespace: "apps", includeCRDs: true };
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const a = performance.now();
    await helmOp("helm.template", input);
    times.push(performance.now() - a);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ load, render: times[10], firstRender: times[0] }));
  process.exit(0);
}

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1]) || 5;
const built = buildHelmWasm((l) => process.stderr.write(l + "\n"));
const { buildChart } = await import("../unit/helm/chart.ts");
const dir = mkdtempSync(path.join(os.tmpdir(), "kots-helm-bench-"));
const chart = buildChart(dir);
const rows: Array<{ load: number; render: number }> = [];
for (let i = 0; i < runs; i++) {
  const r = Bun.spawnSync(["bun", import.meta.path, "--child", chart], { cwd: root, stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`bench child failed: ${r.stderr.toString()}`);
  rows.push(JSON.parse(r.stdout.toString().trim().split("\n").at(-1)!));
}
rmSync(dir, { recursive: true, force: true });
const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load = os.loadavg()[0]!.toFixed(1);
console.log(`helm renderer: ${(built.wasmBytes / 1048576).toFixed(1)} MiB wasm, ${(statSync(path.join(HELM_GENERATED_DIR, HELM_WASM_NAME)).size / 1048576).toFixed(2)} MiB zstd`);
console.log(`load (fresh process, ${runs} runs): median ${med(rows.map((r) => r.load)).toFixed(0)} ms (min ${Math.min(...rows.map((r) => r.load)).toFixed(0)}, max ${Math.max(...rows.map((r) => r.load)).toFixed(0)}); load average ${load}`);
console.log(`render of the test chart after load: median ${med(rows.map((r) => r.render)).toFixed(1)} ms`);
