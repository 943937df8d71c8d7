/**
 * Hand-built collected data for the cluster analyzer tests, in the shapes troubleshoot v0.133.0's
 * clusterResources / clusterInfo collectors write (a v1 NodeList with kind/apiVersion on list and
 * items, `{"info": …, "string": …}` for the version, k8s lists for the rest).
 */
import { CollectedFiles } from "../../../src/preflight/app/collected.ts";

export interface NodeOpts {
  name: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  providerID?: string;
  taints?: Array<{ key: string; value?: string; effect: string }>;
  capacity?: Record<string, string>;
  allocatable?: Record<string, string>;
  arch?: string;
  runtime?: string;
  osImage?: string;
  conditions?: Array<{ type: string; status: string }>;
}

const KWOK_RESOURCES = { cpu: "8", memory: "32Gi", pods: "110", "ephemeral-storage": "100Gi" };

/** A Node as the API server returns it (kwok-node-like defaults: 8 cpu, 32Gi, 110 pods, fake://kwok). */
export function node(o: NodeOpts): Record<string, unknown> {
  return {
    kind: "Node",
    apiVersion: "v1",
    metadata: { name: o.name, labels: o.labels ?? { "kubernetes.io/os": "linux", "kubernetes.io/hostname": o.name }, ...(o.annotations ? { annotations: o.annotations } : {}) },
    spec: { ...(o.providerID ? { providerID: o.providerID } : {}), ...(o.taints ? { taints: o.taints } : {}) },
    status: {
      capacity: o.capacity ?? KWOK_RESOURCES,
      allocatable: o.allocatable ?? o.capacity ?? KWOK_RESOURCES,
      conditions: o.conditions ?? [{ type: "Ready", status: "True" }],
      nodeInfo: { architecture: o.arch ?? "amd64", operatingSystem: "linux", kubeletVersion: "fake", containerRuntimeVersion: o.runtime ?? "fake://kwok", osImage: o.osImage ?? "" },
    },
  };
}

/** A NodeList of the given nodes. */
export function nodeList(...nodes: Array<Record<string, unknown>>): Record<string, unknown> {
  return { kind: "NodeList", apiVersion: "v1", metadata: { resourceVersion: "1" }, items: nodes };
}

/** A k8s list of objects with the given names (and annotations). */
export function namedList(kind: string, apiVersion: string, items: Array<{ name: string; annotations?: Record<string, string> }>): Record<string, unknown> {
  return {
    kind: `${kind}List`,
    apiVersion,
    metadata: {},
    items: items.map((i) => ({ kind, apiVersion, metadata: { name: i.name, ...(i.annotations ? { annotations: i.annotations } : {}) } })),
  };
}

/** CollectedFiles from path → JSON value (strings are stored as they are). */
export function files(entries: Record<string, unknown>): CollectedFiles {
  const out = new CollectedFiles();
  for (const [k, v] of Object.entries(entries)) out.set(k, typeof v === "string" ? v : JSON.stringify(v, null, 2));
  return out;
}

export const NODES = "cluster-resources/nodes.json";
