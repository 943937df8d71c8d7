/**
 * `kots reset-password` against the real control plane: the hash is checked with Go's bcrypt
 * (kotsadm's own), the Secret is written as KOTS v1.88 writes it (passwordBcrypt +
 * passwordUpdatedAt, lockout labels gone), sessions are signed out, bad input changes nothing,
 * and on a terminal the prompt is masked and asks twice (tmux).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureCluster, uniqueNamespace, type TestCluster } from "../support/cluster.ts";
import { dropNamespace, getItems, getOne } from "../support/inspect.ts";
import { ensureBinary, runKots } from "../support/kots.ts";
import { goBcryptAccepts } from "../support/go-peer.ts";

let tc: TestCluster;
let tmp: string;
const made: string[] = [];
const OLD = "first-password-1";

async function installed(prefix: string): Promise<string> {
  const ns = uniqueNamespace(prefix);
  made.push(ns);
  const r = await runKots(["install", "acme-helpdesk", "-n", ns, "--yes", "--no-port-forward", "--kubeconfig", tc.kubeconfig], { env: { KOTS_SHARED_PASSWORD: OLD } });
  if (r.code !== 0) throw new Error(`install failed: ${r.stderr}`);
  return ns;
}
const reset = (args: string[], opts: { env?: Record<string, string>; stdin?: string } = {}) => runKots(["reset-password", ...args, "--kubeconfig", tc.kubeconfig], opts);
const secret = (ns: string, name = "kotsadm-password") => getOne(tc, "secret", name, ns);
const decode = (v: string) => Buffer.from(v, "base64").toString("utf8");
/** resourceVersion of every Secret in the namespace, by name. */
const versions = (ns: string) => Object.fromEntries(getItems(tc, "secrets", ns).map((s) => [s.metadata.name, s.metadata.resourceVersion]));

beforeAll(() => {
  tc = ensureCluster();
  tmp = mkdtempSync(path.join(os.tmpdir(), "kots-reset-"));
}, 120_000);
afterAll(() => {
  // dropNamespace also deletes the install's ClusterRoleBinding
  for (const ns of made) dropNamespace(tc, ns);
  rmSync(tmp, { recursive: true, force: true });
});

