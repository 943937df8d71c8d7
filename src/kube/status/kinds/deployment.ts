import { conditionsOf, intField } from "../fields.ts";
import { current, failed, inProgress } from "../result.ts";
import type { KubeObject, StatusResult } from "../types.ts";

/** The value the Deployment controller treats as "no progress deadline". */
const NO_DEADLINE = 2147483647;

/**
 * kstatus Deployment rules (cli-utils pkg/kstatus/status/core.go, deploymentConditions).
 * - A `Progressing` condition with reason `ProgressDeadlineExceeded` (any status) → Failed,
 *   reason `ProgressDeadlineExceeded`, "Progress deadline exceeded".
 * - Then replica counts, in order (spec.replicas defaults to 1, status counts to 0):
 *   spec > status.replicas → `LessReplicas` "Replicas: s/n"; spec > updated → `LessUpdated`
 *   "Updated: u/n"; status.replicas > spec → `ExtraPods` "Pending termination: k";
 *   updated > available → `LessAvailable` "Available: a/u"; spec > ready → `LessReady` "Ready: r/n".
 * - Then conditions: unless `Progressing=True` with reason `NewReplicaSetAvailable` (or no
 *   spec.progressDeadlineSeconds / the max-int32 value) → `ReplicaSetNotAvailable`; unless
 *   `Available=True` → `DeploymentNotAvailable`.
 * - Else Current "Deployment is available. Replicas: n".
 */
export function deploymentStatus(obj: KubeObject): StatusResult {
  let progressing = intField(obj, ["spec", "progressDeadlineSeconds"], NO_DEADLINE) === NO_DEADLINE;
  let available = false;

  for (const c of conditionsOf(obj)) {
    if (c.type === "Progressing") {
      if (c.reason === "ProgressDeadlineExceeded") return failed(c.reason, "Progress deadline exceeded");
      if (c.status === "True" && c.reason === "NewReplicaSetAvailable") progressing = true;
    } else if (c.type === "Available" && c.status === "True") {
      available = true;
    }
  }

  const spec = intField(obj, ["spec", "replicas"], 1);
  const replicas = intField(obj, ["status", "replicas"], 0);
  const updated = intField(obj, ["status", "updatedReplicas"], 0);
  const ready = intField(obj, ["status", "readyReplicas"], 0);
  const availableReplicas = intField(obj, ["status", "availableReplicas"], 0);

  if (spec > replicas) return inProgress("LessReplicas", `Replicas: ${replicas}/${spec}`);
  if (spec > updated) return inProgress("LessUpdated", `Updated: ${updated}/${spec}`);
  if (replicas > spec) return inProgress("ExtraPods", `Pending termination: ${replicas - spec}`);
  if (updated > availableReplicas) return inProgress("LessAvailable", `Available: ${availableReplicas}/${updated}`);
  if (spec > ready) return inProgress("LessReady", `Ready: ${ready}/${spec}`);
  if (!progressing) return inProgress("ReplicaSetNotAvailable", "ReplicaSet not Available");
  if (!available) return inProgress("DeploymentNotAvailable", "Deployment not Available");
  return current(`Deployment is available. Replicas: ${replicas}`);
}
