import { intField } from "../fields.ts";
import { generationMissing } from "../generic.ts";
import { current, inProgress } from "../result.ts";
import type { KubeObject, StatusResult } from "../types.ts";

/**
 * kstatus DaemonSet rules (cli-utils pkg/kstatus/status/core.go, daemonsetConditions).
 * - metadata.generation and status.observedGeneration must both be set (`NoGeneration`,
 *   `NoObservedGeneration`); status.desiredNumberScheduled must be set (`NoDesiredNumber`).
 * - desired > currentNumberScheduled → `LessCurrent` "Current: c/d"; > updatedNumberScheduled →
 *   `LessUpdated`; > numberAvailable → `LessAvailable`; > numberReady → `LessReady`.
 * - Else Current "All replicas scheduled as expected. Replicas: d".
 */
export function daemonSetStatus(obj: KubeObject): StatusResult {
  const missing = generationMissing(obj);
  if (missing) return missing;

  const desired = intField(obj, ["status", "desiredNumberScheduled"], -1);
  const scheduled = intField(obj, ["status", "currentNumberScheduled"], 0);
  const updated = intField(obj, ["status", "updatedNumberScheduled"], 0);
  const available = intField(obj, ["status", "numberAvailable"], 0);
  const ready = intField(obj, ["status", "numberReady"], 0);

  if (desired === -1) return inProgress("NoDesiredNumber", "Missing .status.desiredNumberScheduled");
  if (desired > scheduled) return inProgress("LessCurrent", `Current: ${scheduled}/${desired}`);
  if (desired > updated) return inProgress("LessUpdated", `Updated: ${updated}/${desired}`);
  if (desired > available) return inProgress("LessAvailable", `Available: ${available}/${desired}`);
  if (desired > ready) return inProgress("LessReady", `Ready: ${ready}/${desired}`);
  return current(`All replicas scheduled as expected. Replicas: ${desired}`);
}
