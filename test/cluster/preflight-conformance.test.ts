/**
 * Conformance of app preflights with troubleshoot's own `preflight` v0.133.0 (built from the Go
 * module by the test set-up): both run every fixture spec of test/fixtures/preflight against the
 * same local cluster, one after the other, and must give the same outcome, message, URI and
 * strictness for every check title (our results troubleshoot's CLI never prints, an analyzer
 * error or a kind we do not run, are checked to be absent from its output); each title's outcome must also be the one its fixture's
 * `.expect.yaml` names (written by hand from the cluster state the fixture sets up).
 * kwok stands in for kubelets; extra fixture nodes carry a NoSchedule taint so no other test's pod
 * lands on them.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { connect } from "../../src/kube/cluster.ts";
import { runAppPreflight } from "../../src/preflight/app/run.ts";
import { parsePreflightSpec } from "../../src/preflight/app/spec.ts";
import { ensureCluster, type TestCluster } from "../support/cluster.ts";
import { fixtureObjects, preflightFixtures, waitSettled } from "../support/preflight-fixtures.ts";
import { preflightPeer, runPeerPreflight } from "../support/preflight-peer.ts";

let cluster: TestCluster;
const created = { namespaces: new Set<string>(), nodes: new Set<string>() };

/** Deletes what fixtures created and waits, so the next fixture sees the cluster without them. */
function removeCreated(): void {
  for (const n of created.nodes) cluster.kubectl(["delete", "node", n, "--ignore-not-found", "--timeout=60s"]);
  for (const ns of created.namespaces) cluster.kubectl(["delete", "namespace", ns, "--ignore-not-found", "--timeout=90s"]);
  created.nodes.clear();
  created.namespaces.clear();
}
const cwd = process.cwd();
const scratch = mkdtempSync(path.join(os.tmpdir(), "kots-preflight-peer-"));

beforeAll(() => {
  cluster = ensureCluster();
  preflightPeer((l) => process.stderr.write(`${l}\n`));
  // The peer writes its preflightbundle-*.tar.gz into the working directory.
  process.chdir(scratch);
}, 900_000);

afterAll(() => {
  process.chdir(cwd);
  removeCreated();
  rmSync(scratch, { recursive: true, force: true });
}, 200_000);

describe("app preflights match troubleshoot preflight v0.133.0", () => {
  for (const fx of preflightFixtures()) {
    test(
      fx.name,
      async () => {
        try {
          await compare(fx);
        } finally {
          removeCreated();
        }
      },
      240_000,
    );
  }
});

async function compare(fx: ReturnType<typeof preflightFixtures>[number]): Promise<void> {
  if (fx.objectsPath) {
    const objects = fixtureObjects(fx.objectsPath);
    objects.namespaces.forEach((n) => created.namespaces.add(n));
    objects.nodes.forEach((n) => created.nodes.add(n));
    const applied = cluster.kubectl(["apply", "--server-side", "--force-conflicts", "--field-manager=kots-tui-fixtures", "-f", fx.objectsPath]);
    expect(applied.stderr).not.toContain("error");
    expect(applied.code).toBe(0);
    await waitSettled(cluster, objects.namespaces);
  }
  const peer = await runPeerPreflight(fx.specPath, cluster.kubeconfig);
  if (peer.exitCode === 1 || peer.exitCode === 2)
    throw new Error(`troubleshoot preflight failed on ${fx.name} (exit ${peer.exitCode}): ${peer.stderr.trim().split("\n").at(-1)}`);
  const spec = parsePreflightSpec(readFileSync(fx.specPath, "utf8"), fx.specPath);
  const ours = await runAppPreflight(connect({ kubeconfig: cluster.kubeconfig }), spec);

  // A check title may repeat (one result per pod, per object): compare the results as sorted lists.
  const norm = (rs: Array<{ title: string; outcome: string; message: string; uri: string; strict: boolean }>) =>
    rs.map((r) => ({ title: r.title, outcome: r.outcome, message: r.message, uri: r.uri, strict: r.strict })).sort((a, b) => (`${a.title}\0${a.message}` < `${b.title}\0${b.message}` ? -1 : 1));
  const theirs = norm(peer.results);
  // What the CLI never prints (an analyzer error, which it only logs; a kind we do not run) is ours alone: never one of its titles.
  const extra = ours.results.filter((r) => r.note);
  for (const r of extra) expect({ title: r.title, inPeer: theirs.some((t) => t.title === r.title) }).toEqual({ title: r.title, inPeer: false });
  const mine = norm(ours.results.filter((r) => !r.note));
  // Same checks, same outcome, message, URI and strictness, title by title.
  expect(mine).toEqual(theirs);
  // And the cases are the ones the fixture was written to produce.
  expect(Object.fromEntries(theirs.map((r) => [r.title, r.outcome]))).toEqual(fx.expect);
  expect(theirs.length).toBeGreaterThan(0);
}
