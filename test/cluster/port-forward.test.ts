import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import net from "node:net";
import { ensureCluster, uniqueNamespace, type TestCluster } from "../support/cluster.ts";
import { allOutputs, spawnKots } from "../support/kots.ts";
import { dropNamespace } from "../support/inspect.ts";
import { kotsadmStandIn } from "../support/kotsadm-standin.ts";
import type { InstallEvent } from "../../src/install/events.ts";
import { readUntil } from "../support/event-stream.ts";

let tc: TestCluster;
const ns = uniqueNamespace("pf");
let standIn: ReturnType<typeof kotsadmStandIn>;

/** Occupies a free local port; returns it and a close(). */
async function occupyPort(): Promise<{ port: number; close: () => void }> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  return { port: (srv.address() as net.AddressInfo).port, close: () => srv.close() };
}

beforeAll(() => {
  tc = ensureCluster();
  standIn = kotsadmStandIn(tc, ns);
}, 120_000);
afterAll(() => {
  standIn.stop();
  dropNamespace(tc, ns);
});

describe("port-forward to the Admin Console", () => {
  test("install forwards localhost to kotsadm:3000, checks /healthz, moves off a taken port, and stops on Ctrl-C", async () => {
    const taken = await occupyPort();
    try {
      const proc = spawnKots(["install", "acme-helpdesk", "-n", ns, "--yes", "--output", "json", "--kubeconfig", tc.kubeconfig, "--port", String(taken.port)], {
        env: { KOTS_SHARED_PASSWORD: "port-forward-pw" },
      });
      const seen: InstallEvent[] = [];
      const reader = await readUntil(proc.stdout, (e) => e.type === "port-forward", seen);
      reader.releaseLock();
      const pf = seen.at(-1)!;
      if (pf.type !== "port-forward") throw new Error("unreachable");
      expect(pf.healthy).toBe(true);
      expect(pf.requestedPort).toBe(taken.port);
      expect(pf.localPort).not.toBe(taken.port);
      const res = await fetch(`http://127.0.0.1:${pf.localPort}/healthz`);
      expect(await res.json()).toEqual({ status: "ok" });
      expect(standIn.hits.filter((h) => h === "/healthz").length).toBeGreaterThanOrEqual(2);
      proc.kill("SIGINT");
      const [stderr, code] = await Promise.all([new Response(proc.stderr).text(), proc.exited]);
      allOutputs.push(stderr);
      expect(code).toBe(0);
      expect(seen.some((e) => e.type === "warning" && e.message.includes(`port ${taken.port} is in use`))).toBe(true);
      await expect(fetch(`http://127.0.0.1:${pf.localPort}/healthz`)).rejects.toThrow();
    } finally {
      taken.close();
    }
  }, 120_000);

  test("kots admin-console reconnects to the existing install", async () => {
    const free = await occupyPort();
    free.close();
    const proc = spawnKots(["admin-console", "-n", ns, "--kubeconfig", tc.kubeconfig, "--port", String(free.port)]);
    const reader = proc.stderr.getReader();
    let text = "";
    const deadline = Date.now() + 30_000;
    while (!text.includes("Admin Console: http://localhost:") && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    expect(text).toContain(`Admin Console: http://localhost:${free.port}`);
    const res = await fetch(`http://127.0.0.1:${free.port}/`);
    expect(await res.text()).toBe("kotsadm stand-in");
    proc.kill("SIGINT");
    expect(await proc.exited).toBe(0);
  }, 60_000);
});
