/**
 * bun test preload (bunfig.toml): makes src/templates/generated/ current for templates/go before
 * any test imports the template engine (a cached build; Go runs only when the sources changed).
 * A failed build with an engine already built is reported loudly and the previous engine is used,
 * so a Go edit in progress does not stop unrelated tests; with no engine at all it fails the run.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { buildTemplatesWasm, GENERATED_DIR } from "../../templates/build-wasm.ts";

try {
  buildTemplatesWasm((l) => process.stderr.write(l + "\n"));
} catch (e) {
  if (!existsSync(path.join(GENERATED_DIR, "kots-templates.wasm.zst"))) throw e;
  process.stderr.write(`\n!!! templates: the engine did not build; tests use the previous build:\n${e instanceof Error ? e.message : String(e)}\n\n`);
}
