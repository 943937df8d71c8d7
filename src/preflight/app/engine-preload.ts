/**
 * Whether an app preflight will call the Go template engine (message templates, Go regexps), so
 * that run.ts can start loading it (src/templates preloadTemplates: read, zstd, compile) while the
 * collectors wait on the API server, instead of on the first message that needs it.
 */
import { preloadTemplates } from "../../templates/index.ts";
import type { PreflightSpec } from "./spec.ts";

/**
 * True when `spec`'s analyzers hold a "{{" (a message or title template), a non-empty `regex` or
 * `regexGroups` (textAnalyze, clusterResource, event), or a clusterPodStatuses analyzer (its
 * default title and message are templates). A false positive only loads the engine early.
 */
export function needsGoEngine(spec: PreflightSpec): boolean {
  const text = JSON.stringify(spec.analyzers ?? []);
  return text.includes("{{") || /"regex(Groups)?":"[^"]/.test(text) || text.includes('"clusterPodStatuses"');
}

/**
 * Starts loading the engine in the background when needsGoEngine(spec). Await the promise before
 * the first render: a render while the async compile is still running would compile the module a
 * second time, synchronously. Never rejects (a failed load is reported by the first render).
 */
export function preloadEngineFor(spec: PreflightSpec): Promise<void> {
  return needsGoEngine(spec) ? preloadTemplates() : Promise.resolve();
}
