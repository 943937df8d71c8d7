import { conditionsOf, fieldValue, findCondition, parseTime, stringField } from "../fields.ts";
import { current, failed, inProgress } from "../result.ts";
import type { KubeObject, StatusResult } from "../types.ts";

/** kstatus ScheduleWindow: how long a pod may stay unschedulable before it is Failed, ms. */
export const SCHEDULE_WINDOW_MS = 15_000;

/**
 * kstatus Pod rules (cli-utils pkg/kstatus/status/core.go, podConditions), by status.phase:
 * - Succeeded → Current "Pod has completed successfully"; Failed → Current "Pod has
 *   completed, but not successfully" (kstatus treats a finished pod as reconciled).
 * - Running: `Ready=True` → Current "Pod is Ready"; else any container waiting in
 *   `CrashLoopBackOff` → Failed `ContainerCrashLooping`; else InProgress `PodRunningNotReady`.
 * - Pending: `PodScheduled=False` reason `Unschedulable` → InProgress `PodNotScheduled` while
 *   the pod is younger than 15 s (by metadata.creationTimestamp, against `now`), then Failed
 *   `PodUnschedulable`; otherwise InProgress `PodPending`.
 * - No phase → InProgress `PodNotObserved`; an unrecognised phase → Unknown (kstatus errors).
 * `now` is epoch ms.
 */
export function podStatus(obj: KubeObject, opts: { now: number }): StatusResult {
  const conds = conditionsOf(obj);
  const phase = stringField(obj, ["status", "phase"], "");

  switch (phase) {
    case "Succeeded":
      return current("Pod has completed successfully");
    case "Failed":
      return current("Pod has completed, but not successfully");
    case "Running": {
      if (findCondition(conds, "Ready", "True")) return current("Pod is Ready");
      const looping = crashLoopingContainers(obj);
      if (looping.length > 0) {
        return failed("ContainerCrashLooping", `Containers in CrashLoop state: ${looping.join(",")}`);
      }
      return inProgress("PodRunningNotReady", "Pod is running but is not Ready");
    }
    case "Pending": {
      const scheduled = findCondition(conds, "PodScheduled", "False");
      if (scheduled?.reason === "Unschedulable") {
        // A missing creationTimestamp counts as the zero time, as in kstatus: already too old.
        const created = parseTime(fieldValue(obj, ["metadata", "creationTimestamp"])) ?? 0;
        if (opts.now - SCHEDULE_WINDOW_MS < created) {
          return inProgress("PodNotScheduled", "Pod has not been scheduled");
        }
        return failed("PodUnschedulable", "Pod could not be scheduled");
      }
      return inProgress("PodPending", "Pod is in the Pending phase");
    }
    case "":
      return inProgress("PodNotObserved", "Pod phase not available");
    default:
      return { status: "Unknown", message: `unknown phase ${phase}` };
  }
}

/** Names of the (regular, not init) containers whose state.waiting.reason is CrashLoopBackOff. */
function crashLoopingContainers(obj: KubeObject): string[] {
  const statuses = fieldValue(obj, ["status", "containerStatuses"]);
  if (!Array.isArray(statuses)) return [];
  const names: string[] = [];
  for (const cs of statuses) {
    const name = fieldValue(cs ?? {}, ["name"]);
    if (typeof name !== "string") continue;
    if (fieldValue(cs, ["state", "waiting", "reason"]) === "CrashLoopBackOff") names.push(name);
  }
  return names;
}
