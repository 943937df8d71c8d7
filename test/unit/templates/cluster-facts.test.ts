import { describe, expect, test } from "bun:test";
import { createServer, type Server } from "node:net";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { connect } from "../../../src/kube/cluster.ts";
import { renderTemplate } from "../../../src/config/index.ts";
import { decodeNodeList } from "../../../src/preflight/app/analyzers/cluster-nodes.ts";
import { NO_CLUSTER_FACTS, clusterFactsIfReachable, distributionName, lookupCalls, takeClusterFacts } from "../../../src/templates/cluster-facts.ts";

const node = (name: string, o: { labels?: Record<string, string>; annotations?: Record<string, string>; providerID?: string; osImage?: string } = {}) => ({
  metadata: { name, labels: o.labels ?? {}, annotations: o.annotations ?? {} },
  spec: { providerID: o.providerID ?? "" },
  status: { nodeInfo: { osImage: o.osImage ?? "Debian" } },
});
const nodes = (...items: unknown[]) => decodeNodeList(JSON.stringify({ items }));

describe("Distribution as KOTS names it (troubleshoot ParseNodesForProviders' string, IsOpenShift first)", () => {
  test.each([
    ["no provider", nodes(node("a")), [], ""],
    ["kind by providerID", nodes(node("a", { providerID: "kind://docker/k/a" })), [], "kind"],
    ["kurl by label", nodes(node("a", { labels: { "kurl.sh/cluster": "true" } })), [], "kurl"],
    ["embedded-cluster (troubleshoot's spelling)", nodes(node("a", { labels: { "kots.io/embedded-cluster-role": "x" } })), [], "embedded-cluster"],
    ["k3s by instance type", nodes(node("a", { labels: { "node.kubernetes.io/instance-type": "k3s" } })), [], "k3s"],
    ["rke2 by annotation", nodes(node("a", { annotations: { "rke2.io/node-args": "[]" } })), [], "rke2"],
    ["dockerDesktop by OS image", nodes(node("a", { osImage: "Docker Desktop" })), [], "dockerDesktop"],
    ["eks", nodes(node("a", { providerID: "aws:///us-east-1a/i-1" })), [], "eks"],
    ["eks cleared by a control-plane node", nodes(node("a", { providerID: "aws:///x" }), node("b", { labels: { "node-role.kubernetes.io/control-plane": "" } })), [], ""],
    ["the last node's provider wins", nodes(node("a", { providerID: "gce://p/z/a" }), node("b", { providerID: "kind://x" })), [], "kind"],
    ["a providerID rule is applied after the label rules of the same node", nodes(node("a", { labels: { "kurl.sh/cluster": "true" }, providerID: "gce://p" })), [], "gke"],
    ["openShift by API group, before the nodes", nodes(node("a", { providerID: "kind://x" })), ["apps.openshift.io/v1"], "openShift"],
  ])("%s", (_name, ns, gvs, want) => {
    expect(distributionName(ns, gvs as string[])).toBe(want);
  });
});

describe("literal Lookup calls", () => {
  test("both delimiters, quotes and backquotes; duplicates once; a variable argument is not prefetched", () => {
    const refs = lookupCalls([
      '{{repl (Lookup "v1" "ConfigMap" "kube-system" "kurl-config").data.x }}',
      'repl{{ Lookup `apps/v1` "Deployment" "" "" }} {{repl Lookup "v1" "ConfigMap" "kube-system" "kurl-config" }} {{repl Lookup "v1" "Secret" $ns "x" }}',
    ]);
    expect(refs).toEqual([
      { apiVersion: "v1", kind: "ConfigMap", namespace: "kube-system", name: "kurl-config" },
      { apiVersion: "apps/v1", kind: "Deployment", namespace: "", name: "" },
    ]);
  });
});

describe("the facts reach the Go engine's functions", () => {
  test("Distribution, NodeCount, IsKurl, KubernetesVersion and its parts, Lookup", () => {
    const cluster = {
      distribution: "kind",
      nodeCount: 3,
      isKurl: true,
      kubernetesVersion: "v1.36.3",
      objects: [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "n" }, data: { k: "v" } }],
    };
    const out = renderTemplate(
      '{{repl Distribution }}|{{repl NodeCount }}|{{repl IsKurl }}|{{repl KubernetesVersion }}|{{repl KubernetesMajorVersion }}.{{repl KubernetesMinorVersion }}|{{repl (Lookup "v1" "ConfigMap" "n" "c").data.k }}',
      { cluster },
      { file: "f" },
    );
    expect(out).toBe("kind|3|true|1.36.3|1.36|v");
    expect(renderTemplate("{{repl Distribution }}|{{repl NodeCount }}|{{repl IsKurl }}|{{repl KubernetesVersion }}", { cluster: NO_CLUSTER_FACTS }, { file: "f" })).toBe("|0|false|0.0.0+unknown");
  });
});

describe("no cluster: zero values, no error", () => {
  test("no kubeconfig", async () => {
    const facts = await clusterFactsIfReachable(() => connect({ kubeconfig: "/nonexistent/kubeconfig" }));
    expect(facts).toEqual(NO_CLUSTER_FACTS);
  });

  test("an API server that accepts connections and never answers: zero values once the bound is reached", async () => {
    const sockets: import("node:net").Socket[] = [];
    const server: Server = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    const dir = mkdtempSync(path.join(tmpdir(), "kots-facts-"));
    try {
      const kubeconfig = path.join(dir, "config");
      writeFileSync(
        kubeconfig,
        `apiVersion: v1
kind: Config
clusters: [{name: c, cluster: {server: "https://127.0.0.1:${port}", insecure-skip-tls-verify: true}}]
users: [{name: u, user: {}}]
contexts: [{name: x, context: {cluster: c, user: u}}]
current-context: x
`,
      );
      const facts = await takeClusterFacts(connect({ kubeconfig }), { timeoutMs: 300 });
      expect(facts).toEqual(NO_CLUSTER_FACTS);
      expect(sockets.length).toBeGreaterThan(0); // it did try
    } finally {
      for (const s of sockets) s.destroy();
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
