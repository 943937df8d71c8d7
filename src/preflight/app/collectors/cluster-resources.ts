/**
 * troubleshoot's clusterResources collector (v0.133.0 pkg/collect/cluster_resources.go), read-only:
 * one list call per kind across all namespaces, in parallel, split into troubleshoot's
 * per-namespace files. A list the API server refuses cluster-wide is retried per namespace; what is
 * still refused goes to `cluster-resources/<dir>-errors.json` as troubleshoot records it
 * (--collect-without-permissions semantics: the collector records the refusal, analyzers report it).
 */
import type { Cluster } from "../../../kube/cluster.ts";
import { apiMessage } from "../../../kube/errors.ts";
import { getJson } from "../../../kube/watch.ts";
import { goMarshal, goMarshalIndent } from "../go-json.ts";
import { RESOURCE_KINDS, type ResourceKind } from "./resources.ts";

type Obj = Record<string, unknown> & { metadata?: { name?: string; namespace?: string } };
interface List {
  metadata?: unknown;
  items?: Obj[];
}

const DIR = "cluster-resources";

/**
 * Options of the (merged) clusterResources collector: the spec's `namespaces`, else the run's
 * namespace (`-n`), else every namespace, in troubleshoot's order of precedence.
 */
export interface ClusterResourcesOptions {
  namespaces: string[];
  runNamespace?: string;
  signal?: AbortSignal;
}

/** Collected files of clusterResources: path -> contents. */
export async function collectClusterResources(cluster: Cluster, opts: ClusterResourcesOptions): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const get = (path: string) => getJson(cluster, path, opts.signal);
  const all = opts.namespaces.length === 0 && !opts.runNamespace;
  const namespaceNames = await collectNamespaces(get, opts.namespaces, opts.runNamespace, out);
  await Promise.all([
    ...RESOURCE_KINDS.map((kind) => collectKind(get, kind, namespaceNames, all, out)),
    collectImagePullSecrets(get, namespaceNames, out),
    collectDiscovery(get, out),
  ]);
  return out;
}

async function collectNamespaces(get: (p: string) => Promise<unknown>, wanted: string[], runNamespace: string | undefined, out: Map<string, string>): Promise<string[]> {
  const file = `${DIR}/namespaces.json`;
  if (wanted.length === 0 && runNamespace) {
    try {
      out.set(file, goMarshalIndent(typedItem((await get(`/api/v1/namespaces/${encodeURIComponent(runNamespace)}`)) as Obj, "Namespace", "v1")));
    } catch (err) {
      out.set(file, "");
      out.set(`${DIR}/namespaces-errors.json`, goMarshalIndent([apiMessage(err)]));
    }
    return [runNamespace];
  }
  if (wanted.length === 0) {
    try {
      const list = (await get("/api/v1/namespaces")) as List;
      out.set(file, goMarshalIndent(typedList(list, "NamespaceList", "Namespace", "v1")));
      return (list.items ?? []).map((n) => n.metadata?.name ?? "");
    } catch (err) {
      out.set(file, "");
      out.set(`${DIR}/namespaces-errors.json`, goMarshalIndent([apiMessage(err)]));
      return [];
    }
  }
  const found: unknown[] = [];
  const errors: string[] = [];
  for (const ns of wanted) {
    try {
      // Typed Gets of a namespace list carry no kind/apiVersion in troubleshoot's file.
      const { kind: _k, apiVersion: _a, ...rest } = (await get(`/api/v1/namespaces/${encodeURIComponent(ns)}`)) as Obj;
      found.push(rest);
    } catch (err) {
      errors.push(apiMessage(err));
    }
  }
  out.set(file, goMarshalIndent(found));
  if (errors.length) out.set(`${DIR}/namespaces-errors.json`, goMarshalIndent(errors));
  return wanted;
}

async function collectKind(get: (p: string) => Promise<unknown>, kind: ResourceKind, namespaces: string[], all: boolean, out: Map<string, string>): Promise<void> {
  const listKind = `${kind.kind}List`;
  if (!kind.namespaced) {
    try {
      const list = (await get(`${kind.groupVersionPath}/${kind.resource}`)) as List;
      out.set(`${DIR}/${kind.dir}.json`, goMarshalIndent(typedList(list, listKind, kind.kind, kind.apiVersion)));
    } catch (err) {
      out.set(`${DIR}/${kind.dir}.json`, "");
      out.set(`${DIR}/${kind.dir}-errors.json`, goMarshalIndent([apiMessage(err)]));
    }
    return;
  }
  const byNamespace = new Map<string, Obj[]>(namespaces.map((ns) => [ns, []]));
  let listMeta: unknown = {};
  const errors: Record<string, string> = {};
  let listed = false;
  if (all) {
    try {
      const list = (await get(`${kind.groupVersionPath}/${kind.resource}`)) as List;
      listMeta = list.metadata ?? {};
      for (const item of list.items ?? []) byNamespace.get(item.metadata?.namespace ?? "")?.push(item);
      listed = true;
    } catch {
      // refused cluster-wide (e.g. namespace-scoped RBAC): ask each namespace, as troubleshoot does
    }
  }
  if (!listed)
    await Promise.all(
      namespaces.map(async (ns) => {
        try {
          const list = (await get(`${kind.groupVersionPath}/namespaces/${encodeURIComponent(ns)}/${kind.resource}`)) as List;
          byNamespace.set(ns, list.items ?? []);
        } catch (err) {
          byNamespace.delete(ns);
          errors[ns] = apiMessage(err);
        }
      }),
    );
  for (const [ns, items] of byNamespace)
    out.set(`${DIR}/${kind.dir}/${ns}.json`, goMarshalIndent(typedList({ metadata: listMeta, items }, listKind, kind.kind, kind.apiVersion)));
  if (Object.keys(errors).length) out.set(`${DIR}/${kind.dir}-errors.json`, goMarshalIndent(sortKeys(errors)));
}

