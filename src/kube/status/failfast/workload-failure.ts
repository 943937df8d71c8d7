import { conditionsLenient, findCondition, kindOf, nameOf, namespaceOf } from "../fields.ts";
import type { KubeObject } from "../types.ts";
import { claimNamesOf, findPvc, podsOf } from "../workload-pods.ts";
import { containerFailure, unschedulableFailure } from "./pod-failure.ts";
import { pvcFailure } from "./pvc-failure.ts";

/**
 * Why a workload will not become ready by itself. `message` is one line naming the pod (and
 * container or PVC); `detail` is the raw kubelet / scheduler / provisioner message.
 */
export interface WorkloadFailure {
  reason: string;
  message: string;
  detail: string;
  pod?: string;
  container?: string;
  pvc?: string;
  /** True when `container` is an init container that failed past its restart grace window. */
  initContainer?: boolean;
}

export interface WorkloadFailureOptions {
  /** Grace period for Unschedulable pods, ms; default 15000. */
  unschedulableGraceMs?: number;
  /** Grace window for restarting init containers, ms; default 120000 (init-restarts.ts). */
  initRestartGraceMs?: number;
  /** PVC objects, when the caller watches them: a Bound PVC is never reported as failed. */
  pvcs?: readonly KubeObject[];
}

/**
 * Fail-fast extensions to kstatus (design §4) for a whole workload, pure:
 * `workloadFailure(workload, pods, events, now, {unschedulableGraceMs?, pvcs?}) → WorkloadFailure | undefined`.
 * For a Deployment, StatefulSet, ReplicaSet, DaemonSet or Job, looks at its pods (podsOf:
 * spec.selector match, same namespace, not terminating, by name); for a Pod, at the pod itself;
 * for a PersistentVolumeClaim, at pvcFailure. Per pod, in order:
 * 1. a container waiting in ImagePullBackOff / ErrImagePull / InvalidImageName /
 *    CreateContainerConfigError / CrashLoopBackOff (a restarting init container only after
 *    `initRestartGraceMs`, default 2 min from pod creation);
 * 2. if the pod is not scheduled yet, a ProvisioningFailed event on a PVC it mounts;
 * 3. Unschedulable for ≥ the grace period.
 * Returns the first failing pod's reason. `events`: Event objects (any mix); `now`: epoch ms.
 */
export function workloadFailure(
  workload: KubeObject,
  pods: readonly KubeObject[],
  events: readonly KubeObject[],
  now: number,
  opts: WorkloadFailureOptions = {},
): WorkloadFailure | undefined {
  const kind = kindOf(workload);
  if (kind === "PersistentVolumeClaim") {
    const f = pvcFailure(workload, events);
    const pvc = nameOf(workload);
    return f && { reason: f.reason, message: `PVC ${pvc}: ${f.message}`, detail: f.message, pvc };
  }

  const candidates = kind === "Pod" ? [workload] : podsOf(workload, pods);
  for (const pod of candidates) {
    const podName = nameOf(pod);

    const c = containerFailure(pod, { now, initRestartGraceMs: opts.initRestartGraceMs });
    if (c) {
      const where = c.container ? `pod ${podName}: ${c.initContainer ? "init container" : "container"} ${c.container}` : `pod ${podName}`;
      const failure: WorkloadFailure = { reason: c.reason, message: `${where}: ${c.message}`, detail: c.message, pod: podName };
      if (c.container) failure.container = c.container;
      if (c.initContainer) failure.initContainer = true;
      return failure;
    }

    if (!findCondition(conditionsLenient(pod), "PodScheduled", "True")) {
      for (const claim of claimNamesOf(pod)) {
        const { obj } = findPvc(opts.pvcs ?? [], claim, namespaceOf(pod));
        const p = pvcFailure(obj, events);
        if (p) {
          const message = `pod ${podName}: PVC ${claim}: ${p.message}`;
          return { reason: p.reason, message, detail: p.message, pod: podName, pvc: claim };
        }
      }
    }

    const u = unschedulableFailure(pod, { now, unschedulableGraceMs: opts.unschedulableGraceMs });
    if (u) return { reason: u.reason, message: `pod ${podName}: ${u.message}`, detail: u.message, pod: podName };
  }
  return undefined;
}
