/**
 * troubleshoot's secret and configMap collectors (v0.133.0 pkg/collect/secret.go, configmap.go):
 * one object by name, or every object of a label selector, stored as
 * `secrets/<ns>/<name>[/<key>].json` / `configmaps/<ns>/<name>[/<key>].json` with whether the
 * object and key exist, and the value only when `includeValue` (or all data with `includeAllData`).
 * A failed read goes to `secrets-errors/…` / `configmaps-errors/…`. Secret values stay in memory:
 * nothing here is logged or written to disk.
 */
import type { Cluster } from "../../../kube/cluster.ts";
import { apiMessage, isNotFound } from "../../../kube/errors.ts";
import { getJson } from "../../../kube/watch.ts";
import { goMarshalIndent } from "../go-json.ts";

export interface ObjectCollectorSpec {
  name?: string;
  namespace?: string;
  selector?: string[];
  key?: string;
  includeValue?: boolean;
  includeAllData?: boolean;
}

interface Obj {
  metadata?: { name?: string };
  data?: Record<string, string>;
}

const selectorToString = (selector: string[]) => selector.join("-").replaceAll("=", "-").replaceAll("*", "all").replace(/[?<>:"/\\|]/g, "_");

/**
 * Runs one secret (`kind` "secret") or configMap collector. Throws Error("either name or selector
 * must be specified") as troubleshoot does for a spec with neither.
 */
export async function collectObjectData(cluster: Cluster, kind: "secret" | "configmap", spec: ObjectCollectorSpec, signal?: AbortSignal): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const ns = spec.namespace ?? "";
  const resource = kind === "secret" ? "secrets" : "configmaps";
  const keyInPath = kind === "secret" ? Boolean(spec.key) && !spec.includeAllData : Boolean(spec.key);
  const fileFor = (name: string) => `${[resource, ns, name, ...(keyInPath ? [spec.key!] : [])].join("/")}.json`;
  const errorsFile = () => `${[`${resource}-errors`, ns, spec.name ? spec.name : selectorToString(spec.selector ?? []), ...(keyInPath ? [spec.key!] : [])].join("/")}.json`;

  const output = (name: string, obj: Obj | null) => {
    const exists = obj !== null;
    const decode = (v: string) => (kind === "secret" ? Buffer.from(v, "base64").toString("utf8") : v);
    const data = obj?.data ?? {};
    const hasKey = exists && Boolean(spec.key) && Object.hasOwn(data, spec.key!);
    const record: Record<string, unknown> = { namespace: ns, name, key: spec.key ?? "" };
    record[kind === "secret" ? "secretExists" : "configMapExists"] = exists;
    if (kind === "secret") {
      record.keyExists = hasKey && !spec.includeAllData;
      if (hasKey && !spec.includeAllData && spec.includeValue && decode(data[spec.key!]) !== "") record.value = decode(data[spec.key!]);
      if (exists && spec.includeAllData && Object.keys(data).length) record.data = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, decode(v)]).sort(([a], [b]) => (a < b ? -1 : 1)));
    } else {
      record.keyExists = hasKey;
      if (hasKey && spec.includeValue && data[spec.key!] !== "") record.value = data[spec.key!];
      // ConfigMapOutput's data tag is misspelt ("omitonempty"), so Go always writes it, null when unset.
      record.data = exists && spec.includeAllData && obj?.data ? Object.fromEntries(Object.entries(data).sort(([a], [b]) => (a < b ? -1 : 1))) : null;
    }
    out.set(fileFor(name), goMarshalIndent(record));
  };

  if (spec.name) {
    try {
      output(spec.name, (await getJson(cluster, `/api/v1/namespaces/${encodeURIComponent(ns)}/${resource}/${encodeURIComponent(spec.name)}`, signal)) as Obj);
    } catch (err) {
      if (isNotFound(err)) output(spec.name, null);
      out.set(errorsFile(), goMarshalIndent([apiMessage(err)]));
    }
    return out;
  }
  if (spec.selector?.length) {
    try {
      const list = (await getJson(cluster, `/api/v1/namespaces/${encodeURIComponent(ns)}/${resource}?labelSelector=${encodeURIComponent(spec.selector.join(","))}`, signal)) as { items?: Obj[] };
      for (const item of list.items ?? []) output(item.metadata?.name ?? "", item);
    } catch (err) {
      out.set(errorsFile(), goMarshalIndent([apiMessage(err)]));
    }
    return out;
  }
  throw new Error("either name or selector must be specified");
}
