import { eventMessage, eventReason, eventsAbout } from "../events.ts";
import { conditionsLenient, fieldValue, findCondition, nameOf, namespaceOf, stringField } from "../fields.ts";
import type { Condition, KubeObject } from "../types.ts";
import { claimNamesOf, findPvc } from "../workload-pods.ts";
import { explainPvc } from "./pvc.ts";
import { describeInitRestart, initContainerRestart } from "../failfast/init-restarts.ts";

/** PVC events that mean "not bound yet" rather than "done". */
const PVC_SUCCESS_REASONS = new Set(["ProvisioningSucceeded"]);

/**
 * One line saying why a pod is not ready, or undefined when it is Ready or has completed.
 * In order:
 * 1. not scheduled and a mounted PVC is not Bound (known from `pvcs`, else inferred from the
 *    scheduler message or the PVC's Events) → explainPvc's "waiting for PVC … to be Bound";
 * 2. not scheduled → "pod X: <PodScheduled reason>: <scheduler message>";
 * 3. an init container that fails and restarts → "pod X: init container Y restarted 2×: Error,
 *    connection refused (waiting for its dependencies)";
 *    a container (init first) waiting with a reason → "pod X: container Y: <reason>[: message]";
 * 4. Ready=False → "pod X: <reason>: <message>", e.g.
 *    "pod kotsadm-abc: ContainersNotReady: containers with unready status: [kotsadm]";
 * 5. otherwise "pod X: phase <phase>".
 * Cases 3–5 end with the newest Warning Event about the pod, when there is one
 * (" (Unhealthy: Readiness probe failed: …)").
 */
export function explainPod(
  pod: KubeObject,
  events: readonly KubeObject[],
  pvcs: readonly KubeObject[] = [],
): string | undefined {
  const name = nameOf(pod);
  const conds = conditionsLenient(pod);
  const phase = stringField(pod, ["status", "phase"], "");
  if (phase === "Succeeded" || phase === "Failed") return undefined;
  if (findCondition(conds, "Ready", "True")) return undefined;

  const scheduled = findCondition(conds, "PodScheduled");
  if (scheduled?.status !== "True") {
    const pvcLine = pendingClaim(pod, scheduled?.message ?? "", events, pvcs);
    if (pvcLine) return pvcLine;
    if (scheduled) return `pod ${name}: ${reasonAndMessage(scheduled.reason || "NotScheduled", scheduled.message)}`;
    return `pod ${name}: waiting to be scheduled`;
  }

  return `${containerOrReadyLine(pod, name, conds, phase)}${lastWarning(pod, events)}`;
}

/** "<reason>: <message>", or just the reason when there is no message. */
export function reasonAndMessage(reason: string, message: unknown): string {
  return typeof message === "string" && message !== "" ? `${reason}: ${message}` : reason;
}

function containerOrReadyLine(pod: KubeObject, name: string, conds: readonly Condition[], phase: string): string {
  const restart = initContainerRestart(pod);
  if (restart) return `pod ${name}: init container ${restart.container} ${describeInitRestart(restart)} (waiting for its dependencies)`;
  for (const list of ["initContainerStatuses", "containerStatuses"]) {
    const statuses = fieldValue(pod, ["status", list]);
    if (!Array.isArray(statuses)) continue;
    for (const cs of statuses) {
      const reason = fieldValue(cs ?? {}, ["state", "waiting", "reason"]);
      if (typeof reason !== "string" || reason === "") continue;
      const message = fieldValue(cs, ["state", "waiting", "message"]);
      const container = fieldValue(cs, ["name"]);
      return `pod ${name}: container ${String(container)}: ${reasonAndMessage(reason, message)}`;
    }
  }
  const ready = findCondition(conds, "Ready");
  if (ready) return `pod ${name}: ${reasonAndMessage(ready.reason || "NotReady", ready.message)}`;
  return `pod ${name}: phase ${phase || "unknown"}`;
}

/** The first mounted claim that is not Bound, explained; undefined when none is known to be waiting. */
function pendingClaim(
  pod: KubeObject,
  schedulerMessage: string,
  events: readonly KubeObject[],
  pvcs: readonly KubeObject[],
): string | undefined {
  for (const claim of claimNamesOf(pod)) {
    const { obj, known } = findPvc(pvcs, claim, namespaceOf(pod));
    if (!known) {
      const target = { kind: "PersistentVolumeClaim", name: claim, namespace: namespaceOf(pod) };
      const newest = eventsAbout(events, target)[0];
      const waitingByEvent = newest !== undefined && !PVC_SUCCESS_REASONS.has(eventReason(newest));
      const waitingByScheduler = /PersistentVolumeClaim/i.test(schedulerMessage);
      if (!waitingByEvent && !waitingByScheduler) continue;
    }
    const line = explainPvc(obj, events);
    if (line) return line;
  }
  return undefined;
}

/** " (<reason>: <message>)" of the newest Warning Event about the pod, or "". */
function lastWarning(pod: KubeObject, events: readonly KubeObject[]): string {
  const target = {
    kind: "Pod",
    name: nameOf(pod),
    namespace: namespaceOf(pod),
    uid: stringField(pod, ["metadata", "uid"], ""),
  };
  const warning = eventsAbout(events, target).find((ev) => stringField(ev, ["type"], "") === "Warning");
  return warning ? ` (${eventReason(warning)}: ${eventMessage(warning)})` : "";
}
