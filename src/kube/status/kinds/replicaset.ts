import { conditionsOf, findCondition, intField } from "../fields.ts";
import { current, inProgress } from "../result.ts";
import type { KubeObject, StatusResult } from "../types.ts";

/**
 * kstatus ReplicaSet rules (cli-utils pkg/kstatus/status/core.go, replicasetConditions).
 * - `ReplicaFailure=True` → InProgress `ReplicaFailure` (kstatus does not call it Failed).
 * - spec.replicas (default 1) > fullyLabeledReplicas → `LessLabelled` "Labelled: l/n";
 *   > availableReplicas → `LessAvailable`; > readyReplicas → `LessReady`;
 *   status.replicas > spec → `ExtraPods`.
 * - Else Current "ReplicaSet is available. Replicas: n".
 */
export function replicaSetStatus(obj: KubeObject): StatusResult {
  if (findCondition(conditionsOf(obj), "ReplicaFailure", "True")) {
    return inProgress("ReplicaFailure", "Replica Failure condition. Check Pods");
  }

  const spec = intField(obj, ["spec", "replicas"], 1);
  const replicas = intField(obj, ["status", "replicas"], 0);
  const ready = intField(obj, ["status", "readyReplicas"], 0);
  const available = intField(obj, ["status", "availableReplicas"], 0);
  const labelled = intField(obj, ["status", "fullyLabeledReplicas"], 0);

  if (spec > labelled) return inProgress("LessLabelled", `Labelled: ${labelled}/${spec}`);
  if (spec > available) return inProgress("LessAvailable", `Available: ${available}/${spec}`);
  if (spec > ready) return inProgress("LessReady", `Ready: ${ready}/${spec}`);
  if (replicas > spec) return inProgress("ExtraPods", `Pending termination: ${replicas - spec}`);
  return current(`ReplicaSet is available. Replicas: ${replicas}`);
}
