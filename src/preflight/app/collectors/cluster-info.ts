/**
 * troubleshoot's clusterInfo collector (v0.133.0 pkg/collect/cluster_info.go):
 * `cluster-info/cluster_version.json` = {"info": GET /version, "string": its gitVersion}.
 */
import type { Cluster } from "../../../kube/cluster.ts";
import { apiMessage } from "../../../kube/errors.ts";
import { getJson } from "../../../kube/watch.ts";
import { goMarshalIndent } from "../go-json.ts";

export async function collectClusterInfo(cluster: Cluster, signal?: AbortSignal): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  try {
    const info = (await getJson(cluster, "/version", signal)) as { gitVersion?: string };
    out.set("cluster-info/cluster_version.json", goMarshalIndent({ info, string: info.gitVersion ?? "" }));
  } catch (err) {
    out.set("cluster-info/cluster_version.json", "");
    out.set("cluster-info/errors.json", goMarshalIndent([apiMessage(err)]));
  }
  return out;
}
