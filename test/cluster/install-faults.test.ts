import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ensureCluster, uniqueNamespace, type TestCluster } from "../support/cluster.ts";
import { parseEvents, runKots, spawnKots, allOutputs } from "../support/kots.ts";
import { dropNamespace, getOne } from "../support/inspect.ts";
import { clearTaints, withNodesTainted } from "../support/taint.ts";
import type { InstallEvent } from "../../src/install/events.ts";
import { drain, readUntil } from "../support/event-stream.ts";

let tc: TestCluster;
const made: string[] = [];
const password = "faults-password";
const args = (ns: string) => ["install", "acme-helpdesk", "-n", ns, "--yes", "--no-port-forward", "--output", "json", "--kubeconfig", tc.kubeconfig, "--wait-duration", "90s"];

beforeAll(() => {
  tc = ensureCluster();
  clearTaints(tc);
}, 120_000);
afterAll(() => made.forEach((ns) => dropNamespace(tc, ns)));

describe("faults", () => {
  test("Ctrl-C while waiting for the datastores exits 130 with what was applied; a re-run completes the install", async () => {
    const ns = uniqueNamespace("sigint");
    made.push(ns);
    const seen: InstallEvent[] = [];
    const { code, stderr, rest } = await withNodesTainted(tc, async () => {
      const proc = spawnKots(args(ns), { env: { KOTS_SHARED_PASSWORD: password } });
      const reader = await readUntil(proc.stdout, (e) => e.type === "step-started" && e.step === "wait-datastores", seen);
      proc.kill("SIGINT");
      const [rest, stderr, code] = await Promise.all([drain(reader), new Response(proc.stderr).text(), proc.exited]);
      allOutputs.push(rest, stderr);
      return { code, stderr, rest };
    });
    expect(code).toBe(130);
    const last = parseEvents(rest).at(-1);
    expect(last?.type).toBe("error");
    if (last?.type !== "error") return;
    expect(last.exitCode).toBe(130);
    const applied = last.applied.map((r) => `${r.kind}/${r.name}`);
    expect(applied).toContain("StatefulSet/kotsadm-postgres");
    // KOTS's start order: kotsadm is applied only once the datastores are Current
    expect(applied).not.toContain("Deployment/kotsadm");
    expect(stderr).toMatch(/interrupted; applied \d+ object\(s\); run the same command again/);
    // The taint is gone now: the same command finishes the install.
    const again = await runKots(args(ns), { env: { KOTS_SHARED_PASSWORD: password } });
    expect(again.code).toBe(0);
    expect(again.events.at(-1)?.type).toBe("done");
    expect(getOne(tc, "deployment", "kotsadm", ns).status.availableReplicas).toBe(1);
  }, 120_000);

  for (const [signal, exitCode] of [["SIGHUP", 129], ["SIGTERM", 143]] as const) {
    test(`${signal} (a dropped SSH link, a stop request) ends with an error event and exit ${exitCode}`, async () => {
      const ns = uniqueNamespace(signal.toLowerCase());
      made.push(ns);
      const seen: InstallEvent[] = [];
      const { code, stderr, rest } = await withNodesTainted(tc, async () => {
        const proc = spawnKots(args(ns), { env: { KOTS_SHARED_PASSWORD: password } });
        const reader = await readUntil(proc.stdout, (e) => e.type === "step-started" && e.step === "wait-datastores", seen);
        proc.kill(signal);
        const [rest, stderr, code] = await Promise.all([drain(reader), new Response(proc.stderr).text(), proc.exited]);
        allOutputs.push(rest, stderr);
        return { code, stderr, rest };
      });
      expect(code).toBe(exitCode);
      const last = parseEvents(rest).at(-1);
      if (last?.type !== "error") throw new Error(`last event ${last?.type}`);
      expect(last.exitCode).toBe(exitCode);
      // every confirmed write is listed: the datastores were applied before the wait began
      const applied = last.applied.map((r) => `${r.kind}/${r.name}`);
      const appliedEvents = seen.filter((e) => e.type === "object-applied").length;
      expect(applied.length).toBe(appliedEvents);
      expect(applied).toContain("StatefulSet/kotsadm-postgres");
      expect(stderr.trim().split("\n")).toHaveLength(1);
      expect(stderr).not.toMatch(/\n\s+at /);
    }, 120_000);
  }

  test("a closed stdout (--output json | head -1) ends the run quietly with exit 141", async () => {
    const ns = uniqueNamespace("epipe");
    made.push(ns);
    const proc = spawnKots(args(ns), { env: { KOTS_SHARED_PASSWORD: password } });
    const reader = proc.stdout.getReader();
    await reader.read(); // the first line, as head -1 reads it
    await reader.cancel();
    const [stderr, code] = await Promise.all([new Response(proc.stderr).text(), proc.exited]);
    allOutputs.push(stderr);
    expect(code).toBe(141);
    expect(stderr).not.toContain("EPIPE");
    expect(stderr).not.toMatch(/\n\s+at /);
  }, 120_000);
});
