import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { install } from "../../src/install/engine.ts";
import type { InstallEvent } from "../../src/install/events.ts";
import { InstallOptionsSchema } from "../../src/install/options.ts";
import { connect } from "../../src/kube/cluster.ts";
import { runBuiltinChecks } from "../../src/preflight/builtin.ts";
import { ensureCluster, uniqueNamespace, type TestCluster } from "../support/cluster.ts";
import { dropNamespace } from "../support/inspect.ts";

// One preflight run (issue 10): the wizard's preflight step runs the engine's own checks, and the
// install reports those results instead of running them a second time.
let tc: TestCluster;
const made: string[] = [];
beforeAll(() => {
  tc = ensureCluster();
}, 120_000);
afterAll(() => made.forEach((ns) => dropNamespace(tc, ns)));

async function drive(ns: string, builtinChecks?: Awaited<ReturnType<typeof runBuiltinChecks>>) {
  const cluster = connect({ kubeconfig: tc.kubeconfig });
  const options = InstallOptionsSchema.parse({ appSlug: "acme-helpdesk", namespace: ns, sharedPassword: "checks-once-pw", portForward: false, waitDurationMs: 120_000 });
  const events: InstallEvent[] = [];
  const gen = install(options, { cluster, builtinChecks, signal: new AbortController().signal });
  let error: unknown;
  try {
    for (;;) {
      const n = await gen.next();
      if (n.done) break;
      events.push(n.value);
    }
  } catch (err) {
    error = err;
  }
  return { events, error };
}

describe("built-in checks run once", () => {
  test("results given by the caller are reported and decide, without a second run", async () => {
    const ns = uniqueNamespace("once");
    const sentinel = { check: "nodes", outcome: "fail" as const, message: "sentinel: given by the caller, not measured" };
    const { events, error } = await drive(ns, [{ check: "api-server", outcome: "pass", message: "given" }, sentinel]);
    expect((error as Error).message).toBe(sentinel.message); // a re-run would have found 2 Ready nodes
    expect(events.filter((e) => e.type === "preflight-result").map((e) => (e as { message: string }).message)).toEqual(["given", sentinel.message]);
    expect(tc.kubectl(["get", "namespace", ns]).code).not.toBe(0);
  });

  test("the shared runBuiltinChecks is what the engine runs when no results are given", async () => {
    const ns = uniqueNamespace("once-run");
    made.push(ns);
    const seen: string[] = [];
    const own = await runBuiltinChecks(connect({ kubeconfig: tc.kubeconfig }), { namespace: ns, useMinimalRbac: false }, (r) => seen.push(r.check));
    expect(own.map((r) => r.check)).toEqual(["api-server", "permissions", "storage-class", "nodes"]);
    expect(seen.sort()).toEqual(["api-server", "nodes", "permissions", "storage-class"]);
    const { events, error } = await drive(ns, own);
    expect(error).toBeUndefined();
    expect(events.at(-1)?.type).toBe("done");
  });
});
