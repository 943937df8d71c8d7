import { MalformedObjectError, stringField } from "./fields.ts";
import { genericStatus, readyConditionStatus } from "./generic.ts";
import { alwaysReady } from "./kinds/always-ready.ts";
import { crdStatus } from "./kinds/crd.ts";
import { daemonSetStatus } from "./kinds/daemonset.ts";
import { deploymentStatus } from "./kinds/deployment.ts";
import { jobStatus } from "./kinds/job.ts";
import { pdbStatus } from "./kinds/pdb.ts";
import { podStatus } from "./kinds/pod.ts";
import { pvcStatus } from "./kinds/pvc.ts";
import { replicaSetStatus } from "./kinds/replicaset.ts";
import { serviceStatus } from "./kinds/service.ts";
import { statefulSetStatus } from "./kinds/statefulset.ts";
import { current } from "./result.ts";
import type { ComputeOptions, KindRule, KubeObject, StatusResult } from "./types.ts";

/**
 * Per-kind rules keyed by `group/Kind` (`Kind` for the core group), the same table as
 * kstatus' legacyTypes (cli-utils pkg/kstatus/status/core.go).
 */
const RULES: Readonly<Record<string, KindRule>> = {
  Service: serviceStatus,
  Pod: podStatus,
  Secret: alwaysReady,
  ConfigMap: alwaysReady,
  PersistentVolumeClaim: pvcStatus,
  "apps/StatefulSet": statefulSetStatus,
  "apps/DaemonSet": daemonSetStatus,
  "extensions/DaemonSet": daemonSetStatus,
  "apps/Deployment": deploymentStatus,
  "extensions/Deployment": deploymentStatus,
  "apps/ReplicaSet": replicaSetStatus,
  "extensions/ReplicaSet": replicaSetStatus,
  "policy/PodDisruptionBudget": pdbStatus,
  "batch/CronJob": alwaysReady,
  "batch/Job": jobStatus,
  "apiextensions.k8s.io/CustomResourceDefinition": crdStatus,
};

/**
 * Group assumed for a kind when the object has no apiVersion. Items of a List response come
 * without apiVersion/kind (our watch fills in only `kind`), and kstatus keys its table by
 * group, so without this a listed Deployment would miss its rule. Our addition; an explicit
 * apiVersion always wins.
 */
const DEFAULT_GROUP: Readonly<Record<string, string>> = {
  Deployment: "apps",
  StatefulSet: "apps",
  DaemonSet: "apps",
  ReplicaSet: "apps",
  Job: "batch",
  CronJob: "batch",
  PodDisruptionBudget: "policy",
  CustomResourceDefinition: "apiextensions.k8s.io",
};

/** The API group of an object: "apps" for `apps/v1`, "" for `v1`. */
export function apiGroupOf(obj: KubeObject): string {
  const apiVersion = stringField(obj, ["apiVersion"], "");
  const kind = stringField(obj, ["kind"], "");
  if (apiVersion === "") return DEFAULT_GROUP[kind] ?? "";
  const slash = apiVersion.indexOf("/");
  return slash === -1 ? "" : apiVersion.slice(0, slash);
}

/**
 * The readiness of one object by the kstatus rules (kubernetes-sigs/cli-utils
 * pkg/kstatus/status, `status.Compute`), as plain data:
 * `computeStatus(obj, {now?}) → {status, reason?, message}`.
 *
 * Order, as in kstatus status.go Compute:
 * 1. `obj` null/undefined → NotFound (what the kstatus watcher reports for a missing object).
 * 2. Generic checks (generic.ts): deletionTimestamp → Terminating; generation not observed →
 *    InProgress `LatestGenerationNotObserved`; `Reconciling=True` → InProgress;
 *    `Stalled=True` → Failed.
 * 3. The per-kind rule for Deployment, StatefulSet, ReplicaSet, DaemonSet, Pod,
 *    PersistentVolumeClaim, Service, Job, PodDisruptionBudget, CustomResourceDefinition, and
 *    the always-Current Secret/ConfigMap/CronJob.
 * 4. A `Ready` condition: True → Current, False/Unknown → InProgress.
 * 5. Anything else (Namespace, ServiceAccount, Role(Binding), ClusterRole(Binding),
 *    StorageClass, …) → Current "Resource is current".
 * A wrongly-typed field the rules depend on, or an unknown Pod phase, gives Unknown with the
 * error as message (kstatus returns an error there; its watcher reports Unknown).
 *
 * `now` (epoch ms, default Date.now()) only matters for the Pod 15 s scheduling window.
 * `reason` is the reason kstatus sets on its Reconciling/Stalled condition.
 */
export function computeStatus(obj: KubeObject | null | undefined, opts: ComputeOptions = {}): StatusResult {
  if (obj === null || obj === undefined) return { status: "NotFound", message: "Resource not found" };
  const now = opts.now ?? Date.now();
  try {
    const generic = genericStatus(obj);
    if (generic) return generic;

    const group = apiGroupOf(obj);
    const kind = stringField(obj, ["kind"], "");
    const rule = RULES[group === "" ? kind : `${group}/${kind}`];
    if (rule) return rule(obj, { now });

    return readyConditionStatus(obj) ?? current("Resource is current");
  } catch (err) {
    if (err instanceof MalformedObjectError) return { status: "Unknown", message: err.message };
    throw err;
  }
}
