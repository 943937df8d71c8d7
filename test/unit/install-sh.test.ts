/**
 * install.sh, the `curl -fsSL <base>/install.sh | bash` installer, against a loopback HTTP server
 * (Bun.serve) serving the output of `bun run build --all`, in a temporary HOME with no TTY:
 * a good install (curl | bash, and sh, and with only wget + shasum), a tampered binary, a
 * missing checksum entry, an unsupported platform and an unreachable server, each refused with
 * exit 1, one line, and nothing left behind.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { createHash } from "node:crypto";
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const repo = path.resolve(import.meta.dir, "../..");
const dist = path.join(repo, "dist");
const asset = `kots-${process.platform === "darwin" ? "darwin" : "linux"}-${process.arch === "arm64" ? "arm64" : "x64"}`;
let server: ReturnType<typeof Bun.serve>;
let base: string;
let work: string;
let buildMs = 0;
let runs = 0;

/** A directory of executables: `id` that says "not root" (these tests may run as root) and optional others. */
function shims(extra: Record<string, string> = {}): string {
  const dir = path.join(work, `shims-${++runs}`);
  mkdirSync(dir);
  const scripts: Record<string, string> = { id: `#!/bin/sh\nif [ "$1" = -u ]; then echo 1000; else exec /usr/bin/id "$@"; fi\n`, ...extra };
  for (const [name, body] of Object.entries(scripts)) writeFileSync(path.join(dir, name), body, { mode: 0o755 });
  return dir;
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  home: string;
  tmp: string;
}

/**
 * Runs `command` (sh -c) in a fresh HOME and TMPDIR with no TTY; `env` is added to a minimal
 * environment. Asynchronous: the loopback server answers from this same event loop.
 */
async function run(command: string, env: Record<string, string>): Promise<Run> {
  const home = path.join(work, `home-${++runs}`);
  const tmp = path.join(work, `tmp-${runs}`);
  mkdirSync(home);
  mkdirSync(tmp);
  const p = Bun.spawn(["/bin/sh", "-c", command], {
    cwd: home,
    env: { HOME: home, TMPDIR: tmp, PATH: "/usr/bin:/bin", ...env },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  return { code, stdout, stderr, home, tmp };
}

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const installDir = (r: Run) => path.join(r.home, ".local/bin");

beforeAll(async () => {
  // One cross-compile of every target (bun run build --all), reused by every test here.
  const t = performance.now();
  const b = Bun.spawn(["bun", "run", "build", "--all"], { cwd: repo, stdout: "pipe", stderr: "pipe" });
  const [err, code] = [await new Response(b.stderr).text(), await b.exited];
  if (code !== 0) throw new Error(`bun run build --all failed: ${err}`);
  buildMs = Math.round(performance.now() - t);
  process.stderr.write(`install-sh: bun run build --all took ${buildMs} ms\n`);
  work = mkdtempSync(path.join(os.tmpdir(), "kots-install-sh-"));
  const sums = readFileSync(path.join(dist, "SHA256SUMS"), "utf8");
  server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(req) {
      const [, variant, file] = new URL(req.url).pathname.split("/");
      if (variant === "install.sh") return new Response(Bun.file(path.join(repo, "install.sh")));
      if (!file || file.includes("..")) return new Response("not found", { status: 404 });
      if (file === "SHA256SUMS") {
        // "no-entry": a release without this platform's build
        const text = variant === "no-entry" ? sums.split("\n").filter((l) => !l.endsWith(`  ${asset}`)).join("\n") : sums;
        return new Response(text);
      }
      const f = Bun.file(path.join(dist, file));
      if (variant === "tampered") {
        return f.arrayBuffer().then((buf) => {
          const bytes = new Uint8Array(buf);
          bytes[bytes.length >> 1] ^= 0xff; // one byte changed in the middle
          return new Response(bytes);
        });
      }
      return new Response(f);
    },
  });
  base = `http://127.0.0.1:${server.port}`;
}, 300_000);

