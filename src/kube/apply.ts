import type { Cluster } from "./cluster.ts";
import { isNotFound } from "./errors.ts";
import { collectionPath, objectPath } from "./paths.ts";
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
 * With `createOnly`, the object is created with POST and, when it already exists (409), left as
 * it is ("unchanged"): of two runs racing to create it, exactly one writes it.
 * Throws the API error (with `code`) unchanged; callers decide about retries.
 */
export async function serverSideApply(
  cluster: Cluster,
  obj: K8sObject,
  opts: { dryRun?: boolean; signal?: AbortSignal; createOnly?: boolean } = {},
): Promise<{ action: ApplyAction; object: K8sObject }> {
  const path = objectPath(obj.kind, obj.metadata.name, obj.metadata.namespace);
  if (opts.createOnly) return createOnly(cluster, obj, path, opts);
  let before: string | undefined;
  try {
    const current = (await requestJson(cluster, "GET", path, undefined, undefined, opts.signal)) as K8sObject;
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

/** POST (fieldManager kots); on 409 AlreadyExists the existing object, unchanged. */
async function createOnly(cluster: Cluster, obj: K8sObject, path: string, opts: { dryRun?: boolean; signal?: AbortSignal }): Promise<{ action: ApplyAction; object: K8sObject }> {
  const q = new URLSearchParams({ fieldManager: FIELD_MANAGER });
  if (opts.dryRun) q.set("dryRun", "All");
  try {
    const created = (await requestJson(cluster, "POST", `${collectionPath(obj.kind, obj.metadata.namespace)}?${q}`, obj, "application/json", opts.signal)) as K8sObject;
    return { action: "created", object: created };
  } catch (err) {
    if ((err as { code?: number }).code !== 409) throw err;
    const current = (await requestJson(cluster, "GET", path, undefined, undefined, opts.signal)) as K8sObject;
    return { action: "unchanged", object: current };
  }
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
