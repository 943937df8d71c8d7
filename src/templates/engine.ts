/**
 * Loads the template engine (templates/go compiled to WebAssembly) and calls its ops.
 *
 *   preloadTemplates();                          // optional: start loading off the critical path
 *   const { text } = templateOp<{ text: string }>("render", { context, text, file });
 *
 * The module is loaded once per process: asynchronously by preloadTemplates (read and zstd
 * decompression streamed into WebAssembly.compileStreaming, instantiate, Go's main), or
 * synchronously by the first templateOp when no preload has finished (new WebAssembly.Module). Go's main registers
 * globalThis.__kotsTemplatesCall(op, json) and blocks; each op is then a synchronous call.
 */
import { readFileSync } from "node:fs";
import { wasmExecSource, wasmPath } from "./assets.ts";
import { TemplateEngineError } from "./errors.ts";
import { provideTlsKeys, tlsKeysPooled } from "./tls-keys.ts";

interface GoRuntime {
  importObject: WebAssembly.Imports;
  run(instance: WebAssembly.Instance): Promise<void>;
  exited?: boolean;
}
type GoClass = new () => GoRuntime;
type CallFn = (op: string, json: string) => string;

declare global {
  // set by templates/go/cmd/wasm/main.go
  var __kotsTemplatesCall: CallFn | undefined;
  // set by Go's wasm_exec.js
  var Go: GoClass | undefined;
}

let call: CallFn | undefined;
let preloading: Promise<void> | undefined;
let compiled: WebAssembly.Module | undefined;
let loadError: TemplateEngineError | undefined;

function goClass(src: string): GoClass {
  if (!globalThis.Go) new Function(src)();
  if (!globalThis.Go) throw new TemplateEngineError("load", "wasm_exec.js did not define Go");
  return globalThis.Go;
}

function start(Go: GoClass, mod: WebAssembly.Module): void {
  if (call) return;
  const go = new Go();
  run(go, new WebAssembly.Instance(mod, go.importObject));
}

function run(go: GoRuntime, instance: WebAssembly.Instance): void {
  if (call) return;
  // runs Go's main until it blocks (select{}), which is after __kotsTemplatesCall is set
  void go.run(instance);
  const fn = globalThis.__kotsTemplatesCall;
  if (typeof fn !== "function") throw new TemplateEngineError("load", "the template engine did not start (no __kotsTemplatesCall)");
  call = fn;
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * Starts loading the engine in the background (idempotent, never throws: a failure is reported by
 * the next templateOp). Call it when the operator is busy (the wizard's password step).
 */
export function preloadTemplates(): Promise<void> {
  if (call || preloading) return preloading ?? Promise.resolve();
  preloading = (async () => {
    // streaming: JSC compiles the functions while zstd still decompresses the rest (~30 ms less
    // than decompressing first and compiling the whole buffer)
    const wasm = Bun.file(wasmPath).stream().pipeThrough(new DecompressionStream("zstd" as CompressionFormat));
    compiled = await WebAssembly.compileStreaming(new Response(wasm, { headers: { "content-type": "application/wasm" } }));
    // instantiate and Go's init run on this thread (~10 + ~25 ms): a turn of the event loop
    // between them, so a UI keeps drawing
    await tick();
    if (call) return;
    const go = new (goClass(wasmExecSource))();
    const instance = new WebAssembly.Instance(compiled, go.importObject);
    await tick();
    run(go, instance);
  })().catch((e) => {
    loadError = new TemplateEngineError("load", `loading the template engine: ${e instanceof Error ? e.message : String(e)}`);
  });
  return preloading;
}

/** Loads the engine now if it is not loaded (synchronous). @throws TemplateEngineError */
export function loadTemplatesSync(): void {
  if (call) return;
  if (loadError) throw loadError;
  try {
    const Go = goClass(wasmExecSource);
    // the decompressed Buffer is a Uint8Array already: wrapping it in `new Uint8Array(…)` would copy
    // the ~13 MiB module once more (~10 ms in a fresh process)
    const mod = compiled ?? new WebAssembly.Module(Bun.zstdDecompressSync(readFileSync(wasmPath)) as Uint8Array<ArrayBuffer>);
    start(Go, mod);
  } catch (e) {
    if (e instanceof TemplateEngineError) throw e;
    throw new TemplateEngineError("load", `loading the template engine: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Runs one op of the engine synchronously (loading it first if needed): `input` is sent as JSON,
 * the op's result returned parsed. Ops: "render" {context, text, file, line?} → {text};
 * "config.analyze", "config.render" (templates/go/ops_render.go); "regexp.match",
 * "regexp.submatch", "gotemplate.render" (templates/go/regexp.go, preflight_*.go).
 * A render whose templates call TLS* functions first gets natively made RSA keys (tls-keys.ts).
 * @throws TemplateEngineError with the Go side's error text (a template error names FILE:LINE and
 *   the function), or why the engine could not load.
 */
export function templateOp<T>(op: string, input: unknown): T {
  loadTemplatesSync();
  provideTlsKeys(op, input, rawOp);
  return rawOp<T>(op, input);
}

/** One op, the engine loaded. @throws TemplateEngineError */
function rawOp<T>(op: string, input: unknown): T {
  const out = call!(op, JSON.stringify(input));
  const parsed = JSON.parse(out) as { result?: T; error?: string };
  if (parsed.error !== undefined) throw new TemplateEngineError(op, parsed.error);
  return parsed.result as T;
}

/** How many natively made RSA keys the engine holds unused (tests, benchmarks). @throws TemplateEngineError */
export function tlsKeyPoolSize(): number {
  loadTemplatesSync();
  return tlsKeysPooled(rawOp);
}

/** True once the engine is loaded (for benchmarks and tests). */
export function templatesLoaded(): boolean {
  return call !== undefined;
}
