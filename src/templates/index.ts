/**
 * The KOTS template engine: Go's text/template, sprig v3 and every KOTS v1.88.0 template function
 * (templates/go), compiled to WebAssembly and called synchronously from TypeScript.
 */
export { TemplateEngineError } from "./errors.ts";
export { loadTemplatesSync, preloadTemplates, templateOp, templatesLoaded, tlsKeyPoolSize } from "./engine.ts";
export { setTlsKeyPooling, tlsKeysMade, tlsKeysWanted } from "./tls-keys.ts";
export type { GoConfigValue, GoContext } from "./context.ts";
