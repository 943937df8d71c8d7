/**
 * Whose an existing object is (design §4: never adopt an object we did not create). An object is
 * ours when our field manager ("kots") manages fields of it, or it carries KOTS's own label
 * kots.io/kotsadm=true (an Admin Console made by KOTS itself, which this installer upgrades).
 */
import { FIELD_MANAGER, type K8sObject } from "../kube/apply.ts";

export function isOurs(obj: Pick<K8sObject, "metadata">): boolean {
  if (obj.metadata.labels?.["kots.io/kotsadm"] === "true") return true;
  const managed = obj.metadata.managedFields;
  return Array.isArray(managed) && managed.some((m) => (m as { manager?: string })?.manager === FIELD_MANAGER);
}

/** Who manages a foreign object, for the message ("kubectl-client-side-apply", or "someone else"). */
export function managersOf(obj: Pick<K8sObject, "metadata">): string {
  const managed = obj.metadata.managedFields;
  const names = Array.isArray(managed) ? [...new Set(managed.map((m) => (m as { manager?: string })?.manager).filter(Boolean))] : [];
  return names.length ? names.join(", ") : "someone else";
}
