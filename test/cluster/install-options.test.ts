import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ensureCluster, uniqueNamespace, type TestCluster } from "../support/cluster.ts";
import { runKots } from "../support/kots.ts";
import { dropNamespace, getItems, getOne } from "../support/inspect.ts";

let tc: TestCluster;
const made: string[] = [];
const password = `pw-${crypto.randomUUID()}`;

/** Installs into a fresh namespace with extra flags; asserts success and returns the namespace. */
async function installWith(prefix: string, flags: string[], stdin?: string): Promise<string> {
  const ns = uniqueNamespace(prefix);
  made.push(ns);
  const r = await runKots(["install", "acme-helpdesk", "-n", ns, "--yes", "--no-port-forward", "--output", "json", "--kubeconfig", tc.kubeconfig, "--wait-duration", "90s", ...flags], {
    env: { KOTS_SHARED_PASSWORD: password },
    stdin,
  });
  if (r.code !== 0) throw new Error(`install ${flags.join(" ")} exited ${r.code}: ${r.stderr}`);
  return ns;
}

const names = (kind: string, ns: string) => getItems(tc, kind, ns).map((o) => o.metadata.name).sort();
const podImages = (ns: string) => getItems(tc, "pods", ns).flatMap((p) => [...(p.spec.initContainers ?? []), ...p.spec.containers].map((c: any) => c.image));

beforeAll(() => {
  tc = ensureCluster();
}, 120_000);
afterAll(() => made.forEach((ns) => dropNamespace(tc, ns)));

describe("install options yield the right object set in the cluster", () => {
  test("--with-minio=false: kotsadm is a StatefulSet with its own PVC, no MinIO", async () => {
    const ns = await installWith("nominio", ["--with-minio=false"]);
    expect(names("statefulsets", ns)).toEqual(["kotsadm", "kotsadm-postgres"]);
    expect(names("deployments", ns)).toEqual([]);
    expect(getOne(tc, "secret", "kotsadm-minio", ns)).toBeUndefined();
    const pvcs = names("pvc", ns);
    expect(pvcs.some((n) => n.endsWith("kotsadm-0") && !n.includes("postgres"))).toBe(true);
    expect(getOne(tc, "statefulset", "kotsadm", ns).status.readyReplicas).toBe(1);
  });

  test("--storage-class names the class of every PVC", async () => {
    const ns = await installWith("sc", ["--storage-class", "standard"]);
    const pvcs = getItems(tc, "pvc", ns);
    expect(pvcs.length).toBe(2);
    for (const p of pvcs) expect(p.spec.storageClassName).toBe("standard");
    for (const s of getItems(tc, "statefulsets", ns)) for (const t of s.spec.volumeClaimTemplates) expect(t.spec.storageClassName).toBe("standard");
  });

  test("--use-minimal-rbac: a namespaced Role and RoleBinding for the kotsadm ServiceAccount", async () => {
    const ns = await installWith("rbac", ["--use-minimal-rbac"]);
    const rb = getOne(tc, "rolebinding", "kotsadm-rolebinding", ns);
    expect(rb.roleRef.kind).toBe("Role");
    expect(rb.subjects).toContainEqual({ kind: "ServiceAccount", name: "kotsadm", namespace: ns });
    expect(getOne(tc, "role", "kotsadm-role", ns)).toBeDefined();
  });

  test("--kotsadm-registry with credentials: images rewritten and a dockerconfigjson pull secret on every pod", async () => {
    const ns = await installWith(
      "privreg",
      ["--kotsadm-registry", "registry.internal.test:5000/kots", "--registry-username", "puller", "--registry-password-stdin", "--kotsadm-tag", "v1.88.0"],
      "registry-secret-value\n",
    );
    const images = podImages(ns);
    expect(images.length).toBeGreaterThanOrEqual(3);
    for (const i of images) expect(i.startsWith("registry.internal.test:5000/kots/")).toBe(true);
    expect(images).toContain("registry.internal.test:5000/kots/kotsadm:v1.88.0");
    const secret = getOne(tc, "secret", "kotsadm-private-registry", ns);
    expect(secret.type).toBe("kubernetes.io/dockerconfigjson");
    const cfg = JSON.parse(Buffer.from(secret.data[".dockerconfigjson"], "base64").toString());
    const auth = cfg.auths["registry.internal.test:5000"];
    expect(Buffer.from(auth.auth, "base64").toString()).toBe("puller:registry-secret-value");
    for (const p of getItems(tc, "pods", ns)) expect(p.spec.imagePullSecrets).toContainEqual({ name: "kotsadm-private-registry" });
  });
});