afterAll(() => {
  server?.stop(true);
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("install.sh", () => {
  test("curl | bash installs the checked binary and the kubectl-kots link into ~/.local/bin (not root) and prints its version", async () => {
    const r = await run(`curl -fsSL ${base}/install.sh | bash`, { KOTS_INSTALL_BASE_URL: `${base}/good`, PATH: `${shims()}:/usr/bin:/bin` });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const dir = installDir(r);
    expect(r.stdout).toContain(`installed kots into ${dir} (not root): ${dir}/kots and the kubectl plugin ${dir}/kubectl-kots`);
    expect(sha(readFileSync(path.join(dir, "kots")))).toBe(sha(readFileSync(path.join(dist, asset))));
    expect(lstatSync(path.join(dir, "kots")).mode & 0o777).toBe(0o755);
    expect(readlinkSync(path.join(dir, "kubectl-kots"))).toBe("kots");
    expect(r.stdout).toContain(`$ ${dir}/kubectl-kots version\nkots `);
    expect(r.stdout).toMatch(/kots \d+\.\d+\.\d+ \(commit \w+, built \d{4}-\d\d-\d\dT[\d:]+Z, kotsadm v1\.88\.\d+\)/);
    expect(r.stdout).toContain(`note: ${dir} is not on your PATH`);
    expect(readdirSync(r.tmp)).toEqual([]); // the download directory is gone
  }, 60_000);

  test("with the install directory and kubectl on PATH it runs `kubectl kots version`; plain sh works too", async () => {
    const kubectl = [process.env.KUBECTL, ...Bun.spawnSync(["sh", "-c", "ls -d $HOME/.cache/kots-tui/cluster/*/bin 2>/dev/null"]).stdout.toString().split("\n")]
      .filter((p): p is string => !!p)
      .map((p) => (p.endsWith("kubectl") ? path.dirname(p) : p))
      .find((d) => existsSync(path.join(d, "kubectl")));
    if (!kubectl) throw new Error("no kubectl: scripts/cluster up builds one (or set KUBECTL)");
    const home = path.join(work, "home-kubectl");
    const r = await run(`sh ${path.join(repo, "install.sh")}`, {
      KOTS_INSTALL_BASE_URL: `${base}/good`,
      HOME: home,
      PATH: `${shims()}:${home}/.local/bin:${kubectl}:/usr/bin:/bin`,
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("$ kubectl kots version\nkots ");
    expect(r.stdout).not.toContain("note:");
  }, 60_000);

  test("needs only wget and shasum (no curl, no sha256sum); KOTS_INSTALL_DIR picks the directory", async () => {
    const tools = path.join(work, "tools");
    mkdirSync(tools);
    for (const t of ["sh", "bash", "uname", "mktemp", "awk", "wc", "tr", "cut", "cp", "mv", "ln", "chmod", "mkdir", "rm", "wget", "shasum", "perl", "cat", "tail", "sed"]) {
      const found = Bun.which(t, { PATH: "/usr/bin:/bin" });
      if (!found) throw new Error(`${t} is not installed`);
      symlinkSync(found, path.join(tools, t));
    }
    const target = path.join(work, "opt-bin");
    const r = await run(`bash ${path.join(repo, "install.sh")}`, { KOTS_INSTALL_BASE_URL: `${base}/good`, KOTS_INSTALL_DIR: target, PATH: `${shims()}:${tools}` });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`installed kots into ${target} (KOTS_INSTALL_DIR)`);
    expect(sha(readFileSync(path.join(target, "kots")))).toBe(sha(readFileSync(path.join(dist, asset))));
  }, 60_000);
});

describe("install.sh refuses, with exit 1, one line and nothing left behind", () => {
  const refused = (r: Run, message: string) => {
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringContaining(message)]);
    expect(r.stderr).toStartWith("kots install: ");
    expect(existsSync(installDir(r))).toBe(false);
    expect(readdirSync(r.tmp)).toEqual([]);
  };

  test("a tampered binary", async () => {
    const r = await run(`curl -fsSL ${base}/install.sh | bash`, { KOTS_INSTALL_BASE_URL: `${base}/tampered`, PATH: `${shims()}:/usr/bin:/bin` });
    refused(r, `checksum mismatch for ${asset} (SHA256SUMS says `);
    expect(r.stderr).toContain("nothing was installed");
  }, 60_000);

  test("a release without this platform's entry in SHA256SUMS", async () => {
    const r = await run(`curl -fsSL ${base}/install.sh | bash`, { KOTS_INSTALL_BASE_URL: `${base}/no-entry`, PATH: `${shims()}:/usr/bin:/bin` });
    refused(r, `SHA256SUMS at ${base}/no-entry has no entry for ${asset}`);
  }, 60_000);

  test("an unsupported platform (FreeBSD, i686)", async () => {
    const freebsd = shims({ uname: `#!/bin/sh\ncase "$1" in -s) echo FreeBSD ;; -m) echo amd64 ;; esac\n` });
    refused(await run(`curl -fsSL ${base}/install.sh | bash`, { KOTS_INSTALL_BASE_URL: `${base}/good`, PATH: `${freebsd}:/usr/bin:/bin` }), "unsupported platform: FreeBSD amd64");
    const i686 = shims({ uname: `#!/bin/sh\ncase "$1" in -s) echo Linux ;; -m) echo i686 ;; esac\n` });
    refused(await run(`curl -fsSL ${base}/install.sh | bash`, { KOTS_INSTALL_BASE_URL: `${base}/good`, PATH: `${i686}:/usr/bin:/bin` }), "unsupported platform: linux i686");
  }, 60_000);

  test("an unreachable URL", async () => {
    const r = await run(`curl -fsSL ${base}/install.sh | bash`, { KOTS_INSTALL_BASE_URL: "http://127.0.0.1:9/releases", PATH: `${shims()}:/usr/bin:/bin` });
    refused(r, "cannot download http://127.0.0.1:9/releases/SHA256SUMS: Failed to connect to 127.0.0.1 port 9");
  }, 60_000);
});
