import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { ensureCluster, uniqueNamespace, type TestCluster } from "../support/cluster.ts";
import { runKots } from "../support/kots.ts";
import { getOne } from "../support/inspect.ts";

let tc: TestCluster;
const dir = mkdtempSync(path.join(os.tmpdir(), "kots-bad-"));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

/** Runs an install that must be refused; asserts the exit code, one error line, and that nothing was applied. */
async function refused(flags: string[], expectCode: number, env: Record<string, string> = { KOTS_SHARED_PASSWORD: "good-password" }, ns = uniqueNamespace("bad")) {
  // JSON output: events go to stdout, so stderr holds exactly the error line.
  const r = await runKots(["install", "acme-helpdesk", "-n", ns, "--no-port-forward", "--wait-duration", "30s", "--output", "json", ...flags], { env });
  const lines = r.stderr.trim().split("\n");
  expect(r.code).toBe(expectCode);
  expect(lines.length).toBe(1);
  expect(lines[0]).toMatch(/^(Error: |error: )/);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  if (/^[a-z0-9-]+$/.test(ns)) expect(getOne(tc, "namespace", ns)).toBeUndefined();
  const last = r.stdout.trim().split("\n").at(-1);
  if (last) expect(JSON.parse(last)).toMatchObject({ type: "error", exitCode: expectCode, applied: [] });
  return lines[0]!;
}

beforeAll(() => {
  tc = ensureCluster();
}, 120_000);

describe("bad input: one clear line, a non-zero exit, nothing applied", () => {
  test("invalid namespace name → exit 2 naming --namespace", async () => {
    const line = await refused(["--yes", "--kubeconfig", tc.kubeconfig], 2, undefined, "Bad_Namespace");
    expect(line).toContain("--namespace Bad_Namespace");
    expect(line).toContain("DNS-1123");
  });

  test("password shorter than 6 → exit 2, and the password is not echoed", async () => {
    const line = await refused(["--yes", "--kubeconfig", tc.kubeconfig], 2, { KOTS_SHARED_PASSWORD: "abc12" });
    expect(line).toContain("at least 6 characters");
    expect(line).not.toContain("abc12");
  });

  test("missing kubeconfig → exit 2 naming the file", async () => {
    const line = await refused(["--yes", "--kubeconfig", path.join(dir, "nope.yaml")], 2);
    expect(line).toContain("nope.yaml");
    expect(line).toContain("does not exist");
  });

  test("malformed kubeconfig → exit 2", async () => {
    const line = await refused(["--yes", "--kubeconfig", file("broken.yaml", "apiVersion: v1\nclusters: [\n")], 2);
    expect(line).toContain("not a valid kubeconfig");
  });

  test("unreachable API server → exit 1 naming the server", async () => {
    const cfg = parse(readFileSync(tc.kubeconfig, "utf8"));
    cfg.clusters[0].cluster.server = "https://127.0.0.1:1";
    const line = await refused(["--yes", "--kubeconfig", file("unreachable.yaml", JSON.stringify(cfg))], 1);
    expect(line).toContain("https://127.0.0.1:1");
    expect(line).toContain("not reachable");
  });

  test("a user without RBAC rights (ServiceAccount token, no bindings) → exit 1 listing the missing rights", async () => {
    const home = uniqueNamespace("nobody-home");
    expect(tc.kubectl(["create", "namespace", home]).code).toBe(0);
    expect(tc.kubectl(["create", "serviceaccount", "nobody", "-n", home]).code).toBe(0);
    const token = tc.kubectl(["create", "token", "nobody", "-n", home, "--duration", "10m"]).stdout.trim();
    expect(token.length).toBeGreaterThan(20);
    const cfg = parse(readFileSync(tc.kubeconfig, "utf8"));
    cfg.users = [{ name: "nobody", user: { token } }];
    cfg.contexts[0].context.user = "nobody";
    const line = await refused(["--yes", "--kubeconfig", file("nobody.yaml", JSON.stringify(cfg))], 1);
    expect(line).toContain("may not");
    expect(line).toContain("create namespaces");
    expect(line).toContain("create secrets");
    expect(line).not.toContain(token);
    tc.kubectl(["delete", "namespace", home, "--wait=false"]);
  });

  test("a license file that is not a License → exit 2 naming --license-file", async () => {
    const cm = file("configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n");
    const line = await refused(["--yes", "--kubeconfig", tc.kubeconfig, "--license-file", cm], 2);
    expect(line).toContain("--license-file");
    expect(line).toContain("kind is ConfigMap");
  });

  test("a genuine license for another app → exit 2 saying so", async () => {
    const r = await runKots(
      ["install", "other-app", "-n", uniqueNamespace("otherapp"), "--yes", "--output", "json", "--kubeconfig", tc.kubeconfig,
       "--license-file", "examples/licenses/acme-helpdesk-v1beta2.yaml", "--license-public-key", "examples/keys/example-global.public.pem"],
      { env: { KOTS_SHARED_PASSWORD: "good-password" } },
    );
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n").length).toBe(1);
    expect(r.stderr).toContain("--license-file");
    expect(r.stderr).toMatch(/acme-helpdesk/);
    expect(r.stderr).toMatch(/other-app/);
  });

  test("a license whose signature chain does not verify (no trusted key) → exit 2", async () => {
    const line = await refused(["--yes", "--kubeconfig", tc.kubeconfig, "--license-file", "examples/licenses/acme-helpdesk-v1beta2.yaml"], 2);
    expect(line).toContain("--license-file");
    expect(line).toMatch(/key/i);
  });

  test("no default StorageClass → exit 1 telling how to fix it", async () => {
    const annotate = (v: string) => tc.kubectl(["annotate", "storageclass", "standard", `storageclass.kubernetes.io/is-default-class=${v}`, "--overwrite"]);
    expect(annotate("false").code).toBe(0);
    try {
      const line = await refused(["--yes", "--kubeconfig", tc.kubeconfig], 1);
      expect(line).toContain("no default StorageClass");
      expect(line).toContain("--storage-class");
    } finally {
      expect(annotate("true").code).toBe(0);
    }
  });

  test("no terminal and no --yes → exit 2 listing every missing input with flag and env name", async () => {
    const line = await refused(["--kubeconfig", tc.kubeconfig], 2, {});
    expect(line).toContain("admin password");
    expect(line).toContain("KOTS_SHARED_PASSWORD");
    expect(line).toContain("--yes");
    expect(line).toContain("KOTS_YES");
  });
});

