import { fieldValue, parseTime } from "../fields.ts";
import type { KubeObject } from "../types.ts";

/**
 * How long an init container may keep failing while a dependency starts, ms (design §4).
 * kotsadm's schemahero-plan opens one Postgres connection with no retry: on a real cluster it
 * fails until the kotsadm-postgres Service has a ready endpoint, and the kubelet restarts it
 * with a back-off of 10 s, 20 s, 40 s … (kubelet `backOffPeriod`). Two minutes covers three
 * restarts; `--init-restart-grace` changes it.
 */
export const DEFAULT_INIT_RESTART_GRACE_MS = 120_000;

/** An init container that exited with an error and is (or will be) restarted by the kubelet. */
export interface InitRestart {
  container: string;
  /** status.initContainerStatuses[].restartCount */
  restarts: number;
  /** "Error" / "CrashLoopBackOff": the waiting reason, else the last termination reason. */
  reason: string;
  /** The last termination's reason and message, e.g. "Error, connection refused", or "". */
  lastExit: string;
  /** Epoch ms the grace window is measured from (pod creation, else its start time). */
  since?: number;
}

/**
 * The first init container (in list order) that is failing and restarting, pure:
 * `state.waiting.reason` CrashLoopBackOff, or `state.terminated` with a non-zero exit code, or a
 * waiting container whose `lastState.terminated` has a non-zero exit code. Image pulls and
 * config errors are not restarts (they are judged by containerFailure). Undefined otherwise.
 */
export function initContainerRestart(pod: KubeObject): InitRestart | undefined {
  const statuses = fieldValue(pod, ["status", "initContainerStatuses"]);
  if (!Array.isArray(statuses)) return undefined;
  for (const cs of statuses) {
    if (!cs || typeof cs !== "object") continue;
    const waiting = fieldValue(cs, ["state", "waiting", "reason"]);
    const terminatedCode = fieldValue(cs, ["state", "terminated", "exitCode"]);
    const lastCode = fieldValue(cs, ["lastState", "terminated", "exitCode"]);
    const failedNow = typeof terminatedCode === "number" && terminatedCode !== 0;
    const crashLoop = waiting === "CrashLoopBackOff";
    const restarting = typeof waiting === "string" && typeof lastCode === "number" && lastCode !== 0 && !isConfigOrImage(waiting);
    if (!failedNow && !crashLoop && !restarting) continue;
    const term = failedNow ? ["state", "terminated"] : ["lastState", "terminated"];
    const termReason = fieldValue(cs, [...term, "reason"]);
    const termMessage = fieldValue(cs, [...term, "message"]);
    const lastLine = typeof termMessage === "string" ? termMessage.trim().split("\n").at(-1) ?? "" : "";
    const reason = crashLoop ? "CrashLoopBackOff" : typeof termReason === "string" && termReason ? termReason : "Error";
    const lastExit = [typeof termReason === "string" ? termReason : "", lastLine].filter(Boolean).join(", ");
    const restarts = fieldValue(cs, ["restartCount"]);
    const since = parseTime(fieldValue(pod, ["metadata", "creationTimestamp"])) ?? parseTime(fieldValue(pod, ["status", "startTime"]));
    return { container: String(fieldValue(cs, ["name"]) ?? ""), restarts: typeof restarts === "number" ? restarts : 0, reason, lastExit, since };
  }
  return undefined;
}

function isConfigOrImage(reason: string): boolean {
  return /Image|CreateContainerConfigError|CreateContainerError/.test(reason);
}

/** "restarted 2×: Error, connection refused" (the board's waiting line for an init restart). */
export function describeInitRestart(r: InitRestart): string {
  const times = `restarted ${r.restarts}×`;
  return r.lastExit ? `${times}: ${r.lastExit}` : `${times}: ${r.reason}`;
}

/**
 * True while the init container is still inside its grace window: `now - since < graceMs`
 * (epoch ms). A restart whose start time is unknown is given the benefit of the doubt.
 */
export function withinInitGrace(r: InitRestart, now: number, graceMs: number = DEFAULT_INIT_RESTART_GRACE_MS): boolean {
  if (r.since === undefined) return true;
  return now - r.since < graceMs;
}
