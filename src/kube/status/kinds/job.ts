import { boolField, conditionsOf, intField, stringField } from "../fields.ts";
import { current, failed, inProgress } from "../result.ts";
import type { KubeObject, StatusResult } from "../types.ts";

/**
 * kstatus Job rules (cli-utils pkg/kstatus/status/core.go, jobConditions). Conditions in list
 * order: `Complete=True` → Current "Job Completed. succeeded: s/c"; `Failed=True` → Failed
 * `JobFailed` "Job Failed. failed: f/c"; `Suspended=True` with spec.suspend → Current
 * "Job is suspended". Otherwise no status.startTime → InProgress `JobNotStarted`, else Current
 * (a running Job counts as Current). c = spec.completions, defaulting to spec.parallelism (1).
 */
export function jobStatus(obj: KubeObject): StatusResult {
  const parallelism = intField(obj, ["spec", "parallelism"], 1);
  const completions = intField(obj, ["spec", "completions"], parallelism);
  const succeeded = intField(obj, ["status", "succeeded"], 0);
  const active = intField(obj, ["status", "active"], 0);
  const failedPods = intField(obj, ["status", "failed"], 0);
  const startTime = stringField(obj, ["status", "startTime"], "");
  const suspended = boolField(obj, ["spec", "suspend"], false);

  for (const c of conditionsOf(obj)) {
    if (c.status !== "True") continue;
    if (c.type === "Complete") return current(`Job Completed. succeeded: ${succeeded}/${completions}`);
    if (c.type === "Failed") return failed("JobFailed", `Job Failed. failed: ${failedPods}/${completions}`);
    if (c.type === "Suspended" && suspended) return current("Job is suspended");
  }

  if (startTime === "") return inProgress("JobNotStarted", "Job not started");
  return current(`Job in progress. success:${succeeded}, active: ${active}, failed: ${failedPods}`);
}
