import { describe, expect, test } from "bun:test";
import { readdirSync, readlinkSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureCluster } from "../support/cluster.ts";

// The README's order, `scripts/demo` then `scripts/test`, starts the cluster and then asks for it
// again: the second `scripts/cluster up` must find it running instead of waiting for the lock.
const repo = path.resolve(import.meta.dir, "../..");
const cache = process.env.KOTS_TUI_CACHE ?? path.join(os.homedir(), ".cache/kots-tui");
const up = (env: Record<string, string> = {}) =>
  Bun.spawnSync(["timeout", "60", "bash", path.join(repo, "scripts/cluster"), "up"], { env: { ...process.env, ...env }, stdout: "pipe", stderr: "pipe" });

describe("scripts/cluster up", () => {
  test("against a running cluster it returns at once (no daemon holds the up lock)", () => {
    ensureCluster();
    const t0 = performance.now();
    const r = up();
    expect(r.exitCode).toBe(0);
    expect(r.stderr.toString()).toContain("is already running");
    expect(performance.now() - t0).toBeLessThan(30_000); // the defect was an endless wait (timeout 60 kills it)
  });

  test("no process of the cluster has the lock file open", () => {
    ensureCluster();
    const lock = path.join(cache, "run", `${process.env.KOTS_TUI_CLUSTER ?? "kots-tui"}.lock`);
    const holders: string[] = [];
    for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
      let fds: string[] = [];
      try {
        fds = readdirSync(`/proc/${pid}/fd`);
      } catch {
        continue;
      }
      for (const fd of fds) {
        try {
          if (readlinkSync(`/proc/${pid}/fd/${fd}`) === lock) holders.push(pid);
        } catch {
          /* gone */
        }
      }
    }
    expect(holders).toEqual([]);
  });

  test("a port that is taken: one line naming the cause, exit 1", async () => {
    const server = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
    try {
      const r = up({ KOTS_TUI_CLUSTER: "kots-harness-port", KOTS_TUI_APISERVER_PORT: String(server.port) });
      expect(r.exitCode).toBe(1);
      const lines = r.stderr.toString().trim().split("\n");
      expect(lines.at(-1)).toBe(`cluster: port ${server.port} (KOTS_TUI_APISERVER_PORT) is in use: free it or choose another`);
    } finally {
      server.stop(true);
    }
  });
});
