import { describe, expect, test } from "bun:test";
import { computeStatus } from "../../../src/kube/status/index.ts";
import { merge } from "./fixtures.ts";

// kstatus pvcConditions and serviceConditions (cli-utils pkg/kstatus/status/core.go).
describe("PersistentVolumeClaim (kstatus rules)", () => {
  const pvc = {
    apiVersion: "v1",
    kind: "PersistentVolumeClaim",
    metadata: { name: "kotsadm-minio-kotsadm-minio-0", namespace: "kots", labels: { app: "kotsadm-minio" } },
    spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "4Gi" } }, storageClassName: "standard", volumeMode: "Filesystem" },
  };
  test("Pending", () => {
    expect(computeStatus(merge(pvc, { status: { phase: "Pending" } }))).toEqual({
      status: "InProgress",
      reason: "NotBound",
      message: "PVC is not Bound. phase: Pending",
    });
  });
  test("Bound", () => {
    const bound = merge(pvc, {
      spec: { volumeName: "pvc-1c2d3e4f" },
      status: { phase: "Bound", accessModes: ["ReadWriteOnce"], capacity: { storage: "4Gi" } },
    });
    expect(computeStatus(bound)).toEqual({ status: "Current", message: "PVC is Bound" });
  });
  test("Lost is InProgress, not Failed", () => {
    expect(computeStatus(merge(pvc, { status: { phase: "Lost" } }))).toEqual({
      status: "InProgress",
      reason: "NotBound",
      message: "PVC is not Bound. phase: Lost",
    });
  });
  test("no status yet", () => {
    expect(computeStatus(pvc).message).toBe("PVC is not Bound. phase: unknown");
  });
});

describe("Service (kstatus rules)", () => {
  const svc = {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "kotsadm", namespace: "kots" },
    spec: { type: "ClusterIP", clusterIP: "10.96.12.34", clusterIPs: ["10.96.12.34"], ports: [{ name: "http", port: 3000, targetPort: "http" }] },
    status: { loadBalancer: {} },
  };
  test("ClusterIP", () => {
    expect(computeStatus(svc)).toEqual({ status: "Current", message: "Service is ready" });
  });
  test("LoadBalancer with a cluster IP but no ingress yet is Current (kstatus does not wait for ingress)", () => {
    expect(computeStatus(merge(svc, { spec: { type: "LoadBalancer" } })).status).toBe("Current");
  });
  test("LoadBalancer without a cluster IP", () => {
    const lb = merge(svc, { spec: { type: "LoadBalancer", clusterIP: "", clusterIPs: [] } });
    expect(computeStatus(lb)).toEqual({
      status: "InProgress",
      reason: "NoIPAssigned",
      message: "ClusterIP not set. Service type: LoadBalancer",
    });
  });
  test("headless ClusterIP", () => {
    expect(computeStatus(merge(svc, { spec: { clusterIP: "None", clusterIPs: ["None"] } })).status).toBe("Current");
  });
});
