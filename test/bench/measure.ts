/** Timing primitives of the benchmark: one bounded child process, wall time, peak RSS, medians. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
  /** performance.now() just before spawn and right after exit. */
  startMs: number;
  endMs: number;
  /** Date.now() at exit (comparable with event `at` stamps of other processes). */
  exitAt: number;
  wallMs: number;
  /** "Maximum resident set size" of /usr/bin/time -v, KiB (only with `rss: true`). */
  maxRssKiB?: number;
}

export interface RunOptions {
  env?: Record<string, string>;
  /** Run under `/usr/bin/time -v -o <file>` and parse the peak RSS. */
  rss?: boolean;
  /** Kill with SIGKILL after this long (every child of the bench is bounded). */
  timeoutMs?: number;
  /** Working directory of the child (default: the bench's). */
  cwd?: string;
}

/** A minimal environment: PATH and HOME only, so the host's KUBECONFIG or KOTS_* never leak in. */
export function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/root", ...extra };
}

/** Runs argv to completion and measures wall time from spawn to exit. Throws on timeout. */
export async function timed(argv: string[], opts: RunOptions = {}): Promise<Run> {
  let rssFile: string | undefined;
  if (opts.rss) {
    const dir = mkdtempSync(path.join(tmpdir(), "kots-bench-rss-"));
    rssFile = path.join(dir, "time.txt");
    argv = ["/usr/bin/time", "-v", "-o", rssFile, ...argv];
  }
  const startMs = performance.now();
  const proc = Bun.spawn(argv, { env: baseEnv(opts.env), cwd: opts.cwd, stdin: "ignore", stdout: "pipe", stderr: "pipe" });
  let killed = false;
  const timer = setTimeout(() => ((killed = true), proc.kill("SIGKILL")), opts.timeoutMs ?? 180_000);
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  const endMs = performance.now();
  const exitAt = Date.now();
  clearTimeout(timer);
  let maxRssKiB: number | undefined;
  if (rssFile) {
    const text = readFileSync(rssFile, "utf8");
    rmSync(path.dirname(rssFile), { recursive: true, force: true });
    maxRssKiB = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(text)?.[1]);
  }
  if (killed) throw new Error(`timed out after ${opts.timeoutMs ?? 180_000} ms: ${argv.join(" ")}`);
  return { code, stdout, stderr, startMs, endMs, exitAt, wallMs: endMs - startMs, maxRssKiB };
}

/** Like `timed`, but a non-zero exit throws with the command's stderr. */
export async function mustRun(argv: string[], opts: RunOptions = {}): Promise<Run> {
  const r = await timed(argv, opts);
  if (r.code !== 0) throw new Error(`exit ${r.code}: ${argv.join(" ")}\n${r.stderr.trim() || r.stdout.trim()}`);
  return r;
}

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}
