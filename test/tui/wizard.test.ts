/**
 * The install wizard on the compiled binary, driven through tmux at 80x24 (design §6).
 * Needs tmux and the local cluster (scripts/cluster); fails loudly without them.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, existsSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureBinary } from "../support/kots.ts";
import { exampleWithPreflight } from "../support/example-app.ts";
import { ensureCluster, uniqueNamespace, type TestCluster } from "../support/cluster.ts";

const repo = path.resolve(import.meta.dir, "../..");
const SOCKET = `kots-tui-test-${process.pid}`;
const LICENSE = path.join(repo, "examples/licenses/acme-helpdesk-v1beta2.yaml");
const KEY = "examples/keys/example-global.public.pem";
let bin: string;
let cluster: TestCluster;
let sessions = 0;

function tmux(...args: string[]): string {
  const r = Bun.spawnSync(["tmux", "-L", SOCKET, ...args], { stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`tmux ${args.join(" ")}: ${r.stderr.toString()}`);
  return r.stdout.toString();
}

const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Starts `command` in a new 80x24 tmux session (a clean environment plus `env`); returns the session name. */
function start(command: string, env: Record<string, string> = {}, size = { columns: 80, rows: 24 }): string {
  const name = `s${++sessions}`;
  const vars = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/root", TERM: "xterm-256color", LANG: "C.UTF-8", ...env };
  const envArgs = Object.entries(vars).map(([k, v]) => `${k}=${shq(v)}`).join(" ");
  // The trailing sleep keeps the pane (and its last screen) after the binary exits.
  tmux("new-session", "-d", "-s", name, "-x", String(size.columns), "-y", String(size.rows), "-c", repo, `env -i ${envArgs} bash -c ${shq(`${command}; echo "EXIT=$?"; sleep 600`)}`);
  return name;
}

function screen(name: string, escapes = false): string {
  return tmux("capture-pane", "-p", ...(escapes ? ["-e"] : []), "-t", name);
}

