/**
 * One cached Go → WebAssembly build, shared by the template engine (templates/build-wasm.ts) and
 * the Helm renderer (templates/helm/build-wasm.ts): hash the module's sources and the Go version
 * into a cache key under ~/.cache/kots-tui/<cacheName>/<key>/ ($XDG_CACHE_HOME honoured), and only
 * when that directory lacks the outputs compile with GOOS=js GOARCH=wasm, compress with zstd level
 * 19 and (optionally) copy Go's own wasm_exec.js; then copy the cached outputs into the generated
 * directory the bundle embeds, skipping files whose bytes are already equal. Every write goes
 * through a pid-suffixed temporary file and a rename, so concurrent builds never see half a file.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** What a build reports: the cache directory, whether Go ran, raw and zstd sizes in bytes. */
export type GoWasmResult = { dir: string; built: boolean; wasmBytes: number; compressedBytes: number };

/** Runs a command for one of the builds; returns its trimmed stdout. */
export type GoRun = (cmd: string[], env?: Record<string, string>, cwd?: string) => string;

/**
 * A command runner whose errors start with `label:`.
 * @param label  "templates" / "helm" — the prefix of every error
 * @param cwd    default working directory (the Go module)
 * @param hint   what to do when the command cannot start, e.g. "install Go ≥ 1.24 (scripts/setup) to build the template engine"
 * @throws Error "<label>: cannot run <cmd> (…); <hint>" when it cannot start, or
 *   "<label>: <cmd> failed (exit N):\n<stderr><stdout>" when it exits non-zero
 */
export function goRunner(label: string, cwd: string, hint: string): GoRun {
  return (cmd, env = {}, dir = cwd) => {
    let proc;
    try {
      proc = Bun.spawnSync(cmd, { cwd: dir, env: { ...process.env, ...env }, stdout: "pipe", stderr: "pipe" });
    } catch (e) {
      throw new Error(`${label}: cannot run ${cmd[0]} (${e instanceof Error ? e.message : String(e)}); ${hint}`);
    }
    if (proc.exitCode !== 0) throw new Error(`${label}: ${cmd.join(" ")} failed (exit ${proc.exitCode}):\n${proc.stderr.toString()}${proc.stdout.toString()}`);
    return proc.stdout.toString().trim();
  };
}

/**
 * sha256 (first 24 hex digits) over the Go version, then every .go/.mod/.sum file under goDir
 * plus the `extra` files found there (relative path, NUL, content, NUL; paths sorted per directory).
 */
export function goSourceHash(goDir: string, goVersion: string, extra: string[] = []): string {
  const h = createHash("sha256").update(goVersion + "\n");
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]))
      .sort();
  for (const f of walk(goDir)) {
    if (!/\.(go|mod|sum)$/.test(f) && !extra.includes(f)) continue;
    h.update(path.relative(goDir, f) + "\0").update(readFileSync(f)).update("\0");
  }
  return h.digest("hex").slice(0, 24);
}

/** Copies `from` to `to` through `<to>.<pid>.tmp` and a rename. */
export function atomicCopy(from: string, to: string): void {
  const tmp = `${to}.${process.pid}.tmp`;
  copyFileSync(from, tmp);
  renameSync(tmp, to);
}

/** The inputs of {@link buildGoWasm}. */
export type GoWasmSpec = {
  /** error and log prefix ("templates", "helm") */
  label: string;
  /** the Go module whose sources make the cache key */
  goDir: string;
  /** runner from {@link goRunner} */
  run: GoRun;
  /** cache subdirectory under ~/.cache/kots-tui/ ("templates-wasm", "helm-wasm") */
  cacheName: string;
  /** files under goDir hashed besides .go/.mod/.sum (e.g. the build script itself) */
  hashExtra?: string[];
  /** the compressed module's file name, in the cache and in outDir ("kots-templates.wasm.zst") */
  wasmName: string;
  /** when set, Go's wasm_exec.js is cached too and copied into outDir under this name */
  glueName?: string;
  /** where the bundle embeds the outputs from (gitignored) */
  outDir: string;
  /** the "building …" log line */
  buildingLine: (goVersion: string) => string;
  /** log a "compressing …" line before zstd */
  logCompress?: boolean;
  /** prepares and returns the directory `go build ./cmd/wasm` runs in (default goDir) */
  prepare?: (cache: string) => string;
  /** extra environment of `go build` (e.g. GOFLAGS) */
  buildEnv?: Record<string, string>;
};

