import { describe, expect, test } from "bun:test";
import { computeStatus } from "../../../src/kube/status/index.ts";
import { merge } from "./fixtures.ts";

type Case = [string, Record<string, unknown>, string, string | undefined, string];
function run(cases: Case[]) {
  for (const [name, obj, status, reason, message] of cases) {
    test(name, () => {
      expect(computeStatus(obj)).toEqual(reason ? { status: status as never, reason, message } : { status: status as never, message });
    });
  }
}

// kstatus replicasetConditions (cli-utils pkg/kstatus/status/core.go).
describe("ReplicaSet (kstatus rules)", () => {
  const rs = {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name: "kotsadm-7c9f8d6b5d", namespace: "kots", generation: 1 },
    spec: { replicas: 2, selector: { matchLabels: { app: "kotsadm", "pod-template-hash": "7c9f8d6b5d" } } },
  };
  const ok = { observedGeneration: 1, replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2 };
  run([
    ["no status", rs, "InProgress", "LessLabelled", "Labelled: 0/2"],
    ["not available", merge(rs, { status: { ...ok, availableReplicas: 1 } }), "InProgress", "LessAvailable", "Available: 1/2"],
    ["not ready", merge(rs, { status: { ...ok, readyReplicas: 1 } }), "InProgress", "LessReady", "Ready: 1/2"],
    ["extra pods", merge(rs, { status: { ...ok, replicas: 3 } }), "InProgress", "ExtraPods", "Pending termination: 1"],
    [
      "ReplicaFailure is InProgress, not Failed",
      merge(rs, {
        status: {
          ...ok,
          conditions: [{ type: "ReplicaFailure", status: "True", reason: "FailedCreate", message: 'pods "kotsadm-7c9f8d6b5d-" is forbidden: exceeded quota' }],
        },
      }),
      "InProgress",
      "ReplicaFailure",
      "Replica Failure condition. Check Pods",
    ],
    ["available", merge(rs, { status: ok }), "Current", undefined, "ReplicaSet is available. Replicas: 2"],
  ]);
});

// kstatus daemonsetConditions + checkGenerationSet (cli-utils pkg/kstatus/status/core.go).
describe("DaemonSet (kstatus rules)", () => {
  const ds = { apiVersion: "apps/v1", kind: "DaemonSet", metadata: { name: "node-agent", namespace: "kots", generation: 1 } };
  const ok = {
    observedGeneration: 1,
    desiredNumberScheduled: 4,
    currentNumberScheduled: 4,
    updatedNumberScheduled: 4,
    numberAvailable: 4,
    numberReady: 4,
  };
  const noGeneration = { apiVersion: "apps/v1", kind: "DaemonSet", metadata: { name: "node-agent" }, status: ok };
  run([
    ["no status: observedGeneration required", ds, "InProgress", "NoObservedGeneration", "DaemonSet status.observedGeneration not found"],
    ["no metadata.generation", noGeneration, "InProgress", "NoGeneration", "DaemonSet metadata.generation not found"],
    ["no desiredNumberScheduled", merge(ds, { status: { observedGeneration: 1, currentNumberScheduled: 1 } }), "InProgress", "NoDesiredNumber", "Missing .status.desiredNumberScheduled"],
    ["fewer scheduled", merge(ds, { status: { ...ok, currentNumberScheduled: 3 } }), "InProgress", "LessCurrent", "Current: 3/4"],
    ["fewer updated", merge(ds, { status: { ...ok, updatedNumberScheduled: 1 } }), "InProgress", "LessUpdated", "Updated: 1/4"],
    ["fewer available", merge(ds, { status: { ...ok, numberAvailable: 2 } }), "InProgress", "LessAvailable", "Available: 2/4"],
    ["fewer ready", merge(ds, { status: { ...ok, numberReady: 2 } }), "InProgress", "LessReady", "Ready: 2/4"],
    [
      "generation not observed",
      merge(ds, { metadata: { generation: 2 }, status: ok }),
      "InProgress",
      "LatestGenerationNotObserved",
      "DaemonSet generation is 2, but latest observed generation is 1",
    ],
    ["all scheduled", merge(ds, { status: ok }), "Current", undefined, "All replicas scheduled as expected. Replicas: 4"],
  ]);
});
