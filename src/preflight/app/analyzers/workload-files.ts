/**
 * Reading troubleshoot's collected Kubernetes lists for the workload analyzers.
 *
 * `globFiles` is what troubleshoot v0.133.0's `preflight` CLI really hands analyzers as
 * findFiles: pkg/preflight/run.go analyzes through pkg/analyze/download.go AnalyzeLocal, whose
 * fileContentProvider.getChildFileContents is filepath.Glob over the bundle directory — a pattern
 * match only (no prefix match), sorted, and an EMPTY result (not an error) when nothing matches.
 */
import type { CollectedFiles } from "../collected.ts";
import { goPathMatch } from "../go-path-match.ts";
import { AnalyzeError } from "../types.ts";

/** Collected files whose bundle path matches the Go filepath.Match `pattern`, in path order; empty when none. */
export function globFiles(files: CollectedFiles, pattern: string): Array<[string, Uint8Array]> {
  const out: Array<[string, Uint8Array]> = [];
  for (const [k, v] of files.files) if (goPathMatch(pattern, k)) out.push([k, v]);
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

export type Obj = Record<string, unknown>;

/**
 * Every item of every list file matching each of `patterns` in turn (files in path order), read
 * lazily as the analyzeAll… loops of deploymentStatus, statefulsetStatus, jobStatus and
 * replicasetStatus read them (getChildCollectedFileContents, then json.Unmarshal of each file).
 * @throws AnalyzeError as listItems ("PREFIX: …") for a file that is not a `goType` list
 */
export function* listedItems(files: CollectedFiles, patterns: string[], prefix: string, goType: string): Generator<Obj> {
  for (const pattern of patterns) for (const [, bytes] of globFiles(files, pattern)) yield* listItems(bytes, prefix, goType);
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return "array";
  if (v === null) return "null";
  return typeof v === "object" ? "object" : typeof v;
}

/** JSON text parsed, or AnalyzeError "PREFIX: <parse error>" (Go's json.Unmarshal error in spirit; JavaScript's text). */
export function parseJson(bytes: Uint8Array, prefix: string): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new AnalyzeError(`${prefix}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * The `items` of a Kubernetes list file, as json.Unmarshal into `goType` (e.g. "v1.DeploymentList")
 * gives them: null or a missing `items` is an empty list.
 * @throws AnalyzeError "PREFIX: json: cannot unmarshal array into Go value of type v1.DeploymentList"
 *   (or the parse error) when the file is not a list object.
 */
export function listItems(bytes: Uint8Array, prefix: string, goType: string): Obj[] {
  const v = parseJson(bytes, prefix);
  return itemsOf(v, prefix, goType);
}

/** `items` of an already parsed list value; throws as `listItems`. */
export function itemsOf(v: unknown, prefix: string, goType: string): Obj[] {
  if (v === null) return [];
  if (typeof v !== "object" || Array.isArray(v)) throw new AnalyzeError(`${prefix}: json: cannot unmarshal ${jsonKind(v)} into Go value of type ${goType}`);
  const items = (v as Obj).items;
  if (items === undefined || items === null) return [];
  if (!Array.isArray(items)) throw new AnalyzeError(`${prefix}: json: cannot unmarshal ${jsonKind(items)} into Go struct field ${goType}.items`);
  return items.map((i) => (i !== null && typeof i === "object" ? (i as Obj) : {}));
}

/** obj.a.b.c with Go zero-value defaults: a missing or mistyped step gives undefined. */
export function dig(obj: unknown, ...keys: string[]): unknown {
  let cur: unknown = obj;
  for (const k of keys) {
    if (cur === null || typeof cur !== "object" || Array.isArray(cur)) return undefined;
    cur = (cur as Obj)[k];
  }
  return cur;
}

/** A string field (Go zero value ""). */
export function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

/** An integer field (Go zero value 0). */
export function int(v: unknown): number {
  return typeof v === "number" && Number.isFinite(v) ? Math.trunc(v) : 0;
}

/** An object field, or undefined when absent or null (a nil Go pointer). */
export function objOrNil(v: unknown): Obj | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : undefined;
}

/** An array field of objects (Go nil slice: empty). */
export function arr(v: unknown): Obj[] {
  return Array.isArray(v) ? v.map((i) => (i !== null && typeof i === "object" ? (i as Obj) : {})) : [];
}

/** A spec's string list field (e.g. `namespaces`); non-strings are stringified as YAML scalars would be. */
export function strList(v: unknown): string[] {
  return Array.isArray(v) ? v.map((x) => (x === null || x === undefined ? "" : String(x))) : [];
}

/** A spec's string field; absent or null is "". */
export function specStr(v: unknown): string {
  return v === undefined || v === null ? "" : String(v);
}