describe("a reset", () => {
  test("writes a cost-10 bcrypt Go accepts, passwordUpdatedAt, clears the lockout and signs out every session", async () => {
    const ns = await installed("reset");
    expect(tc.kubectl(["label", "secret", "kotsadm-password", "-n", ns, "numAttempts=11", "lastFailure=1700000000"]).code).toBe(0);
    // kotsadm's session store, as kotsadm writes it (one key per session)
    const sessions = { apiVersion: "v1", kind: "Secret", metadata: { name: "kotsadm-sessions", namespace: ns, labels: { "kots.io/kotsadm": "true", "kots.io/backup": "velero" } }, data: { s1: "e30=", s2: "e30=" } };
    expect(tc.kubectl(["create", "-f", "-"], JSON.stringify(sessions)).code).toBe(0);
    const before = versions(ns);
    const startedAt = Math.floor(Date.now() / 1000);

    const r = await reset([ns, "--password-stdin"], { stdin: "new-password-2\n" });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`The Admin Console password in ${ns} has been reset; 2 session(s) signed out; failed-login lockout cleared`);

    const s = secret(ns);
    expect(Object.keys(s.data).sort()).toEqual(["passwordBcrypt", "passwordUpdatedAt"]);
    const hash = decode(s.data.passwordBcrypt);
    expect(hash).toMatch(/^\$2[aby]\$10\$/);
    expect(goBcryptAccepts(hash, "new-password-2")).toBe(true); // the trailing newline of stdin is not part of it
    expect(goBcryptAccepts(hash, OLD)).toBe(false);
    const updatedAt = decode(s.data.passwordUpdatedAt);
    expect(updatedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/); // Go's time.RFC3339 of a UTC time
    const t = Date.parse(updatedAt) / 1000;
    expect(t).toBeGreaterThanOrEqual(startedAt);
    expect(t).toBeLessThanOrEqual(Date.now() / 1000 + 1);
    expect(s.metadata.labels).toEqual({ "kots.io/kotsadm": "true", "kots.io/backup": "velero" });
    expect(secret(ns, "kotsadm-sessions").data ?? {}).toEqual({});
    // every other Secret is untouched
    const after = versions(ns);
    for (const [name, rv] of Object.entries(before)) if (name !== "kotsadm-password" && name !== "kotsadm-sessions") expect(after[name]).toBe(rv);
    expect(r.stdout + r.stderr).not.toContain("new-password-2");
  }, 60_000);

  test("--password-file and KOTS_SHARED_PASSWORD give the password; without kotsadm-sessions nothing is signed out", async () => {
    const ns = await installed("reset-file");
    const file = path.join(tmp, "pw.txt");
    writeFileSync(file, "from-a-file-3\n");
    const r1 = await reset(["-n", ns, "--password-file", file]);
    expect(r1.code).toBe(0);
    expect(r1.stderr).toContain(`The Admin Console password in ${ns} has been reset\n`);
    expect(goBcryptAccepts(decode(secret(ns).data.passwordBcrypt), "from-a-file-3")).toBe(true);
    const r2 = await reset([ns], { env: { KOTS_SHARED_PASSWORD: "from-the-env-4" } });
    expect(r2.code).toBe(0);
    expect(goBcryptAccepts(decode(secret(ns).data.passwordBcrypt), "from-the-env-4")).toBe(true);
  }, 60_000);

  test("a missing kotsadm-password is created (with our labels) when kotsadm runs there", async () => {
    const ns = await installed("reset-missing");
    expect(tc.kubectl(["delete", "secret", "kotsadm-password", "-n", ns]).code).toBe(0);
    const r = await reset([ns], { env: { KOTS_SHARED_PASSWORD: "recreated-5" } });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("has been set");
    const s = secret(ns);
    expect(s.metadata.labels).toEqual({ "kots.io/kotsadm": "true", "kots.io/backup": "velero" });
    expect(goBcryptAccepts(decode(s.data.passwordBcrypt), "recreated-5")).toBe(true);
  }, 60_000);
});

describe("refusals change nothing", () => {
  test("bad or missing input exits 2 with one line naming the input, never the password", async () => {
    const ns = await installed("reset-bad");
    const before = versions(ns);
    const file = path.join(tmp, "long.txt");
    writeFileSync(file, "é".repeat(37)); // 74 bytes: too long for bcrypt
    const cases: [string[], Record<string, string>, string | undefined, RegExp][] = [
      [[ns], { KOTS_SHARED_PASSWORD: "short" }, undefined, /the new password \(KOTS_SHARED_PASSWORD\) must be at least 6 characters/],
      [[ns, "--password-file", file], {}, undefined, /must be at most 72 bytes/],
      [[ns], {}, undefined, /missing input \(no terminal to ask\): the new password \(--password-file, --password-stdin or KOTS_SHARED_PASSWORD\)/],
      [[ns, "--password-file", file, "--password-stdin"], {}, "x", /give the password once/],
      [[], { KOTS_SHARED_PASSWORD: "long-enough-6" }, undefined, /missing input: namespace \(-n\/--namespace or KOTS_NAMESPACE\)/],
      [["Not_A_Namespace"], { KOTS_SHARED_PASSWORD: "long-enough-6" }, undefined, /not a valid namespace name/],
      [[ns, "-n", "other"], { KOTS_SHARED_PASSWORD: "long-enough-6" }, undefined, /given twice/],
      [[ns, "--password-file", path.join(tmp, "absent")], {}, undefined, /--password-file .*absent cannot be read: no such file/],
    ];
    for (const [args, env, stdin, message] of cases) {
      const r = await reset(args, { env, stdin });
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).not.toContain("short\n");
    }
    expect(versions(ns)).toEqual(before);
  }, 60_000);

  test("no Admin Console, or a kotsadm-password kots did not make: exit 1, nothing written", async () => {
    const empty = uniqueNamespace("reset-empty");
    made.push(empty);
    tc.kubectl(["create", "namespace", empty]);
    const r1 = await reset([empty], { env: { KOTS_SHARED_PASSWORD: "long-enough-6" } });
    expect(r1.code).toBe(1);
    expect(r1.stderr).toContain(`no Admin Console in namespace ${empty}`);
    expect(getItems(tc, "secrets", empty)).toEqual([]);

    tc.kubectl(["create", "secret", "generic", "kotsadm-password", "-n", empty, "--from-literal=passwordBcrypt=someone-elses"]);
    const rv = secret(empty).metadata.resourceVersion;
    const r2 = await reset([empty], { env: { KOTS_SHARED_PASSWORD: "long-enough-6" } });
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain("was not made by kots or KOTS (managed by kubectl-create)");
    expect(secret(empty).metadata.resourceVersion).toBe(rv);
  }, 60_000);
});

