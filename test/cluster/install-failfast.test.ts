import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ensureCluster, uniqueNamespace, type TestCluster } from "../support/cluster.ts";
import { runKots } from "../support/kots.ts";
import { dropNamespace } from "../support/inspect.ts";
import { clearTaints, withNodesTainted } from "../support/taint.ts";

let tc: TestCluster;
const made: string[] = [];
const install = (ns: string, extra: string[]) =>
  runKots(["install", "acme-helpdesk", "-n", ns, "--yes", "--no-port-forward", "--kubeconfig", tc.kubeconfig, "--wait-duration", "2m", ...extra], {
    env: { KOTS_SHARED_PASSWORD: "fail-fast-pw" },
  });

beforeAll(() => {
  tc = ensureCluster();
  clearTaints(tc);
}, 120_000);
afterAll(() => made.forEach((ns) => dropNamespace(tc, ns)));

describe("fail fast while waiting", () => {
  test("a pod in ImagePullBackOff fails the install in seconds, naming the pod and the reason", async () => {
    // scripts/cluster's kwok Stage gives pods of this marked image ImagePullBackOff instead of Ready.
    const ns = uniqueNamespace("pullfail");
    made.push(ns);
    const t0 = performance.now();
    const r = await install(ns, ["--kotsadm-tag", "v1.88.0-kots-tui-pull-fail"]);
    const seconds = (performance.now() - t0) / 1000;
    expect(r.code).toBe(1);
    const error = r.stderr.trim().split("\n").at(-1)!;
    expect(error).toMatch(/^Error: Deployment\/kotsadm failed: .*pod kotsadm-[a-z0-9]+-[a-z0-9]+/);
    expect(error).toContain("ImagePullBackOff");
    expect(error).toContain("kotsadm/kotsadm:v1.88.0-kots-tui-pull-fail");
    expect(seconds).toBeLessThan(30); // far inside the 2m budget: it did not wait the budget out
  }, 60_000);

  test("an unschedulable pod fails the install after its grace period, with the scheduler's message", async () => {
    const ns = uniqueNamespace("unsched");
    made.push(ns);
    const r = await withNodesTainted(tc, () => install(ns, []));
    expect(r.code).toBe(1);
    const error = r.stderr.trim().split("\n").at(-1)!;
    expect(error).toMatch(/^Error: (StatefulSet|Deployment)\/kotsadm[a-z-]* failed: .*pod kotsadm/);
    expect(error).toMatch(/Unschedulable/);
    expect(error).toMatch(/untolerated taint/);
  }, 90_000);
});
