import type { ApplyAction, K8sObject } from "./apply.ts";
import { FIELD_MANAGER } from "./apply.ts";
import type { Cluster } from "./cluster.ts";
import { objectPath } from "./paths.ts";
import { requestJson } from "./watch.ts";

/**
 * Takes over an existing object that was not made by kots (--adopt): PUT our rendered object with
 * the current resourceVersion (fieldManager kots), so fields only the other owner set, such as a
 * Service's externalIPs or its NodePort type, are gone rather than kept. Values the API server
 * allocated and keeps on update (a Service's clusterIP) stay. Throws the API error as is (a 409
 * when the object changed in between: the caller's retry reads it again).
 */
export async function replaceObject(cluster: Cluster, obj: K8sObject, opts: { signal?: AbortSignal } = {}): Promise<{ action: ApplyAction; object: K8sObject }> {
  const path = objectPath(obj.kind, obj.metadata.name, obj.metadata.namespace);
  const current = (await requestJson(cluster, "GET", path, undefined, undefined, opts.signal)) as K8sObject;
  const body = { ...obj, metadata: { ...obj.metadata, resourceVersion: current.metadata.resourceVersion } };
  const after = (await requestJson(cluster, "PUT", `${path}?fieldManager=${FIELD_MANAGER}`, body, "application/json", opts.signal)) as K8sObject;
  return { action: "configured", object: after };
}
