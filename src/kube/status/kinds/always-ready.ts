import { current } from "../result.ts";
import type { StatusResult } from "../types.ts";

/**
 * kstatus alwaysReady (cli-utils pkg/kstatus/status/core.go): Secret, ConfigMap and
 * batch/CronJob are Current as soon as they exist (after the generic checks).
 */
export function alwaysReady(): StatusResult {
  return current("Resource is always ready");
}
