import { conditionsOf, kindOf, strictInt, strictString } from "./fields.ts";
import { current, failed, inProgress } from "./result.ts";
import type { KubeObject, StatusResult } from "./types.ts";

/**
 * The checks kstatus runs on every object before any per-kind rule, in this order
 * (cli-utils pkg/kstatus/status/generic.go, checkGenericProperties):
 * 1. `metadata.deletionTimestamp` set → Terminating "Resource scheduled for deletion".
 * 2. `metadata.generation` ≠ `status.observedGeneration` (only when both are present) →
 *    InProgress, reason `LatestGenerationNotObserved`.
 * 3. A condition `Reconciling=True` → InProgress with that condition's reason and message;
 *    a condition `Stalled=True` → Failed with that condition's reason and message (the first
 *    of the two in list order wins).
 * Returns undefined when none of these decides the status.
 * Throws MalformedObjectError on a wrongly-typed field (computeStatus maps it to Unknown).
 */
export function genericStatus(obj: KubeObject): StatusResult | undefined {
  const deletion = strictString(obj, ["metadata", "deletionTimestamp"]);
  if (deletion) return { status: "Terminating", message: "Resource scheduled for deletion" };

  const lag = generationLag(obj);
  if (lag) return lag;

  for (const c of conditionsOf(obj)) {
    if (c.type === "Reconciling" && c.status === "True") return inProgress(c.reason, c.message ?? "");
    if (c.type === "Stalled" && c.status === "True") return failed(c.reason, c.message ?? "");
  }
  return undefined;
}

/**
 * kstatus checkGeneration (generic.go): InProgress `LatestGenerationNotObserved` when the
 * controller has not yet observed the latest spec. Skipped when either field is absent.
 */
export function generationLag(obj: KubeObject): StatusResult | undefined {
  const generation = strictInt(obj, ["metadata", "generation"]);
  if (generation === undefined) return undefined;
  const observed = strictInt(obj, ["status", "observedGeneration"]);
  if (observed === undefined || observed === generation) return undefined;
  return inProgress(
    "LatestGenerationNotObserved",
    `${kindOf(obj)} generation is ${generation}, but latest observed generation is ${observed}`,
  );
}

/**
 * kstatus checkGenerationSet (core.go, used by the DaemonSet rule): both
 * `metadata.generation` and `status.observedGeneration` must be present, else InProgress
 * `NoGeneration` / `NoObservedGeneration`.
 */
export function generationMissing(obj: KubeObject): StatusResult | undefined {
  if (strictInt(obj, ["metadata", "generation"]) === undefined) {
    return inProgress("NoGeneration", `${kindOf(obj)} metadata.generation not found`);
  }
  if (strictInt(obj, ["status", "observedGeneration"]) === undefined) {
    return inProgress("NoObservedGeneration", `${kindOf(obj)} status.observedGeneration not found`);
  }
  return undefined;
}

/**
 * kstatus checkReadyCondition (status.go), the fallback for kinds without a rule: the first
 * `Ready` condition decides — True → Current "Resource is Ready"; False or Unknown →
 * InProgress with the condition's reason and message. Undefined when there is no Ready
 * condition (or it has another status value).
 */
export function readyConditionStatus(obj: KubeObject): StatusResult | undefined {
  for (const c of conditionsOf(obj)) {
    if (c.type !== "Ready") continue;
    if (c.status === "True") return current("Resource is Ready");
    if (c.status === "False" || c.status === "Unknown") return inProgress(c.reason, c.message ?? "");
  }
  return undefined;
}
