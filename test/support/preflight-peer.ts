import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const src = path.resolve(import.meta.dir, "../troubleshoot-peer");
export const TROUBLESHOOT_VERSION = "v0.133.0";

/**
 * Path of troubleshoot's own `preflight` CLI v0.133.0, built with the machine's Go from the Go
 * module (test/troubleshoot-peer: a wrapper go.mod with troubleshoot's two replace lines) into
 * ~/.cache/kots-tui/preflight-peer/<version>-<go.sum hash>/preflight. About 2 to 6 minutes cold,
 * 149 MB. Throws with Go's last line when it cannot be built: the conformance test then fails, it
 * never passes without its peer.
 */
export function preflightPeer(log: (line: string) => void = () => {}): string {
  const hash = createHash("sha256");
  for (const f of ["go.mod", "go.sum", "tools.go"]) hash.update(readFileSync(path.join(src, f)));
  const cache = process.env.KOTS_TUI_CACHE ?? path.join(os.homedir(), ".cache/kots-tui");
  const dir = path.join(cache, "preflight-peer", `${TROUBLESHOOT_VERSION}-${hash.digest("hex").slice(0, 12)}`);
  const bin = path.join(dir, "preflight");
  if (existsSync(bin)) return bin;
  mkdirSync(dir, { recursive: true });
  log(`building troubleshoot preflight ${TROUBLESHOOT_VERSION} from the Go module (a few minutes, once)`);
  const started = Date.now();
  const tmp = `${bin}.partial`;
  const r = Bun.spawnSync(["go", "build", "-trimpath", "-ldflags", "-s -w", "-o", tmp, "github.com/replicatedhq/troubleshoot/cmd/preflight"], {
    cwd: src,
    stdout: "pipe",
    stderr: "pipe",
  });
  if (r.exitCode !== 0) throw new Error(`building troubleshoot preflight ${TROUBLESHOOT_VERSION} failed: ${r.stderr.toString().trim().split("\n").at(-1)}`);
  renameSync(tmp, bin);
  log(`built troubleshoot preflight in ${Math.round((Date.now() - started) / 1000)} s`);
  return bin;
}

export interface PeerResult {
  title: string;
  outcome: "pass" | "warn" | "fail";
  message: string;
  uri: string;
  strict: boolean;
}

/**
 * Runs `preflight --interactive=false --format=json --auto-update=false SPEC` against the cluster
 * of `kubeconfig` and returns its checks in output order (fail, warn, pass groups as it prints
 * them) with its exit code (0 pass, 3 fail, 4 warn, 2 spec issues, 1 other).
 */
export async function runPeerPreflight(specPath: string, kubeconfig: string, namespace?: string): Promise<{ exitCode: number; results: PeerResult[]; stderr: string; wallMs: number }> {
  const args = [preflightPeer(), "--interactive=false", "--format=json", "--auto-update=false"];
  if (namespace) args.push("-n", namespace);
  args.push(specPath);
  const started = performance.now();
  const p = Bun.spawn(args, { env: { ...process.env, KUBECONFIG: kubeconfig }, stdout: "pipe", stderr: "pipe" });
  const [out, err, exitCode] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  const wallMs = performance.now() - started;
  const results: PeerResult[] = [];
  const start = out.indexOf("{");
  if (start >= 0) {
    const parsed = JSON.parse(out.slice(start)) as Record<string, Array<{ title: string; message: string; uri?: string; strict?: boolean }>>;
    for (const outcome of ["pass", "warn", "fail"] as const)
      for (const r of parsed[outcome] ?? []) results.push({ title: r.title, outcome, message: r.message, uri: r.uri ?? "", strict: r.strict ?? false });
  }
  return { exitCode, results, stderr: err, wallMs };
}
