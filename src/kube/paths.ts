/** REST paths for the kinds kots-tui applies and watches (static: no discovery round trip). */
const RESOURCES: Record<string, { group: string; version: string; plural: string; namespaced: boolean }> = {
  Namespace: { group: "", version: "v1", plural: "namespaces", namespaced: false },
  ServiceAccount: { group: "", version: "v1", plural: "serviceaccounts", namespaced: true },
  Secret: { group: "", version: "v1", plural: "secrets", namespaced: true },
  ConfigMap: { group: "", version: "v1", plural: "configmaps", namespaced: true },
  Service: { group: "", version: "v1", plural: "services", namespaced: true },
  Pod: { group: "", version: "v1", plural: "pods", namespaced: true },
  PersistentVolumeClaim: { group: "", version: "v1", plural: "persistentvolumeclaims", namespaced: true },
  Event: { group: "", version: "v1", plural: "events", namespaced: true },
  Node: { group: "", version: "v1", plural: "nodes", namespaced: false },
  Deployment: { group: "apps", version: "v1", plural: "deployments", namespaced: true },
  StatefulSet: { group: "apps", version: "v1", plural: "statefulsets", namespaced: true },
  ReplicaSet: { group: "apps", version: "v1", plural: "replicasets", namespaced: true },
  DaemonSet: { group: "apps", version: "v1", plural: "daemonsets", namespaced: true },
  Job: { group: "batch", version: "v1", plural: "jobs", namespaced: true },
  Role: { group: "rbac.authorization.k8s.io", version: "v1", plural: "roles", namespaced: true },
  RoleBinding: { group: "rbac.authorization.k8s.io", version: "v1", plural: "rolebindings", namespaced: true },
  ClusterRole: { group: "rbac.authorization.k8s.io", version: "v1", plural: "clusterroles", namespaced: false },
  ClusterRoleBinding: { group: "rbac.authorization.k8s.io", version: "v1", plural: "clusterrolebindings", namespaced: false },
  Lease: { group: "coordination.k8s.io", version: "v1", plural: "leases", namespaced: true },
  StorageClass: { group: "storage.k8s.io", version: "v1", plural: "storageclasses", namespaced: false },
};

export function resourceOf(kind: string): { group: string; version: string; plural: string; namespaced: boolean } {
  const r = RESOURCES[kind];
  if (!r) throw new Error(`kots-tui does not know the REST path of kind ${kind}`);
  return r;
}

/** Collection path, e.g. `/apis/apps/v1/namespaces/ns/statefulsets` (namespace ignored for cluster-scoped kinds). */
export function collectionPath(kind: string, namespace?: string): string {
  const r = resourceOf(kind);
  const base = r.group ? `/apis/${r.group}/${r.version}` : `/api/${r.version}`;
  return r.namespaced && namespace ? `${base}/namespaces/${namespace}/${r.plural}` : `${base}/${r.plural}`;
}

/** Object path, e.g. `/api/v1/namespaces/ns/secrets/kotsadm-postgres`. */
export function objectPath(kind: string, name: string, namespace?: string): string {
  return `${collectionPath(kind, namespace)}/${encodeURIComponent(name)}`;
}