describe("on a terminal", () => {
  test("the prompt masks the password, refuses a short one, asks twice and retries a mismatch", async () => {
    const ns = await installed("reset-tty");
    const bin = ensureBinary();
    const socket = `kots-reset-${process.pid}`;
    const tmux = (...args: string[]) => {
      const r = Bun.spawnSync(["tmux", "-L", socket, ...args], { stdout: "pipe", stderr: "pipe" });
      if (r.exitCode !== 0) throw new Error(`tmux ${args[0]}: ${r.stderr.toString()}`);
      return r.stdout.toString();
    };
    const screen = () => tmux("capture-pane", "-p", "-t", "r");
    const waitFor = async (text: string) => {
      for (let i = 0; i < 100; i++) {
        if (screen().includes(text)) return screen();
        await Bun.sleep(100);
      }
      throw new Error(`timed out waiting for ${text}; screen:\n${screen()}`);
    };
    const cmd = `env -i PATH=/usr/bin:/bin HOME=${tmp} TERM=xterm ${bin} reset-password ${ns} --kubeconfig ${tc.kubeconfig}; echo EXIT=$?; sleep 60`;
    tmux("new-session", "-d", "-s", "r", "-x", "100", "-y", "24", cmd);
    try {
      await waitFor("New password (6-72 bytes, not shown):");
      tmux("send-keys", "-t", "r", "-l", "abc");
      tmux("send-keys", "-t", "r", "Enter");
      await waitFor("the password must be at least 6 characters");
      tmux("send-keys", "-t", "r", "-l", "tty-secret-7");
      tmux("send-keys", "-t", "r", "Enter");
      await waitFor("Again:");
      tmux("send-keys", "-t", "r", "-l", "tty-secret-8");
      tmux("send-keys", "-t", "r", "Enter");
      await waitFor("the passwords do not match");
      tmux("send-keys", "-t", "r", "-l", "tty-secret-7");
      tmux("send-keys", "-t", "r", "Enter");
      tmux("send-keys", "-t", "r", "-l", "tty-secret-7");
      tmux("send-keys", "-t", "r", "Enter");
      const s = await waitFor("EXIT=");
      expect(s).toContain("EXIT=0");
      expect(s).toContain("************"); // one * per character
      expect(s).not.toContain("tty-secret");
      expect(goBcryptAccepts(decode(secret(ns).data.passwordBcrypt), "tty-secret-7")).toBe(true);

      // Ctrl-C at the prompt: 130, nothing changed
      const rv = secret(ns).metadata.resourceVersion;
      tmux("new-session", "-d", "-s", "c", "-x", "100", "-y", "24", cmd);
      for (let i = 0; i < 100 && !tmux("capture-pane", "-p", "-t", "c").includes("not shown):"); i++) await Bun.sleep(100);
      tmux("send-keys", "-t", "c", "-l", "abc");
      tmux("send-keys", "-t", "c", "C-c");
      for (let i = 0; i < 100 && !tmux("capture-pane", "-p", "-t", "c").includes("EXIT="); i++) await Bun.sleep(100);
      const c = tmux("capture-pane", "-p", "-t", "c");
      expect(c).toContain("EXIT=130");
      expect(c).toContain("interrupted; nothing was changed in the cluster");
      expect(secret(ns).metadata.resourceVersion).toBe(rv);
    } finally {
      Bun.spawnSync(["tmux", "-L", socket, "kill-server"]);
    }
  }, 60_000);
});