/** Polls the pane until it contains `text` (or the regexp matches). */
async function waitFor(name: string, text: string | RegExp, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  for (;;) {
    last = screen(name);
    if (typeof text === "string" ? last.includes(text) : text.test(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(text)}; screen:\n${last}`);
    await Bun.sleep(100);
  }
}

function keys(name: string, ...ks: string[]): void {
  for (const k of ks) tmux("send-keys", "-t", name, k);
}

function type(name: string, text: string): void {
  tmux("send-keys", "-t", name, "-l", text);
}

function installCommand(ns: string, app = "examples/acme-helpdesk"): string {
  return `${bin} install ${app} -n ${ns} --kubeconfig ${cluster.kubeconfig} --no-port-forward --license-public-key ${KEY}`;
}

/** Answers the wizard's steps 1–5 for the example app (namespace `ns`) and returns the Preflight checks screen as it opens. */
async function walkToPreflights(s: string, ns: string): Promise<string> {
  let f = await waitFor(s, "reachable (Kubernetes");
  expect(f).toContain("kots install acme-helpdesk");
  expect(f).toContain("1/9 Cluster");
  keys(s, "Enter");
  f = await waitFor(s, "2/9 Namespace");
  expect(f).toContain(ns);
  await waitFor(s, "valid name");
  keys(s, "Enter");
  await waitFor(s, "3/9 Admin password");
  type(s, "TopSecret9");
  await waitFor(s, /Password {2,}\*{10}\s/);
  keys(s, "Enter");
  await waitFor(s, "❯ Again");
  type(s, "TopSecret9");
  await waitFor(s, /Again {2,}\*{10}\s/);
  keys(s, "Enter");
  f = await waitFor(s, "4/9 License");
  expect(f).not.toContain("TopSecret9");
  type(s, LICENSE);
  await waitFor(s, "acme-helpdesk-v1beta2.yaml");
  keys(s, "Enter");
  f = await waitFor(s, "license accepted");
  expect(f).toContain("Example Customer Inc.");
  keys(s, "Enter");
  await waitFor(s, "5/9 Configuration");
  await waitFor(s, "Hostname");
  for (const [v, shown, next] of [
    ["helpdesk.example.com", "helpdesk.example.com", "❯ Administrator email"],
    ["admin@example.com", "admin@example.com", "❯ Administrator password"],
    ["AdminPw-1", "*********", "❯ Web replicas"],
  ] as const) {
    type(s, v);
    await waitFor(s, shown);
    keys(s, "Enter");
    await waitFor(s, next);
  }
  f = screen(s);
  expect(f).not.toContain("AdminPw-1");
  keys(s, "PageDown");
  await waitFor(s, "Database  (2/3)");
  keys(s, "PageDown");
  await waitFor(s, "Cache  (3/3)");
  keys(s, "PageDown");
  return waitFor(s, "6/9 Preflight checks");
}

/** Answers the wizard's steps 1–7 for the example app (namespace `ns`) and returns the Review screen. */
async function walkToReview(s: string, ns: string): Promise<string> {
  await walkToPreflights(s, ns);
  const f = await waitFor(s, "All checks passed", 30_000);
  expect(f).toContain("storage-class");
  expect(f).toContain("nodes");
  keys(s, "Enter");
  await waitFor(s, "7/9 Registry and storage");
  keys(s, "Enter");
  await waitFor(s, /❯ ◉ MinIO/);
  keys(s, "Enter");
  return waitFor(s, "8/9 Review");
}

beforeAll(() => {
  bin = ensureBinary();
  cluster = ensureCluster();
}, 300_000);

afterAll(() => {
  Bun.spawnSync(["tmux", "-L", SOCKET, "kill-server"], { stdout: "ignore", stderr: "ignore" });
});

describe("kots install wizard (tmux, 80x24)", () => {
  const created: string[] = [];
  afterAll(() => {
    for (const ns of created) cluster.kubectl(["delete", "namespace", ns, "--wait=false"]);
  });

  test(
    "every input given but no --yes: the wizard opens at the first step that needs the operator, and nothing is applied without its Review",
    async () => {
      const ns = uniqueNamespace("confirm");
      const s = start(`${installCommand(ns)} --license-file ${LICENSE}`, { KOTS_SHARED_PASSWORD: "Prefilled-Pw1" });
      // cluster, namespace, password and license are answered: it walks past them by itself, to the
      // app's Config (an input only the operator can look at)
      const f = await waitFor(s, "5/9 Configuration", 15_000);
      expect(f).not.toContain("Prefilled-Pw1");
      expect(cluster.kubectl(["get", "namespace", ns]).code).not.toBe(0); // nothing applied yet
      keys(s, "Escape");
      const lic = await waitFor(s, "4/9 License");
      expect(lic).toContain("license accepted"); // it was checked on the way
      keys(s, "C-c");
      await waitFor(s, "EXIT=130");
      expect(cluster.kubectl(["get", "namespace", ns]).code).not.toBe(0);
    },
    60_000,
  );

  test(
    "text and Enter in one write (a paste over SSH, typed-ahead keys): every line submits once",
    async () => {
      const ns = uniqueNamespace("ahead");
      const s = start(installCommand("placeholder-ns"));
      await waitFor(s, "reachable (Kubernetes");
      keys(s, "Enter");
      await waitFor(s, "2/9 Namespace");
      // clear the pre-filled name, then namespace, Enter, password, Enter, again, Enter in ONE write
      keys(s, "C-u");
      await waitFor(s, /Namespace\s+❯?\s*$/m).catch(() => undefined);
      tmux("send-keys", "-t", s, "-l", `${ns}\rsecret123456\rsecret123456\r`);
      const f = await waitFor(s, "4/9 License");
      expect(f).not.toContain("secret123456");
      expect(f).not.toContain(`${ns}secret`);
      // back to the password step: the namespace kept only its own text
      keys(s, "Escape");
      await waitFor(s, "3/9 Admin password");
      keys(s, "Escape");
      const back = await waitFor(s, "2/9 Namespace");
      expect(back).toContain(ns);
      expect(back).not.toContain("secret123456");
      await waitFor(s, "valid name");
    },
    60_000,
  );

  test(
    "a failing check of the app's own Preflight blocks the wizard at Preflight checks, and nothing is applied",
    async () => {
      const ns = uniqueNamespace("tui-apppf");
      const dir = mkdtempSync(path.join(os.tmpdir(), "kots-tui-apppf-"));
      exampleWithPreflight(
        dir,
        `    - nodeResources:
        checkName: Total CPU cores
        outcomes:
          - fail: {when: "sum(cpuCapacity) < 64", message: Acme Helpdesk needs 64 CPU cores., uri: "https://example.com/sizing"}
          - pass: {message: enough cores}
`,
      );
      try {
        const s = start(installCommand(ns, dir));
        await walkToPreflights(s, ns);
        let f = await waitFor(s, "1 failed", 30_000);
        expect(f).toContain("Total CPU cores");
        expect(f).toContain("Acme Helpdesk needs 64 CPU cores.");
        keys(s, "Enter");
        f = await waitFor(s, "1 check failed");
        expect(f).toContain("6/9 Preflight checks");
        // failures sort first and the first row is selected: its detail shows the outcome's link
        await waitFor(s, "https://example.com/sizing");
        keys(s, "C-c");
        await waitFor(s, "EXIT=130");
        expect(cluster.kubectl(["get", "namespace", ns]).code).not.toBe(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    90_000,
  );

  test(
    "walks all nine steps and installs into the cluster",
    async () => {
      const ns = uniqueNamespace("tui");
      created.push(ns);
      const s = start(installCommand(ns));
      let f = await walkToReview(s, ns);
      expect(f).toContain(`${ns} (will be created)`);
      expect(f).toContain("Press Enter to install");
      // Nothing touched the cluster before the review is confirmed.
      expect(cluster.kubectl(["get", "namespace", ns]).code).not.toBe(0);
      keys(s, "Enter");
      f = await waitFor(s, "9/9 Install");
      f = await waitFor(s, "The Admin Console is installed", 120_000);
      expect(f).toContain(`kubectl kots admin-console -n ${ns}`);
      keys(s, "q");
      f = await waitFor(s, "EXIT=");
      expect(f).toContain("EXIT=0");
      const got = cluster.kubectl(["-n", ns, "get", "deployment/kotsadm", "statefulset/kotsadm-postgres", "secret/kotsadm-default-license", "secret/kotsadm-default-configvalues", "-o", "name"]);
      expect(got.code).toBe(0);
      expect(got.stdout).toContain("deployment.apps/kotsadm");
      const cv = cluster.kubectl(["-n", ns, "get", "secret/kotsadm-default-configvalues", "-o", "jsonpath={.data}"]);
      const data = JSON.parse(cv.stdout) as Record<string, string>;
      const yaml = Buffer.from(Object.values(data)[0]!, "base64").toString();
      expect(yaml).toContain("kind: ConfigValues");
      expect(yaml).toContain("helpdesk.example.com");
    },
    240_000,
  );

  test(
    "the Review's command repeats the install without prompts: run as printed, it succeeds",
    async () => {
      const ns = uniqueNamespace("again");
      created.push(ns);
      const s = start(installCommand(ns), {}, { columns: 100, rows: 80 });
      await walkToReview(s, ns);
      // the renderer's plan and the written ConfigValues arrive a moment after the first draw
      const review = await waitFor(s, "(mode 0600)");
      const lines = review.split("\n");
      const from = lines.findIndex((l) => l.includes("Same install without prompts"));
      const to = lines.findIndex((l, i) => i > from && l.includes("Write the admin password"));
      expect(from).toBeGreaterThan(0);
      const printed = lines.slice(from + 1, to).map((l) => l.replace(/^ {2}/, "").trimEnd());
      const command = printed.join("\n");
      expect(command).toStartWith("kots install examples/acme-helpdesk");
      expect(command).toContain(`--license-public-key ${KEY}`);
      const cv = /--config-values (\S+)/.exec(command.replace(/\\\n/g, ""))?.[1];
      expect(cv).toBeDefined();
      expect(statSync(cv!).mode & 0o777).toBe(0o600);
      expect(readFileSync(cv!, "utf8")).toContain("helpdesk.example.com");
      expect(command).not.toContain("TopSecret9");
      keys(s, "C-c");
      await waitFor(s, "EXIT=130");
      // Run it exactly as printed, with the password file it names and `kots` on PATH.
      const pw = path.join(repo, "admin-password.txt");
      writeFileSync(pw, "TopSecret9\n", { mode: 0o600 });
      try {
        const r = Bun.spawnSync(["bash", "-c", `${command} --kubeconfig ${cluster.kubeconfig} --output json`], {
          cwd: repo,
          env: { PATH: `${path.dirname(bin)}:${process.env.PATH}`, HOME: process.env.HOME ?? "/root" },
          stdout: "pipe",
          stderr: "pipe",
        });
        expect(r.stderr.toString()).toBe("");
        expect(r.exitCode).toBe(0);
        const events = r.stdout.toString().trim().split("\n").map((l) => JSON.parse(l));
        expect(events.at(-1).type).toBe("done");
        // the wizard and the --yes run produce the same objects for the same inputs
        const rendered = events.find((e) => e.type === "rendered").objects.map((o: { kind: string; name: string }) => `${o.kind}/${o.name}`);
        const reviewed = lines.flatMap((l) => /^\s+[•*-] ([A-Za-z]+\/\S+)$/.exec(l)?.[1] ?? []);
        expect(reviewed.length).toBeGreaterThan(15);
        expect(rendered).toEqual(reviewed);
      } finally {
        rmSync(pw, { force: true });
        rmSync(cv!, { force: true });
      }
      expect(cluster.kubectl(["-n", ns, "get", "secret/kotsadm-default-configvalues"]).code).toBe(0);
    },
    240_000,
  );

  test(
    "TERM=dumb: one question per line, the plan, and nothing applied before y",
    async () => {
      const ns = uniqueNamespace("dumb");
      created.push(ns);
      const s = start(`${bin} install examples/acme-helpdesk -n ${ns} --kubeconfig ${cluster.kubeconfig} --no-port-forward`, { TERM: "dumb" });
      await waitFor(s, "plain prompts: TERM=dumb");
      await waitFor(s, "Admin password (not shown):");
      tmux("send-keys", "-t", s, "-l", "Plain-Pw-42\r");
      await waitFor(s, "Again:");
      tmux("send-keys", "-t", s, "-l", "Plain-Pw-42\r");
      await waitFor(s, "License file");
      keys(s, "Enter");
      let f = await waitFor(s, `Install into ${ns}? [y/N]`, 30_000);
      expect(f).toContain("Deployment/kotsadm");
      expect(f).not.toContain("Plain-Pw-42");
      expect(f).not.toMatch(/\u001b\[/);
      expect(cluster.kubectl(["get", "namespace", ns]).code).not.toBe(0); // nothing applied yet
      tmux("send-keys", "-t", s, "-l", "y\r");
      f = await waitFor(s, "EXIT=", 120_000);
      expect(f).toContain("EXIT=0");
      expect(cluster.kubectl(["-n", ns, "get", "deployment/kotsadm"]).code).toBe(0);
    },
    180_000,
  );

  test(
    "NO_COLOR=1 draws without colour escapes",
    async () => {
      const ns = uniqueNamespace("tui-nc");
      const s = start(installCommand(ns), { NO_COLOR: "1" });
      await waitFor(s, "reachable (Kubernetes");
      const raw = screen(s, true);
      // SGR sequences that set a colour: 30-37/90-97 fg, 40-47/100-107 bg, 38;/48; extended.
      expect(raw).not.toMatch(/\u001b\[[0-9;]*(3[0-7]|9[0-7]|4[0-7]|10[0-7]|38;|48;)[0-9;]*m/);
      keys(s, "C-c");
      expect(await waitFor(s, "EXIT=")).toContain("EXIT=130");
    },
    60_000,
  );

  test(
    "colour is on by default (sanity check for the NO_COLOR test)",
    async () => {
      const ns = uniqueNamespace("tui-c");
      const s = start(installCommand(ns));
      await waitFor(s, "reachable (Kubernetes");
      expect(screen(s, true)).toMatch(/\u001b\[[0-9;]*m/);
      keys(s, "C-c");
      await waitFor(s, "EXIT=");
    },
    60_000,
  );

  test(
    "Ctrl-C at the password step: exit 130, nothing created, terminal restored",
    async () => {
      const ns = uniqueNamespace("tui-int");
      const dir = mkdtempSync(path.join(os.tmpdir(), "kots-tui-"));
      const stty = path.join(dir, "stty.txt");
      const s = start(`${installCommand(ns)}; code=$?; stty -a > ${stty}; (exit $code)`);
      await waitFor(s, "reachable (Kubernetes");
      keys(s, "Enter");
      await waitFor(s, "2/9 Namespace");
      await waitFor(s, "valid name");
      keys(s, "Enter");
      await waitFor(s, "3/9 Admin password");
      type(s, "Half");
      await waitFor(s, /Password {2,}\*{4}\s/);
      keys(s, "C-c");
      const f = await waitFor(s, "EXIT=");
      expect(f).toContain("EXIT=130");
      expect(f).toContain("nothing was changed");
      expect(existsSync(stty)).toBe(true);
      const modes = readFileSync(stty, "utf8");
      expect(modes).toMatch(/(^|\s)icanon(\s|$)/m);
      expect(modes).toMatch(/(^|\s)echo(\s|$)/m);
      expect(modes).not.toContain("-icanon");
      expect(modes).not.toMatch(/(^|\s)-echo(\s|$)/m);
      expect(cluster.kubectl(["get", "namespace", ns]).code).not.toBe(0);
    },
    60_000,
  );
});
