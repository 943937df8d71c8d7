import { eventMessage, eventReason, eventsAbout } from "../events.ts";
import { nameOf, namespaceOf, stringField } from "../fields.ts";
import type { KubeObject } from "../types.ts";

/**
 * One line for a PVC that is not Bound yet, or undefined when it is Bound:
 * "waiting for PVC <name> to be Bound", followed by the newest Event about it when there is
 * one (e.g. ": WaitForFirstConsumer: waiting for first consumer to be created before binding").
 */
export function explainPvc(pvc: KubeObject, events: readonly KubeObject[]): string | undefined {
  if (stringField(pvc, ["status", "phase"], "") === "Bound") return undefined;
  const name = nameOf(pvc);
  const newest = eventsAbout(events, {
    kind: "PersistentVolumeClaim",
    name,
    namespace: namespaceOf(pvc),
    uid: stringField(pvc, ["metadata", "uid"], ""),
  })[0];
  const base = `waiting for PVC ${name} to be Bound`;
  if (!newest) return base;
  const message = eventMessage(newest);
  return `${base}: ${eventReason(newest)}${message ? `: ${message}` : ""}`;
}
