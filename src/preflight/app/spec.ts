/**
 * Reading a troubleshoot `kind: Preflight` (troubleshoot.sh/v1beta2, or troubleshoot.replicated.com/
 * v1beta1, which troubleshoot v0.133.0 pkg/docrewrite rewrites to v1beta2 field for field). Parsed
 * as YAML 1.1 like troubleshoot's gopkg.in/yaml.v2 (so `yes`/`no` are booleans). Several Preflight
 * documents are concatenated, collectors and analyzers in document order (pkg/preflight/concat.go).
 */
import { parseAllDocuments } from "yaml";
import type { CollectorEntry } from "./collect.ts";
import type { AnalyzerSpec } from "./types.ts";

export const PREFLIGHT_API_VERSIONS = ["troubleshoot.sh/v1beta2", "troubleshoot.replicated.com/v1beta1"] as const;

/** A bad spec: troubleshoot's exit code 2 (EXIT_CODE_SPEC_ISSUES); `message` names the file and the fix. */
export class PreflightSpecError extends Error {
  override name = "PreflightSpecError";
}

export interface PreflightSpec {
  /** metadata.name of each document, joined by ", " */
  name: string;
  collectors: CollectorEntry[];
  /** each entry of `analyzers:`: one key naming the kind, holding its spec */
  analyzers: Array<Record<string, AnalyzerSpec>>;
}

/** True for a YAML document that is a troubleshoot Preflight of an accepted apiVersion. */
export function isPreflightDocument(apiVersion: unknown, kind: unknown): boolean {
  return kind === "Preflight" && (PREFLIGHT_API_VERSIONS as readonly unknown[]).includes(apiVersion);
}

/**
 * The Preflight documents of `text` (already rendered), merged. Other documents are ignored.
 * Throws PreflightSpecError naming `file` for YAML errors, no Preflight document, a Preflight of
 * another apiVersion, or `spec.analyzers`/`spec.collectors` that are not lists.
 */
export function parsePreflightSpec(text: string, file: string): PreflightSpec {
  const docs = parseAllDocuments(text, { version: "1.1", logLevel: "error" });
  const merged: PreflightSpec = { name: "", collectors: [], analyzers: [] };
  const names: string[] = [];
  let found = 0;
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0) throw new PreflightSpecError(`${file}: not valid YAML: ${doc.errors[0]!.message.split("\n")[0]}`);
    const value = doc.toJS({ maxAliasCount: 100 }) as Record<string, unknown> | null;
    if (!value || typeof value !== "object") continue;
    if (value.kind !== "Preflight") continue;
    if (!isPreflightDocument(value.apiVersion, value.kind))
      throw new PreflightSpecError(`${file}: Preflight apiVersion ${String(value.apiVersion)} is not supported: use ${PREFLIGHT_API_VERSIONS.join(" or ")}`);
    found++;
    const meta = (value.metadata ?? {}) as { name?: unknown };
    if (typeof meta.name === "string" && meta.name) names.push(meta.name);
    const spec = (value.spec ?? {}) as { collectors?: unknown; analyzers?: unknown };
    for (const [field, list] of [
      ["collectors", spec.collectors],
      ["analyzers", spec.analyzers],
    ] as const) {
      if (list === undefined || list === null) continue;
      if (!Array.isArray(list) || list.some((e) => e === null || typeof e !== "object" || Array.isArray(e)))
        throw new PreflightSpecError(`${file}: spec.${field}${typeof meta.name === "string" && meta.name ? ` of Preflight ${meta.name}` : ""} must be a list of objects, one key each (e.g. - clusterVersion: {...})`);
      if (field === "collectors") merged.collectors.push(...(list as CollectorEntry[]));
      else merged.analyzers.push(...(list as Array<Record<string, AnalyzerSpec>>));
    }
  }
  if (found === 0) throw new PreflightSpecError(`${file}: no kind: Preflight document (apiVersion ${PREFLIGHT_API_VERSIONS.join(" or ")})`);
  merged.name = names.join(", ");
  return merged;
}