/** `image-pull-secrets/<ns>/<name>.json` = {"<registry>": "<username>"} per dockerconfigjson Secret (no password kept). */
async function collectImagePullSecrets(get: (p: string) => Promise<unknown>, namespaces: string[], out: Map<string, string>): Promise<void> {
  const wanted = new Set(namespaces);
  const errors: Record<string, string> = {};
  let items: Obj[] = [];
  try {
    items = (((await get("/api/v1/secrets?fieldSelector=type%3Dkubernetes.io%2Fdockerconfigjson")) as List).items ?? []).filter((s) => wanted.has(s.metadata?.namespace ?? ""));
  } catch (err) {
    for (const ns of namespaces) errors[ns] = apiMessage(err);
  }
  for (const secret of items) {
    const ns = secret.metadata?.namespace ?? "";
    const name = secret.metadata?.name ?? "";
    const data = (secret.data as Record<string, string> | undefined)?.[".dockerconfigjson"] ?? "";
    let auths: Record<string, { auth?: string }> = {};
    try {
      auths = (JSON.parse(Buffer.from(data, "base64").toString("utf8")) as { auths?: typeof auths }).auths ?? {};
    } catch (err) {
      errors[`${ns}/${name}`] = (err as Error).message;
      continue;
    }
    for (const [registry, entry] of Object.entries(auths)) {
      const user = Buffer.from(entry.auth ?? "", "base64").toString("utf8").split(":")[0];
      out.set(`${DIR}/image-pull-secrets/${ns}/${name}.json`, goMarshal({ [registry]: user }));
    }
  }
  if (Object.keys(errors).length) out.set(`${DIR}/image-pull-secrets-errors.json`, goMarshalIndent(sortKeys(errors)));
}

/** `groups.json` and `resources.json`: the API groups and the resources of each group version (discovery). */
async function collectDiscovery(get: (p: string) => Promise<unknown>, out: Map<string, string>): Promise<void> {
  const errors: string[] = [];
  const groups: Array<Record<string, unknown>> = [];
  const versions: string[] = [];
  try {
    const core = (await get("/api")) as { versions?: string[] };
    groups.push({ name: "", versions: (core.versions ?? []).map((v) => ({ groupVersion: v, version: v })), preferredVersion: { groupVersion: core.versions?.[0], version: core.versions?.[0] } });
    versions.push(...(core.versions ?? []));
    const apis = (await get("/apis")) as { groups?: Array<{ name: string; versions: Array<{ groupVersion: string }>; preferredVersion?: unknown }> };
    for (const g of apis.groups ?? []) {
      groups.push({ name: g.name, versions: g.versions, preferredVersion: g.preferredVersion });
      versions.push(...g.versions.map((v) => v.groupVersion));
    }
  } catch (err) {
    errors.push(apiMessage(err));
  }
  const resources = await Promise.all(
    versions.map(async (gv) => {
      try {
        const r = (await get(gv.includes("/") ? `/apis/${gv}` : `/api/${gv}`)) as Record<string, unknown>;
        return { groupVersion: gv, resources: r.resources ?? [] };
      } catch (err) {
        errors.push(apiMessage(err));
        return null;
      }
    }),
  );
  out.set(`${DIR}/groups.json`, goMarshalIndent(groups));
  out.set(`${DIR}/resources.json`, goMarshalIndent(resources.filter(Boolean)));
  if (errors.length) out.set(`${DIR}/groups-resources-errors.json`, goMarshalIndent(errors));
}

function typedItem(item: Obj, kind: string, apiVersion: string): Obj {
  const { kind: _k, apiVersion: _a, ...rest } = item;
  return { kind, apiVersion, ...rest };
}

/** A list as troubleshoot writes it: kind and apiVersion set on the list and each item; no items is Go's nil slice, `null`. */
function typedList(list: List, listKind: string, kind: string, apiVersion: string): Record<string, unknown> {
  const items = (list.items ?? []).map((i) => typedItem(i, kind, apiVersion));
  return { kind: listKind, apiVersion, metadata: list.metadata ?? {}, items: items.length ? items : null };
}

function sortKeys<T>(m: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(m).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
