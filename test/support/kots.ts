import path from "node:path";
import type { InstallEvent } from "../../src/install/events.ts";

const repo = path.resolve(import.meta.dir, "../..");
export const KOTS_BIN = path.join(repo, "dist/kots");
let built = false;

/** Every stdout/stderr text any kots run of this test process printed (for the secret grep). */
export const allOutputs: string[] = [];

/** Builds dist/kots from the current source once per test process (bun build --compile, ~1 s). */
export function ensureBinary(): string {
  if (built) return KOTS_BIN;
  const r = Bun.spawnSync(["bun", "run", "build.ts"], { cwd: repo, stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`building dist/kots failed: ${r.stderr.toString()}`);
  built = true;
  return KOTS_BIN;
}

export interface KotsRun {
  code: number;
  stdout: string;
  stderr: string;
  events: InstallEvent[];
}

/** Parses NDJSON stdout into events (lines that are not JSON make the test fail). */
export function parseEvents(stdout: string): InstallEvent[] {
  return stdout
    .split("\n")
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as InstallEvent);
}

/**
 * Runs the compiled binary to completion with no TTY. `env` is added to a minimal environment
 * (PATH, HOME) so the host's KOTS_* or KUBECONFIG never leak in.
 */
export async function runKots(args: string[], opts: { env?: Record<string, string>; stdin?: string; timeoutMs?: number } = {}): Promise<KotsRun> {
  const proc = spawnKots(args, opts);
  const timer = setTimeout(() => proc.kill("SIGKILL"), opts.timeoutMs ?? 120_000);
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  clearTimeout(timer);
  allOutputs.push(stdout, stderr);
  let events: InstallEvent[] = [];
  if (args.includes("json")) events = parseEvents(stdout);
  return { code, stdout, stderr, events };
}

/** Starts the compiled binary (no TTY) and returns the process, for tests that signal it. */
export function spawnKots(args: string[], opts: { env?: Record<string, string>; stdin?: string } = {}) {
  ensureBinary();
  return Bun.spawn([KOTS_BIN, ...args], {
    cwd: repo,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/root", ...opts.env },
    stdin: opts.stdin === undefined ? "ignore" : new TextEncoder().encode(opts.stdin),
    stdout: "pipe",
    stderr: "pipe",
  });
}
