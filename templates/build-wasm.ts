#!/usr/bin/env bun
/**
 * Builds the template engine (templates/go) to WebAssembly with the machine's Go and writes what the
 * bridge embeds (src/templates/assets.ts) into src/templates/generated/ (gitignored):
 *   kots-templates.wasm.zst  the module, zstd-compressed (Bun decompresses it natively, faster than gzip)
 *   wasm_exec.js.txt         Go's own JS glue from $(go env GOROOT)/lib/wasm (or misc/wasm), as is
 * Builds are cached in ~/.cache/kots-tui/templates-wasm/<sha256 of templates/go/** and go version>/,
 * so a second run with unchanged sources copies two files. `bun run templates/build-wasm.ts` runs it.
 * @throws Error naming the reason (no `go` on PATH, the build's own output) — never a silent skip.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.join(import.meta.dir, "..");
const goDir = path.join(root, "templates", "go");
export const GENERATED_DIR = path.join(root, "src", "templates", "generated");

function run(cmd: string[], env: Record<string, string> = {}): string {
  let proc;
  try {
    proc = Bun.spawnSync(cmd, { cwd: goDir, env: { ...process.env, ...env }, stdout: "pipe", stderr: "pipe" });
  } catch (e) {
    throw new Error(`templates: cannot run ${cmd[0]} (${e instanceof Error ? e.message : String(e)}); install Go ≥ 1.24 (scripts/setup) to build the template engine`);
  }
  if (proc.exitCode !== 0) {
    throw new Error(`templates: ${cmd.join(" ")} failed (exit ${proc.exitCode}):\n${proc.stderr.toString()}${proc.stdout.toString()}`);
  }
  return proc.stdout.toString().trim();
}

/** sha256 over every file of templates/go (path and content, sorted) and the Go version. */
export function sourceHash(goVersion: string): string {
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

function atomicCopy(from: string, to: string) {
  const tmp = `${to}.${process.pid}.tmp`;
  copyFileSync(from, tmp);
  renameSync(tmp, to);
}

/**
 * Makes src/templates/generated/ current for templates/go (cached build). Returns the cache
 * directory used and whether Go ran. @throws Error when Go is missing or the build fails.
 */
export function buildTemplatesWasm(log: (line: string) => void = () => {}): { dir: string; built: boolean; wasmBytes: number; compressedBytes: number } {
  const goVersion = run(["go", "env", "GOVERSION"]);
  const goroot = run(["go", "env", "GOROOT"]);
  const hash = sourceHash(goVersion);
  const cache = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "kots-tui", "templates-wasm", hash);
  const zst = path.join(cache, "kots-templates.wasm.zst");
  const glue = path.join(cache, "wasm_exec.js");
  let built = false;
  let wasmBytes = 0;
  if (!existsSync(zst) || !existsSync(glue)) {
    mkdirSync(cache, { recursive: true });
    const wasm = path.join(cache, `kots-templates.${process.pid}.wasm`);
    log(`templates: building the template engine with ${goVersion} (GOOS=js GOARCH=wasm)`);
    run(["go", "build", "-trimpath", "-ldflags=-s -w", "-o", wasm, "./cmd/wasm"], { GOOS: "js", GOARCH: "wasm", CGO_ENABLED: "0" });
    const bytes = readFileSync(wasm);
    wasmBytes = bytes.length;
    writeFileSync(`${zst}.${process.pid}.tmp`, Bun.zstdCompressSync(bytes, { level: 19 }));
    renameSync(`${zst}.${process.pid}.tmp`, zst);
    const src = [path.join(goroot, "lib", "wasm", "wasm_exec.js"), path.join(goroot, "misc", "wasm", "wasm_exec.js")].find((p) => existsSync(p));
    if (!src) throw new Error(`templates: no wasm_exec.js under ${goroot}/lib/wasm or ${goroot}/misc/wasm`);
    atomicCopy(src, glue);
    writeFileSync(path.join(cache, "wasm-bytes"), String(wasmBytes));
    Bun.spawnSync(["rm", "-f", wasm]);
    built = true;
  } else {
    wasmBytes = Number(readFileSync(path.join(cache, "wasm-bytes"), "utf8")) || 0;
  }
  mkdirSync(GENERATED_DIR, { recursive: true });
  for (const [from, name] of [
    [zst, "kots-templates.wasm.zst"],
    [glue, "wasm_exec.js.txt"],
  ] as const) {
    const to = path.join(GENERATED_DIR, name);
    if (existsSync(to) && statSync(to).size === statSync(from).size && readFileSync(to).equals(readFileSync(from))) continue;
    atomicCopy(from, to);
  }
  return { dir: cache, built, wasmBytes, compressedBytes: statSync(zst).size };
}

if (import.meta.main) {
  const r = buildTemplatesWasm((l) => process.stderr.write(l + "\n"));
  process.stderr.write(`templates: ${r.built ? "built" : "cached"} ${(r.wasmBytes / 1048576).toFixed(1)} MiB wasm, ${(r.compressedBytes / 1048576).toFixed(1)} MiB zstd (${r.dir})\n`);
}
