/**
 * `kots admin-console push-images` on a terminal (the compiled binary in tmux, 100x30): the Ink
 * view (ui/AirgapPushProgress) ends showing every image pushed and the total, then the summary.
 * Needs tmux and Debian's docker-registry; fails loudly without them.
 */
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { copyImage } from "../../src/registry/copy/index.ts";
import { startOpenRegistry, startTlsAuthRegistry, type RunningRegistry } from "../support/copy-registries.ts";
import { ensureBinary, runKots } from "../support/kots.ts";
import { buildImage } from "../support/oci-images.ts";
import { tagDigest } from "../support/pull-back.ts";

const repo = path.resolve(import.meta.dir, "../..");
const SOCKET = `kots-tui-airgap-${process.pid}`;
let source: RunningRegistry;
let target: RunningRegistry;
let work: string;
let bundle: string;
const digests: Record<string, string> = {};

function tmux(...args: string[]): string {
  const r = Bun.spawnSync(["tmux", "-L", SOCKET, ...args], { stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`tmux ${args.join(" ")}: ${r.stderr.toString()}`);
  return r.stdout.toString();
}
const shq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

beforeAll(async () => {
  ensureBinary();
  [source, target] = await Promise.all([startOpenRegistry(), startTlsAuthRegistry()]);
  work = mkdtempSync(path.join(os.tmpdir(), "kots-tui-airgap-"));
  const layout = path.join(work, "layout");
  for (const [repoName, tag] of [["library/redis", "7.2"], ["acme/web", "1.0"]] as const) {
    digests[repoName] = buildImage(layout, { name: repoName, layers: [200 * 1024, 1024] }).digest;
    await copyImage({ layout, name: repoName }, `${source.host}/${repoName}:${tag}`, { dst: { plainHttp: true } });
  }
  const rel = path.join(work, "rel");
  mkdirSync(rel);
  writeFileSync(path.join(rel, "pod.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - {name: a, image: 'redis:7.2'}\n    - {name: b, image: 'acme/web:1.0'}\n");
  bundle = path.join(work, "tui.airgap");
  const r = await runKots(["airgap", "build", rel, "--license-file", "examples/licenses/acme-helpdesk-v1beta2.yaml", "--license-public-key", "examples/keys/example-global.public.pem", "--image-mirror", `docker.io=${source.host}`, "-o", bundle]);
  if (r.code !== 0) throw new Error(`airgap build failed: ${r.stderr}`);
}, 60_000);

afterAll(() => {
  Bun.spawnSync(["tmux", "-L", SOCKET, "kill-server"]);
  source?.stop();
  target?.stop();
  rmSync(work, { recursive: true, force: true });
});

test("the Ink view on a TTY: per image and total, then the summary", async () => {
  const vars = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/root", TERM: "xterm-256color", LANG: "C.UTF-8", KOTS_REGISTRY_PASSWORD: target.password! };
  const envArgs = Object.entries(vars).map(([k, v]) => `${k}=${shq(v)}`).join(" ");
  const cmd = `${path.join(repo, "dist/kots")} admin-console push-images ${shq(bundle)} ${target.host}/tui --registry-username ${target.username} --ca-file ${shq(target.caFile!)}`;
  tmux("new-session", "-d", "-s", "p", "-x", "100", "-y", "30", "-c", repo, `env -i ${envArgs} bash -c ${shq(`${cmd}; echo "EXIT=$?"; sleep 600`)}`);
  const deadline = Date.now() + 60_000;
  let screen = "";
  while (!/EXIT=\d+/.test(screen)) {
    if (Date.now() > deadline) throw new Error(`push-images did not finish; screen:\n${screen}`);
    await Bun.sleep(200);
    screen = tmux("capture-pane", "-p", "-t", "p");
  }
  expect(screen).toContain("EXIT=0");
  expect(screen).toContain(`Pushing to ${target.host}/tui: 2/2 images`);
  expect(screen).toMatch(/✓ docker\.io\/library\/redis:7\.2/);
  expect(screen).toMatch(/✓ docker\.io\/acme\/web:1\.0/);
  expect(screen).toContain("Pushed 2 of 2 images");
  expect(screen).not.toContain(target.password!);
  expect(await tagDigest(target, "tui/redis", "7.2")).toBe(digests["library/redis"]!);
  expect(await tagDigest(target, "tui/web", "1.0")).toBe(digests["acme/web"]!);
}, 90_000);
