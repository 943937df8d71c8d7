/**
 * The removal plan (pure): which objects go, in which phase, what stays and why, when the shared
 * ClusterRole may go, and when --delete-namespace is refused. Plus the terminal board's folding.
 */
import { describe, expect, test } from "bun:test";
import { planRemoval, type Found, type RemoveInputs } from "../../../src/day2/remove-plan.ts";
import type { ResourceType } from "../../../src/kube/discovery.ts";
import { boardReducer, initialBoard, renderBoard } from "../../../src/cli/printers/remove-board.ts";

const NS = "acme";
const type = (kind: string, namespaced = true, group = ""): ResourceType => ({ group, version: "v1", kind, plural: `${kind.toLowerCase()}s`, namespaced, verbs: ["list", "delete"] });
let uid = 0;
function obj(kind: string, name: string, opts: { labelled?: boolean; managers?: string[]; owned?: boolean; namespaced?: boolean; extra?: Record<string, unknown> } = {}): Found {
  const namespaced = opts.namespaced ?? true;
  return {
    type: type(kind, namespaced),
    obj: {
      apiVersion: "v1",
      kind,
      ...opts.extra,
      metadata: {
        name,
        ...(namespaced ? { namespace: NS } : {}),
        uid: `uid-${++uid}`,
        labels: opts.labelled === false ? {} : { "kots.io/kotsadm": "true" },
        managedFields: (opts.managers ?? ["kots"]).map((manager) => ({ manager })),
        ...(opts.owned ? { ownerReferences: [{ uid: "owner" }] } : {}),
      },
    },
  };
}
const base = (over: Partial<RemoveInputs> = {}): RemoveInputs => ({
  namespace: NS,
  labelled: [
    obj("Deployment", "kotsadm"),
    obj("Service", "kotsadm"),
    obj("StatefulSet", "kotsadm-postgres"),
    obj("Service", "kotsadm-postgres"),
    obj("Secret", "kotsadm-password"),
    obj("Secret", "kotsadm-sessions", { managers: ["kotsadm"] }),
    obj("ConfigMap", "kots-inventory"),
    obj("ServiceAccount", "kotsadm"),
    obj("PersistentVolumeClaim", "kotsadm-postgres-kotsadm-postgres-0", { managers: ["kube-controller-manager"] }),
    obj("Pod", "kotsadm-postgres-0", { owned: true }),
    obj("ReplicaSet", "kotsadm-abc", { owned: true }),
    obj("Endpoints", "kotsadm", { managers: ["kube-controller-manager"] }),
    obj("Lease", "kots-install"),
  ],
  namespaceObj: obj("Namespace", NS, { labelled: false, namespaced: false }),
  clusterRoleBinding: obj("ClusterRoleBinding", `kotsadm-rolebinding-${NS}`, { namespaced: false }),
  clusterRole: obj("ClusterRole", "kotsadm-role", { namespaced: false }),
  roleRefBindings: [],
  deletePvcs: false,
  deleteNamespace: false,
  ...over,
});
const phases = (inp: RemoveInputs) => planRemoval(inp).phases.map((p) => `${p.phase}: ${p.targets.map((t) => `${t.ref.kind}/${t.ref.name}`).join(" ")}`);

