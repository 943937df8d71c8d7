/**
 * The Helm renderer's module (templates/helm → WebAssembly, zstd), written by build.ts
 * (templates/helm/build-wasm.ts) into src/helm/generated/ (gitignored). Imported as a file so
 * `bun build --compile` embeds it; Go's wasm_exec.js is the template engine's (same Go).
 * Only src/helm/engine.ts imports this, and only the HelmChart path imports that (lazily).
 */
import helmWasmPath from "./generated/kots-helm.wasm.zst" with { type: "file" };

export { helmWasmPath };
