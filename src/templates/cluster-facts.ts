/**
 * The cluster facts KOTS's template functions read (Distribution, NodeCount, IsKurl,
 * KubernetesVersion and friends, Lookup), taken once per run as a snapshot and sent to the Go
 * engine as templates/go/context.go ClusterFacts. No template function does I/O.
 *
 * One snapshot: GET /version through the app preflights' own clusterInfo collector
 * (src/preflight/app/collectors/cluster-info.ts), the node list (the list clusterResources makes,
 * decoded as the preflight analyzers decode it), the API groups (KOTS's IsOpenShift), the kurl
 * ConfigMap, and the objects named by the literal `Lookup` calls of the release — all in
 * parallel, bounded by one timeout. Whatever cannot be read is a zero value, never an error:
 * KOTS's own functions answer ""/0/false when the cluster cannot be asked
 * (kots pkg/template/static_context.go distribution, nodeCount, isKurl).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { Cluster } from "../kube/cluster.ts";
import { getJson } from "../kube/watch.ts";
import { collectClusterInfo } from "../preflight/app/collectors/cluster-info.ts";
import { decodeNodeList, type NodeView } from "../preflight/app/analyzers/cluster-nodes.ts";
import { providersFromNodes, type Distribution } from "../preflight/app/analyzers/distribution.ts";

/** templates/go/context.go ClusterFacts. */
export interface ClusterFacts {
  /** troubleshoot's provider name ("kind", "eks", "embedded-cluster", …), "" when none is recognised or the nodes cannot be read */
  distribution: string;
  nodeCount: number;
  isKurl: boolean;
  /** the server's gitVersion ("v1.36.3"), "" unknown */
  kubernetesVersion: string;
  /** full objects Lookup may return (apiVersion and kind set) */
  objects: unknown[];
}

/** The facts of no cluster (pull offline): what KOTS's functions answer without one. */
export const NO_CLUSTER_FACTS: ClusterFacts = Object.freeze({ distribution: "", nodeCount: 0, isKurl: false, kubernetesVersion: "", objects: [] }) as ClusterFacts;

/** A literal `Lookup "apiVersion" "kind" "namespace" "name"` call (name "" lists). */
export interface LookupRef {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}

const STR = String.raw`("(?:[^"\\\n]|\\.)*"|\x60[^\x60]*\x60)`;
const LOOKUP_CALL = new RegExp(String.raw`\bLookup\s+${STR}\s+${STR}\s+${STR}\s+${STR}`, "g");

function unquote(lit: string): string {
  if (lit.startsWith("`")) return lit.slice(1, -1);
  try {
    return JSON.parse(lit) as string;
  } catch {
    return lit.slice(1, -1);
  }
}

/** The distinct literal Lookup calls of `texts` (a call with a non-literal argument cannot be prefetched: it sees only what others fetched). */
export function lookupCalls(texts: Iterable<string>): LookupRef[] {
  const seen = new Map<string, LookupRef>();
  for (const text of texts) {
    if (!text.includes("Lookup")) continue;
    for (const m of text.matchAll(LOOKUP_CALL)) {
      const [apiVersion, kind, namespace, name] = [m[1]!, m[2]!, m[3]!, m[4]!].map(unquote) as [string, string, string, string];
      seen.set([apiVersion, kind, namespace, name].join("\0"), { apiVersion, kind, namespace, name });
    }
  }
  return [...seen.values()];
}

/** The texts of a release directory's YAML files that mention Lookup (recursively, userdata/ left out). */
export function releaseLookupTexts(dir: string | undefined): string[] {
  if (!dir) return [];
  const out: string[] = [];
  const walk = (sub: string) => {
    let names: string[];
    try {
      names = readdirSync(path.join(dir, sub));
    } catch {
      return;
    }
    for (const n of names.sort()) {
      const rel = sub ? `${sub}/${n}` : n;
      if (rel === "userdata") continue;
      const full = path.join(dir, rel);
      try {
        if (statSync(full).isDirectory()) walk(rel);
        else if (/\.ya?ml$/i.test(n)) {
          const text = readFileSync(full, "utf8");
          if (text.includes("Lookup")) out.push(text);
        }
      } catch {
        // unreadable: the render reports it
      }
    }
  };
  walk("");
  return out;
}

