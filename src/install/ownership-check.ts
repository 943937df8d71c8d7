import type { Cluster } from "../kube/cluster.ts";
import type { K8sObject } from "../kube/apply.ts";
import { getObject } from "../kube/apply.ts";
import type { CheckResult } from "../preflight/builtin.ts";
import { isOurs, managersOf } from "./ownership.ts";

/** What already exists of the rendered set: our objects and foreign ones (by kind/name). */
export interface ExistingObjects {
  ours: K8sObject[];
  foreign: { obj: K8sObject; managers: string }[];
}

/**
 * GETs every rendered object except the Namespace (which is only ever created) and sorts what
 * exists into ours and foreign (ownership.ts). Throws API errors other than 404.
 */
export async function existingObjects(cluster: Cluster, objects: readonly K8sObject[]): Promise<ExistingObjects> {
  const out: ExistingObjects = { ours: [], foreign: [] };
  const found = await Promise.all(objects.filter((o) => o.kind !== "Namespace").map((o) => getObject(cluster, o.kind, o.metadata.name, o.metadata.namespace)));
  for (const obj of found) {
    if (!obj) continue;
    if (isOurs(obj)) out.ours.push(obj);
    else out.foreign.push({ obj, managers: managersOf(obj) });
  }
  return out;
}

/**
 * The "existing-install" check (design §4): fail when an object we would write exists and was not
 * made by us, naming it and --adopt; warn when an Admin Console of ours is there (the run converges
 * it and keeps its secrets); pass otherwise.
 */
export function existingInstallCheck(namespace: string, existing: ExistingObjects, adopt: boolean): CheckResult {
  const names = existing.foreign.map((f) => `${f.obj.kind}/${f.obj.metadata.name} (managed by ${f.managers})`);
  if (names.length > 0 && !adopt)
    return {
      check: "existing-install",
      outcome: "fail",
      message: `${names.join(", ")} already exist${names.length === 1 ? "s" : ""} in ${namespace} and ${names.length === 1 ? "was" : "were"} not made by kots: remove ${names.length === 1 ? "it" : "them"}, choose another namespace, or pass --adopt to take ${names.length === 1 ? "it" : "them"} over`,
    };
  if (names.length > 0) return { check: "existing-install", outcome: "warn", message: `--adopt: taking over ${names.join(", ")}` };
  if (existing.ours.length > 0) return { check: "existing-install", outcome: "warn", message: `an Admin Console already exists in ${namespace}: this run converges it and keeps its secrets` };
  return { check: "existing-install", outcome: "pass", message: `no Admin Console in ${namespace} yet` };
}
