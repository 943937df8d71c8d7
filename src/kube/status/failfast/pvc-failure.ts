import { eventMessage, eventsAbout, eventTime } from "../events.ts";
import { nameOf, namespaceOf, stringField } from "../fields.ts";
import type { KubeObject } from "../types.ts";

/** Why a PVC will not become Bound by itself. */
export interface PvcFailure {
  reason: "ProvisioningFailed";
  message: string;
}

/**
 * Fail-fast extension to kstatus (design §4), pure:
 * `pvcFailure(pvc, events = []) → {reason: "ProvisioningFailed", message} | undefined`.
 * `events` are core/v1 or events.k8s.io/v1 Event objects (any set; those not about this PVC —
 * kind PersistentVolumeClaim, same name, namespace and uid when known — are ignored).
 * Reports the newest `ProvisioningFailed` event's message (from the PV controller or an
 * external provisioner, e.g. `storageclass.storage.k8s.io "fast" not found`), unless the PVC
 * is already Bound or a newer `ProvisioningSucceeded` event exists.
 */
export function pvcFailure(pvc: KubeObject, events: readonly KubeObject[] = []): PvcFailure | undefined {
  if (stringField(pvc, ["status", "phase"], "") === "Bound") return undefined;
  const target = {
    kind: "PersistentVolumeClaim",
    name: nameOf(pvc),
    namespace: namespaceOf(pvc),
    uid: stringField(pvc, ["metadata", "uid"], ""),
  };
  const failure = eventsAbout(events, target, "ProvisioningFailed")[0];
  if (!failure) return undefined;
  const success = eventsAbout(events, target, "ProvisioningSucceeded")[0];
  if (success && eventTime(success) > eventTime(failure)) return undefined;
  return { reason: "ProvisioningFailed", message: eventMessage(failure) || "Provisioning failed" };
}
