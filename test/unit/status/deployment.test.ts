import { describe, expect, test } from "bun:test";
import { computeStatus } from "../../../src/kube/status/index.ts";
import { deployment, deploymentAvailable, merge } from "./fixtures.ts";

// Expected values follow kstatus deploymentConditions (cli-utils pkg/kstatus/status/core.go).
describe("Deployment (kstatus rules)", () => {
  const progressingRolling = {
    type: "Progressing",
    status: "True",
    reason: "ReplicaSetUpdated",
    message: 'ReplicaSet "kotsadm-7c9f8d6b5d" is progressing.',
  };
  const cases: [string, Record<string, unknown>, string, string | undefined, string][] = [
    ["just created, no status", deployment, "InProgress", "LessReplicas", "Replicas: 0/1"],
    [
      "pod created but not available yet",
      merge(deployment, {
        status: { observedGeneration: 1, replicas: 1, updatedReplicas: 1, unavailableReplicas: 1, conditions: [progressingRolling] },
      }),
      "InProgress",
      "LessAvailable",
      "Available: 0/1",
    ],
    ["available", deploymentAvailable, "Current", undefined, "Deployment is available. Replicas: 1"],
    [
      "scaled to 2, one pod missing",
      merge(deploymentAvailable, { spec: { replicas: 2 } }),
      "InProgress",
      "LessReplicas",
      "Replicas: 1/2",
    ],
    [
      "rolling update: fewer updated than desired",
      merge(deploymentAvailable, { spec: { replicas: 2 }, status: { replicas: 2, updatedReplicas: 1, readyReplicas: 2, availableReplicas: 2 } }),
      "InProgress",
      "LessUpdated",
      "Updated: 1/2",
    ],
    [
      "old pod still terminating",
      merge(deploymentAvailable, { status: { replicas: 2, updatedReplicas: 1, readyReplicas: 2, availableReplicas: 2 } }),
      "InProgress",
      "ExtraPods",
      "Pending termination: 1",
    ],
    [
      "available count met but ready count short",
      merge(deploymentAvailable, { status: { readyReplicas: 0 } }),
      "InProgress",
      "LessReady",
      "Ready: 0/1",
    ],
    [
      "counts complete but Progressing not NewReplicaSetAvailable",
      merge(deploymentAvailable, {
        status: { conditions: [{ type: "Available", status: "True", reason: "MinimumReplicasAvailable" }, progressingRolling] },
      }),
      "InProgress",
      "ReplicaSetNotAvailable",
      "ReplicaSet not Available",
    ],
    [
      "no progress deadline: Progressing is not required, Available is",
      merge(deploymentAvailable, {
        spec: { progressDeadlineSeconds: 2147483647 },
        status: { conditions: [{ type: "Available", status: "False", reason: "MinimumReplicasUnavailable" }] },
      }),
      "InProgress",
      "DeploymentNotAvailable",
      "Deployment not Available",
    ],
    [
      "progress deadline exceeded is Failed even with replicas missing",
      merge(deployment, {
        status: {
          observedGeneration: 1,
          replicas: 1,
          updatedReplicas: 1,
          unavailableReplicas: 1,
          conditions: [
            { type: "Available", status: "False", reason: "MinimumReplicasUnavailable", message: "Deployment does not have minimum availability." },
            { type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: 'ReplicaSet "kotsadm-7c9f8d6b5d" has timed out progressing.' },
          ],
        },
      }),
      "Failed",
      "ProgressDeadlineExceeded",
      "Progress deadline exceeded",
    ],
    [
      "ReplicaFailure does not change the kstatus result",
      merge(deployment, {
        status: {
          observedGeneration: 1,
          conditions: [{ type: "ReplicaFailure", status: "True", reason: "FailedCreate", message: "pods is forbidden" }],
        },
      }),
      "InProgress",
      "LessReplicas",
      "Replicas: 0/1",
    ],
    [
      "observedGeneration lags behind generation",
      merge(deploymentAvailable, { metadata: { generation: 2 } }),
      "InProgress",
      "LatestGenerationNotObserved",
      "Deployment generation is 2, but latest observed generation is 1",
    ],
    [
      "extensions/v1beta1 uses the same rules",
      merge(deployment, { apiVersion: "extensions/v1beta1" }),
      "InProgress",
      "LessReplicas",
      "Replicas: 0/1",
    ],
  ];
  for (const [name, obj, status, reason, message] of cases) {
    test(name, () => {
      expect(computeStatus(obj)).toEqual(reason ? { status: status as never, reason, message } : { status: status as never, message });
    });
  }

  test("a list item without apiVersion still gets the Deployment rule", () => {
    const { apiVersion: _drop, ...item } = deployment;
    expect(computeStatus(item).reason).toBe("LessReplicas");
  });

  test("a Deployment kind in another group is not an apps Deployment", () => {
    expect(computeStatus(merge(deployment, { apiVersion: "example.com/v1" }))).toEqual({
      status: "Current",
      message: "Resource is current",
    });
  });
});
