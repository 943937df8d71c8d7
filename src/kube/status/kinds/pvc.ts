import { stringField } from "../fields.ts";
import { current, inProgress } from "../result.ts";
import type { KubeObject, StatusResult } from "../types.ts";

/**
 * kstatus PersistentVolumeClaim rule (cli-utils pkg/kstatus/status/core.go, pvcConditions):
 * status.phase `Bound` → Current "PVC is Bound"; any other phase (Pending, Lost, absent →
 * "unknown") → InProgress `NotBound` "PVC is not Bound. phase: <phase>". kstatus never
 * reports a PVC as Failed; see failfast/pvc-failure.ts for ProvisioningFailed.
 */
export function pvcStatus(obj: KubeObject): StatusResult {
  const phase = stringField(obj, ["status", "phase"], "unknown");
  if (phase !== "Bound") return inProgress("NotBound", `PVC is not Bound. phase: ${phase}`);
  return current("PVC is Bound");
}
