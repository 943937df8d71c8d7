import { intField, stringField } from "../fields.ts";
import { current, inProgress } from "../result.ts";
import type { KubeObject, StatusResult } from "../types.ts";

/**
 * kstatus StatefulSet rules (cli-utils pkg/kstatus/status/core.go, stsConditions). The
 * StatefulSet controller sets no conditions, so only counts and revisions are read.
 * - spec.updateStrategy.type `OnDelete` → Current (user-managed rollout).
 * - spec.replicas (default 1) > status.replicas → `LessReplicas` "Replicas: s/n";
 *   > readyReplicas → `LessReady` "Ready: r/n"; status.replicas > spec → `ExtraPods`.
 * - With spec.updateStrategy.rollingUpdate.partition p: updatedReplicas < n − p →
 *   `PartitionRollout` "updated: u/(n−p)", else Current "Partition rollout complete. updated: u".
 * - Without a partition: currentReplicas < n → `LessCurrent` "current: c/n";
 *   status.currentRevision ≠ status.updateRevision → `RevisionMismatch`.
 * - Else Current "All replicas scheduled as expected. Replicas: n".
 */
export function statefulSetStatus(obj: KubeObject): StatusResult {
  if (stringField(obj, ["spec", "updateStrategy", "type"], "") === "OnDelete") {
    return current("StatefulSet is using the ondelete update strategy");
  }

  const spec = intField(obj, ["spec", "replicas"], 1);
  const ready = intField(obj, ["status", "readyReplicas"], 0);
  const currentReplicas = intField(obj, ["status", "currentReplicas"], 0);
  const updated = intField(obj, ["status", "updatedReplicas"], 0);
  const replicas = intField(obj, ["status", "replicas"], 0);
  const partition = intField(obj, ["spec", "updateStrategy", "rollingUpdate", "partition"], -1);

  if (spec > replicas) return inProgress("LessReplicas", `Replicas: ${replicas}/${spec}`);
  if (spec > ready) return inProgress("LessReady", `Ready: ${ready}/${spec}`);
  if (replicas > spec) return inProgress("ExtraPods", `Pending termination: ${replicas - spec}`);

  if (partition !== -1) {
    if (updated < spec - partition) {
      return inProgress("PartitionRollout", `updated: ${updated}/${spec - partition}`);
    }
    return current(`Partition rollout complete. updated: ${updated}`);
  }

  if (spec > currentReplicas) return inProgress("LessCurrent", `current: ${currentReplicas}/${spec}`);

  const currentRevision = stringField(obj, ["status", "currentRevision"], "");
  const updateRevision = stringField(obj, ["status", "updateRevision"], "");
  if (currentRevision !== updateRevision) {
    return inProgress("RevisionMismatch", "Waiting for updated revision to match current");
  }
  return current(`All replicas scheduled as expected. Replicas: ${replicas}`);
}
