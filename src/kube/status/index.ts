/**
 * Readiness of Kubernetes objects: a TypeScript port of the kstatus rules
 * (kubernetes-sigs/cli-utils pkg/kstatus/status) plus the fail-fast extensions of design §4.
 * Everything here is pure: plain API JSON in, plain data out.
 */
export { computeStatus, apiGroupOf } from "./compute.ts";
export type { ComputeOptions, Condition, KStatus, KubeObject, StatusResult } from "./types.ts";
export { matchesSelector, type LabelSelector, type LabelSelectorRequirement } from "./selector.ts";
export {
  containerFailure,
  unschedulableFailure,
  podFailure,
  FAIL_FAST_WAITING_REASONS,
  DEFAULT_UNSCHEDULABLE_GRACE_MS,
  type PodFailure,
  type PodFailureOptions,
} from "./failfast/pod-failure.ts";
export {
  initContainerRestart,
  describeInitRestart,
  withinInitGrace,
  DEFAULT_INIT_RESTART_GRACE_MS,
  type InitRestart,
} from "./failfast/init-restarts.ts";
export { pvcFailure, type PvcFailure } from "./failfast/pvc-failure.ts";
export { workloadFailure, type WorkloadFailure, type WorkloadFailureOptions } from "./failfast/workload-failure.ts";
export { notReadyExplanation, type NotReadyOptions } from "./explain/not-ready.ts";
export { podsOf } from "./workload-pods.ts";
export { eventsAbout, eventTime } from "./events.ts";
