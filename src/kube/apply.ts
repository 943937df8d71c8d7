import type { Cluster } from "./cluster.ts";
import { isNotFound } from "./errors.ts";
import { objectPath } from "./paths.ts";
import { requestJson } from "./watch.ts";

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: unknown };
  [k: string]: unknown;
}

export type ApplyAction = "created" | "configured" | "unchanged";

/** The field manager of every kots-tui write (design §4). */
export const FIELD_MANAGER = "kots";

/**
 * Server-side apply of one object (PATCH application/apply-patch+yaml, fieldManager "kots",
 * force=true: we own these objects). Returns what the API server did, judged by resourceVersion
 * before and after: a re-apply of an unchanged object is a no-op and reports "unchanged".
 * With `createOnly`, an object that already exists is left as it is ("unchanged").
 * Throws the API error (with `code`) unchanged; callers decide about retries.
 */
export async function serverSideApply(
  cluster: Cluster,
  obj: K8sObject,
  opts: { dryRun?: boolean; signal?: AbortSignal; createOnly?: boolean } = {},
): Promise<{ action: ApplyAction; object: K8sObject }> {
  const path = objectPath(obj.kind, obj.metadata.name, obj.metadata.namespace);
  let before: string | undefined;
  try {
    const current = (await requestJson(cluster, "GET", path, undefined, undefined, opts.signal)) as K8sObject;
    // createOnly: an existing object is not ours to change (e.g. the operator's own Namespace).
    if (opts.createOnly) return { action: "unchanged", object: current };
    before = current.metadata.resourceVersion as string;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
  const q = new URLSearchParams({ fieldManager: FIELD_MANAGER, force: "true" });
  if (opts.dryRun) q.set("dryRun", "All");
  const after = (await requestJson(cluster, "PATCH", `${path}?${q}`, JSON.stringify(obj), "application/apply-patch+yaml", opts.signal)) as K8sObject;
  const action: ApplyAction = before === undefined ? "created" : before === after.metadata.resourceVersion ? "unchanged" : "configured";
  return { action, object: after };
}

/** GET one object, or undefined when it does not exist. */
export async function getObject(cluster: Cluster, kind: string, name: string, namespace?: string): Promise<K8sObject | undefined> {
  try {
    return (await requestJson(cluster, "GET", objectPath(kind, name, namespace))) as K8sObject;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}
