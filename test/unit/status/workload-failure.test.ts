import { describe, expect, test } from "bun:test";
import { workloadFailure } from "../../../src/kube/status/index.ts";
import { ago, deployment, event, merge, NOW, pod, podUnschedulable, podWaiting, statefulSet } from "./fixtures.ts";

const readyPod = (name: string) =>
  merge(pod, {
    metadata: { name },
    status: { phase: "Running", conditions: [{ type: "PodScheduled", status: "True" }, { type: "Ready", status: "True" }], containerStatuses: [{ name: "kotsadm", ready: true, state: { running: {} } }] },
  });

describe("workloadFailure", () => {
  test("a Deployment whose pod cannot pull its image names the pod and container", () => {
    const bad = merge(podWaiting("ImagePullBackOff", 'Back-off pulling image "kotsadm/kotsadm:v1.88.0-nope"'), {
      metadata: { name: "kotsadm-7c9f8d6b5d-zz9t2" },
    });
    expect(workloadFailure(deployment, [readyPod("kotsadm-7c9f8d6b5d-aaaaa"), bad], [], NOW)).toEqual({
      reason: "ImagePullBackOff",
      message: 'pod kotsadm-7c9f8d6b5d-zz9t2: container kotsadm: Back-off pulling image "kotsadm/kotsadm:v1.88.0-nope"',
      detail: 'Back-off pulling image "kotsadm/kotsadm:v1.88.0-nope"',
      pod: "kotsadm-7c9f8d6b5d-zz9t2",
      container: "kotsadm",
    });
  });

  test("pods the selector does not match are ignored", () => {
    const other = merge(podWaiting("CrashLoopBackOff", "back-off"), { metadata: { name: "kotsadm-minio-0", labels: { app: "kotsadm-minio" } } });
    expect(workloadFailure(deployment, [other], [], NOW)).toBeUndefined();
  });

  test("pods in another namespace are ignored", () => {
    const other = merge(podWaiting("ErrImagePull", "x"), { metadata: { namespace: "default" } });
    expect(workloadFailure(deployment, [other], [], NOW)).toBeUndefined();
  });

  test("terminating pods (an old ReplicaSet going away) are ignored", () => {
    const old = merge(podWaiting("CrashLoopBackOff", "back-off"), { metadata: { deletionTimestamp: ago(1_000) } });
    expect(workloadFailure(deployment, [old], [], NOW)).toBeUndefined();
  });

  test("the first failing pod by name is reported", () => {
    const b = merge(podWaiting("CreateContainerConfigError", 'secret "kotsadm-session" not found'), { metadata: { name: "kotsadm-b" } });
    const a = merge(podWaiting("CrashLoopBackOff", "back-off"), { metadata: { name: "kotsadm-a" } });
    expect(workloadFailure(deployment, [b, a], [], NOW)?.pod).toBe("kotsadm-a");
  });

  test("Unschedulable beyond the grace period, with the scheduler's message", () => {
    const p = merge(podUnschedulable(20_000, "0/2 nodes are available: 2 Insufficient memory."), { metadata: { name: "kotsadm-7c9f8d6b5d-q1" } });
    expect(workloadFailure(deployment, [p], [], NOW)).toEqual({
      reason: "Unschedulable",
      message: "pod kotsadm-7c9f8d6b5d-q1: 0/2 nodes are available: 2 Insufficient memory.",
      detail: "0/2 nodes are available: 2 Insufficient memory.",
      pod: "kotsadm-7c9f8d6b5d-q1",
    });
  });

  test("Unschedulable within the grace period is not a failure; the grace is configurable", () => {
    const p = podUnschedulable(20_000);
    expect(workloadFailure(deployment, [podUnschedulable(5_000)], [], NOW)).toBeUndefined();
    expect(workloadFailure(deployment, [p], [], NOW, { unschedulableGraceMs: 30_000 })).toBeUndefined();
  });

  describe("StatefulSet with a volume claim", () => {
    const claim = "kotsadm-minio-kotsadm-minio-0";
    const minioPod = merge(podUnschedulable(5_000, `0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims.`), {
      metadata: { name: "kotsadm-minio-0", labels: { app: "kotsadm-minio" } },
      spec: { volumes: [{ name: "kotsadm-minio", persistentVolumeClaim: { claimName: claim } }] },
    });
    const provisioningFailed = event({
      reason: "ProvisioningFailed",
      message: 'storageclass.storage.k8s.io "fast" not found',
      involvedObject: { kind: "PersistentVolumeClaim", namespace: "kots", name: claim, uid: "pvc-uid" },
    });

    test("ProvisioningFailed on the pod's claim fails at once, naming pod and PVC", () => {
      expect(workloadFailure(statefulSet, [minioPod], [provisioningFailed], NOW)).toEqual({
        reason: "ProvisioningFailed",
        message: `pod kotsadm-minio-0: PVC ${claim}: storageclass.storage.k8s.io "fast" not found`,
        detail: 'storageclass.storage.k8s.io "fast" not found',
        pod: "kotsadm-minio-0",
        pvc: claim,
      });
    });

    test("a Bound PVC (when the caller passes PVCs) is not failed by stale events", () => {
      const bound = { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: claim, namespace: "kots", uid: "pvc-uid" }, status: { phase: "Bound" } };
      expect(workloadFailure(statefulSet, [minioPod], [provisioningFailed], NOW, { pvcs: [bound] })).toBeUndefined();
    });

    test("a scheduled pod does not look at PVC events", () => {
      const running = merge(minioPod, { status: { phase: "Running", conditions: [{ type: "PodScheduled", status: "True" }, { type: "Ready", status: "True" }] } });
      expect(workloadFailure(statefulSet, [running], [provisioningFailed], NOW)).toBeUndefined();
    });
  });

  test("a Pod can be checked directly", () => {
    expect(workloadFailure(podWaiting("InvalidImageName", "bad ref"), [], [], NOW)?.reason).toBe("InvalidImageName");
  });

  test("a PVC can be checked directly", () => {
    const pvc = { kind: "PersistentVolumeClaim", metadata: { name: "data", namespace: "kots" }, status: { phase: "Pending" } };
    const ev = event({ reason: "ProvisioningFailed", message: "no space", involvedObject: { kind: "PersistentVolumeClaim", name: "data", namespace: "kots" } });
    expect(workloadFailure(pvc, [], [ev], NOW)).toEqual({ reason: "ProvisioningFailed", message: "PVC data: no space", detail: "no space", pvc: "data" });
  });

  test("healthy pods: no failure", () => {
    expect(workloadFailure(deployment, [readyPod("kotsadm-1")], [], NOW)).toBeUndefined();
  });
});
