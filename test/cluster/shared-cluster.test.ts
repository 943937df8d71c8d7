import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { connect } from "../../src/kube/cluster.ts";
import { watchCollection } from "../../src/kube/watch.ts";
import { ensureCluster, uniqueNamespace, type TestCluster } from "../support/cluster.ts";
import { dropNamespace, getItems, getOne } from "../support/inspect.ts";
import { runKots } from "../support/kots.ts";

// Several installs sharing one cluster (design §4): they never break each other, never rotate a
// secret, prune only what they own, and never adopt an object they did not create.
let tc: TestCluster;
const made: string[] = [];
const fresh = (prefix: string) => {
  const ns = uniqueNamespace(prefix);
  made.push(ns);
  return ns;
};
const install = (ns: string, extra: string[] = [], wait = "2m") =>
  runKots(["install", "acme-helpdesk", "-n", ns, "--yes", "--no-port-forward", "--output", "json", "--kubeconfig", tc.kubeconfig, "--wait-duration", wait, ...extra], {
    env: { KOTS_SHARED_PASSWORD: "shared-cluster-pw" },
    timeoutMs: 200_000,
  });
const canI = (ns: string, args: string[]) => tc.kubectl(["auth", "can-i", ...args, `--as=system:serviceaccount:${ns}:kotsadm`]).stdout.trim();

beforeAll(() => {
  tc = ensureCluster();
}, 120_000);
afterAll(() => made.forEach((ns) => dropNamespace(tc, ns)));

describe("cluster-scoped RBAC shared by installs", () => {
  test("two namespaces installed one after the other both keep their cluster permissions", async () => {
    const [a, b] = [fresh("rbac-a"), fresh("rbac-b")];
    expect((await install(a)).code).toBe(0);
    expect((await install(b)).code).toBe(0);
    for (const ns of [a, b]) {
      expect(canI(ns, ["list", "secrets", "-A"])).toBe("yes");
      expect(getOne(tc, "clusterrolebinding", `kotsadm-rolebinding-${ns}`).subjects).toEqual([{ kind: "ServiceAccount", name: "kotsadm", namespace: ns }]);
    }
  }, 200_000);
});

describe("one install per namespace at a time", () => {
  test("two parallel runs into one namespace both succeed and leave one password", async () => {
    const ns = fresh("parallel");
    // Every version of the generated Secrets the API server ever held, seen by an independent watch.
    const seen = new Map<string, Set<string>>();
    const ac = new AbortController();
    const cluster = connect({ kubeconfig: tc.kubeconfig });
    let synced = false;
    void watchCollection(cluster, {
      path: `/api/v1/namespaces/${ns}/secrets`,
      signal: ac.signal,
      onSynced: () => (synced = true),
      onEvent: (_t, obj) => {
        const data = (obj as { data?: Record<string, string> }).data ?? {};
        const value = data.password ?? data.passwordBcrypt;
        if (value) (seen.get(obj.metadata.name) ?? seen.set(obj.metadata.name, new Set()).get(obj.metadata.name)!).add(value);
      },
    });
    for (let i = 0; i < 100 && !synced; i++) await Bun.sleep(50);
    const [r1, r2] = await Promise.all([install(ns), install(ns)]);
    await Bun.sleep(500);
    ac.abort();
    expect([r1.code, r2.code]).toEqual([0, 0]);
    expect(seen.get("kotsadm-postgres")?.size).toBe(1);
    expect(seen.get("kotsadm-password")?.size).toBe(1);
    // one of them waited for the other's Lease
    const waited = [...r1.events, ...r2.events].filter((e) => e.type === "warning" && e.message.includes("another kots install is running"));
    expect(waited.length).toBeGreaterThanOrEqual(1);
    expect(getOne(tc, "lease", "kots-install", ns)).toBeUndefined(); // released at the end
  }, 200_000);
});

