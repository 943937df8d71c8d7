/**
 * `kots preflight APP|SPEC|-` on the compiled binary against the local cluster: troubleshoot's
 * exit codes (0 all passed, 3 a fail, 4 warnings only, 2 a bad spec), the NDJSON stream under
 * --output json, stdin, and -n reading only that namespace.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureCluster, uniqueNamespace, type TestCluster } from "../support/cluster.ts";
import { dropNamespace } from "../support/inspect.ts";
import { runKots } from "../support/kots.ts";

let tc: TestCluster;
const made: string[] = [];
const dir = mkdtempSync(path.join(os.tmpdir(), "kots-preflight-cmd-"));

/** A Preflight checking ConfigMap `name` in `namespace` (collector + analyzer), plus `extra` analyzers. */
function specFile(file: string, name: string, namespace: string, extra = ""): string {
  const p = path.join(dir, file);
  writeFileSync(
    p,
    `apiVersion: troubleshoot.sh/v1beta2
kind: Preflight
metadata: {name: cmd}
spec:
  collectors:
    - configMap: {name: ${name}, namespace: ${namespace}}
  analyzers:
    - configMap:
        checkName: root CA
        configMapName: ${name}
        namespace: ${namespace}
        outcomes:
          - fail: {message: missing}
          - pass: {message: present, uri: "https://example.com/ca"}
${extra}`,
  );
  return p;
}

const run = (args: string[], stdin?: string) => runKots(["preflight", ...args, "--kubeconfig", tc.kubeconfig], { stdin });

beforeAll(() => {
  tc = ensureCluster();
}, 120_000);
afterAll(() => {
  made.forEach((ns) => dropNamespace(tc, ns));
  rmSync(dir, { recursive: true, force: true });
});

describe("kots preflight", () => {
  test("every check passes: exit 0, the check on stdout, the summary on stderr", async () => {
    const r = await run([specFile("pass.yaml", "kube-root-ca.crt", "kube-system")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("[pass] root CA: present (https://example.com/ca)\n");
    expect(r.stderr).toMatch(/^1 passed, 0 warned, 0 failed in \d+\.\d s\n$/);
  });

  test("a failing check: exit 3; NDJSON results then the summary", async () => {
    const r = await run([specFile("fail.yaml", "no-such-configmap", "kube-system"), "--output", "json"]);
    expect(r.code).toBe(3);
    expect(r.events).toEqual([
      { type: "preflight-result", at: expect.any(Number), check: "root CA", outcome: "fail", message: "missing", source: "app", analyzer: "configMap", strict: false },
      { type: "preflight-summary", at: expect.any(Number), pass: 0, warn: 0, fail: 1, durationMs: expect.any(Number), exitCode: 3 } as never,
    ]);
  });

  test("warnings only (an analyzer kots-tui does not run is one): exit 4, from stdin", async () => {
    const text = await Bun.file(specFile("warn.yaml", "kube-root-ca.crt", "kube-system", "    - longhorn: {checkName: lh, outcomes: []}\n")).text();
    const r = await run(["-"], text);
    expect(r.code).toBe(4);
    expect(r.stdout).toContain("[warn] longhorn: kots-tui does not run the longhorn analyzer");
  });

  test("a bad spec: exit 2, one line naming the input; under --output json an error event", async () => {
    const bad = path.join(dir, "bad.yaml");
    writeFileSync(bad, "apiVersion: troubleshoot.sh/v1beta2\nkind: Preflight\nspec:\n  analyzers: {nope: 1}\n");
    const r = await run([bad]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([`Error: ${bad}: spec.analyzers must be a list of objects, one key each (e.g. - clusterVersion: {...})`]);
    const j = await run([bad, "--output", "json"]);
    expect(j.code).toBe(2);
    expect(j.events.at(-1)).toMatchObject({ type: "error", exitCode: 2 });
    const missing = await run([path.join(dir, "nope.yaml")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("nope.yaml");
  });

  test("-n reads only that namespace's resources (clusterResources), as troubleshoot's -n does", async () => {
    const ns = uniqueNamespace("pfcmd");
    made.push(ns);
    const created = tc.kubectl(["create", "namespace", ns]);
    expect(created.code).toBe(0);
    expect(tc.kubectl(["create", "deployment", "web", "--image=nginx:1.27", "-n", ns]).code).toBe(0);
    const p = path.join(dir, "ns.yaml");
    writeFileSync(
      p,
      `apiVersion: troubleshoot.sh/v1beta2
kind: Preflight
metadata: {name: ns}
spec:
  analyzers:
    - deploymentStatus:
        name: web
        namespace: ${ns}
        outcomes:
          - fail: {when: "absent", message: not found}
          - pass: {message: found}
`,
    );
    const all = await run([p]);
    expect(all.stdout).toBe("[pass] web Status: found\n");
    expect(all.code).toBe(0);
    // With -n default the deployments of that namespace are not collected: no outcome matches, and
    // like troubleshoot's preflight ("completed with no analysis results") that is exit 1.
    const only = await run([p, "-n", "default"]);
    expect(only.stdout).toBe("");
    expect(only.stderr.trim()).toBe("Error: the preflight completed with no results: no outcome of any analyzer matched what was collected");
    expect(only.code).toBe(1);
  });
});
