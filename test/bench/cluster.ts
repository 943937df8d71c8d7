/**
 * The bench's own local cluster: `scripts/cluster up` (as test/support/cluster.ts ensureCluster()
 * does) but under its own name, KOTS_TUI_CLUSTER (default "kots-bench"), so that tests running in
 * parallel on the shared "kots-tui" cluster (fault injection, restarts) neither disturb the timings
 * nor get disturbed. Bun's spawn does not see process.env edits, hence the explicit env here.
 */
import path from "node:path";
import { existsSync } from "node:fs";

export interface BenchCluster {
  name: string;
  kubeconfig: string;
  binDir: string;
}

const repo = path.resolve(import.meta.dir, "../..");

export function benchCluster(): BenchCluster {
  const name = process.env.KOTS_TUI_CLUSTER ?? "kots-bench";
  const up = Bun.spawnSync(["bash", path.join(repo, "scripts/cluster"), "up"], {
    env: { ...process.env, KOTS_TUI_CLUSTER: name },
    stdout: "pipe",
    stderr: "pipe",
  });
  process.stderr.write(up.stderr.toString());
  if (up.exitCode !== 0) throw new Error(`local cluster ${name} did not start: ${up.stderr.toString().trim().split("\n").pop()}`);
  const env = up.stdout.toString();
  const kubeconfig = /export KUBECONFIG=(\S+)/.exec(env)?.[1];
  const binDir = /export PATH=([^:]+):/.exec(env)?.[1];
  if (!kubeconfig || !binDir || !existsSync(kubeconfig)) throw new Error(`scripts/cluster up printed no kubeconfig: ${env}`);
  return { name, kubeconfig, binDir };
}

/**
 * Proves (≤ 90 s) that kube-controller-manager, kube-scheduler and kwok work: a canary Deployment
 * becomes available only when the controller manager made its ReplicaSet and pod, the scheduler
 * bound the pod and kwok made it Ready. `scripts/cluster up` only checks the API server's /readyz.
 * (Leases cannot tell: the test clusters run both with --leader-elect=false.) Throws naming the
 * component that did not act.
 */
export async function waitForControllers(c: BenchCluster): Promise<void> {
  const ns = `bench-canary-${Date.now().toString(36)}`;
  const k = (args: string[], input?: string) =>
    Bun.spawnSync([path.join(c.binDir, "kubectl"), "--kubeconfig", c.kubeconfig, ...args], {
      stdin: input === undefined ? "ignore" : new TextEncoder().encode(input),
      stdout: "pipe",
      stderr: "pipe",
    });
  const canary = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "canary", namespace: ns },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: "canary" } },
      template: { metadata: { labels: { app: "canary" } }, spec: { containers: [{ name: "canary", image: "registry.k8s.io/pause:3.10" }] } },
    },
  };
  try {
    if (k(["create", "namespace", ns]).exitCode !== 0) throw new Error(`cluster ${c.name}: cannot create namespace ${ns}`);
    const applied = k(["apply", "-f", "-"], JSON.stringify(canary));
    if (applied.exitCode !== 0) throw new Error(`cluster ${c.name}: canary not applied: ${applied.stderr.toString().trim()}`);
    const r = k(["rollout", "status", "deployment/canary", "-n", ns, "--timeout=90s"]);
    if (r.exitCode === 0) return;
    const pods = k(["get", "pods", "-n", ns, "-o", "jsonpath={range .items[*]}{.spec.nodeName}/{.status.phase} {end}"]).stdout.toString().trim();
    const who = pods === "" ? "kube-controller-manager made no pod" : pods.startsWith("/") ? "kube-scheduler did not bind the pod" : `kwok did not make the pod Ready (${pods})`;
    throw new Error(`cluster ${c.name}: canary Deployment not available in 90 s: ${who}; restart it: KOTS_TUI_CLUSTER=${c.name} scripts/cluster down && … up`);
  } finally {
    k(["delete", "namespace", ns, "--wait=false", "--ignore-not-found"]);
  }
}

/** Deletes namespaces without waiting (errors ignored: cleanup is best effort). */
export function deleteNamespaces(c: BenchCluster, namespaces: string[]): void {
  for (const ns of namespaces)
    Bun.spawnSync([path.join(c.binDir, "kubectl"), "--kubeconfig", c.kubeconfig, "delete", "ns", ns, "--wait=false", "--ignore-not-found"], { stdout: "ignore", stderr: "ignore" });
}
