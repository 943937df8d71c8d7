import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { PassThrough } from "node:stream";
import { connect, type Cluster } from "../../src/kube/cluster.ts";
import { getJson, requestJson, watchCollection, type WatchedObject } from "../../src/kube/watch.ts";
import { ensureCluster, uniqueNamespace, type TestCluster } from "../support/cluster.ts";
import { PortForward } from "@kubernetes/client-node";

let tc: TestCluster;
let cluster: Cluster;
const ns = uniqueNamespace("smoke");

/** Resolves with the first object of the collection that satisfies `ok`, observed by watch. */
function waitUntil(path: string, ok: (o: WatchedObject) => boolean, timeoutMs = 90_000): Promise<WatchedObject> {
  const ac = new AbortController();
  return new Promise<WatchedObject>((resolve, reject) => {
    const timer = setTimeout(() => (ac.abort(), reject(new Error(`timed out waiting on ${path}`))), timeoutMs);
    watchCollection(cluster, {
      path,
      signal: ac.signal,
      onEvent: (_t, o) => {
        if (ok(o)) {
          clearTimeout(timer);
          ac.abort();
          resolve(o);
        }
      },
    }).catch(reject);
  });
}

const affinityPod = (labels: Record<string, string>) => ({
  metadata: { labels },
  spec: {
    affinity: {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchExpressions: [{ key: "kubernetes.io/arch", operator: "In", values: ["amd64"] }] }],
        },
      },
    },
    containers: [{ name: "main", image: "nginx:1.27", ports: [{ containerPort: 8080 }] }],
  },
});

beforeAll(async () => {
  tc = ensureCluster();
  cluster = connect({ kubeconfig: tc.kubeconfig });
  await requestJson(cluster, "POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
}, 120_000);

afterAll(async () => {
  await requestJson(cluster, "DELETE", `/api/v1/namespaces/${ns}`).catch(() => undefined);
});

describe("local control plane", () => {
  test("the API server reports Kubernetes v1.36.x", async () => {
    const v = (await getJson(cluster, "/version")) as { gitVersion: string; major: string; minor: string };
    expect(v.gitVersion).toMatch(/^v1\.36\.\d+$/);
    expect(v.major).toBe("1");
    expect(v.minor).toBe("36");
  });

  test("two fake nodes are Ready and labelled linux/amd64", async () => {
    const nodes = (await getJson(cluster, "/api/v1/nodes")) as { items: any[] };
    expect(nodes.items.length).toBe(2);
    for (const n of nodes.items) {
      expect(n.metadata.labels["kubernetes.io/arch"]).toBe("amd64");
      expect(n.metadata.labels["kubernetes.io/os"]).toBe("linux");
      const ready = n.status.conditions.find((c: any) => c.type === "Ready");
      expect(ready?.status).toBe("True");
    }
  });

  test("a Deployment becomes available, observed by watch", async () => {
    await requestJson(cluster, "POST", `/apis/apps/v1/namespaces/${ns}/deployments`, {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web" },
      spec: { replicas: 2, selector: { matchLabels: { app: "web" } }, template: affinityPod({ app: "web" }) },
    });
    const d = await waitUntil(
      `/apis/apps/v1/namespaces/${ns}/deployments`,
      (o: any) => o.metadata.name === "web" && o.status?.availableReplicas === 2 && o.status?.observedGeneration >= o.metadata.generation,
    );
    expect((d as any).status.readyReplicas).toBe(2);
  });

  test("a StatefulSet with a volumeClaimTemplate becomes ready and its PVC is Bound", async () => {
    await requestJson(cluster, "POST", `/apis/apps/v1/namespaces/${ns}/statefulsets`, {
      apiVersion: "apps/v1",
      kind: "StatefulSet",
      metadata: { name: "db" },
      spec: {
        serviceName: "db",
        replicas: 1,
        selector: { matchLabels: { app: "db" } },
        template: affinityPod({ app: "db" }),
        volumeClaimTemplates: [
          { metadata: { name: "data" }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } },
        ],
      },
    });
    await waitUntil(`/apis/apps/v1/namespaces/${ns}/statefulsets`, (o: any) => o.metadata.name === "db" && o.status?.readyReplicas === 1);
    const pvc = await waitUntil(`/api/v1/namespaces/${ns}/persistentvolumeclaims`, (o: any) => o.metadata.name === "data-db-0" && o.status?.phase === "Bound");
    expect((pvc as any).spec.storageClassName).toBe("standard");
  });

  test("a pod port-forward through the API server reaches a local HTTP server (kwok ClusterPortForward)", async () => {
    const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("hello from the local server") });
    try {
      await requestJson(cluster, "POST", "/apis/kwok.x-k8s.io/v1alpha1/clusterportforwards", {
        apiVersion: "kwok.x-k8s.io/v1alpha1",
        kind: "ClusterPortForward",
        metadata: { name: `smoke-${ns}` },
        spec: {
          selector: { matchNamespaces: [ns] },
          forwards: [{ ports: [8080], target: { port: server.port, address: "127.0.0.1" } }],
        },
      });
      const pod = await waitUntil(`/api/v1/namespaces/${ns}/pods`, (o: any) => o.metadata.labels?.app === "web" && o.status?.phase === "Running");
      const body = await forwardOnce(pod.metadata.name, 8080, "GET / HTTP/1.0\r\nHost: x\r\n\r\n");
      expect(body).toContain("hello from the local server");
    } finally {
      server.stop(true);
      await requestJson(cluster, "DELETE", `/apis/kwok.x-k8s.io/v1alpha1/clusterportforwards/smoke-${ns}`).catch(() => undefined);
    }
  }, 90_000);
});

/**
 * Sends one raw request over a pod port-forward and returns what came back. kwok picks up a new
 * ClusterPortForward through its own watch (slower right after an API server restart), so an
 * attempt that gets no answer within 5 s is retried on a new tunnel, for up to 45 s in all.
 */
async function forwardOnce(pod: string, port: number, request: string): Promise<string> {
  const deadline = Date.now() + 45_000;
  let answer = "";
  while (Date.now() < deadline && !answer.includes("hello")) {
    const out = new PassThrough();
    const input = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (c: Buffer) => chunks.push(c));
    const ws: any = await new PortForward(cluster.kc).portForward(ns, pod, [port], out, null, input);
    input.write(request);
    const attemptEnd = Math.min(deadline, Date.now() + 5_000);
    while (Date.now() < attemptEnd && !Buffer.concat(chunks).toString().includes("hello")) await Bun.sleep(50);
    ws.close?.();
    answer = Buffer.concat(chunks).toString();
  }
  return answer;
}
