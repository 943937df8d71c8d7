/**
 * The spec and k8s-object field readers the cluster analyzers share, and encoding/json's
 * "unexpected end of JSON input" (Go's strings / strconv / path pieces are in ../go/). Source of
 * the rules: troubleshoot v0.133.0's Go types and the Go standard library it is built with.
 */

import type { CollectedFiles } from "../collected.ts";
import { AnalyzeError } from "../types.ts";

/**
 * json.Unmarshal's syntax check for the files analyzers read: an empty (or all-space) file gives
 * Go's "unexpected end of JSON input"; other malformed text gives the JavaScript parser's message
 * (troubleshoot's collectors, like ours, only ever write valid JSON).
 * @throws Error
 */
export function goJsonParse(text: string): unknown {
  if (/^[ \t\r\n]*$/.test(text)) throw new Error("unexpected end of JSON input");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error((err as Error).message);
  }
}

/** A spec string field as Go decodes it: absent or null is "", anything else its text. */
export function specString(v: unknown): string {
  return v === undefined || v === null ? "" : String(v);
}

/** A plain object field of a spec or a k8s object, else undefined. */
export function objectField(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** A list field of a k8s object (Go's nil slice for anything else). */
export function listField(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The `items` of a k8s list file (json.Unmarshal into a typed List: only names and annotations are read). */
export function listItems(text: string): Array<{ name: string; annotations: Record<string, string> }> {
  const list = objectField(goJsonParse(text)) ?? {};
  return listField(list.items).map((item) => {
    const meta = objectField(objectField(item)?.metadata) ?? {};
    const ann = objectField(meta.annotations) ?? {};
    return { name: specString(meta.name), annotations: Object.fromEntries(Object.entries(ann).map(([k, v]) => [k, specString(v)])) };
  });
}

/**
 * The list items of the collected file at `path` (read, then json.Unmarshal into its List type), as
 * crd.go, ingress.go, ingress_class.go and storage_class.go read theirs.
 * @throws AnalyzeError "file PATH was not collected", or the JSON error's text
 */
export function collectedListItems(files: CollectedFiles, path: string): Array<{ name: string; annotations: Record<string, string> }> {
  const text = files.text(path);
  try {
    return listItems(text);
  } catch (err) {
    throw new AnalyzeError((err as Error).message);
  }
}
