import type { TestCluster } from "./cluster.ts";

/**
 * kwok pods run no process, so a local HTTP server stands in for kotsadm's port 3000: a kwok
 * ClusterPortForward routes port-forwards to pods of `namespace` on 3000 to it. Returns a stop().
 */
export function kotsadmStandIn(tc: TestCluster, namespace: string): { hits: string[]; stop: () => void } {
  const hits: string[] = [];
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(req) {
      const p = new URL(req.url).pathname;
      hits.push(p);
      return p === "/healthz" ? Response.json({ status: "ok" }) : new Response("kotsadm stand-in");
    },
  });
  const name = `standin-${namespace}`;
  const cpf = {
    apiVersion: "kwok.x-k8s.io/v1alpha1",
    kind: "ClusterPortForward",
    metadata: { name },
    spec: { selector: { matchNamespaces: [namespace] }, forwards: [{ ports: [3000], target: { port: server.port, address: "127.0.0.1" } }] },
  };
  const r = tc.kubectl(["apply", "-f", "-"], JSON.stringify(cpf));
  if (r.code !== 0) throw new Error(`ClusterPortForward: ${r.stderr}`);
  return {
    hits,
    stop() {
      server.stop(true);
      tc.kubectl(["delete", "clusterportforward", name, "--ignore-not-found"]);
    },
  };
}
