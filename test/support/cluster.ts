import path from "node:path";
import { existsSync } from "node:fs";

/** The real local control plane the tests run against (scripts/cluster). */
export interface TestCluster {
  /** scripts/cluster's KOTS_TUI_CLUSTER name. */
  name: string;
  kubeconfig: string;
  binDir: string;
  /** kubectl built from the official Go module, with this cluster's kubeconfig. */
  kubectl(args: string[], input?: string): { code: number; stdout: string; stderr: string };
}

const repo = path.resolve(import.meta.dir, "../..");
const cached = new Map<string, TestCluster>();

/**
 * The cluster of the fault tests (API server stopped, frozen): its controllers take tens of
 * seconds to recover afterwards, which must not slow down or break the tests that follow.
 */
export const FAULTS_CLUSTER = "kots-faults";

/**
 * Starts the local cluster `name` (scripts/cluster's KOTS_TUI_CLUSTER, default "kots-tui") once per
 * test process (or reuses a running one) and returns how to reach it. Throws with the script's own
 * last line when the cluster cannot start: a cluster test must fail loudly, never pass without a
 * cluster.
 */
export function ensureCluster(name = process.env.KOTS_TUI_CLUSTER ?? "kots-tui"): TestCluster {
  const known = cached.get(name);
  if (known) return known;
  const up = Bun.spawnSync(["bash", path.join(repo, "scripts/cluster"), "up"], { env: { ...process.env, KOTS_TUI_CLUSTER: name }, stdout: "pipe", stderr: "pipe" });
  const err = up.stderr.toString();
  process.stderr.write(err);
  if (up.exitCode !== 0) throw new Error(`local cluster did not start: ${err.trim().split("\n").pop()}`);
  const env = up.stdout.toString();
  const kubeconfig = /export KUBECONFIG=(\S+)/.exec(env)?.[1];
  const binDir = /export PATH=([^:]+):/.exec(env)?.[1];
  if (!kubeconfig || !binDir || !existsSync(kubeconfig)) throw new Error(`scripts/cluster up printed no kubeconfig: ${env}`);
  const tc: TestCluster = {
    name,
    kubeconfig,
    binDir,
    kubectl(args, input) {
      const r = Bun.spawnSync([path.join(binDir, "kubectl"), "--kubeconfig", kubeconfig, ...args], {
        stdin: input === undefined ? "ignore" : new TextEncoder().encode(input),
        stdout: "pipe",
        stderr: "pipe",
      });
      return { code: r.exitCode ?? -1, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
    },
  };
  cached.set(name, tc);
  return tc;
}

/** A namespace name unique to this test run. */
export function uniqueNamespace(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e4)}`;
}
