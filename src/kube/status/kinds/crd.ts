import { conditionsOf } from "../fields.ts";
import { current, failed, inProgress } from "../result.ts";
import type { KubeObject, StatusResult } from "../types.ts";

/**
 * kstatus CustomResourceDefinition rule (cli-utils pkg/kstatus/status/core.go, CRDConditions).
 * Conditions in list order: `NamesAccepted=False` → Failed with its reason/message;
 * `Established=False` with a reason other than `Installing` → Failed with its reason/message;
 * `Established=True` → Current "CRD is established". Otherwise InProgress `Installing`.
 */
export function crdStatus(obj: KubeObject): StatusResult {
  for (const c of conditionsOf(obj)) {
    if (c.type === "NamesAccepted" && c.status === "False") return failed(c.reason, c.message ?? "");
    if (c.type === "Established") {
      if (c.status === "False" && c.reason !== "Installing") return failed(c.reason, c.message ?? "");
      if (c.status === "True") return current("CRD is established");
    }
  }
  return inProgress("Installing", "Install in progress");
}