/**
 * Makes spec.outDir current for spec.goDir (cached build, see the file comment).
 * @returns the cache directory, whether Go ran, raw and compressed sizes in bytes
 * @throws Error naming the reason (no `go` on PATH, the build's own output, no wasm_exec.js
 *   under $(go env GOROOT)/lib/wasm or misc/wasm) — never a silent skip
 */
export function buildGoWasm(spec: GoWasmSpec, log: (line: string) => void = () => {}): GoWasmResult {
  const { label, run } = spec;
  const goVersion = run(["go", "env", "GOVERSION"]);
  const hash = goSourceHash(spec.goDir, goVersion, spec.hashExtra);
  const cache = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "kots-tui", spec.cacheName, hash);
  const zst = path.join(cache, spec.wasmName);
  const glue = spec.glueName ? path.join(cache, "wasm_exec.js") : undefined;
  let built = false;
  let wasmBytes = 0;
  if (!existsSync(zst) || (glue && !existsSync(glue))) {
    mkdirSync(cache, { recursive: true });
    const wasm = path.join(cache, `${spec.wasmName.replace(/\.wasm\.zst$/, "")}.${process.pid}.wasm`);
    log(spec.buildingLine(goVersion));
    const dir = spec.prepare ? spec.prepare(cache) : spec.goDir;
    run(["go", "build", "-trimpath", "-ldflags=-s -w", "-o", wasm, "./cmd/wasm"], { GOOS: "js", GOARCH: "wasm", CGO_ENABLED: "0", ...spec.buildEnv }, dir);
    const bytes = readFileSync(wasm);
    wasmBytes = bytes.length;
    if (spec.logCompress) log(`${label}: compressing ${(wasmBytes / 1048576).toFixed(1)} MiB with zstd level 19`);
    writeFileSync(`${zst}.${process.pid}.tmp`, Bun.zstdCompressSync(bytes, { level: 19 }));
    renameSync(`${zst}.${process.pid}.tmp`, zst);
    if (glue) {
      const goroot = run(["go", "env", "GOROOT"]);
      const src = [path.join(goroot, "lib", "wasm", "wasm_exec.js"), path.join(goroot, "misc", "wasm", "wasm_exec.js")].find((p) => existsSync(p));
      if (!src) throw new Error(`${label}: no wasm_exec.js under ${goroot}/lib/wasm or ${goroot}/misc/wasm`);
      atomicCopy(src, glue);
    }
    writeFileSync(path.join(cache, "wasm-bytes"), String(wasmBytes));
    Bun.spawnSync(["rm", "-f", wasm]);
    built = true;
  } else {
    wasmBytes = Number(readFileSync(path.join(cache, "wasm-bytes"), "utf8")) || 0;
  }
  mkdirSync(spec.outDir, { recursive: true });
  const outputs: [string, string][] = [[zst, spec.wasmName]];
  if (glue && spec.glueName) outputs.push([glue, spec.glueName]);
  for (const [from, name] of outputs) {
    const to = path.join(spec.outDir, name);
    if (existsSync(to) && statSync(to).size === statSync(from).size && readFileSync(to).equals(readFileSync(from))) continue;
    atomicCopy(from, to);
  }
  return { dir: cache, built, wasmBytes, compressedBytes: statSync(zst).size };
}
