/**
 * `kots remove` / `kots uninstall` against the real control plane: what goes and in which order,
 * what stays (PVCs, the namespace, objects without our label, RBAC another install uses),
 * idempotence, `kots install` again into the same namespace reusing the PVCs, the refusals of
 * --delete-namespace, the wait budget, Ctrl-C, and the confirmation on a terminal (tmux).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureCluster, uniqueNamespace, type TestCluster } from "../support/cluster.ts";
import { dropNamespace, getItems, getOne } from "../support/inspect.ts";
import { ensureBinary, runKots, spawnKots } from "../support/kots.ts";
import type { RemoveEvent } from "../../src/day2/remove-events.ts";

let tc: TestCluster;
const made: string[] = [];
const fresh = (prefix: string) => {
  const ns = uniqueNamespace(prefix);
  made.push(ns);
  return ns;
};
const install = async (ns: string, extra: string[] = []) => {
  const r = await runKots(["install", "acme-helpdesk", "-n", ns, "--yes", "--no-port-forward", "--kubeconfig", tc.kubeconfig, ...extra], { env: { KOTS_SHARED_PASSWORD: "remove-test-pw" } });
  if (r.code !== 0) throw new Error(`install failed: ${r.stderr}`);
  return r;
};
const remove = (args: string[], env: Record<string, string> = {}) => runKots(["remove", "--kubeconfig", tc.kubeconfig, ...args], { env });
const events = (stdout: string) => stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l) as RemoveEvent);
/** Names of the objects of a kind in the namespace. */
const names = (kind: string, ns: string) => getItems(tc, kind, ns).map((o) => o.metadata.name).sort();
/** Every labelled object of the kinds install makes, as Kind/name. */
const labelled = (ns: string) =>
  getItems(tc, "deploy,sts,svc,secret,cm,sa,role,rolebinding,pvc,lease", ns, ["-l", "kots.io/kotsadm=true"]).map((o) => `${o.kind}/${o.metadata.name}`).sort();

beforeAll(() => {
  tc = ensureCluster();
}, 120_000);
afterAll(() => {
  // dropNamespace also deletes the install's ClusterRoleBinding
  for (const ns of made) dropNamespace(tc, ns);
});

