import { conditionsLenient, fieldValue, findCondition, parseTime } from "../fields.ts";
import type { KubeObject } from "../types.ts";
import { DEFAULT_INIT_RESTART_GRACE_MS, describeInitRestart, initContainerRestart, withinInitGrace } from "./init-restarts.ts";

/**
 * Container waiting reasons that end the wait at once (design §4). The kubelet sets them in
 * status.(init)containerStatuses[].state.waiting.reason; none of them clears without a change
 * to the pod spec, the image, or the referenced config (CrashLoopBackOff: the program itself).
 */
export const FAIL_FAST_WAITING_REASONS: readonly string[] = [
  "ImagePullBackOff",
  "ErrImagePull",
  "InvalidImageName",
  "CreateContainerConfigError",
  "CrashLoopBackOff",
];

/** How long a pod may stay Unschedulable before it counts as failed, ms (kstatus' ScheduleWindow). */
export const DEFAULT_UNSCHEDULABLE_GRACE_MS = 15_000;

/** Why a pod will not become ready by itself. `container` names the container, when one is at fault. */
export interface PodFailure {
  reason: string;
  message: string;
  container?: string;
  /** True when `container` is an init container that kept restarting past its grace window. */
  initContainer?: boolean;
}

export interface PodFailureOptions {
  /** Current time, epoch ms. */
  now: number;
  /** Grace period for PodScheduled=False/Unschedulable, ms; default 15000. */
  unschedulableGraceMs?: number;
  /** Grace window for init containers that fail and restart, ms; default 120000 (init-restarts.ts). */
  initRestartGraceMs?: number;
}

/**
 * Fail-fast extension to kstatus (design §4), pure: the first container — init containers
 * first, then regular ones, in list order — waiting with a reason in FAIL_FAST_WAITING_REASONS.
 * `message` is the kubelet's waiting message (for CrashLoopBackOff followed by the last
 * termination's reason and exit code, when the pod shows them); when the kubelet gave none,
 * a short sentence naming the reason.
 * An init container that fails and restarts (CrashLoopBackOff, or a non-zero exit) is waiting
 * for a dependency while the pod is younger than `initRestartGraceMs` (default 2 min, measured
 * against `now`, epoch ms); past it, it fails with reason CrashLoopBackOff and `initContainer`.
 * Without `now` every CrashLoopBackOff fails at once (the kstatus-only view).
 */
export function containerFailure(pod: KubeObject, opts: Partial<PodFailureOptions> = {}): PodFailure | undefined {
  const restart = initContainerRestart(pod);
  for (const list of ["initContainerStatuses", "containerStatuses"]) {
    const statuses = fieldValue(pod, ["status", list]);
    if (!Array.isArray(statuses)) continue;
    for (const cs of statuses) {
      const name = fieldValue(cs ?? {}, ["name"]);
      const container = typeof name === "string" ? name : undefined;
      if (list === "initContainerStatuses" && restart && restart.container === container && opts.now !== undefined) {
        const grace = opts.initRestartGraceMs ?? DEFAULT_INIT_RESTART_GRACE_MS;
        if (withinInitGrace(restart, opts.now, grace)) return undefined; // later containers wait for this one
        return {
          reason: "CrashLoopBackOff",
          message: `still failing after ${Math.round(grace / 1000)}s, ${describeInitRestart(restart)}`,
          container: restart.container,
          initContainer: true,
        };
      }
      const reason = fieldValue(cs ?? {}, ["state", "waiting", "reason"]);
      if (typeof reason !== "string" || !FAIL_FAST_WAITING_REASONS.includes(reason)) continue;
      const kubelet = fieldValue(cs, ["state", "waiting", "message"]);
      let message = typeof kubelet === "string" && kubelet !== "" ? kubelet : `container is waiting: ${reason}`;
      if (reason === "CrashLoopBackOff") message += lastTermination(cs);
      return container === undefined ? { reason, message } : { reason, message, container };
    }
  }
  return undefined;
}

/** " (last exit: Error, code 1: <message>)" from lastState.terminated, or "". */
function lastTermination(cs: object): string {
  const code = fieldValue(cs, ["lastState", "terminated", "exitCode"]);
  if (typeof code !== "number") return "";
  const why = fieldValue(cs, ["lastState", "terminated", "reason"]);
  const text = fieldValue(cs, ["lastState", "terminated", "message"]);
  const detail = typeof text === "string" && text.trim() !== "" ? `: ${text.trim().split("\n").at(-1)}` : "";
  return ` (last exit: ${typeof why === "string" && why ? `${why}, ` : ""}code ${code}${detail})`;
}

/**
 * Fail-fast extension to kstatus (design §4), pure: the pod's `PodScheduled` condition is
 * False with reason `Unschedulable` and has been so for at least `unschedulableGraceMs`
 * (measured from the condition's lastTransitionTime, else metadata.creationTimestamp, against
 * `now`; epoch ms). Returns reason `Unschedulable` with the scheduler's message
 * (e.g. "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.").
 * Undefined while within the grace period or when no timestamp is known.
 */
export function unschedulableFailure(pod: KubeObject, opts: PodFailureOptions): PodFailure | undefined {
  const cond = findCondition(conditionsLenient(pod), "PodScheduled", "False");
  if (cond?.reason !== "Unschedulable") return undefined;
  // "unbound immediate PersistentVolumeClaims" means provisioning is still under way: that is
  // judged by the PVC's own ProvisioningFailed rule, not by the scheduler's wait.
  if (/unbound immediate PersistentVolumeClaims/.test(cond.message ?? "") && !/untolerated|Insufficient|didn't match|affinity/.test(cond.message ?? "")) return undefined;
  const since = parseTime(cond.lastTransitionTime) ?? parseTime(fieldValue(pod, ["metadata", "creationTimestamp"]));
  if (since === undefined) return undefined;
  const grace = opts.unschedulableGraceMs ?? DEFAULT_UNSCHEDULABLE_GRACE_MS;
  if (opts.now - since < grace) return undefined;
  return { reason: "Unschedulable", message: cond.message || "Pod could not be scheduled" };
}

/**
 * Fail-fast extensions to kstatus for one pod (design §4), pure:
 * `podFailure(pod, {now, unschedulableGraceMs = 15000}) → {reason, message, container?} | undefined`.
 * Checks containerFailure (ImagePullBackOff, ErrImagePull, InvalidImageName,
 * CreateContainerConfigError, CrashLoopBackOff — reason and the kubelet's message; init containers
 * that restart are given `initRestartGraceMs`, default 2 min) and then
 * unschedulableFailure (Unschedulable for ≥ the grace period — the scheduler's message).
 * Times are epoch ms.
 */
export function podFailure(pod: KubeObject, opts: PodFailureOptions): PodFailure | undefined {
  return containerFailure(pod, opts) ?? unschedulableFailure(pod, opts);
}
