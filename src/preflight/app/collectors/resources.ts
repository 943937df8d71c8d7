/**
 * The kinds troubleshoot's clusterResources collector stores, with the bundle path each goes to
 * (troubleshoot v0.133.0 pkg/collect/cluster_resources.go and pkg/constants). Namespaced kinds
 * go to `cluster-resources/<dir>/<namespace>.json`, cluster-scoped ones to `cluster-resources/<dir>.json`.
 */
export interface ResourceKind {
  dir: string;
  /** API path prefix of the group version: "/api/v1" or "/apis/apps/v1" */
  groupVersionPath: string;
  apiVersion: string;
  resource: string;
  kind: string;
  namespaced: boolean;
}

const core = (dir: string, resource: string, kind: string, namespaced = true): ResourceKind => ({ dir, groupVersionPath: "/api/v1", apiVersion: "v1", resource, kind, namespaced });
const group = (dir: string, apiVersion: string, resource: string, kind: string, namespaced = true): ResourceKind => ({
  dir,
  groupVersionPath: `/apis/${apiVersion}`,
  apiVersion,
  resource,
  kind,
  namespaced,
});

export const RESOURCE_KINDS: readonly ResourceKind[] = [
  core("pods", "pods", "Pod"),
  core("services", "services", "Service"),
  group("deployments", "apps/v1", "deployments", "Deployment"),
  group("statefulsets", "apps/v1", "statefulsets", "StatefulSet"),
  group("daemonsets", "apps/v1", "daemonsets", "DaemonSet"),
  group("replicasets", "apps/v1", "replicasets", "ReplicaSet"),
  group("jobs", "batch/v1", "jobs", "Job"),
  group("cronjobs", "batch/v1", "cronjobs", "CronJob"),
  group("ingress", "networking.k8s.io/v1", "ingresses", "Ingress"),
  group("network-policy", "networking.k8s.io/v1", "networkpolicies", "NetworkPolicy"),
  core("resource-quota", "resourcequotas", "ResourceQuota"),
  core("limitranges", "limitranges", "LimitRange"),
  core("events", "events", "Event"),
  core("pvcs", "persistentvolumeclaims", "PersistentVolumeClaim"),
  group("roles", "rbac.authorization.k8s.io/v1", "roles", "Role"),
  group("rolebindings", "rbac.authorization.k8s.io/v1", "rolebindings", "RoleBinding"),
  core("endpoints", "endpoints", "Endpoints"),
  core("serviceaccounts", "serviceaccounts", "ServiceAccount"),
  group("leases", "coordination.k8s.io/v1", "leases", "Lease"),
  core("configmaps", "configmaps", "ConfigMap"),
  group("pod-disruption-budgets", "policy/v1", "poddisruptionbudgets", "PodDisruptionBudget"),
  core("nodes", "nodes", "Node", false),
  group("storage-classes", "storage.k8s.io/v1", "storageclasses", "StorageClass", false),
  group("ingress-classes", "networking.k8s.io/v1", "ingressclasses", "IngressClass", false),
  group("priorityclasses", "scheduling.k8s.io/v1", "priorityclasses", "PriorityClass", false),
  group("custom-resource-definitions", "apiextensions.k8s.io/v1", "customresourcedefinitions", "CustomResourceDefinition", false),
  core("pvs", "persistentvolumes", "PersistentVolume", false),
  group("clusterroles", "rbac.authorization.k8s.io/v1", "clusterroles", "ClusterRole", false),
  group("clusterrolebindings", "rbac.authorization.k8s.io/v1", "clusterrolebindings", "ClusterRoleBinding", false),
  group("volumeattachments", "storage.k8s.io/v1", "volumeattachments", "VolumeAttachment", false),
  group("validating-webhook-configurations", "admissionregistration.k8s.io/v1", "validatingwebhookconfigurations", "ValidatingWebhookConfiguration", false),
  group("mutating-webhook-configurations", "admissionregistration.k8s.io/v1", "mutatingwebhookconfigurations", "MutatingWebhookConfiguration", false),
];