describe("planRemoval", () => {
  test("phases in dependency order; owned objects, Endpoints and the Lease are left to their owners; PVCs and the namespace stay", () => {
    const inp = base();
    expect(phases(inp)).toEqual([
      "kotsadm: Deployment/kotsadm Service/kotsadm",
      "datastores: StatefulSet/kotsadm-postgres Service/kotsadm-postgres",
      "config: Secret/kotsadm-password Secret/kotsadm-sessions",
      "rbac: ServiceAccount/kotsadm",
      `cluster-rbac: ClusterRoleBinding/kotsadm-rolebinding-${NS} ClusterRole/kotsadm-role`,
      "inventory: ConfigMap/kots-inventory",
    ]);
    const plan = planRemoval(inp);
    expect(plan.kept.map((k) => `${k.ref.kind}/${k.ref.name}: ${k.reason}`)).toEqual([
      "PersistentVolumeClaim/kotsadm-postgres-kotsadm-postgres-0: kept (its data stays): --delete-pvcs removes it",
      `Namespace/${NS}: kept: --delete-namespace removes it`,
    ]);
    const deploy = plan.phases[0]!.targets[0]!;
    expect(deploy.propagation).toBe("Foreground");
    expect(plan.phases[2]!.targets[0]!.propagation).toBe("Background");
  });

  test("an object without our label is never planned, even when it has our name", () => {
    const inp = base({ labelled: [obj("Secret", "kotsadm-password", { labelled: false }), obj("Deployment", "kotsadm")] });
    expect(phases(inp)[0]).toBe("kotsadm: Deployment/kotsadm");
    expect(phases(inp).join()).not.toContain("Secret/kotsadm-password");
  });

  test("the shared ClusterRole stays while any other binding refers to it, or when KOTS made it without our label", () => {
    const other = obj("ClusterRoleBinding", "kotsadm-rolebinding-other", { namespaced: false });
    const ours = base().clusterRoleBinding!;
    const shared = planRemoval(base({ clusterRoleBinding: ours, roleRefBindings: [ours, other] }));
    expect(shared.kept.find((k) => k.ref.kind === "ClusterRole")?.reason).toBe("shared: still bound by ClusterRoleBinding/kotsadm-rolebinding-other");
    expect(shared.phases.find((p) => p.phase === "cluster-rbac")!.targets.map((t) => t.ref.name)).toEqual([`kotsadm-rolebinding-${NS}`]);
    const byKots = planRemoval(base({ clusterRole: obj("ClusterRole", "kotsadm-role", { namespaced: false, labelled: false, managers: ["kotsadm"] }) }));
    expect(byKots.kept.find((k) => k.ref.kind === "ClusterRole")?.reason).toBe("not made by kots (managed by kotsadm): left as it is");
    const unused = planRemoval(base({ clusterRoleBinding: ours, roleRefBindings: [ours] }));
    expect(unused.phases.find((p) => p.phase === "cluster-rbac")!.targets.map((t) => t.ref.kind)).toEqual(["ClusterRoleBinding", "ClusterRole"]);
  });

  test("--delete-pvcs adds the pvcs phase after the workloads", () => {
    expect(phases(base({ deletePvcs: true }))[2]).toBe("pvcs: PersistentVolumeClaim/kotsadm-postgres-kotsadm-postgres-0");
  });

  test("--delete-namespace: refused for a namespace kots did not create, with PVCs but no --delete-pvcs, or with foreign objects; else last", () => {
    const everything = [...base().labelled, obj("ServiceAccount", "default", { labelled: false }), obj("ConfigMap", "kube-root-ca.crt", { labelled: false }), obj("Event", "x.1", { labelled: false })];
    const theirs = planRemoval(base({ deleteNamespace: true, deletePvcs: true, everything, namespaceObj: obj("Namespace", NS, { labelled: false, namespaced: false, managers: ["kubectl-create"] }) }));
    expect(theirs.namespaceProblems).toEqual([`namespace ${NS} was not created by kots (managed by kubectl-create): drop --delete-namespace`]);
    const noPvcFlag = planRemoval(base({ deleteNamespace: true, everything }));
    expect(noPvcFlag.namespaceProblems).toEqual(["--delete-namespace deletes its PVCs too (kotsadm-postgres-kotsadm-postgres-0): add --delete-pvcs"]);
    const foreign = planRemoval(base({ deleteNamespace: true, deletePvcs: true, everything: [...everything, obj("ConfigMap", "operator-notes", { labelled: false, managers: ["kubectl-create"] })] }));
    expect(foreign.namespaceProblems).toEqual([`namespace ${NS} also holds objects that are not the Admin Console's (ConfigMap/operator-notes): remove them first, or drop --delete-namespace`]);
    const ok = planRemoval(base({ deleteNamespace: true, deletePvcs: true, everything }));
    expect(ok.namespaceProblems).toEqual([]);
    expect(ok.phases.at(-1)!.phase).toBe("namespace");
  });
});

describe("the terminal board", () => {
  test("rows follow the events; gone rows fold into one line when the board is taller than the terminal", () => {
    const plan = planRemoval(base());
    let s = initialBoard(plan, 0);
    const ref = plan.phases[0]!.targets[0]!.ref;
    s = boardReducer(s, { type: "phase-started", at: 1, phase: "kotsadm" });
    s = boardReducer(s, { type: "object-deleting", at: 1000, ref });
    s = boardReducer(s, { type: "status-changed", at: 1500, ref, status: "Terminating", message: "terminating: waiting for what it owns (its pods) to be deleted", elapsedMs: 500, budgetMs: 300000 });
    let lines = renderBoard(s, 2000, { columns: 80, unicode: true, color: false });
    expect(lines[0]).toBe("kots remove · acme · deleting kotsadm · 2s");
    expect(lines[1]).toMatch(/^◐ Deployment\/kotsadm\s+Terminating\s+1\.0s$/);
    expect(lines[2]).toBe("    terminating: waiting for what it owns (its pods) to be deleted");
    s = boardReducer(s, { type: "status-changed", at: 2500, ref, status: "Gone", message: "deleted", elapsedMs: 1500, budgetMs: 300000 });
    lines = renderBoard(s, 3000, { columns: 80, unicode: false, color: false, maxLines: 5 });
    expect(lines).toHaveLength(5);
    expect(lines[1]).toBe("+ 1 gone");
    expect(lines[4]).toMatch(/^\.\.\. \d+ more$/);
    expect(lines.every((l) => l.length <= 80)).toBe(true);
  });
});
