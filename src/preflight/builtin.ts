import type { Cluster } from "../kube/cluster.ts";
import { apiMessage, statusOf } from "../kube/errors.ts";
import { proxyFor } from "../kube/proxy.ts";
import { getJson, requestJson } from "../kube/watch.ts";

export type Outcome = "pass" | "warn" | "fail";
export interface CheckResult {
  check: string;
  outcome: Outcome;
  message: string;
}

export interface BuiltinCheckInput {
  namespace: string;
  storageClass?: string;
  useMinimalRbac: boolean;
  /** Whether the install needs a PersistentVolumeClaim at all (always true for the Admin Console). */
  needsStorage: boolean;
}

/** One access question for a SelfSubjectAccessReview. */
interface Access {
  verb: string;
  group: string;
  resource: string;
  subresource?: string;
  namespaced: boolean;
}

/** What the install creates or reads (design §3/§4); cluster RBAC only without --use-minimal-rbac. */
function accessNeeded(minimalRbac: boolean): Access[] {
  const ns = (verb: string, group: string, resource: string, subresource?: string): Access => ({ verb, group, resource, subresource, namespaced: true });
  const list: Access[] = [
    ns("create", "", "secrets"),
    ns("patch", "", "secrets"),
    ns("create", "", "serviceaccounts"),
    ns("create", "", "services"),
    ns("create", "apps", "statefulsets"),
    ns("create", "apps", "deployments"),
    ns("watch", "", "pods"),
    ns("create", "", "pods", "portforward"),
    ns("create", "coordination.k8s.io", "leases"),
    ns("update", "coordination.k8s.io", "leases"),
    ns("delete", "", "configmaps"),
  ];
  if (minimalRbac) list.push(ns("create", "rbac.authorization.k8s.io", "roles"), ns("create", "rbac.authorization.k8s.io", "rolebindings"));
  else
    list.push(
      { verb: "create", group: "rbac.authorization.k8s.io", resource: "clusterroles", namespaced: false },
      { verb: "create", group: "rbac.authorization.k8s.io", resource: "clusterrolebindings", namespaced: false },
    );
  return list;
}

/**
 * One line saying why GET /version failed, in plain words: the server answered but refused us
 * (401/403: credentials), a proxy stood in the way (named, with NO_PROXY as the way around), or
 * nothing answered (timeout, refused) with what to check.
 */
export function apiServerProblem(cluster: Pick<Cluster, "server" | "context">, err: unknown): string {
  const where = `API server ${cluster.server} (context ${cluster.context})`;
  const code = statusOf(err);
  if (code === 401) return `${where} refused the credentials of the kubeconfig (401 Unauthorized): log in again or fix the user of context ${cluster.context}`;
  if (code === 403) return `${where} answered 403 Forbidden: ${apiMessage(err)}`;
  if (code !== undefined) return `${where} answered ${code}: ${apiMessage(err)}`;
  const proxy = proxyFor(cluster.server);
  if (proxy) return `${where} is not reachable through the proxy ${proxy} (HTTPS_PROXY): check the proxy, or add the host to NO_PROXY`;
  const timedOut = (err as { name?: string })?.name === "TimeoutError" || /timed? ?out/i.test(String(err));
  if (timedOut) return `${where} did not answer within 15 s: check the VPN or the network, or run kubectl cluster-info`;
  return `${where} is not reachable (nothing answered): check that the cluster is running and the kubeconfig's server address, or run kubectl cluster-info`;
}

/**
 * API server reachable, and its version (GET /version). Fails with the transport error when the
 * server cannot be reached, or the Status message (e.g. 401 Unauthorized) when it answers badly.
 */
export async function checkApiServer(cluster: Cluster): Promise<CheckResult & { version?: string }> {
  try {
    const v = (await getJson(cluster, "/version")) as { gitVersion?: string };
    return { check: "api-server", outcome: "pass", message: `${cluster.server} answers, Kubernetes ${v.gitVersion}`, version: v.gitVersion };
  } catch (err) {
    return { check: "api-server", outcome: "fail", message: apiServerProblem(cluster, err) };
  }
}

/**
 * Permission to create what the install creates, by SelfSubjectAccessReview per verb/resource
 * (authorization.k8s.io/v1). Fails listing every missing permission.
 */
export async function checkPermissions(cluster: Cluster, input: BuiltinCheckInput, namespaceExists: boolean): Promise<CheckResult> {
  const needed = accessNeeded(input.useMinimalRbac);
  if (!namespaceExists) needed.unshift({ verb: "create", group: "", resource: "namespaces", namespaced: false });
  const denied: string[] = [];
  await Promise.all(
    needed.map(async (a) => {
      const review = (await requestJson(cluster, "POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", {
        apiVersion: "authorization.k8s.io/v1",
        kind: "SelfSubjectAccessReview",
        spec: {
          resourceAttributes: {
            verb: a.verb,
            group: a.group,
            resource: a.resource,
            subresource: a.subresource,
            namespace: a.namespaced ? input.namespace : undefined,
          },
        },
      })) as { status?: { allowed?: boolean } };
      if (!review.status?.allowed) denied.push(`${a.verb} ${a.resource}${a.subresource ? `/${a.subresource}` : ""}${a.group ? `.${a.group}` : ""}`);
    }),
  );
  if (denied.length === 0) return { check: "permissions", outcome: "pass", message: `allowed to create the Admin Console objects in ${input.namespace}` };
  denied.sort();
  return {
    check: "permissions",
    outcome: "fail",
    message: `the current user may not ${denied.join(", ")} in namespace ${input.namespace}: ask a cluster admin for these RBAC rights${input.useMinimalRbac ? "" : " or try --use-minimal-rbac"}`,
  };
}

