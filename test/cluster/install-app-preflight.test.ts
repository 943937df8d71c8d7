/**
 * The release's own troubleshoot Preflight runs before anything changes (issue 11): a failing
 * check stops `kots install` with exit 1 and the namespace is never created; a strict check runs
 * even with --skip-preflights; a bad spec is bad input (exit 2). Runs the compiled binary headless
 * against the local cluster (kwok nodes: 2 × 8 CPU, Kubernetes v1.36).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureCluster, uniqueNamespace, type TestCluster } from "../support/cluster.ts";
import { dropNamespace } from "../support/inspect.ts";
import { runKots } from "../support/kots.ts";

let tc: TestCluster;
const made: string[] = [];
const root = mkdtempSync(path.join(os.tmpdir(), "kots-app-preflight-"));
const LICENSE = ["--license-file", "examples/licenses/acme-helpdesk-v1beta2.yaml", "--license-public-key", "examples/keys/example-global.public.pem"];

/** A copy of the example release whose Preflight is `preflight`. */
function release(name: string, preflight: string): string {
  const dir = path.join(root, name);
  cpSync("examples/acme-helpdesk", dir, { recursive: true });
  writeFileSync(path.join(dir, "kots-preflight.yaml"), preflight);
  return dir;
}

const spec = (analyzers: string) => `apiVersion: troubleshoot.sh/v1beta2
kind: Preflight
metadata:
  name: acme-helpdesk
spec:
  analyzers:
${analyzers}`;

const tooFewCpus = (strict: boolean) => `    - nodeResources:
        checkName: Total CPU cores
        strict: ${strict}
        outcomes:
          - fail:
              when: "sum(cpuCapacity) < 64"
              message: Acme Helpdesk needs 64 CPU cores.
          - pass:
              message: enough cores
`;

const install = (dir: string, ns: string, extra: string[] = []) =>
  runKots(["install", dir, "-n", ns, "--yes", "--no-port-forward", "--output", "json", "--kubeconfig", tc.kubeconfig, ...LICENSE, ...extra], {
    env: { KOTS_SHARED_PASSWORD: "app-preflight-pw" },
  });

const namespaceExists = (ns: string) => tc.kubectl(["get", "namespace", ns]).code === 0;

beforeAll(() => {
  tc = ensureCluster();
}, 120_000);
afterAll(() => {
  made.forEach((ns) => dropNamespace(tc, ns));
  rmSync(root, { recursive: true, force: true });
});

describe("the app's preflight blocks a failing install before any change", () => {
  test("a failing check: exit 1, the check in the NDJSON stream and the error, and no namespace", async () => {
    const ns = uniqueNamespace("apppf-fail");
    made.push(ns);
    const r = await install(release("fail", spec(tooFewCpus(false))), ns);
    expect(r.code).toBe(1);
    const result = r.events.find((e) => e.type === "preflight-result" && e.source === "app");
    expect(result).toEqual({ type: "preflight-result", at: expect.any(Number), check: "Total CPU cores", outcome: "fail", message: "Acme Helpdesk needs 64 CPU cores.", source: "app", analyzer: "nodeResources", strict: false });
    const last = r.events.at(-1)!;
    expect(last.type).toBe("error");
    expect(last).toMatchObject({ exitCode: 1, applied: [] });
    expect((last as { message: string }).message).toContain("Total CPU cores: Acme Helpdesk needs 64 CPU cores.");
    expect(r.events.some((e) => e.type === "object-applied")).toBe(false);
    expect(namespaceExists(ns)).toBe(false);
  });

  test("--skip-preflights skips a non-strict failing check (the install goes on)", async () => {
    const ns = uniqueNamespace("apppf-skip");
    made.push(ns);
    const r = await install(release("skip", spec(tooFewCpus(false))), ns, ["--skip-preflights", "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.events.filter((e) => e.type === "preflight-result" && e.source === "app")).toEqual([]);
    expect(r.events.at(-1)).toMatchObject({ type: "done" });
  });

  test("a strict check runs even with --skip-preflights, and blocks", async () => {
    const ns = uniqueNamespace("apppf-strict");
    made.push(ns);
    const r = await install(release("strict", spec(tooFewCpus(true))), ns, ["--skip-preflights"]);
    expect(r.code).toBe(1);
    expect(r.events.find((e) => e.type === "preflight-result" && e.source === "app")).toMatchObject({ check: "Total CPU cores", outcome: "fail", strict: true });
    expect(namespaceExists(ns)).toBe(false);
  });

  test("the example release's own Preflight passes on this cluster, its exclude rendered from the ConfigValues", async () => {
    const ns = uniqueNamespace("apppf-example");
    made.push(ns);
    const r = await install("./examples/acme-helpdesk", ns, ["--config-values", "examples/acme-helpdesk/configvalues.yaml", "--dry-run"]);
    expect(r.code).toBe(0);
    const app = r.events.filter((e) => e.type === "preflight-result" && e.source === "app").map((e) => [(e as { check: string }).check, (e as { outcome: string }).outcome]);
    expect(app).toEqual([
      ["Required Kubernetes Version", "pass"],
      ["Default storage class", "pass"],
      ["Node count", "pass"],
      ["Total CPU cores", "pass"],
      ["Memory per node", "pass"],
      ["Ephemeral storage per node", "pass"],
    ]);
  });

  test("a Preflight that does not parse is bad input: exit 2, one line naming the file, nothing created", async () => {
    const ns = uniqueNamespace("apppf-bad");
    made.push(ns);
    const r = await install(release("bad", spec("    - clusterVersion: {outcomes: [{pass: {message: '{{repl ConfigOption \"nope\" }'}}]}\n  bad: [\n")), ns, ["--output", "text"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("kots-preflight.yaml");
    expect(namespaceExists(ns)).toBe(false);
  });
});