/** Provider names as troubleshoot's ParseNodesForProviders returns them (its stringProvider). */
const PROVIDER_NAME: Partial<Record<Distribution, string>> = { embeddedCluster: "embedded-cluster" };

/** Within one node, the order in which troubleshoot assigns stringProvider: the later wins. */
const NODE_ORDER: Distribution[] = ["kurl", "microk8s", "aks", "minikube", "k3s", "oke", "k0s", "embeddedCluster", "tanzu", "rke2", "dockerDesktop", "digitalOcean", "eks", "gke", "ibm", "kind"];

/**
 * The distribution name KOTS's Distribution returns (static_context.go distribution): "openShift"
 * when an API group version starts with apps.openshift.io/ (k8sutil.IsOpenShift), else
 * troubleshoot's ParseNodesForProviders string — the provider of the last rule that matched over
 * the nodes in order (the detection rules are the preflight distribution analyzer's,
 * providersFromNodes), "eks" cleared when a node is a control-plane node — else "".
 */
export function distributionName(nodes: NodeView[], groupVersions: string[]): string {
  if (groupVersions.some((gv) => gv.startsWith("apps.openshift.io/"))) return "openShift";
  let last = "";
  let master = false;
  for (const node of nodes) {
    const found = providersFromNodes([node]);
    // providersFromNodes drops eks on a control-plane node; troubleshoot's string clears it only at the end
    if (node.providerID.startsWith("aws:")) found.add("eks");
    if (Object.hasOwn(node.labels, "node-role.kubernetes.io/master") || Object.hasOwn(node.labels, "node-role.kubernetes.io/control-plane")) master = true;
    for (const d of NODE_ORDER) if (found.has(d)) last = PROVIDER_NAME[d] ?? d;
  }
  return master && last === "eks" ? "" : last;
}

/** GET that answers undefined instead of failing. */
async function tryGet(cluster: Cluster, p: string, signal: AbortSignal): Promise<unknown> {
  try {
    return await getJson(cluster, p, signal);
  } catch {
    return undefined;
  }
}

interface ApiResource {
  name: string;
  kind: string;
  namespaced: boolean;
}

/** The objects of the Lookup calls: the resource found by discovery of the apiVersion, then one GET (or list) each. */
async function lookupObjects(cluster: Cluster, refs: LookupRef[], signal: AbortSignal): Promise<unknown[]> {
  const discovery = new Map<string, Promise<ApiResource[]>>();
  const resources = (apiVersion: string) => {
    let p = discovery.get(apiVersion);
    if (!p) {
      const url = apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
      p = tryGet(cluster, url, signal).then((d) => ((d as { resources?: ApiResource[] } | undefined)?.resources ?? []).filter((r) => !r.name.includes("/")));
      discovery.set(apiVersion, p);
    }
    return p;
  };
  const enc = encodeURIComponent;
  const lists = await Promise.all(
    refs.map(async (ref): Promise<unknown[]> => {
      if (!/^[A-Za-z0-9.-]+(\/[A-Za-z0-9.-]+)?$/.test(ref.apiVersion)) return [];
      const res = (await resources(ref.apiVersion)).find((r) => r.kind === ref.kind);
      if (!res) return [];
      const base = ref.apiVersion.includes("/") ? `/apis/${ref.apiVersion}` : `/api/${ref.apiVersion}`;
      const scope = res.namespaced && ref.namespace !== "" ? `${base}/namespaces/${enc(ref.namespace)}/${res.name}` : `${base}/${res.name}`;
      if (ref.name !== "") {
        // a namespaced object needs its namespace (Helm's lookup: NotFound otherwise)
        if (res.namespaced && ref.namespace === "") return [];
        const obj = (await tryGet(cluster, `${scope}/${enc(ref.name)}`, signal)) as Record<string, unknown> | undefined;
        return obj ? [{ ...obj, apiVersion: ref.apiVersion, kind: ref.kind }] : [];
      }
      const list = (await tryGet(cluster, scope, signal)) as { items?: Record<string, unknown>[] } | undefined;
      return (list?.items ?? []).map((o) => ({ ...o, apiVersion: ref.apiVersion, kind: ref.kind }));
    }),
  );
  return lists.flat();
}

