/**
 * What `kots remove` deletes, in which order, and what it keeps: pure, from what the API server
 * listed (remove-find.ts). The rule (design §4, docs/design-notes.md):
 *   - in the namespace, objects carrying `kots.io/kotsadm=true` (the label every object of the
 *     Admin Console has, whether kots, KOTS or kotsadm made it), except those with an owner
 *     (pods, ReplicaSets, ControllerRevisions: the garbage collector removes them with their
 *     owner), Endpoints (the endpoints controller's copy of a Service's labels) and the install
 *     Lease (released, not deleted);
 *   - PVCs only with --delete-pvcs; the namespace only with --delete-namespace, and only when kots
 *     created it and nothing but the Admin Console lives in it;
 *   - cluster-scoped: this namespace's ClusterRoleBinding `kotsadm-rolebinding-<ns>`, and the
 *     shared ClusterRole `kotsadm-role` only when no other binding anywhere still refers to it.
 * Order: kotsadm and its Service, the datastores (and any other workload), PVCs, Secrets and
 * ConfigMaps, namespace RBAC, cluster RBAC, the inventory, the namespace: each phase is gone
 * before the next starts (kotsadm never runs without its database, pods never lose their
 * ServiceAccount or Secrets while they stop).
 */
import type { K8sObject } from "../kube/apply.ts";
import { FIELD_MANAGER } from "../kube/apply.ts";
import type { ResourceType } from "../kube/discovery.ts";
import type { ObjectRef } from "../install/events.ts";
import { INVENTORY_NAME } from "../install/inventory.ts";
import { INSTALL_LEASE } from "../kube/lease.ts";
import { NAMES } from "../manifests/constants.ts";
import { managersOf } from "../install/ownership.ts";
import type { KeptObject } from "./remove-events.ts";

export const REMOVE_PHASES = ["kotsadm", "datastores", "pvcs", "config", "rbac", "cluster-rbac", "inventory", "namespace"] as const;
export type RemovePhase = (typeof REMOVE_PHASES)[number];

/** One listed object with the resource type it was listed as. */
export interface Found {
  obj: K8sObject;
  type: ResourceType;
}

export interface Target {
  ref: ObjectRef;
  uid: string;
  type: ResourceType;
  /** Foreground for workloads: the object is gone only once its pods are. */
  propagation: "Foreground" | "Background";
  /** Field managers of the object (kots, or KOTS/kotsadm's), for the plan display. */
  managers: string;
}

export interface RemovePlan {
  namespace: string;
  phases: { phase: RemovePhase; targets: Target[] }[];
  kept: KeptObject[];
  /** Why --delete-namespace cannot be honoured (empty when it can, or was not asked). */
  namespaceProblems: string[];
}

export interface RemoveInputs {
  namespace: string;
  /** Every object of the namespace with label kots.io/kotsadm=true, of every listable type. */
  labelled: Found[];
  /** The Namespace object; undefined when it does not exist. */
  namespaceObj?: Found;
  /** ClusterRoleBinding kotsadm-rolebinding-<namespace>, when it exists. */
  clusterRoleBinding?: Found;
  /** ClusterRole kotsadm-role, when it exists. */
  clusterRole?: Found;
  /** Every (Cluster)RoleBinding of the cluster whose roleRef is ClusterRole kotsadm-role; undefined when they could not be listed (403). */
  roleRefBindings: Found[] | undefined;
  deletePvcs: boolean;
  deleteNamespace: boolean;
  /** With deleteNamespace: every object of the namespace, of every listable type. */
  everything?: Found[];
}

const WORKLOAD_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"]);

export const refOf = (f: Found): ObjectRef => (f.type.namespaced ? { kind: f.obj.kind, name: f.obj.metadata.name, namespace: f.obj.metadata.namespace } : { kind: f.obj.kind, name: f.obj.metadata.name });
const uidOf = (o: K8sObject) => String(o.metadata.uid ?? "");
const owners = (o: K8sObject) => (o.metadata.ownerReferences as { uid?: string }[] | undefined) ?? [];
const managedByKots = (o: K8sObject) => ((o.metadata.managedFields as { manager?: string }[] | undefined) ?? []).some((m) => m.manager === FIELD_MANAGER);
const labelled = (o: K8sObject) => o.metadata.labels?.["kots.io/kotsadm"] === "true";

function target(f: Found): Target {
  return { ref: refOf(f), uid: uidOf(f.obj), type: f.type, propagation: WORKLOAD_KINDS.has(f.obj.kind) ? "Foreground" : "Background", managers: managersOf(f.obj) };
}

/** The phase of a namespaced object of the Admin Console. */
export function removePhaseOf(kind: string, name: string): RemovePhase {
  if (name === NAMES.kotsadm && (kind === "Service" || kind === "Deployment" || kind === "StatefulSet")) return "kotsadm";
  if (kind === "PersistentVolumeClaim") return "pvcs";
  if (kind === "ConfigMap" && name === INVENTORY_NAME) return "inventory";
  if (WORKLOAD_KINDS.has(kind) || kind === "Service") return "datastores";
  if (kind === "ServiceAccount" || kind === "Role" || kind === "RoleBinding") return "rbac";
  return "config";
}

/** Objects of `all` that exist because of `roots`: owned by one of them, transitively (pods of a ReplicaSet of a Deployment). */
function dependentsOf(roots: readonly K8sObject[], all: readonly K8sObject[]): Set<string> {
  const uids = new Set(roots.map(uidOf));
  for (let grew = true; grew; ) {
    grew = false;
    for (const o of all) if (!uids.has(uidOf(o)) && owners(o).some((r) => r.uid && uids.has(r.uid))) (uids.add(uidOf(o)), (grew = true));
  }
  return uids;
}

