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
 * Waits (≤ 60 s) until kube-controller-manager and kube-scheduler hold fresh leases (renewed in the
 * last 30 s). `scripts/cluster up` only checks the API server's /readyz, so a cluster whose
 * controller manager has exited would otherwise pass and every install would hang.
 */
export async function waitForControllers(c: BenchCluster): Promise<void> {
  const deadline = Date.now() + 60_000;
  let problem = "";
  for (let i = 0; i < 120 && Date.now() < deadline; i++) {
    problem = "";
    for (const lease of ["kube-controller-manager", "kube-scheduler"]) {
      const r = Bun.spawnSync([path.join(c.binDir, "kubectl"), "--kubeconfig", c.kubeconfig, "-n", "kube-system", "get", "lease", lease, "-o", "jsonpath={.spec.renewTime}"], {
        stdout: "pipe",
        stderr: "pipe",
      });
      const age = Date.now() - Date.parse(r.stdout.toString().trim());
      if (r.exitCode !== 0 || !(age < 30_000)) problem ||= `${lease} has no fresh lease (${r.exitCode === 0 ? `renewed ${Math.round(age / 1000)}s ago` : r.stderr.toString().trim()})`;
    }
    if (!problem) return;
    await Bun.sleep(500);
  }
  throw new Error(`cluster ${c.name}: ${problem}; restart it: KOTS_TUI_CLUSTER=${c.name} scripts/cluster down && … up`);
}

/** Deletes namespaces without waiting (errors ignored: cleanup is best effort). */
export function deleteNamespaces(c: BenchCluster, namespaces: string[]): void {
  for (const ns of namespaces)
    Bun.spawnSync([path.join(c.binDir, "kubectl"), "--kubeconfig", c.kubeconfig, "delete", "ns", ns, "--wait=false", "--ignore-not-found"], { stdout: "ignore", stderr: "ignore" });
}
