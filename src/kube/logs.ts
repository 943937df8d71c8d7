import type { Cluster } from "./cluster.ts";
import { getJson } from "./watch.ts";

/**
 * The last non-empty line a container wrote, read through the API server
 * (`GET /api/v1/namespaces/NS/pods/POD/log?container=C&previous=true&tailLines=20`; the kubelet
 * serves the log of the previous, failed instance with `previous=true`). Bounded by `timeoutMs`
 * (default 5 s). Returns undefined when the log cannot be read (no such instance, no rights,
 * the node is unreachable): a missing log line never hides the failure it would explain.
 */
export async function lastLogLine(
  cluster: Cluster,
  ref: { namespace: string; pod: string; container: string },
  opts: { previous?: boolean; signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<string | undefined> {
  const q = new URLSearchParams({ container: ref.container, tailLines: "20" });
  if (opts.previous ?? true) q.set("previous", "true");
  const path = `/api/v1/namespaces/${encodeURIComponent(ref.namespace)}/pods/${encodeURIComponent(ref.pod)}/log?${q}`;
  const signal = AbortSignal.any([AbortSignal.timeout(opts.timeoutMs ?? 5_000), ...(opts.signal ? [opts.signal] : [])]);
  try {
    const text = await getJson(cluster, path, signal);
    if (typeof text !== "string") return undefined;
    return text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).at(-1);
  } catch {
    return undefined;
  }
}
