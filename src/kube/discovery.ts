/**
 * API discovery (GET /api/v1, /apis, /apis/<group>/<version>): every resource type the API server
 * serves, for commands that must see all kinds in a namespace (kots remove), not only the static
 * set of src/kube/paths.ts. Preferred versions only, so one type is listed once per group.
 */
import type { Cluster } from "./cluster.ts";
import { requestJson } from "./watch.ts";

export interface ResourceType {
  /** "" for the core group */
  group: string;
  version: string;
  kind: string;
  /** e.g. "deployments" */
  plural: string;
  namespaced: boolean;
  verbs: string[];
}

interface APIResourceList {
  groupVersion: string;
  resources: { name: string; kind: string; namespaced: boolean; verbs?: string[] }[];
}

/** `/apis/apps/v1` (or `/api/v1`) + `/namespaces/NS` when namespaced + `/plural`. */
export function resourcePath(t: Pick<ResourceType, "group" | "version" | "plural" | "namespaced">, namespace?: string): string {
  const base = t.group ? `/apis/${t.group}/${t.version}` : `/api/${t.version}`;
  return t.namespaced && namespace ? `${base}/namespaces/${namespace}/${t.plural}` : `${base}/${t.plural}`;
}

/**
 * Every resource type (no subresources), preferred versions only. A group version that fails to
 * answer (an aggregated API that is down: 503) is skipped, as kubectl's discovery skips it; other
 * errors are thrown.
 */
export async function discoverResourceTypes(cluster: Cluster, signal?: AbortSignal): Promise<ResourceType[]> {
  const groups = (await requestJson(cluster, "GET", "/apis", undefined, undefined, signal)) as { groups: { name: string; preferredVersion: { groupVersion: string } }[] };
  const lists = await Promise.all([
    requestJson(cluster, "GET", "/api/v1", undefined, undefined, signal) as Promise<APIResourceList>,
    ...groups.groups.map((g) =>
      (requestJson(cluster, "GET", `/apis/${g.preferredVersion.groupVersion}`, undefined, undefined, signal) as Promise<APIResourceList>).catch((err) => {
        if ((err as { code?: number }).code === 503 || (err as { code?: number }).code === 404) return undefined;
        throw err;
      }),
    ),
  ]);
  const out: ResourceType[] = [];
  for (const list of lists) {
    if (!list) continue;
    const [group, version] = list.groupVersion.includes("/") ? list.groupVersion.split("/") : ["", list.groupVersion];
    for (const r of list.resources) {
      if (r.name.includes("/")) continue;
      out.push({ group: group!, version: version!, kind: r.kind, plural: r.name, namespaced: r.namespaced, verbs: r.verbs ?? [] });
    }
  }
  return out;
}
