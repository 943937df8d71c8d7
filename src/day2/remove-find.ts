/**
 * What `kots remove` reads before it changes anything: discovery, then, in parallel, every
 * listable namespaced type filtered by `kots.io/kotsadm=true` (every type, unfiltered, with
 * --delete-namespace), the Namespace, this namespace's ClusterRoleBinding, the shared ClusterRole
 * and every binding that refers to it. Read-only.
 */
import type { Cluster } from "../kube/cluster.ts";
import type { K8sObject } from "../kube/apply.ts";
import { isNotFound } from "../kube/errors.ts";
import { discoverResourceTypes, resourcePath, type ResourceType } from "../kube/discovery.ts";
import { requestJson } from "../kube/watch.ts";
import { NAMES } from "../manifests/constants.ts";
import type { Found, RemoveInputs } from "./remove-plan.ts";

const SELECTOR = "kots.io/kotsadm=true";
/** Types never listed: events say what happened, they are not objects of the install. */
const SKIP = new Set(["events", "events.k8s.io/events"]);

/** `kotsadm-rolebinding-<namespace>`: the per-namespace ClusterRoleBinding install writes (manifests/rbac.yaml). */
export const clusterRoleBindingName = (namespace: string) => `${NAMES.roleBinding}-${namespace}`;

async function list(cluster: Cluster, t: ResourceType, namespace: string | undefined, selector: string | undefined, signal?: AbortSignal): Promise<Found[]> {
  const q = selector ? `?labelSelector=${encodeURIComponent(selector)}` : "";
  const body = (await requestJson(cluster, "GET", resourcePath(t, namespace) + q, undefined, undefined, signal, 30_000)) as { items: K8sObject[] };
  return body.items.map((obj) => ({ obj: { ...obj, kind: obj.kind ?? t.kind, apiVersion: obj.apiVersion ?? (t.group ? `${t.group}/${t.version}` : t.version) }, type: t }));
}

async function getOne(cluster: Cluster, t: ResourceType | undefined, name: string, signal?: AbortSignal): Promise<Found | undefined> {
  if (!t) return undefined;
  try {
    const obj = (await requestJson(cluster, "GET", `${resourcePath(t)}/${encodeURIComponent(name)}`, undefined, undefined, signal)) as K8sObject;
    return { obj: { ...obj, kind: t.kind }, type: t };
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export interface FoundInstall {
  inputs: RemoveInputs;
  /** Types that could not be listed (403 Forbidden, 405): their objects, if any, stay. */
  unlisted: string[];
}

/**
 * Reads what the plan needs. Throws API errors other than 403/404/405 on a single type's list
 * (those types are returned in `unlisted` and reported as a warning).
 */
export async function findInstall(cluster: Cluster, namespace: string, flags: { deletePvcs: boolean; deleteNamespace: boolean }, signal?: AbortSignal): Promise<FoundInstall> {
  const types = await discoverResourceTypes(cluster, signal);
  const byKind = (group: string, kind: string) => types.find((t) => t.group === group && t.kind === kind);
  const namespaced = types.filter((t) => t.namespaced && t.verbs.includes("list") && t.verbs.includes("delete") && !SKIP.has(t.group ? `${t.group}/${t.plural}` : t.plural));
  const unlisted: string[] = [];
  const listAll = async (selector: string | undefined) =>
    (
      await Promise.all(
        namespaced.map((t) =>
          list(cluster, t, namespace, selector, signal).catch((err) => {
            const code = (err as { code?: number }).code;
            if (code === 403 || code === 405 || code === 404) {
              if (!unlisted.includes(t.plural)) unlisted.push(t.plural);
              return [];
            }
            throw err;
          }),
        ),
      )
    ).flat();
  const rbac = "rbac.authorization.k8s.io";
  const bindingsTo = async (kind: "ClusterRoleBinding" | "RoleBinding") => {
    const t = byKind(rbac, kind);
    if (!t) return [];
    let all: Found[];
    try {
      all = await list(cluster, { ...t, namespaced: false }, undefined, undefined, signal);
    } catch (err) {
      if ((err as { code?: number }).code === 403) return undefined; // cannot tell who else uses the ClusterRole
      throw err;
    }
    return all.filter((f) => {
      const ref = f.obj.roleRef as { kind?: string; name?: string } | undefined;
      return ref?.kind === "ClusterRole" && ref.name === NAMES.role;
    });
  };
  const [labelled, namespaceObj, clusterRoleBinding, clusterRole, crbs, rbs, everything] = await Promise.all([
    listAll(SELECTOR),
    getOne(cluster, byKind("", "Namespace"), namespace, signal),
    getOne(cluster, byKind(rbac, "ClusterRoleBinding"), clusterRoleBindingName(namespace), signal),
    getOne(cluster, byKind(rbac, "ClusterRole"), NAMES.role, signal),
    bindingsTo("ClusterRoleBinding"),
    bindingsTo("RoleBinding"),
    flags.deleteNamespace ? listAll(undefined) : Promise.resolve(undefined),
  ]);
  return {
    inputs: { namespace, labelled: namespaceObj ? labelled : [], namespaceObj, clusterRoleBinding, clusterRole, roleRefBindings: crbs && rbs ? [...crbs, ...rbs] : undefined, ...flags, everything },
    unlisted,
  };
}
