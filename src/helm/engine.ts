/**
 * Loads the Helm renderer (templates/helm: Helm v3's chart loader, values and engine compiled to
 * WebAssembly, a module of its own, ~4 MiB zstd) and calls its ops. Loaded once per process, on
 * the first helmOp, asynchronously: read, zstd decompression, WebAssembly.compile, instantiate,
 * Go's main (0.3–0.5 s on a loaded 2-core box, docs/design-notes.md "HelmChart"), so only a release
 * that holds a kots.io/v1beta1 HelmChart pays for it.
 */
import { wasmExecSource } from "../templates/assets.ts";
import { helmWasmPath } from "./assets.ts";

/** The Helm renderer could not load, or an op failed: `message` is Helm's own error text. */
export class HelmEngineError extends Error {
  override name = "HelmEngineError";
  constructor(
    readonly op: string,
    message: string,
  ) {
    super(message);
  }
}

type CallFn = (op: string, json: string) => string;
interface GoRuntime {
  importObject: WebAssembly.Imports;
  run(instance: WebAssembly.Instance): Promise<void>;
}

declare global {
  // set by templates/helm/cmd/wasm/main.go
  var __kotsHelmCall: CallFn | undefined;
}

let loading: Promise<CallFn> | undefined;

async function load(): Promise<CallFn> {
  const zst = await Bun.file(helmWasmPath).bytes();
  const mod = await WebAssembly.compile(await Bun.zstdDecompress(zst));
  const G = globalThis as unknown as { Go?: new () => GoRuntime };
  if (!G.Go) new Function(wasmExecSource)();
  if (!G.Go) throw new Error("wasm_exec.js did not define Go");
  const go = new G.Go();
  const instance = await WebAssembly.instantiate(mod, go.importObject);
  void go.run(instance);
  const fn = globalThis.__kotsHelmCall;
  if (typeof fn !== "function") throw new Error("the Helm renderer did not start (no __kotsHelmCall)");
  return fn;
}

/**
 * Runs one op of the Helm renderer (loading it first): `input` is sent as JSON (bytes fields as
 * base64 strings), the result returned parsed. Ops (templates/helm/render.go): "helm.template"
 * {chart, values, release, namespace, includeCRDs, kubeVersion?} → {manifest, chartName,
 * chartVersion}; "helm.chartInfo" {chart} → {name, version}.
 * @throws HelmEngineError with Helm's error text, or why the module could not load.
 */
export async function helmOp<T>(op: string, input: unknown): Promise<T> {
  loading ??= load().catch((e) => {
    loading = undefined;
    throw new HelmEngineError("load", `loading the Helm renderer: ${e instanceof Error ? e.message : String(e)}`);
  });
  const call = await loading;
  const parsed = JSON.parse(call(op, JSON.stringify(input))) as { result?: T; error?: string };
  if (parsed.error !== undefined) throw new HelmEngineError(op, parsed.error);
  return parsed.result as T;
}
