/**
 * The install's inventory (as kubectl ApplySet and kapp keep one): ConfigMap `kots-inventory` in
 * the install namespace lists every object the install applied, so that the next run can prune
 * what it no longer renders. Written before applying (previous ∪ rendered: an interrupted run
 * still knows everything it may have made) and after pruning (rendered).
 */
import type { K8sObject } from "../kube/apply.ts";
import { APPLY_PHASES, applyPhaseOf } from "../manifests/render.ts";
import type { ObjectRef } from "./events.ts";

export const INVENTORY_NAME = "kots-inventory";
export const INVENTORY_LABEL = "kots.io/inventory";

/**
 * Objects that are never pruned: the Namespace (often the operator's), the ClusterRole
 * kotsadm-role (shared by every install on the cluster), and the inventory itself. PVCs are never
 * in the inventory (StatefulSets keep theirs when deleted).
 */
export function isPrunable(ref: ObjectRef): boolean {
  if (ref.kind === "Namespace" || ref.kind === "PersistentVolumeClaim") return false;
  if (ref.kind === "ClusterRole") return false;
  return !(ref.kind === "ConfigMap" && ref.name === INVENTORY_NAME);
}

const key = (r: ObjectRef) => `${r.kind}/${r.namespace ?? ""}/${r.name}`;

/** Refs of objects, in the order given, without duplicates. */
export function refsOf(objects: readonly Pick<K8sObject, "kind" | "metadata">[]): ObjectRef[] {
  return objects.map((o) => (o.metadata.namespace ? { kind: o.kind, name: o.metadata.name, namespace: o.metadata.namespace } : { kind: o.kind, name: o.metadata.name }));
}

/** previous ∪ next, previous first, each ref once. */
export function unionRefs(previous: readonly ObjectRef[], next: readonly ObjectRef[]): ObjectRef[] {
  const seen = new Set<string>();
  return [...previous, ...next].filter((r) => !seen.has(key(r)) && seen.add(key(r)));
}

/**
 * What to prune: refs of `previous` not in `rendered` and prunable, in reverse dependency order
 * (kotsadm's Service and workload first, then the datastores, config and RBAC), pure.
 */
export function pruneOrder(previous: readonly ObjectRef[], rendered: readonly ObjectRef[]): ObjectRef[] {
  const keep = new Set(rendered.map(key));
  const rank = (r: ObjectRef) => APPLY_PHASES.indexOf(applyPhaseOf({ kind: r.kind, metadata: { name: r.name } }));
  return previous
    .filter((r) => !keep.has(key(r)) && isPrunable(r))
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank(b.r) - rank(a.r) || a.i - b.i)
    .map(({ r }) => r);
}

/** The inventory ConfigMap for `refs` (data.objects: JSON, one ref per line). Labels are ours. */
export function inventoryObject(namespace: string, refs: readonly ObjectRef[]): K8sObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: INVENTORY_NAME, namespace, labels: { "kots.io/kotsadm": "true", [INVENTORY_LABEL]: "true" } },
    data: { objects: refs.map((r) => JSON.stringify(r)).join("\n") },
  };
}

/** The refs an inventory ConfigMap lists ([] for none or a malformed one). */
export function inventoryRefs(cm: { data?: Record<string, string> } | undefined): ObjectRef[] {
  const text = cm?.data?.objects ?? "";
  const out: ObjectRef[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as ObjectRef;
      if (typeof r.kind === "string" && typeof r.name === "string") out.push(r);
    } catch {
      /* a line we did not write */
    }
  }
  return out;
}