describe("kots remove", () => {
  test("deletes the Admin Console in dependency order, keeps PVCs, the namespace and what lacks our label; a second run has nothing to do; install again reuses the PVCs", async () => {
    const ns = fresh("remove");
    await install(ns);
    // not ours: no label (one of them looks like ours), and an object of the install whose label was taken off
    tc.kubectl(["create", "configmap", "operator-notes", "-n", ns, "--from-literal=a=b"]);
    tc.kubectl(["create", "secret", "generic", "kotsadm-extra", "-n", ns, "--from-literal=a=b"]);
    tc.kubectl(["label", "configmap", "kotsadm-postgres", "-n", ns, "kots.io/kotsadm-"]);
    const pvcsBefore = getItems(tc, "pvc", ns).map((p) => `${p.metadata.name}=${p.metadata.uid}`).sort();
    expect(pvcsBefore).toHaveLength(2);

    const r = await remove(["-n", ns, "--yes", "--output", "json"]);
    expect(r.code).toBe(0);
    const evs = events(r.stdout);
    const plan = evs[0];
    if (plan?.type !== "plan") throw new Error("first event is not the plan");
    expect(plan.phases.map((p) => p.phase)).toEqual(["kotsadm", "datastores", "config", "rbac", "cluster-rbac", "inventory"]);
    expect(plan.phases[0]!.objects.map((o) => `${o.kind}/${o.name}`).sort()).toEqual(["Deployment/kotsadm", "Service/kotsadm"]);
    expect(plan.kept.map((k) => `${k.ref.kind}/${k.ref.name}`)).toEqual(expect.arrayContaining([...pvcsBefore.map((p) => `PersistentVolumeClaim/${p.split("=")[0]}`), `Namespace/${ns}`]));
    // each phase is gone before the next one starts
    const gone = new Map<string, number>();
    const started = new Map<string, number>();
    evs.forEach((e, i) => {
      if (e.type === "status-changed" && e.status === "Gone") gone.set(`${e.ref.kind}/${e.ref.name}`, i);
      if (e.type === "phase-started") started.set(e.phase, i);
    });
    for (let p = 1; p < plan.phases.length; p++)
      for (const o of plan.phases[p - 1]!.objects) expect(gone.get(`${o.kind}/${o.name}`)!).toBeLessThan(started.get(plan.phases[p]!.phase)!);
    const last = evs.at(-1);
    expect(last?.type).toBe("done");

    expect(labelled(ns)).toEqual(pvcsBefore.map((p) => `PersistentVolumeClaim/${p.split("=")[0]}`).sort());
    expect(getOne(tc, "namespace", ns)).toBeDefined();
    expect(getOne(tc, "clusterrolebinding", `kotsadm-rolebinding-${ns}`)).toBeUndefined();
    expect(getOne(tc, "configmap", "operator-notes", ns)).toBeDefined();
    expect(getOne(tc, "secret", "kotsadm-extra", ns)).toBeDefined();
    expect(getOne(tc, "configmap", "kotsadm-postgres", ns)).toBeDefined(); // it lost our label: never touched
    expect(getItems(tc, "pods", ns)).toEqual([]);

    const again = await remove(["-n", ns, "--yes"]);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain(`nothing to remove: no Admin Console objects in ${ns}; kept 2 PersistentVolumeClaim(s) (--delete-pvcs removes them)`);

    // the alias, a namespace that does not exist: also nothing to do
    const none = await runKots(["uninstall", "-n", "no-such-namespace-here", "--yes", "--kubeconfig", tc.kubeconfig]);
    expect(none.code).toBe(0);
    expect(none.stderr).toContain("nothing to remove: no Admin Console objects in no-such-namespace-here (no such namespace)");

    tc.kubectl(["delete", "configmap", "kotsadm-postgres", "-n", ns]); // install refuses objects it did not make
    await install(ns);
    expect(getItems(tc, "pvc", ns).map((p) => `${p.metadata.name}=${p.metadata.uid}`).sort()).toEqual(pvcsBefore);
    expect(getOne(tc, "statefulset", "kotsadm-postgres", ns).status.readyReplicas).toBe(1);
  }, 120_000);

  test("--delete-pvcs deletes the volumes' claims too; the namespace stays", async () => {
    const ns = fresh("remove-pvcs");
    await install(ns);
    const r = await remove(["-n", ns, "--yes", "--delete-pvcs"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("==> delete pvcs");
    expect(names("pvc", ns)).toEqual([]);
    expect(labelled(ns)).toEqual([]);
    expect(getOne(tc, "namespace", ns)).toBeDefined();
  }, 120_000);

  test("another install keeps the shared ClusterRole and its own permissions", async () => {
    const [a, b] = [fresh("remove-a"), fresh("remove-b")];
    await install(a);
    await install(b);
    const r = await remove(["-n", a, "--yes", "--output", "json"]);
    expect(r.code).toBe(0);
    const plan = events(r.stdout)[0];
    if (plan?.type !== "plan") throw new Error("no plan");
    const role = plan.kept.find((k) => k.ref.kind === "ClusterRole");
    expect(role?.reason).toStartWith("shared: still bound by");
    expect(getOne(tc, "clusterrole", "kotsadm-role")).toBeDefined();
    expect(getOne(tc, "clusterrolebinding", `kotsadm-rolebinding-${b}`)).toBeDefined();
    expect(tc.kubectl(["auth", "can-i", "list", "secrets", "-A", `--as=system:serviceaccount:${b}:kotsadm`]).stdout.trim()).toBe("yes");
  }, 120_000);
});

describe("--delete-namespace", () => {
  test("is refused (exit 2, nothing changed) without --delete-pvcs, for a namespace kots did not create, or with foreign objects in it", async () => {
    const ns = fresh("remove-ns");
    await install(ns);
    const before = labelled(ns);
    const r1 = await remove(["-n", ns, "--yes", "--delete-namespace"]);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/--delete-namespace deletes its PVCs too \(.*\): add --delete-pvcs/);
    tc.kubectl(["create", "configmap", "operator-notes", "-n", ns]);
    const r2 = await remove(["-n", ns, "--yes", "--delete-namespace", "--delete-pvcs"]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain("also holds objects that are not the Admin Console's (ConfigMap/operator-notes)");
    expect(labelled(ns)).toEqual(before);

    const theirs = fresh("remove-ns-theirs");
    tc.kubectl(["create", "namespace", theirs]);
    await install(theirs);
    const r3 = await remove(["-n", theirs, "--yes", "--delete-namespace", "--delete-pvcs"]);
    expect(r3.code).toBe(2);
    expect(r3.stderr).toContain(`namespace ${theirs} was not created by kots (managed by kubectl-create)`);
    expect(labelled(theirs).length).toBeGreaterThan(10);
  }, 120_000);

  test("deletes a namespace kots created once only the Admin Console lived in it", async () => {
    const ns = fresh("remove-ns-ok");
    await install(ns);
    const r = await remove(["-n", ns, "--yes", "--delete-namespace", "--delete-pvcs"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("==> delete namespace");
    expect(getOne(tc, "namespace", ns)).toBeUndefined();
  }, 120_000);
});

describe("waiting and stopping", () => {
  test("the wait budget names what is left and why; Ctrl-C exits 130 with what was removed; a re-run finishes", async () => {
    const ns = fresh("remove-stuck");
    await install(ns);
    // something else's finalizer holds one ConfigMap
    expect(tc.kubectl(["patch", "configmap", "kotsadm-confg", "-n", ns, "--type=merge", "-p", '{"metadata":{"finalizers":["kots-tui.dev/hold"]}}']).code).toBe(0);
    const r = await remove(["-n", ns, "--yes", "--wait-duration", "3s"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Error: not gone after 3s (--wait-duration): ConfigMap/kotsadm-confg (terminating: finalizer kots-tui.dev/hold)");

    const proc = spawnKots(["remove", "-n", ns, "--yes", "--output", "json", "--kubeconfig", tc.kubeconfig]);
    const out = new Response(proc.stdout).text();
    await Bun.sleep(1500);
    proc.kill("SIGINT");
    expect(await proc.exited).toBe(130);
    const last = events(await out).at(-1);
    if (last?.type !== "error") throw new Error("the last line is not an error event");
    expect(last.exitCode).toBe(130);
    expect(last.message).toContain("interrupted; removed");
    expect(getOne(tc, "lease", "kots-install", ns)).toBeUndefined(); // released on the way out

    tc.kubectl(["patch", "configmap", "kotsadm-confg", "-n", ns, "--type=merge", "-p", '{"metadata":{"finalizers":null}}']);
    const done = await remove(["-n", ns, "--yes"]);
    expect(done.code).toBe(0);
    expect(labelled(ns).filter((o) => !o.startsWith("PersistentVolumeClaim/"))).toEqual([]);
  }, 120_000);
});

describe("bad input and confirmation", () => {
  test("no namespace, no confirmation without a terminal, a bad duration: exit 2, one line, nothing changed", async () => {
    const ns = fresh("remove-bad");
    await install(ns);
    const before = labelled(ns);
    for (const [args, message] of [
      [["--yes"], "missing input: namespace (-n/--namespace or KOTS_NAMESPACE)"],
      [["-n", ns], "missing input (no terminal to ask): confirmation (--yes or KOTS_YES)"],
      [["-n", ns, "--output", "json"], "missing input (--output json never asks): confirmation (--yes or KOTS_YES)"],
      [["-n", ns, "--yes", "--wait-duration", "soon"], `--wait-duration "soon" is not a duration`],
      [["-n", ns, "--yes", "--output", "yaml"], "--output yaml is not supported: use text or json"],
    ] as [string[], string][]) {
      const r = await remove(args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toContain(message);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
    expect(labelled(ns)).toEqual(before);
  }, 120_000);

  test("on a terminal it shows the plan and asks; n changes nothing, y removes with a live board", async () => {
    const ns = fresh("remove-tty");
    await install(ns);
    const before = labelled(ns);
    const bin = ensureBinary();
    const home = mkdtempSync(path.join(os.tmpdir(), "kots-remove-"));
    const socket = `kots-remove-${process.pid}`;
    const tmux = (...args: string[]) => Bun.spawnSync(["tmux", "-L", socket, ...args], { stdout: "pipe", stderr: "pipe" }).stdout.toString();
    const waitFor = async (session: string, text: string) => {
      for (let i = 0; i < 100; i++) {
        const s = tmux("capture-pane", "-p", "-t", session);
        if (s.includes(text)) return s;
        await Bun.sleep(100);
      }
      throw new Error(`timed out waiting for ${text}:\n${tmux("capture-pane", "-p", "-t", session)}`);
    };
    const start = (session: string) =>
      tmux("new-session", "-d", "-s", session, "-x", "100", "-y", "40", `env -i PATH=/usr/bin:/bin HOME=${home} TERM=xterm LANG=C.UTF-8 ${bin} remove -n ${ns} --kubeconfig ${tc.kubeconfig}; echo EXIT=$?; sleep 60`);
    try {
      start("no");
      const shown = await waitFor("no", "[y/N]:");
      expect(shown).toContain("deletes, in this order:");
      expect(shown).toContain("1. kotsadm: Service/kotsadm, Deployment/kotsadm");
      tmux("send-keys", "-t", "no", "n", "Enter");
      expect(await waitFor("no", "EXIT=")).toContain("EXIT=130");
      expect(labelled(ns)).toEqual(before);

      start("yes");
      await waitFor("yes", "[y/N]:");
      tmux("send-keys", "-t", "yes", "y", "Enter");
      const s = await waitFor("yes", "EXIT=");
      expect(s).toContain("EXIT=0");
      expect(s).toContain(`kots remove · ${ns} · deleting inventory`);
      expect(s).toMatch(/✓ Deployment\/kotsadm\s+gone/);
      expect(s).toContain(`removed `);
    } finally {
      Bun.spawnSync(["tmux", "-L", socket, "kill-server"]);
      rmSync(home, { recursive: true, force: true });
    }
    expect(labelled(ns).filter((o) => !o.startsWith("PersistentVolumeClaim/"))).toEqual([]);
  }, 120_000);
});
