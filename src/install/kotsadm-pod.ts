import type { Cluster } from "../kube/cluster.ts";
import { getJson } from "../kube/watch.ts";
import { CliError } from "../errors.ts";

/** Name of a Ready, not terminating kotsadm pod (label app=kotsadm). Throws CliError(1) when there is none. */
export async function findReadyKotsadmPod(cluster: Cluster, namespace: string): Promise<string> {
  const list = (await getJson(cluster, `/api/v1/namespaces/${namespace}/pods?labelSelector=${encodeURIComponent("app=kotsadm")}`)) as {
    items: Array<{ metadata: { name: string; deletionTimestamp?: string }; status?: { conditions?: Array<{ type: string; status: string }> } }>;
  };
  const ready = list.items.find((p) => !p.metadata.deletionTimestamp && p.status?.conditions?.some((c) => c.type === "Ready" && c.status === "True"));
  if (!ready) throw new CliError(`no Ready kotsadm pod in namespace ${namespace}: is the Admin Console installed there? (kots install … -n ${namespace})`, 1);
  return ready.metadata.name;
}
