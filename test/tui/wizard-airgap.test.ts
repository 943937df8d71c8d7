/**
 * The wizard's airgap choice (issue 14 part 1) on the compiled binary in tmux at 80x24: the
 * Registry step takes a bundle path, registry and credentials (each typed with its Enter in one
 * write, as a paste arrives), opens and checks the bundle with the install's own preparation, the
 * Review names it, and the install pushes the bundle's images (the board shows the push and the
 * registry check) and applies pods that pull from the registry. Real peers: Debian
 * docker-registry (open source registry, htpasswd + TLS target), the local cluster, tmux.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildAirgapBundle } from "../../src/airgap/index.ts";
import { ensureCluster, uniqueNamespace, type TestCluster } from "../support/cluster.ts";
import { startOpenRegistry, startTlsAuthRegistry, type RunningRegistry } from "../support/copy-registries.ts";
import { dropNamespace, getItems, getOne } from "../support/inspect.ts";
import { ensureBinary } from "../support/kots.ts";
import { serveExampleImages } from "../support/example-images.ts";

const repo = path.resolve(import.meta.dir, "../..");
const SOCKET = `kots-tui-airgap-${process.pid}`;
const LICENSE = path.join(repo, "examples/licenses/acme-helpdesk-v1beta2.yaml");
const KEY = "examples/keys/example-global.public.pem";
let bin: string;
let cluster: TestCluster;
let source: RunningRegistry;
let target: RunningRegistry;
let work: string;
let bundle: string;
const made: string[] = [];

function tmux(...args: string[]): string {
  const r = Bun.spawnSync(["tmux", "-L", SOCKET, ...args], { stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`tmux ${args.join(" ")}: ${r.stderr.toString()}`);
  return r.stdout.toString();
}
const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
let sessions = 0;
function start(command: string, env: Record<string, string>): string {
  const name = `airgap${++sessions}`;
  const vars = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/root", TERM: "xterm-256color", LANG: "C.UTF-8", ...env };
  const envArgs = Object.entries(vars).map(([k, v]) => `${k}=${shq(v)}`).join(" ");
  tmux("new-session", "-d", "-s", name, "-x", "80", "-y", "24", "-c", repo, `env -i ${envArgs} bash -c ${shq(`${command}; echo "EXIT=$?"; sleep 600`)}`);
  return name;
}
const screen = (name: string) => tmux("capture-pane", "-p", "-t", name);
async function waitFor(name: string, text: string | RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const last = screen(name);
    if (typeof text === "string" ? last.includes(text) : text.test(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(text)}; screen:\n${last}`);
    await Bun.sleep(100);
  }
}
const keys = (name: string, ...ks: string[]) => ks.forEach((k) => tmux("send-keys", "-t", name, k));
/** Text and its Enter in one write, as a paste or typed-ahead keys arrive. */
const line = (name: string, text: string) => tmux("send-keys", "-t", name, "-l", `${text}\r`);

beforeAll(async () => {
  bin = ensureBinary();
  cluster = ensureCluster();
  [source, target] = await Promise.all([startOpenRegistry(), startTlsAuthRegistry()]);
  work = mkdtempSync(path.join(os.tmpdir(), "kots-tui-airgap-"));
  await serveExampleImages(source, path.join(work, "layout"), [2 * 1024 * 1024, 4096]);
  const built = await buildAirgapBundle({
    releaseDir: path.join(repo, "examples/acme-helpdesk"),
    license: readFileSync(LICENSE, "utf8"),
    configValues: readFileSync(path.join(repo, "examples/acme-helpdesk/configvalues.yaml"), "utf8"),
    mirrors: [
      { from: "docker.io", to: source.host },
      { from: "ghcr.io", to: source.host },
    ],
    includeAdminConsole: true,
    versionLabel: "3.4.1",
    output: path.join(work, "acme-helpdesk.airgap"),
  });
  bundle = built.file;
}, 300_000);

