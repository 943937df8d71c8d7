import { describe, expect, test } from "bun:test";
import { computeStatus } from "../../../src/kube/status/index.ts";
import { merge, statefulSet } from "./fixtures.ts";

// Expected values follow kstatus stsConditions (cli-utils pkg/kstatus/status/core.go).
describe("StatefulSet (kstatus rules)", () => {
  // The API server defaults apps/v1 StatefulSets to RollingUpdate with partition 0, so real
  // objects take kstatus' partition branch.
  const noPartition = { spec: { updateStrategy: { type: "RollingUpdate", rollingUpdate: null } } };
  const settled = { observedGeneration: 1, replicas: 1, readyReplicas: 1, currentReplicas: 1, updatedReplicas: 1, availableReplicas: 1 };
  const revisions = (current: string, update: string) => ({ status: { currentRevision: current, updateRevision: update } });

  const cases: [string, Record<string, unknown>, string, string | undefined, string][] = [
    ["just created, no status", statefulSet, "InProgress", "LessReplicas", "Replicas: 0/1"],
    [
      "pod created, not ready",
      merge(statefulSet, { status: { observedGeneration: 1, replicas: 1, currentReplicas: 1, updatedReplicas: 1 } }),
      "InProgress",
      "LessReady",
      "Ready: 0/1",
    ],
    [
      "partition 0 (API default), all updated",
      merge(statefulSet, { status: { ...settled, ...revisions("kotsadm-minio-6d4b8c7f9", "kotsadm-minio-6d4b8c7f9").status } }),
      "Current",
      undefined,
      "Partition rollout complete. updated: 1",
    ],
    [
      "partition 0, rollout not reached the pod yet",
      merge(statefulSet, { status: { ...settled, updatedReplicas: 0 } }),
      "InProgress",
      "PartitionRollout",
      "updated: 0/1",
    ],
    [
      "partition 2 of 3: one updated pod is enough",
      merge(statefulSet, {
        spec: { replicas: 3, updateStrategy: { rollingUpdate: { partition: 2 } } },
        status: { ...settled, replicas: 3, readyReplicas: 3, currentReplicas: 2, updatedReplicas: 1 },
      }),
      "Current",
      undefined,
      "Partition rollout complete. updated: 1",
    ],
    [
      "partition 1 of 3: one updated pod is not enough",
      merge(statefulSet, {
        spec: { replicas: 3, updateStrategy: { rollingUpdate: { partition: 1 } } },
        status: { ...settled, replicas: 3, readyReplicas: 3, currentReplicas: 2, updatedReplicas: 1 },
      }),
      "InProgress",
      "PartitionRollout",
      "updated: 1/2",
    ],
    [
      "no partition, fewer current replicas",
      merge(statefulSet, noPartition, { spec: { replicas: 2 }, status: { ...settled, replicas: 2, readyReplicas: 2, currentReplicas: 1 } }),
      "InProgress",
      "LessCurrent",
      "current: 1/2",
    ],
    [
      "no partition, currentRevision differs from updateRevision",
      merge(statefulSet, noPartition, { status: settled }, revisions("kotsadm-minio-6d4b8c7f9", "kotsadm-minio-5f6a7b8c9")),
      "InProgress",
      "RevisionMismatch",
      "Waiting for updated revision to match current",
    ],
    [
      "no partition, settled",
      merge(statefulSet, noPartition, { status: settled }, revisions("kotsadm-minio-6d4b8c7f9", "kotsadm-minio-6d4b8c7f9")),
      "Current",
      undefined,
      "All replicas scheduled as expected. Replicas: 1",
    ],
    [
      "scaled down, a pod still present",
      merge(statefulSet, { status: { ...settled, replicas: 2, readyReplicas: 2 } }),
      "InProgress",
      "ExtraPods",
      "Pending termination: 1",
    ],
    [
      "OnDelete strategy is always Current",
      merge(statefulSet, { spec: { updateStrategy: { type: "OnDelete", rollingUpdate: null } } }),
      "Current",
      undefined,
      "StatefulSet is using the ondelete update strategy",
    ],
    [
      "observedGeneration lag wins over the counts",
      merge(statefulSet, { metadata: { generation: 3 }, status: { ...settled, observedGeneration: 2 } }),
      "InProgress",
      "LatestGenerationNotObserved",
      "StatefulSet generation is 3, but latest observed generation is 2",
    ],
  ];
  for (const [name, obj, status, reason, message] of cases) {
    test(name, () => {
      expect(computeStatus(obj)).toEqual(reason ? { status: status as never, reason, message } : { status: status as never, message });
    });
  }
});
