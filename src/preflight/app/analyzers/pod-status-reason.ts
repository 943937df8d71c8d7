/**
 * A pod's kubectl-style status reason, and whether it is unhealthy, as troubleshoot v0.133.0
 * pkg/k8sutil/pod.go GetPodStatusReason / IsPodUnhealthy decide them (kubectl's printer rules,
 * with native sidecars counted as initialised and a message gathered on the way).
 * Input: a Pod as Kubernetes JSON (status.initContainerStatuses, status.containerStatuses with
 * state / lastState, status.conditions, metadata.deletionTimestamp).
 */
import { arr, dig, int, objOrNil, str, type Obj } from "./workload-files.ts";

/** [reason, message]: e.g. ["CrashLoopBackOff", "ExitCode:1"], ["Init:0/2", ""], ["Pending", "0/2 nodes are available: …"]. */
export function podStatusReason(pod: Obj): [string, string] {
  let reason = str(dig(pod, "status", "phase"));
  let message = "";
  const statusReason = str(dig(pod, "status", "reason"));
  if (statusReason !== "") reason = statusReason;

  const initSpecs = arr(dig(pod, "spec", "initContainers"));
  const initStatuses = arr(dig(pod, "status", "initContainerStatuses"));
  let initializing = false;
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i];
    const terminated = objOrNil(dig(c, "state", "terminated"));
    const waiting = objOrNil(dig(c, "state", "waiting"));
    const running = objOrNil(dig(c, "state", "running"));
    if (terminated && int(terminated.exitCode) === 0) continue;
    if (terminated) {
      const r = str(terminated.reason);
      if (r.length === 0) {
        const signal = int(terminated.signal);
        reason = signal !== 0 ? `Init:Signal:${signal}` : `Init:ExitCode:${int(terminated.exitCode)}`;
      } else reason = `Init:${r}`;
      initializing = true;
    } else if (waiting && str(waiting.reason).length > 0 && str(waiting.reason) !== "PodInitializing") {
      reason = `Init:${str(waiting.reason)}`;
      initializing = true;
    } else if (i < initSpecs.length && str(initSpecs[i].restartPolicy) === "Always" && running) {
      continue; // a native sidecar that runs is initialised
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
      initializing = true;
    }
    const lastMessage = str(dig(c, "lastState", "terminated", "message"));
    if (objOrNil(dig(c, "lastState", "terminated")) && lastMessage !== "") message += lastMessage;
    break;
  }

  if (!initializing) {
    let hasRunning = false;
    const statuses = arr(dig(pod, "status", "containerStatuses"));
    for (let i = statuses.length - 1; i >= 0; i--) {
      const c = statuses[i];
      const waiting = objOrNil(dig(c, "state", "waiting"));
      const terminated = objOrNil(dig(c, "state", "terminated"));
      const lastTerminated = objOrNil(dig(c, "lastState", "terminated"));
      if (waiting && str(waiting.reason) !== "") {
        reason = str(waiting.reason);
        if (lastTerminated) {
          const m = str(lastTerminated.message);
          message += m !== "" ? m : `ExitCode:${int(lastTerminated.exitCode)}`;
        }
      } else if (terminated && str(terminated.reason) !== "") {
        reason = str(terminated.reason);
        message += `ExitCode:${int(terminated.exitCode)}`;
      } else if (terminated) {
        const signal = int(terminated.signal);
        reason = signal !== 0 ? `Signal:${signal}` : `ExitCode:${int(terminated.exitCode)}`;
      } else if (c.ready === true && objOrNil(dig(c, "state", "running"))) {
        hasRunning = true;
      }
    }
    const conditions = arr(dig(pod, "status", "conditions"));
    if (reason === "Completed" && hasRunning) {
      reason = conditions.some((k) => k.type === "Ready" && k.status === "True") ? "Running" : "NotReady";
    }
    for (const k of conditions) if (k.type === "PodScheduled" && k.status === "False") message += str(k.message);
  }

  const deleting = dig(pod, "metadata", "deletionTimestamp");
  if (deleting !== undefined && deleting !== null) reason = statusReason === "NodeLost" ? "Unknown" : "Terminating";
  return [reason, message];
}

/**
 * IsPodUnhealthy: phase Failed, Pending or Unknown; or a reason other than Completed and Running;
 * or Running with any container not ready.
 */
export function isPodUnhealthy(pod: Obj): boolean {
  const phase = str(dig(pod, "status", "phase"));
  if (phase === "Failed" || phase === "Pending" || phase === "Unknown") return true;
  const [reason] = podStatusReason(pod);
  if (reason === "Completed") return false;
  if (reason !== "Running") return true;
  return arr(dig(pod, "status", "containerStatuses")).some((c) => c.ready !== true);
}
