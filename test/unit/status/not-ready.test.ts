import { describe, expect, test } from "bun:test";
import { notReadyExplanation } from "../../../src/kube/status/index.ts";
import { ago, deployment, deploymentAvailable, event, merge, NOW, pod, podUnschedulable, podWaiting, statefulSet } from "./fixtures.ts";

describe("notReadyExplanation", () => {
  test("a running pod failing readiness: the Ready condition's reason and message", () => {
    const p = merge(pod, {
      metadata: { name: "kotsadm-abc" },
      status: {
        phase: "Running",
        conditions: [
          { type: "PodScheduled", status: "True" },
          { type: "Ready", status: "False", reason: "ContainersNotReady", message: "containers with unready status: [kotsadm]" },
        ],
        containerStatuses: [{ name: "kotsadm", ready: false, state: { running: { startedAt: ago(20_000) } } }],
      },
    });
    expect(notReadyExplanation(deployment, [p], [])).toBe("pod kotsadm-abc: ContainersNotReady: containers with unready status: [kotsadm]");
  });

  test("the newest Warning event about the pod is appended", () => {
    const p = merge(podWaiting("ContainerCreating"), { metadata: { name: "kotsadm-abc" } });
    const ev = event({
      reason: "FailedMount",
      message: 'MountVolume.SetUp failed for volume "kotsadm-tls" : secret "kotsadm-tls" not found',
      involvedObject: { kind: "Pod", name: "kotsadm-abc", namespace: "kots" },
      source: { component: "kubelet" },
    });
    expect(notReadyExplanation(deployment, [p], [ev])).toBe(
      'pod kotsadm-abc: container kotsadm: ContainerCreating (FailedMount: MountVolume.SetUp failed for volume "kotsadm-tls" : secret "kotsadm-tls" not found)',
    );
  });

  describe("StatefulSet waiting for its volume", () => {
    const claim = "kotsadm-minio-kotsadm-minio-0";
    const minioPod = merge(podUnschedulable(3_000, "0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims."), {
      metadata: { name: "kotsadm-minio-0", labels: { app: "kotsadm-minio" } },
      spec: { volumes: [{ name: "kotsadm-minio", persistentVolumeClaim: { claimName: claim } }] },
    });

    test("PVC known and Pending", () => {
      const pvc = { kind: "PersistentVolumeClaim", metadata: { name: claim, namespace: "kots" }, status: { phase: "Pending" } };
      expect(notReadyExplanation(statefulSet, [minioPod], [], { pvcs: [pvc] })).toBe(`waiting for PVC ${claim} to be Bound`);
    });

    test("PVC inferred from the scheduler message, with the PVC's newest event", () => {
      const ev = event({
        type: "Normal",
        reason: "WaitForFirstConsumer",
        message: "waiting for first consumer to be created before binding",
        involvedObject: { kind: "PersistentVolumeClaim", name: claim, namespace: "kots" },
      });
      expect(notReadyExplanation(statefulSet, [minioPod], [ev])).toBe(
        `waiting for PVC ${claim} to be Bound: WaitForFirstConsumer: waiting for first consumer to be created before binding`,
      );
    });

    test("a Bound PVC leaves the scheduler's reason", () => {
      const pvc = { kind: "PersistentVolumeClaim", metadata: { name: claim, namespace: "kots" }, status: { phase: "Bound" } };
      expect(notReadyExplanation(statefulSet, [minioPod], [], { pvcs: [pvc] })).toBe(
        "pod kotsadm-minio-0: Unschedulable: 0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims.",
      );
    });

    test("no pods yet: the StatefulSet's newest Warning event", () => {
      const ev = event({
        reason: "FailedCreate",
        message: 'create Pod kotsadm-minio-0 in StatefulSet kotsadm-minio failed error: pods "kotsadm-minio-0" is forbidden: error looking up service account kots/kotsadm: serviceaccount "kotsadm" not found',
        involvedObject: { kind: "StatefulSet", name: "kotsadm-minio", namespace: "kots" },
        source: { component: "statefulset-controller" },
      });
      expect(notReadyExplanation(statefulSet, [], [ev])).toStartWith("StatefulSet kotsadm-minio: FailedCreate: create Pod kotsadm-minio-0");
    });

    test("no pods and no events", () => {
      expect(notReadyExplanation(statefulSet, [], [])).toBe("StatefulSet kotsadm-minio: no pods yet");
    });
  });

  test("a Deployment with ReplicaFailure says why no pods exist", () => {
    const d = merge(deployment, {
      status: {
        observedGeneration: 1,
        conditions: [
          {
            type: "ReplicaFailure",
            status: "True",
            reason: "FailedCreate",
            message: 'pods "kotsadm-7c9f8d6b5d-" is forbidden: error looking up service account kots/kotsadm: serviceaccount "kotsadm" not found',
          },
        ],
      },
    });
    expect(notReadyExplanation(d, [], [])).toBe(
      'Deployment kotsadm: FailedCreate: pods "kotsadm-7c9f8d6b5d-" is forbidden: error looking up service account kots/kotsadm: serviceaccount "kotsadm" not found',
    );
  });

  test("all pods ready but an old pod still counted: the kstatus reason and message", () => {
    const readyPod = merge(pod, { status: { phase: "Running", conditions: [{ type: "PodScheduled", status: "True" }, { type: "Ready", status: "True" }] } });
    const d = merge(deploymentAvailable, { status: { replicas: 2, updatedReplicas: 1 } });
    expect(notReadyExplanation(d, [readyPod], [], { now: NOW })).toBe("ExtraPods: Pending termination: 1");
  });

  test("a PVC on its own", () => {
    const pvc = { kind: "PersistentVolumeClaim", metadata: { name: "data", namespace: "kots" }, status: { phase: "Pending" } };
    expect(notReadyExplanation(pvc, [], [])).toBe("waiting for PVC data to be Bound");
  });

  test("a Pod on its own", () => {
    expect(notReadyExplanation(merge(podWaiting("PodInitializing"), { metadata: { name: "p" } }), [], [])).toBe("pod p: container kotsadm: PodInitializing");
  });
});
