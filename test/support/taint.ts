import type { TestCluster } from "./cluster.ts";

const NODES = ["kwok-node-0", "kwok-node-1"];
const TAINT = "kots-tui-test=blocked:NoSchedule";

/** Runs `fn` with every node tainted NoSchedule (new pods stay Pending/Unschedulable), then removes the taint. */
export async function withNodesTainted<T>(tc: TestCluster, fn: () => Promise<T>): Promise<T> {
  for (const n of NODES) {
    const r = tc.kubectl(["taint", "nodes", n, TAINT, "--overwrite"]);
    if (r.code !== 0) throw new Error(`taint ${n}: ${r.stderr}`);
  }
  try {
    return await fn();
  } finally {
    clearTaints(tc);
  }
}

/** Removes the test taint from every node (also a leftover from an interrupted run); idempotent. */
export function clearTaints(tc: TestCluster): void {
  for (const n of NODES) tc.kubectl(["taint", "nodes", n, "kots-tui-test-"]);
}