// Inputs that would deploy an Admin Console that cannot work (KOTS v1.88.0 source): refused
// before anything changes, one line naming the input and the fix.
describe("bad input kotsadm v1.88 cannot run with → exit 2, nothing applied", () => {
  const k = () => ["--yes", "--kubeconfig", tc.kubeconfig];
  test("an admin password over 72 bytes (Go's bcrypt, which kotsadm uses, refuses it)", async () => {
    const pw = "p".repeat(73);
    const line = await refused(k(), 2, { KOTS_SHARED_PASSWORD: pw });
    expect(line).toContain("at most 72 bytes");
    expect(line).toContain("KOTS_SHARED_PASSWORD");
    expect(line).not.toContain(pw);
  });

  test("a --kotsadm-tag that is not v1.88.x (later kotsadm needs rqlite)", async () => {
    const line = await refused([...k(), "--kotsadm-tag", "v1.89.0"], 2);
    expect(line).toContain("--kotsadm-tag v1.89.0 is not a v1.88.x tag");
    expect(line).toContain("rqlite");
  });

  for (const flags of [["--with-dockerdistribution"], ["--storage-base-uri", "docker://registry.example.com/org/store"], ["--storage-base-uri-plainhttp"]]) {
    test(`${flags[0]}: no kotsadm v1.88 stores in a registry; names --with-minio=false`, async () => {
      const line = await refused([...k(), ...flags], 2);
      expect(line).toContain(flags[0]!);
      expect(line).toContain("--with-minio=false");
      expect(line).not.toContain(" true "); // no raw boolean value in the message
    });
  }

  test("--additional-labels that are not key=value, or reserved", async () => {
    expect(await refused([...k(), "--additional-labels", "novalue"], 2)).toContain('--additional-labels "novalue" is not key=value');
    expect(await refused([...k(), "--additional-labels", "app=other"], 2)).toContain("--additional-labels key \"app\" is set by the installer");
  });

  test("--init-restart-grace that is not a duration", async () => {
    expect(await refused([...k(), "--init-restart-grace", "soon"], 2)).toContain("--init-restart-grace");
  });
});

describe("--dry-run", () => {
  test("prints the rendered YAML with secrets redacted and changes nothing", async () => {
    const ns = uniqueNamespace("dry");
    const r = await runKots(["install", "acme-helpdesk", "-n", ns, "--dry-run", "--kubeconfig", tc.kubeconfig], { env: { KOTS_SHARED_PASSWORD: "dry-run-password" } });
    expect(r.code).toBe(0);
    const docs = r.stdout.split(/^---$/m).map((d) => parse(d)).filter(Boolean);
    expect(docs.map((d: any) => `${d.kind}/${d.metadata.name}`)).toEqual(expect.arrayContaining(["Namespace/" + ns, "Deployment/kotsadm", "StatefulSet/kotsadm-postgres", "Secret/kotsadm-password"]));
    for (const d of docs.filter((d: any) => d.kind === "Secret")) for (const v of Object.values<string>(d.data ?? {})) expect(v).toBe("<redacted>");
    expect(r.stdout).not.toContain("dry-run-password");
    expect(getOne(tc, "namespace", ns)).toBeUndefined();
  });
});
