import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import path from "node:path";
import type { InstallEvent } from "../../src/install/events.ts";
import { ensureCluster, FAULTS_CLUSTER, uniqueNamespace, type TestCluster } from "../support/cluster.ts";
import { drain, readUntil } from "../support/event-stream.ts";
import { getOne } from "../support/inspect.ts";
import { allOutputs, parseEvents, spawnKots } from "../support/kots.ts";

// An API server that goes away mid-install, on a cluster of its own (FAULTS_CLUSTER): afterwards
// kube-controller-manager takes tens of seconds to catch up, which is the cluster's business, not
// the installer's, and must not slow down the other tests.
let tc: TestCluster;
const password = "faults-password";
const cluster = path.resolve(import.meta.dir, "../../scripts/cluster");

beforeAll(() => {
  tc = ensureCluster(FAULTS_CLUSTER);
}, 120_000);
// Nothing else uses this cluster: stop it, so its processes do not load the machine for the rest.
afterAll(() => {
  Bun.spawnSync(["bash", cluster, "down"], { env: { ...process.env, KOTS_TUI_CLUSTER: FAULTS_CLUSTER }, stdout: "ignore", stderr: "ignore" });
}, 60_000);

/** Runs an install, starts `fault` once `when` is seen, and returns the exit code and all events. */
async function installThrough(ns: string, when: (e: InstallEvent) => boolean, fault: string[]) {
  const seen: InstallEvent[] = [];
  const proc = spawnKots(["install", "acme-helpdesk", "-n", ns, "--yes", "--no-port-forward", "--output", "json", "--kubeconfig", tc.kubeconfig, "--wait-duration", "3m"], {
    env: { KOTS_SHARED_PASSWORD: password },
  });
  const reader = await readUntil(proc.stdout, when, seen);
  const f = Bun.spawn(["bash", cluster, ...fault], { env: { ...process.env, KOTS_TUI_CLUSTER: FAULTS_CLUSTER }, stdout: "pipe", stderr: "pipe" });
  const [rest, stderr, code, faultCode] = await Promise.all([drain(reader), new Response(proc.stderr).text(), proc.exited, f.exited]);
  allOutputs.push(rest, stderr);
  return { code, stderr, faultCode, events: [...seen, ...parseEvents(rest)] };
}

describe("a stalled or restarted API server", () => {
  test("frozen (SIGSTOP) for 40 s mid-apply: the install retries and completes", async () => {
    const ns = uniqueNamespace("frozen");
    const r = await installThrough(ns, (e) => e.type === "step-started" && e.step === "apply", ["freeze-apiserver", "40"]);
    expect(r.faultCode).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const done = r.events.at(-1);
    if (done?.type !== "done") throw new Error(`last event ${done?.type}`);
    expect(done.durationMs).toBeGreaterThan(35_000); // it really waited through the freeze
    expect(getOne(tc, "deployment", "kotsadm", ns).status.availableReplicas).toBe(1);
  }, 240_000);

  test("stopped for 10 s mid-install: the install retries and completes within its budget", async () => {
    const ns = uniqueNamespace("apidown");
    const r = await installThrough(ns, (e) => e.type === "rendered", ["pause-apiserver", "10"]);
    expect(r.faultCode).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const done = r.events.at(-1);
    if (done?.type !== "done") throw new Error(`last event ${done?.type}`);
    expect(done.durationMs).toBeGreaterThan(9_000); // it really lived through the outage
    expect(r.events.some((e) => e.type === "warning" && /retrying/.test(e.message))).toBe(true);
    expect(getOne(tc, "deployment", "kotsadm", ns).status.availableReplicas).toBe(1);
  }, 240_000);
});