/** A default StorageClass (annotation storageclass.kubernetes.io/is-default-class) or the named one exists (seed 000). */
export async function checkStorageClass(cluster: Cluster, input: BuiltinCheckInput): Promise<CheckResult> {
  if (!input.needsStorage) return { check: "storage-class", outcome: "pass", message: "no persistent storage needed" };
  let list: { items: Array<{ metadata: { name: string; annotations?: Record<string, string> }; provisioner: string }> };
  try {
    list = (await getJson(cluster, "/apis/storage.k8s.io/v1/storageclasses")) as typeof list;
  } catch (err) {
    if (statusOf(err) === 403) return { check: "storage-class", outcome: "warn", message: "not allowed to list StorageClasses; cannot check that PVCs will bind" };
    throw err;
  }
  if (input.storageClass) {
    const sc = list.items.find((s) => s.metadata.name === input.storageClass);
    return sc
      ? { check: "storage-class", outcome: "pass", message: `StorageClass ${sc.metadata.name} (${sc.provisioner})` }
      : {
          check: "storage-class",
          outcome: "fail",
          message: `--storage-class ${input.storageClass} does not exist (StorageClasses: ${list.items.map((s) => s.metadata.name).join(", ") || "none"})`,
        };
  }
  const isDefault = (s: (typeof list.items)[number]) =>
    s.metadata.annotations?.["storageclass.kubernetes.io/is-default-class"] === "true" || s.metadata.annotations?.["storageclass.beta.kubernetes.io/is-default-class"] === "true";
  const def = list.items.find(isDefault);
  return def
    ? { check: "storage-class", outcome: "pass", message: `default StorageClass ${def.metadata.name} (${def.provisioner})` }
    : {
        check: "storage-class",
        outcome: "fail",
        message: `no default StorageClass in the cluster: mark one default or pass --storage-class NAME (StorageClasses: ${list.items.map((s) => s.metadata.name).join(", ") || "none"})`,
      };
}

/** At least one Ready node labelled kubernetes.io/os=linux and kubernetes.io/arch=amd64 (seed 001). */
export async function checkNodes(cluster: Cluster): Promise<CheckResult> {
  let list: { items: Array<{ metadata: { name: string; labels?: Record<string, string> }; status?: { conditions?: Array<{ type: string; status: string }> } }> };
  try {
    list = (await getJson(cluster, "/api/v1/nodes")) as typeof list;
  } catch (err) {
    if (statusOf(err) === 403) return { check: "nodes", outcome: "warn", message: "not allowed to list nodes; cannot check for a linux/amd64 node" };
    throw err;
  }
  const fit = list.items.filter((n) => n.metadata.labels?.["kubernetes.io/os"] === "linux" && n.metadata.labels?.["kubernetes.io/arch"] === "amd64");
  const ready = fit.filter((n) => n.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"));
  if (ready.length > 0) return { check: "nodes", outcome: "pass", message: `${ready.length} Ready linux/amd64 node(s)` };
  if (fit.length > 0) return { check: "nodes", outcome: "warn", message: `${fit.length} linux/amd64 node(s), none Ready yet` };
  return { check: "nodes", outcome: "fail", message: `no linux/amd64 node among ${list.items.length} node(s): the Admin Console pods can only run on linux/amd64` };
}

/** Whether the namespace exists and already holds an Admin Console (a kotsadm Deployment or StatefulSet). */
export async function inspectNamespace(cluster: Cluster, namespace: string): Promise<{ exists: boolean; hasInstall: boolean }> {
  const exists = await getJson(cluster, `/api/v1/namespaces/${namespace}`).then(
    () => true,
    (err) => {
      if (statusOf(err) === 404) return false;
      if (statusOf(err) === 403) return false; // cannot tell: then the permission check asks for namespace creation too
      throw err;
    },
  );
  if (!exists) return { exists, hasInstall: false };
  const has = async (path: string) =>
    getJson(cluster, path).then(
      () => true,
      () => false,
    );
  const hasInstall =
    (await has(`/apis/apps/v1/namespaces/${namespace}/deployments/kotsadm`)) || (await has(`/apis/apps/v1/namespaces/${namespace}/statefulsets/kotsadm`));
  return { exists, hasInstall };
}

/** The options the built-in checks look at. */
export interface BuiltinChecksOptions {
  namespace: string;
  storageClass?: string;
  useMinimalRbac: boolean;
}

/**
 * All built-in checks of design §4, in order, the one implementation the engine and the wizard
 * share: api-server (nothing else runs when it fails), then permissions, storage-class and nodes
 * in parallel. `onResult` gets each result as it is known; a check that throws is reported as a
 * failure with its message. Returns every result.
 */
export async function runBuiltinChecks(cluster: Cluster, o: BuiltinChecksOptions, onResult: (r: CheckResult) => void = () => {}): Promise<CheckResult[]> {
  const api = await checkApiServer(cluster);
  onResult(api);
  if (api.outcome === "fail") return [api];
  const guarded = async (check: string, f: () => Promise<CheckResult>): Promise<CheckResult> => {
    try {
      return await f();
    } catch (err) {
      return { check, outcome: "fail", message: `${check}: ${apiMessage(err)}` };
    }
  };
  const ns = await inspectNamespace(cluster, o.namespace).catch(() => ({ exists: false, hasInstall: false }));
  const input = { namespace: o.namespace, storageClass: o.storageClass, useMinimalRbac: o.useMinimalRbac, needsStorage: true };
  const results = await Promise.all([
    guarded("permissions", () => checkPermissions(cluster, input, ns.exists)),
    guarded("storage-class", () => checkStorageClass(cluster, input)),
    guarded("nodes", () => checkNodes(cluster)),
  ]);
  results.forEach(onResult);
  return [api, ...results];
}
