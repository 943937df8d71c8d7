import type { K8sObject } from "../kube/apply.ts";
import { APPLY_PHASES, applyPhaseOf, type ApplyPhase } from "../manifests/render.ts";

/**
 * Groups rendered objects into the ordered apply phases of design §4 (namespace → RBAC →
 * secrets/config → datastores → kotsadm → Service); objects within a phase are applied in
 * parallel. Empty phases are dropped; render order is kept within a phase.
 */
export function planApply(objects: K8sObject[]): Array<{ phase: ApplyPhase; objects: K8sObject[] }> {
  return APPLY_PHASES.map((phase) => ({ phase, objects: objects.filter((o) => applyPhaseOf(o) === phase) })).filter((p) => p.objects.length > 0);
}

/** Kinds whose readiness is worth watching (everything else is Current once applied, per kstatus). */
export const WATCHED_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "Job", "PersistentVolumeClaim", "Pod"]);