/** The API server's own objects of every namespace (they go with it and mean nothing). */
function isNamespaceDefault(f: Found, serviceNames: Set<string>): boolean {
  const { kind, metadata } = f.obj;
  if (kind === "Event") return true;
  if (kind === "ServiceAccount" && metadata.name === "default") return true;
  if (kind === "ConfigMap" && metadata.name === "kube-root-ca.crt") return true;
  if (kind === "Endpoints" && serviceNames.has(metadata.name)) return true;
  if (kind === "Secret" && f.obj.type === "kubernetes.io/service-account-token") return true;
  return false;
}

/**
 * The removal plan for `inp`, pure. Phases in REMOVE_PHASES order, empty ones dropped; within a
 * phase the order of the listing is kept.
 */
export function planRemoval(inp: RemoveInputs): RemovePlan {
  const ns = inp.namespace;
  const kept: KeptObject[] = [];
  const phases = new Map<RemovePhase, Target[]>();
  const add = (phase: RemovePhase, t: Target) => phases.set(phase, [...(phases.get(phase) ?? []), t]);
  const seen = new Set<string>();

  for (const f of inp.labelled) {
    const o = f.obj;
    if (seen.has(uidOf(o)) || !labelled(o)) continue; // one object listed under two groups (events) counts once
    seen.add(uidOf(o));
    if (owners(o).length > 0) continue; // removed with its owner by the garbage collector
    if (o.kind === "Lease" && o.metadata.name === INSTALL_LEASE) continue; // released at the end
    if (o.kind === "Endpoints") continue; // the endpoints controller copies a Service's labels and deletes them with it
    const phase = removePhaseOf(o.kind, o.metadata.name);
    if (phase === "pvcs" && !inp.deletePvcs) {
      kept.push({ ref: refOf(f), reason: "kept (its data stays): --delete-pvcs removes it" });
      continue;
    }
    add(phase, target(f));
  }

  const binding = inp.clusterRoleBinding;
  if (binding && labelled(binding.obj)) add("cluster-rbac", target(binding));
  else if (binding) kept.push({ ref: refOf(binding), reason: `not made by kots (managed by ${managersOf(binding.obj)}): left as it is` });

  const role = inp.clusterRole;
  if (role) {
    const leaving = new Set(binding ? [uidOf(binding.obj)] : []);
    const users = (inp.roleRefBindings ?? []).filter((b) => !leaving.has(uidOf(b.obj))).map((b) => `${b.obj.kind}/${b.obj.metadata.name}${b.obj.metadata.namespace ? ` (${b.obj.metadata.namespace})` : ""}`);
    if (!labelled(role.obj)) kept.push({ ref: refOf(role), reason: `not made by kots (managed by ${managersOf(role.obj)}): left as it is` });
    else if (!inp.roleRefBindings) kept.push({ ref: refOf(role), reason: "shared: not allowed to list the cluster's bindings, so other installs may use it: left as it is" });
    else if (users.length > 0) kept.push({ ref: refOf(role), reason: `shared: still bound by ${users.slice(0, 3).join(", ")}${users.length > 3 ? ` and ${users.length - 3} more` : ""}` });
    else add("cluster-rbac", target(role));
  }

  const namespaceProblems: string[] = [];
  if (inp.namespaceObj) {
    if (!inp.deleteNamespace) kept.push({ ref: refOf(inp.namespaceObj), reason: "kept: --delete-namespace removes it" });
    else {
      if (!managedByKots(inp.namespaceObj.obj)) namespaceProblems.push(`namespace ${ns} was not created by kots (managed by ${managersOf(inp.namespaceObj.obj)}): drop --delete-namespace`);
      const pvcs = inp.labelled.filter((f) => f.obj.kind === "PersistentVolumeClaim");
      if (pvcs.length > 0 && !inp.deletePvcs) namespaceProblems.push(`--delete-namespace deletes its PVCs too (${pvcs.map((f) => f.obj.metadata.name).join(", ")}): add --delete-pvcs`);
      const others = foreignObjects(inp);
      if (others.length > 0)
        namespaceProblems.push(`namespace ${ns} also holds objects that are not the Admin Console's (${others.slice(0, 5).join(", ")}${others.length > 5 ? ` and ${others.length - 5} more` : ""}): remove them first, or drop --delete-namespace`);
      if (namespaceProblems.length === 0) add("namespace", target(inp.namespaceObj));
    }
  }

  return {
    namespace: ns,
    phases: REMOVE_PHASES.filter((p) => phases.has(p)).map((p) => ({ phase: p, targets: phases.get(p)! })),
    kept,
    namespaceProblems,
  };
}

/** `Kind/name` of every object in the namespace that is neither the Admin Console's, nor owned by it, nor a namespace default. */
function foreignObjects(inp: RemoveInputs): string[] {
  const all = inp.everything ?? [];
  const ours = inp.labelled.map((f) => f.obj).filter(labelled);
  const mine = dependentsOf(ours, all.map((f) => f.obj));
  const services = new Set(ours.filter((o) => o.kind === "Service").map((o) => o.metadata.name));
  const seen = new Set<string>();
  const out: string[] = [];
  for (const f of all) {
    const uid = uidOf(f.obj);
    if (seen.has(uid)) continue;
    seen.add(uid);
    if (mine.has(uid) || labelled(f.obj) || isNamespaceDefault(f, services)) continue;
    out.push(`${f.obj.kind}/${f.obj.metadata.name}`);
  }
  return out;
}

/** Every target of the plan, in deletion order. */
export function planTargets(plan: RemovePlan): Target[] {
  return plan.phases.flatMap((p) => p.targets);
}
