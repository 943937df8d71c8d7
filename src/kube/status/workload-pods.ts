import { fieldValue, isTerminating, labelsOf, nameOf, namespaceOf } from "./fields.ts";
import { matchesSelector, type LabelSelector } from "./selector.ts";
import type { KubeObject } from "./types.ts";

/**
 * The pods a workload (Deployment, StatefulSet, ReplicaSet, DaemonSet, Job) selects: same
 * namespace (when both carry one), labels matching its spec.selector, not being deleted;
 * sorted by name so callers report deterministically. A workload without spec.selector
 * selects nothing.
 */
export function podsOf(workload: KubeObject, pods: readonly KubeObject[]): KubeObject[] {
  const selector = fieldValue(workload, ["spec", "selector"]) as LabelSelector | undefined;
  if (!selector || typeof selector !== "object") return [];
  const ns = namespaceOf(workload);
  return pods
    .filter((pod) => {
      const podNs = namespaceOf(pod);
      if (ns && podNs && ns !== podNs) return false;
      return !isTerminating(pod) && matchesSelector(labelsOf(pod), selector);
    })
    .sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0));
}

/** The PersistentVolumeClaim names a pod mounts (spec.volumes[].persistentVolumeClaim.claimName). */
export function claimNamesOf(pod: KubeObject): string[] {
  const volumes = fieldValue(pod, ["spec", "volumes"]);
  if (!Array.isArray(volumes)) return [];
  const names: string[] = [];
  for (const v of volumes) {
    const claim = fieldValue(v ?? {}, ["persistentVolumeClaim", "claimName"]);
    if (typeof claim === "string" && claim !== "") names.push(claim);
  }
  return names;
}

/**
 * The PVC object for `claim` in `namespace` from `pvcs`, or a stub carrying only name and
 * namespace when it is not in the list (the fail-fast rules then rely on Events alone).
 */
export function findPvc(
  pvcs: readonly KubeObject[],
  claim: string,
  namespace: string,
): { obj: KubeObject; known: boolean } {
  const sameNamespace = (p: KubeObject) => !namespace || !namespaceOf(p) || namespaceOf(p) === namespace;
  const found = pvcs.find((p) => nameOf(p) === claim && sameNamespace(p));
  return found
    ? { obj: found, known: true }
    : { obj: { kind: "PersistentVolumeClaim", metadata: { name: claim, namespace } }, known: false };
}
