import { describe, expect, test } from "bun:test";
import { pvcFailure } from "../../../src/kube/status/index.ts";
import { ago, event, merge } from "./fixtures.ts";

// Design §4 fail-fast extension: PVC ProvisioningFailed from Events.
describe("pvcFailure", () => {
  const pvc = {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: "kotsadm-postgres-kotsadm-postgres-0", namespace: "kots", uid: "9e8d7c6b-0000-4000-8000-000000000001" },
    spec: { storageClassName: "fast", accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } },
    status: { phase: "Pending" },
  };
  const involved = {
    kind: "PersistentVolumeClaim",
    namespace: "kots",
    name: "kotsadm-postgres-kotsadm-postgres-0",
    uid: "9e8d7c6b-0000-4000-8000-000000000001",
    apiVersion: "v1",
  };
  const failedEvent = event({
    reason: "ProvisioningFailed",
    message: 'storageclass.storage.k8s.io "fast" not found',
    involvedObject: involved,
  });

  test("a ProvisioningFailed event about the PVC", () => {
    expect(pvcFailure(pvc, [failedEvent])).toEqual({
      reason: "ProvisioningFailed",
      message: 'storageclass.storage.k8s.io "fast" not found',
    });
  });

  test("the newest ProvisioningFailed message is reported", () => {
    const older = event({ reason: "ProvisioningFailed", message: "old", involvedObject: involved, lastTimestamp: ago(60_000) });
    expect(pvcFailure(pvc, [older, failedEvent])?.message).toBe('storageclass.storage.k8s.io "fast" not found');
  });

  test("no events: no failure", () => {
    expect(pvcFailure(pvc)).toBeUndefined();
    expect(pvcFailure(pvc, [])).toBeUndefined();
  });

  test("events about another PVC are ignored", () => {
    const other = merge(failedEvent, { involvedObject: { name: "kotsadm-minio-kotsadm-minio-0", uid: "other" } });
    expect(pvcFailure(pvc, [other])).toBeUndefined();
  });

  test("events about a previous PVC with the same name (other uid) are ignored", () => {
    expect(pvcFailure(pvc, [merge(failedEvent, { involvedObject: { uid: "old-uid" } })])).toBeUndefined();
  });

  test("other reasons are not failures", () => {
    const wffc = event({
      type: "Normal",
      reason: "WaitForFirstConsumer",
      message: "waiting for first consumer to be created before binding",
      involvedObject: involved,
    });
    expect(pvcFailure(pvc, [wffc])).toBeUndefined();
  });

  test("a Bound PVC is never failed, whatever old events say", () => {
    expect(pvcFailure(merge(pvc, { status: { phase: "Bound" } }), [failedEvent])).toBeUndefined();
  });

  test("a newer ProvisioningSucceeded clears it", () => {
    const ok = event({ type: "Normal", reason: "ProvisioningSucceeded", message: "Successfully provisioned volume pvc-1", involvedObject: involved, lastTimestamp: ago(1_000) });
    expect(pvcFailure(pvc, [failedEvent, ok])).toBeUndefined();
  });

  test("events.k8s.io/v1 Events (regarding/note) work too", () => {
    const v1 = {
      apiVersion: "events.k8s.io/v1",
      kind: "Event",
      metadata: { name: "x", namespace: "kots" },
      eventTime: ago(2_000),
      reason: "ProvisioningFailed",
      note: "failed to provision volume with StorageClass \"fast\": rpc error: code = ResourceExhausted",
      type: "Warning",
      regarding: involved,
    };
    expect(pvcFailure(pvc, [v1])?.message).toContain("ResourceExhausted");
  });
});
