import { stringField } from "../fields.ts";
import { current, inProgress } from "../result.ts";
import type { KubeObject, StatusResult } from "../types.ts";

/**
 * kstatus Service rule (cli-utils pkg/kstatus/status/core.go, serviceConditions): a
 * `LoadBalancer` Service without spec.clusterIP → InProgress `NoIPAssigned`; every other
 * Service → Current "Service is ready". Note kstatus does not wait for
 * status.loadBalancer.ingress — only for the cluster IP, which the API server assigns on create.
 */
export function serviceStatus(obj: KubeObject): StatusResult {
  const type = stringField(obj, ["spec", "type"], "ClusterIP");
  const clusterIP = stringField(obj, ["spec", "clusterIP"], "");
  if (type === "LoadBalancer" && clusterIP === "") {
    return inProgress("NoIPAssigned", "ClusterIP not set. Service type: LoadBalancer");
  }
  return current("Service is ready");
}
