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
  // --output json always ends with an error event (docs/events.md), bad input included
  const last = r.stdout.trim().split("\n").at(-1) ?? "";
  expect(JSON.parse(last || "{}")).toMatchObject({ type: "error", exitCode: expectCode, applied: [] });
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

// Inputs the reliability test found accepted, or refused with the wrong code or words (issue 9).
describe("inputs that must be refused, one line naming the flag and the fix, nothing applied", () => {
  const k = () => ["--yes", "--kubeconfig", tc.kubeconfig];
  const cases: Array<[string, string[], Record<string, string> | undefined, string[]]> = [
    ["a password of only whitespace", [], { KOTS_SHARED_PASSWORD: "        " }, ["only whitespace"]],
    ["a password with a newline", [], { KOTS_SHARED_PASSWORD: "line-one\nline-two" }, ["newline"]],
    ["--wait-duration 597h (past what a timer can hold)", ["--wait-duration", "597h"], undefined, ["--wait-duration", "at most 596h"]],
    ["--wait-duration 0s names the flag", ["--wait-duration", "0s"], undefined, ["--wait-duration must be longer than 0s"]],
    ["--port 0x1F90 is not taken as 8080", ["--port", "0x1F90"], undefined, ["--port 0x1F90 is not a TCP port"]],
    ["registry credentials without --kotsadm-registry", ["--registry-username", "robot"], { KOTS_SHARED_PASSWORD: "good-password", KOTS_REGISTRY_PASSWORD: "pw" }, ["--kotsadm-registry"]],
    ["--license-public-key without --license-file", ["--license-public-key", "examples/keys/example-global.public.pem"], undefined, ["--license-file"]],
    ["--with-minio=false --with-dockerdistribution", ["--with-minio=false", "--with-dockerdistribution"], undefined, ["--with-dockerdistribution is not supported"]],
    ["--storage-class that does not exist is bad input", ["--storage-class", "nope"], undefined, ["--storage-class nope does not exist"]],
    ["a registry username without a password", ["--kotsadm-registry", "r.example.com", "--registry-username", "robot"], undefined, ["--registry-password is missing: --registry-username needs a password"]],
  ];
  for (const [name, flags, env, words] of cases) {
    test(name, async () => {
      const line = await refused([...k(), ...flags], 2, env);
      for (const w of words) expect(line).toContain(w);
    });
  }

  test("an app that is not a slug, with --config-values → exit 2", async () => {
    const r = await runKots(["install", "Bad App!", "-n", uniqueNamespace("badapp"), "--yes", "--kubeconfig", tc.kubeconfig, "--config-values", "examples/acme-helpdesk/configvalues.yaml", "--output", "json"], {
      env: { KOTS_SHARED_PASSWORD: "good-password" },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("APP Bad App! is not an app slug");
  });

  test("a 50 MB license is refused before it is read, naming the 1 MiB Secret limit", async () => {
    const big = path.join(dir, "huge-license.yaml");
    writeFileSync(big, "");
    require("node:fs").truncateSync(big, 50 * 1024 * 1024);
    const line = await refused([...k(), "--license-file", big], 2);
    expect(line).toContain("50.0 MiB");
    expect(line).toContain("at most 1 MiB");
  });

  test("a missing license file is named in plain words, not an errno", async () => {
    const line = await refused([...k(), "--license-file", path.join(dir, "nope.yaml")], 2);
    expect(line).toContain("no such file");
    expect(line).not.toContain("ENOENT");
  });

  test("a garbage public key is named without OpenSSL's codes", async () => {
    const pem = file("garbage.pem", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
    const line = await refused([...k(), "--license-file", "examples/licenses/acme-helpdesk-v1beta2.yaml", "--license-public-key", pem], 2);
    expect(line).toContain("is not a valid RSA public key");
    expect(line).not.toMatch(/error:[0-9A-F]{8}|OPENSSL/);
  });

  test("-n kube-system is warned about", async () => {
    const r = await runKots(["install", "acme-helpdesk", "-n", "kube-system", "--dry-run", "--kubeconfig", tc.kubeconfig, "--output", "json"], { env: { KOTS_SHARED_PASSWORD: "good-password" } });
    expect(r.code).toBe(0);
    expect(r.events.some((e) => e.type === "warning" && e.message.includes("kube-system is a Kubernetes system namespace"))).toBe(true);
  });

  test("changing --storage-class on a re-run: one line saying the volumes cannot move, exit 2", async () => {
    const ns = uniqueNamespace("scchange");
    const base = ["install", "acme-helpdesk", "-n", ns, "--yes", "--no-port-forward", "--kubeconfig", tc.kubeconfig, "--output", "json"];
    expect((await runKots(base, { env: { KOTS_SHARED_PASSWORD: "good-password" } })).code).toBe(0);
    const r = await runKots([...base, "--storage-class", "kots-tui-late-binding"], { env: { KOTS_SHARED_PASSWORD: "good-password" } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--storage-class kots-tui-late-binding differs from StatefulSet/kotsadm-postgres");
    expect(r.stderr).toContain("run again with no --storage-class");
    expect(r.stderr).not.toContain("Forbidden");
    tc.kubectl(["delete", "namespace", ns, "--wait=false"]);
  });
});

// Proxies as kubectl takes them (issue 9): loopback is never proxied; a proxy in the way is named.
describe("proxies", () => {
  const dead = "http://127.0.0.1:9";
  test("HTTPS_PROXY set, API server on loopback: the proxy is bypassed as kubectl bypasses it", async () => {
    const r = await runKots(["install", "acme-helpdesk", "-n", uniqueNamespace("proxy"), "--dry-run", "--kubeconfig", tc.kubeconfig, "--output", "json"], {
      env: { KOTS_SHARED_PASSWORD: "good-password", HTTPS_PROXY: dead, HTTP_PROXY: dead },
    });
    expect(r.code).toBe(0);
    expect(r.events.find((e) => e.type === "preflight-result" && e.check === "api-server")).toMatchObject({ outcome: "pass" });
  });

  test("a dead proxy in front of a remote API server is named, with NO_PROXY as the way around", async () => {
    const cfg = JSON.parse(JSON.stringify(parse(readFileSync(tc.kubeconfig, "utf8"))));
    cfg.clusters[0].cluster.server = "https://kube.example.invalid:6443";
    const line = await refused(["--yes", "--kubeconfig", file("remote.yaml", JSON.stringify(cfg))], 1, { KOTS_SHARED_PASSWORD: "good-password", HTTPS_PROXY: dead });
    expect(line).toContain(`through the proxy ${dead} (HTTPS_PROXY)`);
    expect(line).toContain("NO_PROXY");
  });

  test("wrong credentials are called that (401), not 'not reachable'", async () => {
    const cfg = JSON.parse(JSON.stringify(parse(readFileSync(tc.kubeconfig, "utf8"))));
    cfg.users = [{ name: "nobody", user: { token: "not-a-valid-token" } }];
    for (const c of cfg.contexts) c.context.user = "nobody";
    const line = await refused(["--yes", "--kubeconfig", file("badtoken.yaml", JSON.stringify(cfg))], 1);
    expect(line).toContain("refused the credentials");
    expect(line).not.toContain("not reachable");
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
