import { describe, expect, test } from "bun:test";
import { computeStatus } from "../../../src/kube/status/index.ts";
import { ago, merge } from "./fixtures.ts";

type Case = [string, Record<string, unknown>, string, string | undefined, string];
function run(cases: Case[]) {
  for (const [name, obj, status, reason, message] of cases) {
    test(name, () => {
      expect(computeStatus(obj)).toEqual(reason ? { status: status as never, reason, message } : { status: status as never, message });
    });
  }
}

// kstatus jobConditions (cli-utils pkg/kstatus/status/core.go).
describe("Job (kstatus rules)", () => {
  const job = {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: "kotsadm-migrations", namespace: "kots", generation: 1 },
    spec: { backoffLimit: 6, completions: 1, parallelism: 1, suspend: false },
  };
  run([
    ["not started", job, "InProgress", "JobNotStarted", "Job not started"],
    ["running", merge(job, { status: { startTime: ago(10_000), active: 1 } }), "Current", undefined, "Job in progress. success:0, active: 1, failed: 0"],
    [
      "complete",
      merge(job, {
        status: { startTime: ago(60_000), completionTime: ago(5_000), succeeded: 1, conditions: [{ type: "Complete", status: "True", lastTransitionTime: ago(5_000) }] },
      }),
      "Current",
      undefined,
      "Job Completed. succeeded: 1/1",
    ],
    [
      "failed (backoff limit)",
      merge(job, {
        status: {
          startTime: ago(600_000),
          failed: 7,
          conditions: [{ type: "Failed", status: "True", reason: "BackoffLimitExceeded", message: "Job has reached the specified backoff limit" }],
        },
      }),
      "Failed",
      "JobFailed",
      "Job Failed. failed: 7/1",
    ],
    [
      "suspended on purpose",
      merge(job, { spec: { suspend: true }, status: { conditions: [{ type: "Suspended", status: "True", reason: "JobSuspended" }] } }),
      "Current",
      undefined,
      "Job is suspended",
    ],
    [
      "Suspended condition left over after resuming",
      merge(job, { status: { conditions: [{ type: "Suspended", status: "True", reason: "JobSuspended" }] } }),
      "InProgress",
      "JobNotStarted",
      "Job not started",
    ],
    [
      "completions default to parallelism",
      merge(job, { spec: { completions: null, parallelism: 3 }, status: { succeeded: 3, conditions: [{ type: "Complete", status: "True" }] } }),
      "Current",
      undefined,
      "Job Completed. succeeded: 3/3",
    ],
  ]);
});

describe("CronJob, PodDisruptionBudget (kstatus rules)", () => {
  run([
    [
      "CronJob is always ready",
      { apiVersion: "batch/v1", kind: "CronJob", metadata: { name: "backup", namespace: "kots" }, spec: { schedule: "0 2 * * *" } },
      "Current",
      undefined,
      "Resource is always ready",
    ],
    [
      "PDB with observed generation",
      { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "kotsadm", generation: 1 }, status: { observedGeneration: 1, disruptionsAllowed: 0 } },
      "Current",
      undefined,
      "AllowedDisruptions has been computed.",
    ],
    [
      "PDB not yet observed",
      { apiVersion: "policy/v1", kind: "PodDisruptionBudget", metadata: { name: "kotsadm", generation: 2 }, status: { observedGeneration: 1 } },
      "InProgress",
      "LatestGenerationNotObserved",
      "PodDisruptionBudget generation is 2, but latest observed generation is 1",
    ],
  ]);
});

// kstatus CRDConditions (cli-utils pkg/kstatus/status/core.go).
describe("CustomResourceDefinition (kstatus rules)", () => {
  const crd = {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: { name: "backups.velero.io", generation: 1 },
    spec: { group: "velero.io", names: { kind: "Backup", plural: "backups" }, scope: "Namespaced" },
  };
  const conds = (...c: Record<string, string>[]) => ({ status: { conditions: c } });
  run([
    ["no conditions yet", crd, "InProgress", "Installing", "Install in progress"],
    [
      "names accepted, establishing",
      merge(crd, conds({ type: "NamesAccepted", status: "True", reason: "NoConflicts" }, { type: "Established", status: "False", reason: "Installing", message: "the initial names have been accepted" })),
      "InProgress",
      "Installing",
      "Install in progress",
    ],
    [
      "name conflict",
      merge(crd, conds({ type: "NamesAccepted", status: "False", reason: "MultipleNameConflicts", message: '"backups" is already in use' })),
      "Failed",
      "MultipleNameConflicts",
      '"backups" is already in use',
    ],
    [
      "not established for another reason",
      merge(crd, conds({ type: "Established", status: "False", reason: "SomeReason", message: "boom" })),
      "Failed",
      "SomeReason",
      "boom",
    ],
    [
      "established",
      merge(crd, conds({ type: "NamesAccepted", status: "True", reason: "NoConflicts" }, { type: "Established", status: "True", reason: "InitialNamesAccepted" })),
      "Current",
      undefined,
      "CRD is established",
    ],
  ]);
});
