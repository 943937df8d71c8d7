#!/usr/bin/env bun
/**
 * Builds the template engine (templates/go) to WebAssembly with the machine's Go and writes what the
 * bridge embeds (src/templates/assets.ts) into src/templates/generated/ (gitignored):
 *   kots-templates.wasm.zst  the module, zstd-compressed (Bun decompresses it natively, faster than gzip)
 *   wasm_exec.js.txt         Go's own JS glue from $(go env GOROOT)/lib/wasm (or misc/wasm), as is
 * Builds are cached in ~/.cache/kots-tui/templates-wasm/<sha256 of templates/go/** and go version>/,
 * so a second run with unchanged sources copies two files (templates/go-wasm.ts, shared with the
 * Helm renderer's build). `bun run templates/build-wasm.ts` runs it.
 * @throws Error naming the reason (no `go` on PATH, the build's own output) — never a silent skip.
 */
import path from "node:path";
import { buildGoWasm, goRunner, goSourceHash, type GoWasmResult } from "./go-wasm.ts";

const root = path.join(import.meta.dir, "..");
const goDir = path.join(root, "templates", "go");
export const GENERATED_DIR = path.join(root, "src", "templates", "generated");

/** sha256 over every file of templates/go (path and content, sorted) and the Go version. */
export function sourceHash(goVersion: string): string {
  return goSourceHash(goDir, goVersion);
}

/**
 * Makes src/templates/generated/ current for templates/go (cached build). Returns the cache
 * directory used and whether Go ran. @throws Error when Go is missing or the build fails.
 */
export function buildTemplatesWasm(log: (line: string) => void = () => {}): GoWasmResult {
  return buildGoWasm(
    {
      label: "templates",
      goDir,
      run: goRunner("templates", goDir, "install Go ≥ 1.24 (scripts/setup) to build the template engine"),
      cacheName: "templates-wasm",
      wasmName: "kots-templates.wasm.zst",
      glueName: "wasm_exec.js.txt",
      outDir: GENERATED_DIR,
      buildingLine: (goVersion) => `templates: building the template engine with ${goVersion} (GOOS=js GOARCH=wasm)`,
    },
    log,
  );
}

if (import.meta.main) {
  const r = buildTemplatesWasm((l) => process.stderr.write(l + "\n"));
  process.stderr.write(`templates: ${r.built ? "built" : "cached"} ${(r.wasmBytes / 1048576).toFixed(1)} MiB wasm, ${(r.compressedBytes / 1048576).toFixed(1)} MiB zstd (${r.dir})\n`);
}
