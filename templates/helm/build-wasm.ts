#!/usr/bin/env bun
/**
 * Builds the Helm renderer (templates/helm, Helm v3's own chart loader, values and engine) to
 * WebAssembly with the machine's Go and writes what src/helm/assets.ts embeds:
 *   src/helm/generated/kots-helm.wasm.zst   the module, zstd level 19 (as templates/build-wasm.ts)
 * Go's wasm_exec.js comes from the template engine's build (src/templates/generated/, same Go).
 * A second module, not part of the template engine's: ~76 MiB raw / ~8 MiB zstd, 2–4 s to load,
 * so it is embedded but loaded only when a release holds a kots.io/v1beta1 HelmChart (see
 * docs/design-notes.md "HelmChart"). Cached in ~/.cache/kots-tui/helm-wasm/<sha256 of
 * templates/helm sources + go version>/; the first build takes ~2 min of Go and ~2 min of zstd.
 * `bun run templates/helm/build-wasm.ts` runs it.
 * @throws Error naming the reason (no `go` on PATH, the build's own output) — never a silent skip.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.join(import.meta.dir, "..", "..");
const goDir = import.meta.dir;
export const HELM_GENERATED_DIR = path.join(root, "src", "helm", "generated");
export const HELM_WASM_NAME = "kots-helm.wasm.zst";

function run(cmd: string[], env: Record<string, string> = {}): string {
  let proc;
  try {
    proc = Bun.spawnSync(cmd, { cwd: goDir, env: { ...process.env, ...env }, stdout: "pipe", stderr: "pipe" });
  } catch (e) {
    throw new Error(`helm: cannot run ${cmd[0]} (${e instanceof Error ? e.message : String(e)}); install Go ≥ 1.26 (scripts/setup) to build the Helm renderer`);
  }
  if (proc.exitCode !== 0) throw new Error(`helm: ${cmd.join(" ")} failed (exit ${proc.exitCode}):\n${proc.stderr.toString()}${proc.stdout.toString()}`);
  return proc.stdout.toString().trim();
}

/** sha256 over templates/helm's Go files (path and content, sorted) and the Go version. */
export function helmSourceHash(goVersion: string): string {
  const h = createHash("sha256").update(goVersion + "\n");
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]))
      .sort();
  for (const f of walk(goDir)) {
    if (!/\.(go|mod|sum)$/.test(f)) continue;
    h.update(path.relative(goDir, f) + "\0").update(readFileSync(f)).update("\0");
  }
  return h.digest("hex").slice(0, 24);
}

/**
 * Makes src/helm/generated/kots-helm.wasm.zst current for templates/helm (cached build).
 * @returns the cache directory, whether Go ran, raw and compressed sizes in bytes
 * @throws Error when Go is missing or the build fails
 */
export function buildHelmWasm(log: (line: string) => void = () => {}): { dir: string; built: boolean; wasmBytes: number; compressedBytes: number } {
  const goVersion = run(["go", "env", "GOVERSION"]);
  const hash = helmSourceHash(goVersion);
  const cache = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "kots-tui", "helm-wasm", hash);
  const zst = path.join(cache, HELM_WASM_NAME);
  let built = false;
  let wasmBytes = 0;
  if (!existsSync(zst)) {
    mkdirSync(cache, { recursive: true });
    const wasm = path.join(cache, `kots-helm.${process.pid}.wasm`);
    log(`helm: building the Helm renderer with ${goVersion} (GOOS=js GOARCH=wasm; minutes, once)`);
    run(["go", "build", "-trimpath", "-ldflags=-s -w", "-o", wasm, "./cmd/wasm"], { GOOS: "js", GOARCH: "wasm", CGO_ENABLED: "0" });
    const bytes = readFileSync(wasm);
    wasmBytes = bytes.length;
    log(`helm: compressing ${(wasmBytes / 1048576).toFixed(1)} MiB with zstd level 19`);
    writeFileSync(`${zst}.${process.pid}.tmp`, Bun.zstdCompressSync(bytes, { level: 19 }));
    renameSync(`${zst}.${process.pid}.tmp`, zst);
    writeFileSync(path.join(cache, "wasm-bytes"), String(wasmBytes));
    Bun.spawnSync(["rm", "-f", wasm]);
    built = true;
  } else {
    wasmBytes = Number(readFileSync(path.join(cache, "wasm-bytes"), "utf8")) || 0;
  }
  mkdirSync(HELM_GENERATED_DIR, { recursive: true });
  const to = path.join(HELM_GENERATED_DIR, HELM_WASM_NAME);
  if (!(existsSync(to) && statSync(to).size === statSync(zst).size && readFileSync(to).equals(readFileSync(zst)))) {
    copyFileSync(zst, `${to}.${process.pid}.tmp`);
    renameSync(`${to}.${process.pid}.tmp`, to);
  }
  return { dir: cache, built, wasmBytes, compressedBytes: statSync(zst).size };
}

if (import.meta.main) {
  const r = buildHelmWasm((l) => process.stderr.write(l + "\n"));
  process.stderr.write(`helm: ${r.built ? "built" : "cached"} ${(r.wasmBytes / 1048576).toFixed(1)} MiB wasm, ${(r.compressedBytes / 1048576).toFixed(2)} MiB zstd (${r.dir})\n`);
}
