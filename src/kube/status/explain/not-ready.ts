import { computeStatus } from "../compute.ts";
import { eventMessage, eventReason, eventsAbout } from "../events.ts";
import { conditionsLenient, fieldValue, findCondition, kindOf, nameOf, namespaceOf, stringField } from "../fields.ts";
import type { KubeObject } from "../types.ts";
import { podsOf } from "../workload-pods.ts";
import { explainPod, reasonAndMessage } from "./pod.ts";
import { explainPvc } from "./pvc.ts";

export interface NotReadyOptions {
  /** PVC objects, when the caller watches them (sharper "waiting for PVC" lines). */
  pvcs?: readonly KubeObject[];
  /** Current time, epoch ms, for the kstatus fallback line (default Date.now()). */
  now?: number;
}

/**
 * A one-line human reason for an object that is still InProgress (for the rollout board and
 * the `--wait-duration` failure message), pure:
 * `notReadyExplanation(workload, pods, events, {pvcs?, now?}) → string`.
 * - PersistentVolumeClaim: "waiting for PVC <name> to be Bound[: <newest event>]".
 * - Pod: explainPod (see explain/pod.ts).
 * - Workloads with spec.selector (Deployment, StatefulSet, ReplicaSet, DaemonSet, Job):
 *   a `ReplicaFailure=True` condition first ("Deployment kotsadm: FailedCreate: …"); then the
 *   first not-ready pod it selects, by name (e.g. "pod kotsadm-abc: ContainersNotReady:
 *   containers with unready status: [kotsadm]", "waiting for PVC
 *   kotsadm-minio-kotsadm-minio-0 to be Bound"); with no pods, the newest Warning Event about
 *   the workload (a StatefulSet's FailedCreate) or "no pods yet".
 * - Otherwise, or when every pod is ready: the kstatus reason and message
 *   ("LessReady: Ready: 0/1").
 * `pods` and `events` may hold unrelated objects; they are filtered here.
 */
export function notReadyExplanation(
  workload: KubeObject,
  pods: readonly KubeObject[],
  events: readonly KubeObject[],
  opts: NotReadyOptions = {},
): string {
  const kind = kindOf(workload);
  const name = nameOf(workload);

  if (kind === "PersistentVolumeClaim") {
    const line = explainPvc(workload, events);
    if (line) return line;
  } else if (kind === "Pod") {
    const line = explainPod(workload, events, opts.pvcs);
    if (line) return line;
  } else {
    const failure = findCondition(conditionsLenient(workload), "ReplicaFailure", "True");
    if (failure) return `${kind} ${name}: ${reasonAndMessage(failure.reason || "ReplicaFailure", failure.message)}`;

    const selected = podsOf(workload, pods);
    for (const pod of selected) {
      const line = explainPod(pod, events, opts.pvcs);
      if (line) return line;
    }
    if (selected.length === 0 && fieldValue(workload, ["spec", "selector"]) !== undefined) {
      const warning = eventsAbout(events, {
        kind,
        name,
        namespace: namespaceOf(workload),
        uid: stringField(workload, ["metadata", "uid"], ""),
      }).find((ev) => stringField(ev, ["type"], "") === "Warning");
      if (warning) return `${kind} ${name}: ${eventReason(warning)}: ${eventMessage(warning)}`;
      return `${kind} ${name}: no pods yet`;
    }
  }

  const s = computeStatus(workload, { now: opts.now });
  return s.reason ? `${s.reason}: ${s.message}` : s.message;
}
