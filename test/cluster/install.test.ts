import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { ensureCluster, uniqueNamespace, type TestCluster } from "../support/cluster.ts";
import { allOutputs, runKots, type KotsRun } from "../support/kots.ts";
import { dropNamespace, generatedSecretValues, getItems, getOne } from "../support/inspect.ts";

let tc: TestCluster;
const ns = uniqueNamespace("kots");
const password = `pw-${crypto.randomUUID()}`;
let first: KotsRun;

const LICENSE = "examples/licenses/acme-helpdesk-v1beta2.yaml";
const installArgs = () => [
  "install", "acme-helpdesk", "-n", ns, "--yes", "--no-port-forward", "--output", "json", "--kubeconfig", tc.kubeconfig, "--wait-duration", "2m",
  "--license-file", LICENSE, "--license-public-key", "examples/keys/example-global.public.pem",
  "--config-values", "examples/acme-helpdesk/configvalues.yaml",
];

beforeAll(async () => {
  tc = ensureCluster();
  first = await runKots(installArgs(), { env: { KOTS_SHARED_PASSWORD: password } });
}, 180_000);

afterAll(() => dropNamespace(tc, ns));

describe("kots install --yes (fresh, default MinIO)", () => {
  test("exits 0 and ends with a done event", () => {
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    expect(first.events.at(-1)?.type).toBe("done");
  });

  test("every rendered object was applied and its last kstatus is Current", () => {
    const rendered = first.events.find((e) => e.type === "rendered");
    if (rendered?.type !== "rendered") throw new Error("no rendered event");
    const last = new Map<string, string>();
    for (const e of first.events) if (e.type === "status-changed") last.set(`${e.ref.kind}/${e.ref.name}`, e.status);
    const applied = new Set(first.events.flatMap((e) => (e.type === "object-applied" ? [`${e.ref.kind}/${e.ref.name}`] : [])));
    for (const r of rendered.objects) {
      expect(applied.has(`${r.kind}/${r.name}`)).toBe(true);
      expect(last.get(`${r.kind}/${r.name}`)).toBe("Current");
    }
    expect(rendered.objects.map((r) => `${r.kind}/${r.name}`)).toEqual(
      expect.arrayContaining(["StatefulSet/kotsadm-postgres", "StatefulSet/kotsadm-minio", "Deployment/kotsadm", "Service/kotsadm"]),
    );
  });

  test("the workloads are ready in the cluster", () => {
    const kotsadm = getOne(tc, "deployment", "kotsadm", ns);
    expect(kotsadm.status.availableReplicas).toBeGreaterThanOrEqual(1);
    for (const name of ["kotsadm-postgres", "kotsadm-minio"]) expect(getOne(tc, "statefulset", name, ns).status.readyReplicas).toBe(1);
    for (const pvc of getItems(tc, "pvc", ns)) expect(pvc.status.phase).toBe("Bound");
  });

  test("the secrets exist with the right shapes", () => {
    const data = (name: string) => {
      const s = getOne(tc, "secret", name, ns);
      expect(s).toBeDefined();
      return Object.fromEntries(Object.entries<string>(s.data).map(([k, v]) => [k, Buffer.from(v, "base64").toString("utf8")]));
    };
    const pg = data("kotsadm-postgres");
    expect(pg.password!.length).toBeGreaterThanOrEqual(16);
    expect(pg.uri).toBe(`postgresql://kotsadm:${pg.password}@kotsadm-postgres/kotsadm?connect_timeout=10&sslmode=disable`);
    const minio = data("kotsadm-minio");
    expect(minio.accesskey!.length).toBeGreaterThanOrEqual(16);
    expect(minio.secretkey!.length).toBeGreaterThanOrEqual(16);
    const bcrypt = data("kotsadm-password").passwordBcrypt!;
    expect(bcrypt).toMatch(/^\$2[aby]\$10\$/);
    expect(Bun.password.verifySync(password, bcrypt)).toBe(true);
    const enc = getOne(tc, "secret", "kotsadm-encryption", ns);
    const encValue = Buffer.from(Object.values<string>(enc.data)[0]!, "base64").toString("utf8");
    expect(Buffer.from(encValue, "base64").length).toBe(36);
    expect(getOne(tc, "secret", "kotsadm-session", ns)).toBeDefined();
    expect(getOne(tc, "secret", "kotsadm-cluster-token", ns)).toBeDefined();
  });

  test("the verified license and the ConfigValues are stored for the Admin Console", () => {
    const lic = getOne(tc, "secret", "kotsadm-default-license", ns);
    expect(lic.metadata.labels).toMatchObject({ "kots.io/automation": "license", "kots.io/app": "acme-helpdesk", "kots.io/kotsadm": "true" });
    const stored = Object.values<string>(lic.data).map((v) => Buffer.from(v, "base64").toString("utf8"));
    expect(stored).toContain(readFileSync(LICENSE, "utf8"));
    const cv = getOne(tc, "secret", "kotsadm-default-configvalues", ns);
    expect(cv.metadata.labels).toMatchObject({ "kots.io/automation": "configvalues", "kots.io/app": "acme-helpdesk" });
    const cvText = Object.values<string>(cv.data).map((v) => Buffer.from(v, "base64").toString("utf8"));
    expect(cvText).toContain(readFileSync("examples/acme-helpdesk/configvalues.yaml", "utf8"));
  });

  test("every Service is ClusterIP: kotsadm on 3000, Postgres and MinIO never exposed beyond the cluster", () => {
    const services = getItems(tc, "services", ns);
    for (const s of services) expect(s.spec.type).toBe("ClusterIP");
    const port = (name: string) => services.find((s) => s.metadata.name === name)?.spec.ports[0].port;
    expect(port("kotsadm")).toBe(3000);
    expect(port("kotsadm-postgres")).toBe(5432);
    expect(port("kotsadm-minio")).toBe(9000);
  });

  test("every pod requires linux/amd64 nodes and carries the kotsadm labels", () => {
    const pods = getItems(tc, "pods", ns);
    expect(pods.length).toBeGreaterThanOrEqual(3);
    for (const p of pods) {
      const terms = p.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms;
      const exprs = terms.flatMap((t: any) => t.matchExpressions);
      expect(exprs).toContainEqual({ key: "kubernetes.io/os", operator: "In", values: ["linux"] });
      expect(exprs).toContainEqual({ key: "kubernetes.io/arch", operator: "In", values: ["amd64"] });
      expect(p.metadata.labels["kots.io/kotsadm"]).toBe("true");
    }
  });

  test("a re-run changes no secret and bumps no workload generation", async () => {
    const snapshot = () => ({
      secrets: getItems(tc, "secrets", ns).map((s) => [s.metadata.name, s.metadata.resourceVersion, JSON.stringify(s.data)]),
      workloads: [...getItems(tc, "deployments", ns), ...getItems(tc, "statefulsets", ns)].map((w) => [w.kind, w.metadata.name, w.metadata.generation]),
    });
    const before = snapshot();
    const again = await runKots(installArgs(), { env: { KOTS_SHARED_PASSWORD: password } });
    expect(again.code).toBe(0);
    expect(snapshot()).toEqual(before);
    const actions = again.events.flatMap((e) => (e.type === "object-applied" ? [e.action] : []));
    expect(actions.length).toBeGreaterThan(10);
    expect(new Set(actions)).toEqual(new Set(["unchanged"]));
  });

  test("no generated secret value or the admin password appears in any output", () => {
    const secrets = [password, ...generatedSecretValues(tc, ns)];
    expect(secrets.length).toBeGreaterThan(6);
    const everything = allOutputs.join("\n");
    expect(everything.length).toBeGreaterThan(1000);
    for (const s of secrets) expect(everything.includes(s)).toBe(false);
  });
});