describe("inventory and prune", () => {
  test("a storage-mode change prunes the old workload, MinIO and its Secret, and keeps the PVCs", async () => {
    const ns = fresh("prune");
    expect((await install(ns)).code).toBe(0);
    const minioPvcs = getItems(tc, "pvc", ns).map((p) => p.metadata.name).filter((n) => n.includes("minio"));
    expect(minioPvcs.length).toBe(1);
    const second = await install(ns, ["--with-minio=false"]);
    expect(second.code).toBe(0);
    const pruned = second.events.flatMap((e) => (e.type === "object-pruned" ? [`${e.ref.kind}/${e.ref.name}`] : []));
    expect(pruned).toEqual(["Deployment/kotsadm", "StatefulSet/kotsadm-minio", "Service/kotsadm-minio", "Secret/kotsadm-minio"]);
    expect(getOne(tc, "deployment", "kotsadm", ns)).toBeUndefined();
    expect(getOne(tc, "statefulset", "kotsadm-minio", ns)).toBeUndefined();
    expect(getOne(tc, "statefulset", "kotsadm", ns).status.readyReplicas).toBe(1);
    // never deletes PVCs unless asked: MinIO's data stays
    expect(getItems(tc, "pvc", ns).map((p) => p.metadata.name)).toEqual(expect.arrayContaining(minioPvcs));
    const inventory = getOne(tc, "configmap", "kots-inventory", ns).data.objects as string;
    expect(inventory).toContain('"kind":"StatefulSet","name":"kotsadm"');
    expect(inventory).not.toContain("kotsadm-minio");
  }, 200_000);

  test("--use-minimal-rbac prunes the namespace's own ClusterRoleBinding but never the shared ClusterRole", async () => {
    const [ns, other] = [fresh("prune-rbac"), fresh("prune-rbac-other")];
    expect((await install(other)).code).toBe(0);
    expect((await install(ns)).code).toBe(0);
    const second = await install(ns, ["--use-minimal-rbac"]);
    expect(second.code).toBe(0);
    expect(getOne(tc, "clusterrolebinding", `kotsadm-rolebinding-${ns}`)).toBeUndefined();
    expect(getOne(tc, "clusterrole", "kotsadm-role")).toBeDefined();
    expect(canI(other, ["list", "secrets", "-A"])).toBe("yes");
    expect(canI(ns, ["list", "secrets", "-n", ns])).toBe("yes");
  }, 200_000);
});

describe("objects we did not create", () => {
  test("a foreign Service blocks the install before anything changes; --adopt takes it over", async () => {
    const ns = fresh("foreign");
    tc.kubectl(["create", "namespace", ns]);
    const svc = {
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: "kotsadm-postgres", namespace: ns },
      spec: { type: "NodePort", externalIPs: ["192.0.2.10"], selector: { app: "someone-else" }, ports: [{ port: 5432 }] },
    };
    expect(tc.kubectl(["apply", "-f", "-"], JSON.stringify(svc)).code).toBe(0);
    const r = await install(ns);
    expect(r.code).toBe(1);
    const check = r.events.find((e) => e.type === "preflight-result" && e.check === "existing-install");
    expect(check).toMatchObject({ outcome: "fail" });
    const last = r.events.at(-1);
    if (last?.type !== "error") throw new Error("no error event");
    expect(last.message).toContain("Service/kotsadm-postgres");
    expect(last.message).toContain("--adopt");
    expect(last.applied).toEqual([]);
    expect(getItems(tc, "secrets", ns).filter((s) => s.metadata.name.startsWith("kotsadm"))).toEqual([]);
    expect(getOne(tc, "service", "kotsadm-postgres", ns).spec.externalIPs).toEqual(["192.0.2.10"]);

    const adopted = await install(ns, ["--adopt"]);
    expect(adopted.code).toBe(0);
    const now = getOne(tc, "service", "kotsadm-postgres", ns);
    expect(now.spec.type).toBe("ClusterIP");
    expect(now.spec.externalIPs).toBeUndefined();
    expect(now.spec.selector).toEqual({ app: "kotsadm-postgres" });
  }, 200_000);
});
