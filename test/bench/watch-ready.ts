/**
 * Independent readiness watch (a separate process, no installer code):
 *   bun test/bench/watch-ready.ts <kubeconfig> <namespace> <timeoutMs> <Kind/name>...
 * Watches Deployments and StatefulSets of <namespace> (which may not exist yet) and prints NDJSON:
 *   {"watching":true}                      once both watch requests are open (start the install then)
 *   {"ready":{"Deployment/kotsadm":<epoch ms>,...},"complete":true|false}   when every named workload
 *                                          first reported ready, or at the deadline (exit 1)
 * Ready means: Deployment availableReplicas == replicas && observedGeneration >= generation;
 * StatefulSet readyReplicas == replicas. The stamp is Date.now() when the event arrived.
 */
import { KubeConfig, Watch } from "@kubernetes/client-node";

interface Workload {
  kind?: string;
  metadata: { name: string; generation?: number };
  spec?: { replicas?: number };
  status?: { observedGeneration?: number; availableReplicas?: number; readyReplicas?: number };
}

export function isReady(kind: "Deployment" | "StatefulSet", o: Workload): boolean {
  const want = o.spec?.replicas ?? 1;
  if (kind === "Deployment") return (o.status?.availableReplicas ?? 0) === want && (o.status?.observedGeneration ?? 0) >= (o.metadata.generation ?? 1);
  return (o.status?.readyReplicas ?? 0) === want;
}

async function main() {
  const [kubeconfig, namespace, timeoutArg, ...names] = process.argv.slice(2);
  if (!kubeconfig || !namespace || !timeoutArg || names.length === 0) throw new Error("usage: watch-ready.ts <kubeconfig> <namespace> <timeoutMs> <Kind/name>...");
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const ready: Record<string, number> = {};
  const controllers: AbortController[] = [];
  const finish = (complete: boolean) => {
    process.stdout.write(JSON.stringify({ ready, complete }) + "\n");
    for (const c of controllers) c.abort();
    process.exit(complete ? 0 : 1);
  };
  setTimeout(() => finish(false), Number(timeoutArg));

  const watch = new Watch(kc);
  for (const [kind, plural] of [["Deployment", "deployments"], ["StatefulSet", "statefulsets"]] as const) {
    const c = await watch.watch(
      `/apis/apps/v1/namespaces/${namespace}/${plural}`,
      { timeoutSeconds: Math.ceil(Number(timeoutArg) / 1000) },
      (type: string, obj: Workload) => {
        const key = `${kind}/${obj.metadata?.name}`;
        if ((type === "ADDED" || type === "MODIFIED") && ready[key] === undefined && isReady(kind, obj)) {
          ready[key] = Date.now();
          if (names.every((n) => ready[n] !== undefined)) finish(true);
        }
      },
      (err: unknown) => {
        if (err) {
          process.stderr.write(`watch ${plural} ended: ${String(err)}\n`);
          finish(false);
        }
      },
    );
    controllers.push(c);
  }
  process.stdout.write(JSON.stringify({ watching: true }) + "\n");
}

if (import.meta.main) await main();
