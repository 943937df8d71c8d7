import type { K8sObject } from "../kube/apply.ts";

/** Apply phases in the order of design §4; objects within one phase are applied in parallel. */
export const PHASES = ["namespace", "rbac", "secrets", "datastores", "kotsadm", "service"] as const;
export type Phase = (typeof PHASES)[number];

const RBAC_KINDS = new Set(["ServiceAccount", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"]);

/** The phase of one rendered object: the kotsadm workload and Service come after the datastores. */
export function phaseOf(obj: K8sObject): Phase {
  if (obj.kind === "Namespace") return "namespace";
  if (RBAC_KINDS.has(obj.kind)) return "rbac";
  if (obj.kind === "Secret" || obj.kind === "ConfigMap") return "secrets";
  if (obj.metadata.name === "kotsadm") return obj.kind === "Service" ? "service" : "kotsadm";
  return "datastores";
}

/** Groups rendered objects into the ordered phases (empty phases dropped), keeping render order within a phase. */
export function planApply(objects: K8sObject[]): Array<{ phase: Phase; objects: K8sObject[] }> {
  return PHASES.map((phase) => ({ phase, objects: objects.filter((o) => phaseOf(o) === phase) })).filter((p) => p.objects.length > 0);
}

/** Kinds whose readiness is worth watching (everything else is Current once applied, per kstatus). */
export const WATCHED_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "Job", "PersistentVolumeClaim", "Pod"]);
