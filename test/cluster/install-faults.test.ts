import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import path from "node:path";
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

  test("the API server stopped for 10 s mid-install: the install retries and completes within its budget", async () => {
    const ns = uniqueNamespace("apidown");
    made.push(ns);
    const seen: InstallEvent[] = [];
    const proc = spawnKots(args(ns), { env: { KOTS_SHARED_PASSWORD: password } });
    const reader = await readUntil(proc.stdout, (e) => e.type === "rendered", seen);
    const pause = Bun.spawn(["bash", path.resolve(import.meta.dir, "../../scripts/cluster"), "pause-apiserver", "10"], { stdout: "pipe", stderr: "pipe" });
    const [rest, stderr, code, pauseCode] = await Promise.all([drain(reader), new Response(proc.stderr).text(), proc.exited, pause.exited]);
    allOutputs.push(rest, stderr);
    expect(pauseCode).toBe(0);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const events = [...seen, ...parseEvents(rest)];
    const done = events.at(-1);
    expect(done?.type).toBe("done");
    if (done?.type === "done") expect(done.durationMs).toBeGreaterThan(9_000); // it really lived through the outage
    expect(events.some((e) => e.type === "warning" && /retrying/.test(e.message))).toBe(true);
    expect(getOne(tc, "deployment", "kotsadm", ns).status.availableReplicas).toBe(1);
  }, 150_000);
});