afterAll(() => {
  Bun.spawnSync(["tmux", "-L", SOCKET, "kill-server"], { stdout: "ignore", stderr: "ignore" });
  for (const ns of made) dropNamespace(cluster, ns);
  source?.stop();
  target?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function catalog(): Promise<string[]> {
  const r = await fetch(`https://${target.host}/v2/_catalog`, {
    headers: { authorization: "Basic " + Buffer.from(`${target.username}:${target.password}`).toString("base64") },
    tls: { ca: readFileSync(target.caFile!, "utf8") },
  } as RequestInit);
  return ((await r.json()) as { repositories: string[] }).repositories;
}

describe("the wizard's airgap bundle choice (tmux, 80x24)", () => {
  test(
    "--airgap-bundle on the command line: the Config step asks the bundle's Config (APP is only a slug); quitting pushes and applies nothing",
    async () => {
      const ns = uniqueNamespace("tui-airgap-cfg");
      const s = start(
        `${bin} install acme-helpdesk -n ${ns} --kubeconfig ${cluster.kubeconfig} --no-port-forward --license-file ${LICENSE} --license-public-key ${KEY} --airgap-bundle ${bundle} --kotsadm-registry ${target.host}/cfg --registry-username ${target.username} --registry-ca-file ${target.caFile}`,
        { KOTS_SHARED_PASSWORD: "Airgap-Admin-1", KOTS_REGISTRY_PASSWORD: target.password! },
      );
      const f = await waitFor(s, "5/9 Configuration", 60_000);
      await waitFor(s, "Hostname");
      expect(f).not.toContain(target.password!);
      keys(s, "C-c");
      await waitFor(s, "EXIT=130");
      expect(getOne(cluster, "namespace", ns)).toBeUndefined();
      expect((await catalog()).filter((r) => r.startsWith("cfg/"))).toEqual([]);
    },
    120_000,
  );

  test(
    "bundle, registry and credentials at the Registry step: checked there, named in the Review, pushed and installed from the registry",
    async () => {
      const ns = uniqueNamespace("tui-airgap");
      made.push(ns);
      const s = start(
        `${bin} install acme-helpdesk -n ${ns} --kubeconfig ${cluster.kubeconfig} --no-port-forward --license-file ${LICENSE} --license-public-key ${KEY} --registry-ca-file ${target.caFile}`,
        { KOTS_SHARED_PASSWORD: "Airgap-Admin-1" },
      );
      // every input but the registry is given: the wizard walks to the Review (public registries)
      let f = await waitFor(s, "8/9 Review", 60_000);
      expect(f).toContain("public registries");
      keys(s, "Escape");
      f = await waitFor(s, "7/9 Registry and storage");
      expect(f).toContain("Airgap bundle (pushed to a private registry)");
      // back on the storage choice it left from: up to the images choice, then public → private → airgap
      keys(s, "Up");
      await waitFor(s, /❯ ◉ Public/);
      keys(s, "Right");
      keys(s, "Right");
      await waitFor(s, /◉ Airgap bundle/);
      keys(s, "Enter");
      await waitFor(s, /❯ Bundle/);
      line(s, bundle);
      await waitFor(s, /❯ Registry/);
      line(s, `${target.host}/tui`);
      await waitFor(s, /❯ Username/);
      line(s, target.username!);
      await waitFor(s, /❯ Password/);
      line(s, target.password!);
      f = await waitFor(s, /bundle of acme-helpdesk 3\.4\.1: 7 images, checked; logged in to/, 60_000);
      expect(f).not.toContain(target.password!);
      // nothing pushed by the check
      expect(await catalog()).toEqual([]);
      keys(s, "Enter"); // on the storage choice: continue
      f = await waitFor(s, "8/9 Review");
      expect(f).toContain(`Airgap`);
      expect(f).toContain(path.basename(bundle));
      expect(getOne(cluster, "namespace", ns)).toBeUndefined();
      keys(s, "Enter");
      f = await waitFor(s, /\d+ images in 127\.0\.0\.1:\d+\/tui \(checked by manifest HEAD\)/, 120_000);
      expect(f).toContain("✓ push");
      f = await waitFor(s, "The Admin Console is installed", 180_000);
      keys(s, "q");
      f = await waitFor(s, "EXIT=");
      expect(f).toContain("EXIT=0");
      const pods = getItems(cluster, "pods", ns);
      expect(pods.length).toBeGreaterThanOrEqual(3);
      for (const p of pods) {
        for (const c of [...(p.spec.initContainers ?? []), ...p.spec.containers]) expect(c.image.startsWith(`${target.host}/tui/`)).toBe(true);
        expect((p.spec.imagePullSecrets ?? []).map((x: { name: string }) => x.name)).toContain("kotsadm-private-registry");
      }
      expect(getOne(cluster, "configmap", "kotsadm-airgap-release", ns)).toBeDefined();
    },
    420_000,
  );
});
