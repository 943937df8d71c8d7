/**
 * The pods troubleshoot v0.133.0's clusterPodStatuses and clusterContainerStatuses analyzers read:
 * every cluster-resources/pods/<ns>.json (pkg/analyze/cluster_pod_statuses.go,
 * cluster_container_statuses.go), a PodList or — an older layout — a bare array of pods.
 */
import type { CollectedFiles } from "../collected.ts";
import { AnalyzeError } from "../types.ts";
import { arr, globFiles, parseJson, type Obj } from "./workload-files.ts";

/** The namespace a pods/events list file is for: its base name less ".json". */
export function fileNamespace(path: string): string {
  const base = path.slice(path.lastIndexOf("/") + 1);
  return base.endsWith(".json") ? base.slice(0, -".json".length) : base;
}

/**
 * The pods of the collected pod lists of `namespaces` (all when empty), in file then item order.
 * A file may hold a PodList or a bare array of pods.
 * @throws AnalyzeError "failed to unmarshal pods list for namespace NS: …".
 */
export function collectedPods(files: CollectedFiles, namespaces: string[]): Obj[] {
  const pods: Obj[] = [];
  for (const [path, bytes] of globFiles(files, "cluster-resources/pods/*.json")) {
    const ns = fileNamespace(path);
    if (namespaces.length > 0 && !namespaces.includes(ns)) continue;
    const prefix = `failed to unmarshal pods list for namespace ${ns}`;
    const v = parseJson(bytes, prefix);
    if (Array.isArray(v)) pods.push(...arr(v));
    else if (v === null) continue;
    else if (typeof v === "object") pods.push(...arr((v as Obj).items));
    else throw new AnalyzeError(`${prefix}: json: cannot unmarshal ${typeof v} into Go value of type []v1.Pod`);
  }
  return pods;
}
