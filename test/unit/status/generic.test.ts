import { describe, expect, test } from "bun:test";
import { computeStatus } from "../../../src/kube/status/index.ts";
import { ago, deploymentAvailable, merge } from "./fixtures.ts";

// kstatus Compute + checkGenericProperties + checkReadyCondition
// (cli-utils pkg/kstatus/status/status.go, generic.go).
describe("generic kstatus rules", () => {
  const custom = {
    apiVersion: "troubleshoot.sh/v1beta2",
    kind: "Preflight",
    metadata: { name: "kotsadm", namespace: "kots", generation: 1 },
  };

  test("deletionTimestamp → Terminating, before any kind rule", () => {
    const deleting = merge(deploymentAvailable, { metadata: { deletionTimestamp: ago(1_000), finalizers: ["foregroundDeletion"] } });
    expect(computeStatus(deleting)).toEqual({ status: "Terminating", message: "Resource scheduled for deletion" });
  });

  test("a Namespace being deleted is Terminating", () => {
    const ns = {
      apiVersion: "v1",
      kind: "Namespace",
      metadata: { name: "kots", deletionTimestamp: ago(3_000) },
      spec: { finalizers: ["kubernetes"] },
      status: { phase: "Terminating" },
    };
    expect(computeStatus(ns).status).toBe("Terminating");
  });

  test("observedGeneration lag on any kind", () => {
    expect(computeStatus(merge(custom, { metadata: { generation: 4 }, status: { observedGeneration: 3 } }))).toEqual({
      status: "InProgress",
      reason: "LatestGenerationNotObserved",
      message: "Preflight generation is 4, but latest observed generation is 3",
    });
  });

  test("no observedGeneration: the generation check is skipped", () => {
    expect(computeStatus(merge(custom, { metadata: { generation: 4 } })).status).toBe("Current");
  });

  test("Reconciling=True → InProgress with its reason", () => {
    const obj = merge(custom, { status: { observedGeneration: 1, conditions: [{ type: "Reconciling", status: "True", reason: "Progressing", message: "applying" }] } });
    expect(computeStatus(obj)).toEqual({ status: "InProgress", reason: "Progressing", message: "applying" });
  });

  test("Stalled=True → Failed with its reason and message", () => {
    const obj = merge(custom, { status: { conditions: [{ type: "Stalled", status: "True", reason: "InvalidSpec", message: "spec.analyzers is empty" }] } });
    expect(computeStatus(obj)).toEqual({ status: "Failed", reason: "InvalidSpec", message: "spec.analyzers is empty" });
  });

  test("Reconciling/Stalled conditions win over the Deployment rule", () => {
    const obj = merge(deploymentAvailable, {
      status: { conditions: [{ type: "Reconciling", status: "True", reason: "Custom", message: "x" }] },
    });
    expect(computeStatus(obj).reason).toBe("Custom");
  });

  test("Ready=True → Current", () => {
    const obj = merge(custom, { status: { conditions: [{ type: "Ready", status: "True", reason: "Succeeded" }] } });
    expect(computeStatus(obj)).toEqual({ status: "Current", message: "Resource is Ready" });
  });

  test("Ready=False → InProgress with its reason", () => {
    const obj = merge(custom, { status: { conditions: [{ type: "Ready", status: "False", reason: "Waiting", message: "waiting for deps" }] } });
    expect(computeStatus(obj)).toEqual({ status: "InProgress", reason: "Waiting", message: "waiting for deps" });
  });

  test("Ready=Unknown → InProgress", () => {
    const obj = merge(custom, { status: { conditions: [{ type: "Ready", status: "Unknown", reason: "Pending" }] } });
    expect(computeStatus(obj).status).toBe("InProgress");
  });

  test("a kind rule runs before the Ready condition", () => {
    const obj = merge(deploymentAvailable, { status: { conditions: [...(deploymentAvailable.status as { conditions: object[] }).conditions, { type: "Ready", status: "False" }] } });
    expect(computeStatus(obj).status).toBe("Current");
  });

  test("an unknown kind without conditions is Current", () => {
    expect(computeStatus(custom)).toEqual({ status: "Current", message: "Resource is current" });
  });

  test("ConfigMap and Secret are always ready", () => {
    for (const kind of ["ConfigMap", "Secret"]) {
      expect(computeStatus({ apiVersion: "v1", kind, metadata: { name: "kotsadm-postgres", namespace: "kots" } })).toEqual({
        status: "Current",
        message: "Resource is always ready",
      });
    }
  });

  test("kinds without a rule are Current: Namespace, ServiceAccount, RBAC, StorageClass", () => {
    const objs = [
      { apiVersion: "v1", kind: "Namespace", metadata: { name: "kots" }, spec: { finalizers: ["kubernetes"] }, status: { phase: "Active" } },
      { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "kotsadm", namespace: "kots" } },
      { apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", metadata: { name: "kotsadm-role", namespace: "kots" }, rules: [] },
      { apiVersion: "rbac.authorization.k8s.io/v1", kind: "RoleBinding", metadata: { name: "kotsadm-rolebinding", namespace: "kots" } },
      { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name: "kotsadm-role" } },
      { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRoleBinding", metadata: { name: "kotsadm-rolebinding" } },
      { apiVersion: "storage.k8s.io/v1", kind: "StorageClass", metadata: { name: "standard" }, provisioner: "kubernetes.io/host-path" },
    ];
    for (const obj of objs) expect(computeStatus(obj)).toEqual({ status: "Current", message: "Resource is current" });
  });

  test("a missing object is NotFound", () => {
    expect(computeStatus(undefined).status).toBe("NotFound");
    expect(computeStatus(null).status).toBe("NotFound");
  });

  test("a wrongly-typed generation gives Unknown instead of throwing", () => {
    const res = computeStatus(merge(custom, { metadata: { generation: "2" }, status: { observedGeneration: 1 } }));
    expect(res.status).toBe("Unknown");
  });

  test("malformed conditions give Unknown", () => {
    expect(computeStatus(merge(custom, { status: { conditions: "Ready" } })).status).toBe("Unknown");
  });
});
