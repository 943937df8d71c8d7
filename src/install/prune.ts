import type { Cluster } from "../kube/cluster.ts";
import { serverSideApply } from "../kube/apply.ts";
import { isNotFound } from "../kube/errors.ts";
import { objectPath } from "../kube/paths.ts";
import { requestJson } from "../kube/watch.ts";
import type { ObjectRef } from "./events.ts";
import { INVENTORY_NAME, inventoryObject, inventoryRefs } from "./inventory.ts";
import { isOurs } from "./ownership.ts";

/** The refs the namespace's inventory lists ([] when there is none yet). Throws API errors other than 404. */
export async function readInventory(cluster: Cluster, namespace: string, signal?: AbortSignal): Promise<ObjectRef[]> {
  try {
    return inventoryRefs((await requestJson(cluster, "GET", objectPath("ConfigMap", INVENTORY_NAME, namespace), undefined, undefined, signal)) as never);
  } catch (err) {
    if (isNotFound(err)) return [];
    throw err;
  }
}

/** Server-side applies the inventory ConfigMap listing `refs`. */
export async function writeInventory(cluster: Cluster, namespace: string, refs: readonly ObjectRef[], signal?: AbortSignal): Promise<void> {
  await serverSideApply(cluster, inventoryObject(namespace, refs), { signal });
}

export type PruneOutcome = "deleted" | "gone" | "kept-foreign";

/**
 * Deletes one object the install no longer renders: only when it still exists and is ours
 * (ownership.ts), with a uid precondition so a same-named object made since is never touched, and
 * background propagation (a StatefulSet's PVCs stay: Kubernetes never deletes them with it).
 */
export async function pruneOne(cluster: Cluster, ref: ObjectRef, signal?: AbortSignal): Promise<PruneOutcome> {
  const path = objectPath(ref.kind, ref.name, ref.namespace);
  let current: { metadata: { uid?: string; labels?: Record<string, string>; managedFields?: unknown[] } };
  try {
    current = (await requestJson(cluster, "GET", path, undefined, undefined, signal)) as typeof current;
  } catch (err) {
    if (isNotFound(err)) return "gone";
    throw err;
  }
  if (!isOurs(current as never)) return "kept-foreign";
  try {
    await requestJson(cluster, "DELETE", path, {
      apiVersion: "v1",
      kind: "DeleteOptions",
      propagationPolicy: "Background",
      preconditions: { uid: current.metadata.uid },
    }, "application/json", signal);
  } catch (err) {
    if (isNotFound(err) || (err as { code?: number }).code === 409) return "gone";
    throw err;
  }
  return "deleted";
}