export interface ClusterFactsOptions {
  /** bound of the whole snapshot (ms); what has not answered by then is a zero value. Default 5000. */
  timeoutMs?: number;
  /** the literal Lookup calls whose objects the snapshot holds */
  lookups?: LookupRef[];
  signal?: AbortSignal;
}

/**
 * Takes the snapshot (see the module comment). Never throws (an abort of `opts.signal` included:
 * zero values); never takes longer than `timeoutMs` plus a turn.
 */
export async function takeClusterFacts(cluster: Cluster, opts: ClusterFactsOptions = {}): Promise<ClusterFacts> {
  const bound = AbortSignal.timeout(opts.timeoutMs ?? 5000);
  const signal = opts.signal ? AbortSignal.any([opts.signal, bound]) : bound;
  const [info, nodes, groups, kurl, objects] = await Promise.all([
    collectClusterInfo(cluster, signal).catch(() => new Map<string, string>()),
    tryGet(cluster, "/api/v1/nodes", signal),
    tryGet(cluster, "/apis", signal),
    tryGet(cluster, "/api/v1/namespaces/kube-system/configmaps/kurl-config", signal),
    lookupObjects(cluster, opts.lookups ?? [], signal).catch(() => []),
  ]);
  let kubernetesVersion = "";
  try {
    kubernetesVersion = (JSON.parse(info.get("cluster-info/cluster_version.json") || "{}") as { string?: string }).string ?? "";
  } catch {
    // not collected
  }
  let nodeViews: NodeView[] | undefined;
  try {
    nodeViews = nodes === undefined ? undefined : decodeNodeList(JSON.stringify(nodes));
  } catch {
    nodeViews = undefined;
  }
  const groupVersions = ((groups as { groups?: Array<{ versions?: Array<{ groupVersion?: string }> }> } | undefined)?.groups ?? []).flatMap((g) => (g.versions ?? []).map((v) => v.groupVersion ?? ""));
  return {
    distribution: distributionName(nodeViews ?? [], groupVersions),
    nodeCount: nodeViews?.length ?? 0,
    isKurl: kurl !== undefined,
    kubernetesVersion,
    objects,
  };
}

const snapshots = new WeakMap<Cluster, Promise<ClusterFacts>>();

/**
 * The run's one snapshot of `cluster`: the first call takes it, every later call (the Config, the
 * Preflight spec, the manifests) gets the same one. `opts` count only on the first call.
 */
export function clusterFactsOnce(cluster: Cluster, opts: ClusterFactsOptions = {}): Promise<ClusterFacts> {
  let p = snapshots.get(cluster);
  if (!p) {
    p = takeClusterFacts(cluster, opts);
    snapshots.set(cluster, p);
  }
  return p;
}

/**
 * The facts of the cluster `connectTo()` names, or NO_CLUSTER_FACTS when there is none
 * (`connectTo` throws: no kubeconfig, a bad one) or it does not answer within `timeoutMs`
 * (default 1000: kots pull, which is often offline). Never throws.
 */
export async function clusterFactsIfReachable(connectTo: () => Cluster, opts: ClusterFactsOptions = {}): Promise<ClusterFacts> {
  let cluster: Cluster;
  try {
    cluster = connectTo();
  } catch {
    return NO_CLUSTER_FACTS;
  }
  return clusterFactsOnce(cluster, { timeoutMs: 1000, ...opts });
}
