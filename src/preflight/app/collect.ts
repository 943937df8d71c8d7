/**
 * The collect phase of an app preflight, as troubleshoot v0.133.0 pkg/preflight/collect.go runs it:
 * clusterInfo and clusterResources are always added (clusterResources once, its `namespaces`
 * merged; an entry without namespaces means the run's namespace, or all when there is none), then the spec's secret, configMap and data
 * collectors. Everything runs in parallel. Collectors that need a pod or the host (run, exec, logs,
 * copy, http, …) are not run: they are returned in `unsupported` for the runner to report.
 */
import type { Cluster } from "../../kube/cluster.ts";
import { CollectedFiles } from "./collected.ts";
import { collectClusterInfo } from "./collectors/cluster-info.ts";
import { collectClusterResources } from "./collectors/cluster-resources.ts";
import { collectObjectData, type ObjectCollectorSpec } from "./collectors/object-data.ts";
import { goParseBool } from "../../go/strconv.ts";

export type CollectorEntry = Record<string, Record<string, unknown> | null | undefined>;

export interface CollectOptions {
  /** the run's namespace (`-n`): clusterResources without `namespaces` reads only it */
  namespace?: string;
  signal?: AbortSignal;
}

export interface CollectOutcome {
  files: CollectedFiles;
  /** keys of collectors not run (e.g. "run", "logs") */
  unsupported: string[];
  /** collectors that failed outright, as "<collector>: <message>" */
  problems: string[];
}

/** troubleshoot's isExcluded for a collector: a bool, or a string ParseBool accepts; anything else is not excluded. */
function excluded(spec: Record<string, unknown>): boolean {
  const v = spec.exclude;
  if (typeof v === "boolean") return v;
  if (typeof v === "string") return goParseBool(v) ?? false;
  return false;
}

/**
 * Runs the collectors of `entries` (the spec's `collectors:`) against the cluster. Throws only
 * when aborted; each collector's own failure is recorded as troubleshoot records it.
 */
export async function collect(cluster: Cluster, entries: CollectorEntry[], opts: CollectOptions = {}): Promise<CollectOutcome> {
  const files = new CollectedFiles();
  const unsupported: string[] = [];
  const problems: string[] = [];
  const jobs: Array<Promise<Map<string, string>>> = [];
  let resourcesNamespaces: string[] | null = null;
  let allNamespaces = false;

  for (const entry of entries) {
    for (const [key, raw] of Object.entries(entry ?? {})) {
      const spec = (raw ?? {}) as Record<string, unknown>;
      if (excluded(spec)) continue;
      switch (key) {
        case "clusterInfo":
          break;
        case "clusterResources": {
          const ns = Array.isArray(spec.namespaces) ? (spec.namespaces as unknown[]).map(String) : [];
          if (ns.length === 0 || ns.includes("")) allNamespaces = true;
          resourcesNamespaces = [...new Set([...(resourcesNamespaces ?? []), ...ns.filter(Boolean)])].sort();
          break;
        }
        case "secret":
        case "configMap":
          jobs.push(
            collectObjectData(cluster, key === "secret" ? "secret" : "configmap", spec as ObjectCollectorSpec, opts.signal).catch((err: Error) => {
              problems.push(`${key}: ${err.message}`);
              return new Map();
            }),
          );
          break;
        case "data": {
          const path = [spec.name, spec.collectorName].filter((p) => typeof p === "string" && p !== "").join("/");
          files.set(path, String(spec.data ?? ""));
          break;
        }
        default:
          unsupported.push(key);
      }
    }
  }
  const namespaces = allNamespaces || resourcesNamespaces === null ? [] : resourcesNamespaces;
  jobs.push(collectClusterInfo(cluster, opts.signal), collectClusterResources(cluster, { namespaces, runNamespace: namespaces.length === 0 ? opts.namespace : undefined, signal: opts.signal }));
  for (const result of await Promise.all(jobs)) for (const [path, data] of result) files.set(path, data);
  opts.signal?.throwIfAborted();
  return { files, unsupported, problems };
}
