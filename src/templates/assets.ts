/**
 * The engine's files, written by build.ts (templates/build-wasm.ts) into src/templates/generated/
 * (gitignored): the module compressed with zstd, and Go's own wasm_exec.js (as wasm_exec.js.txt, content unchanged, so it is embedded as text). Imported as a file and
 * as text so `bun build --compile` embeds both; from source they are read from that directory.
 * A missing file means the engine was not built: run `bun run build` (needs Go, see README).
 */
import wasmPath from "./generated/kots-templates.wasm.zst" with { type: "file" };
import wasmExecSource from "./generated/wasm_exec.js.txt" with { type: "text" };

export { wasmExecSource, wasmPath };
