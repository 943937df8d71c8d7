/**
 * Hand-built collected files for the data analyzer tests, written as troubleshoot v0.133.0's
 * collectors write them (json.MarshalIndent with two spaces, <, > and & escaped): a ConfigMap
 * list, a Deployment list, a NodeList, and the cluster version file.
 */
import { CollectedFiles } from "../../../src/preflight/app/collected.ts";
import { goMarshalIndent } from "../../../src/preflight/app/go-json.ts";

export const VERSION = {
  info: { major: "1", minor: "36", gitVersion: "v1.36.3", gitTreeState: "clean", buildDate: "1970-01-01T00:00:00Z", goVersion: "go1.26.8", compiler: "gc", platform: "linux/amd64" },
  string: "v1.36.3",
};

export function list(kind: string, apiVersion: string, items: unknown[]): unknown {
  return { kind: `${kind}List`, apiVersion, metadata: { resourceVersion: "1" }, items: items.map((i) => ({ kind, apiVersion, ...(i as object) })) };
}

export const CONFIGMAPS = list("ConfigMap", "v1", [
  { metadata: { name: "app-settings", namespace: "app", labels: { app: "web" }, creationTimestamp: "2026-12-01T22:47:05Z" }, data: { replicas: "3", mode: "production", enabled: "yes", banner: "<b>Tom & Jerry</b>" } },
  { metadata: { name: "kube-root-ca.crt", namespace: "app" }, data: { "ca.crt": "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n" } },
]);

export const DEPLOYMENTS = list("Deployment", "apps/v1", [
  {
    metadata: { name: "web", namespace: "app", generation: 1 },
    spec: { replicas: 2, template: { spec: { containers: [{ name: "web", image: "nginx:1.27", resources: { requests: { memory: "256Mi", cpu: "100m" } } }] } } },
    status: { replicas: 2, readyReplicas: 2 },
  },
]);

export const NODES = list("Node", "v1", [
  { metadata: { name: "kwok-node-0", labels: { "kubernetes.io/os": "linux", "kubernetes.io/hostname": "kwok-node-0" } }, status: { capacity: { cpu: "8", memory: "32Gi", pods: "110" }, nodeInfo: { kubeletVersion: "fake", containerRuntimeVersion: "fake://kwok" } } },
  { metadata: { name: "kwok-node-1", labels: { "kubernetes.io/os": "linux", "kubernetes.io/hostname": "kwok-node-1" } }, status: { capacity: { cpu: "8", memory: "32Gi", pods: "110" }, nodeInfo: { kubeletVersion: "fake", containerRuntimeVersion: "fake://kwok" } } },
]);

/** The collected files: JSON as troubleshoot writes it, plus `extra` as given. */
export function dataFiles(extra: Record<string, string> = {}): CollectedFiles {
  return new CollectedFiles({
    "cluster-info/cluster_version.json": goMarshalIndent(VERSION),
    "cluster-resources/configmaps/app.json": goMarshalIndent(CONFIGMAPS),
    "cluster-resources/deployments/app.json": goMarshalIndent(DEPLOYMENTS),
    "cluster-resources/nodes.json": goMarshalIndent(NODES),
    "cluster-resources/namespaces.json": goMarshalIndent(list("Namespace", "v1", [{ metadata: { name: "app" }, status: { phase: "Active" } }])),
    ...extra,
  });
}
