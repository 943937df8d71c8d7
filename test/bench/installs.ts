/**
 * The two install procedures compared, each into a fresh namespace, optionally observed by the
 * independent readiness watch (watch-ready.ts) and/or run under /usr/bin/time -v:
 *   kots:    dist/kots install APP -n NS --yes --no-port-forward --output json
 *   kubectl: kubectl apply --server-side --field-manager=bench --force-conflicts -f <rendered>, then
 *            kubectl rollout status on each workload, one after the other
 */
import path from "node:path";
import { writeManifests } from "./manifests.ts";
import { mustRun, type Run } from "./measure.ts";

export interface BenchContext {
  kots: string;
  kubectl: string;
  kubeconfig: string;
  app: string;
  password: string;
  /** Private temp dir for the rendered manifests. */
  tmpDir: string;
  /** "Deployment/kotsadm", "StatefulSet/…": what both procedures wait for. */
  workloads: string[];
  /** Every namespace created, for cleanup. */
  namespaces: string[];
}

export interface InstallSample {
  /** Spawn of the first command to exit of the last one. */
  wallMs: number;
  /** Epoch ms when the procedure said "ready": kots' done event `at`; the last rollout status exit. */
  doneAt: number;
  /** Epoch ms when the watch saw the last workload turn ready (with `watch`). */
  lastReadyAt?: number;
  /** Peak RSS (KiB): kots install, or kubectl apply (with `rss`). */
  rssKiB?: number;
  /** Peak RSS (KiB) of the largest kubectl rollout status (kubectl only, with `rss`). */
  rolloutRssKiB?: number;
}

export interface SampleOptions {
  watch?: boolean;
  rss?: boolean;
  /** Extra install flags (e.g. the realistic kwok profile's label and StorageClass). */
  extraArgs?: string[];
}

const WATCH_SCRIPT = path.join(import.meta.dir, "watch-ready.ts");
const INSTALL_TIMEOUT_MS = 180_000;

export function freshNamespace(ctx: BenchContext, tag: string): string {
  const ns = `bench-${tag}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e4)}`;
  ctx.namespaces.push(ns);
  return ns;
}

/** Starts the watch for `ns` and resolves once its watch requests are open; `result` gives the stamps. */
async function startWatch(ctx: BenchContext, ns: string): Promise<{ result: () => Promise<number> }> {
  const proc = Bun.spawn(["bun", WATCH_SCRIPT, ctx.kubeconfig, ns, String(INSTALL_TIMEOUT_MS), ...ctx.workloads], {
    stdin: "ignore",
    stdout: "pipe",
    stderr: "inherit",
  });
  const reader = proc.stdout.getReader();
  const decoder = new TextDecoder();
  let buffered = "";
  const nextLine = async (): Promise<string> => {
    for (let i = 0; i < 10_000; i++) {
      const nl = buffered.indexOf("\n");
      if (nl >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        return line;
      }
      const { value, done } = await reader.read();
      if (done) throw new Error(`watch-ready for ${ns} exited without output`);
      buffered += decoder.decode(value, { stream: true });
    }
    throw new Error("watch-ready printed too much");
  };
  const first = JSON.parse(await nextLine()) as { watching?: boolean };
  if (!first.watching) throw new Error(`watch-ready for ${ns} did not start`);
  return {
    async result() {
      const r = JSON.parse(await nextLine()) as { ready: Record<string, number>; complete: boolean };
      await proc.exited;
      if (!r.complete) throw new Error(`watch-ready for ${ns}: not every workload turned ready (${JSON.stringify(r.ready)})`);
      return Math.max(...Object.values(r.ready));
    },
  };
}

export async function kotsSample(ctx: BenchContext, opts: SampleOptions = {}): Promise<InstallSample> {
  const ns = freshNamespace(ctx, "kots");
  const watch = opts.watch ? await startWatch(ctx, ns) : undefined;
  const argv = [ctx.kots, "install", ctx.app, "-n", ns, "--yes", "--no-port-forward", "--output", "json", "--kubeconfig", ctx.kubeconfig, ...(opts.extraArgs ?? [])];
  const r = await mustRun(argv, { env: { KOTS_SHARED_PASSWORD: ctx.password }, rss: opts.rss, timeoutMs: INSTALL_TIMEOUT_MS });
  const last = JSON.parse(r.stdout.trim().split("\n").pop() ?? "{}") as { type?: string; at?: number };
  if (last.type !== "done" || typeof last.at !== "number") throw new Error(`kots install into ${ns} did not end with a done event`);
  return { wallMs: r.wallMs, doneAt: last.at, lastReadyAt: await watch?.result(), rssKiB: r.maxRssKiB };
}

export async function kubectlSample(ctx: BenchContext, opts: SampleOptions = {}): Promise<InstallSample> {
  const ns = freshNamespace(ctx, "kubectl");
  const { file } = await writeManifests(ctx.app, ns, ctx.password, path.join(ctx.tmpDir, `${ns}.yaml`));
  const watch = opts.watch ? await startWatch(ctx, ns) : undefined;
  const k = (...args: string[]) => [ctx.kubectl, "--kubeconfig", ctx.kubeconfig, ...args];
  const runs: Run[] = [await mustRun(k("apply", "--server-side", "--field-manager=bench", "--force-conflicts", "-f", file), { rss: opts.rss })];
  for (const w of ctx.workloads) {
    const [kind, name] = w.split("/") as [string, string];
    runs.push(await mustRun(k("rollout", "status", `${kind.toLowerCase()}/${name}`, "-n", ns, "--timeout=180s"), { rss: opts.rss, timeoutMs: INSTALL_TIMEOUT_MS }));
  }
  const lastRun = runs.at(-1)!;
  return {
    wallMs: lastRun.endMs - runs[0]!.startMs,
    doneAt: lastRun.exitAt,
    lastReadyAt: await watch?.result(),
    rssKiB: runs[0]!.maxRssKiB,
    rolloutRssKiB: opts.rss ? Math.max(...runs.slice(1).map((r) => r.maxRssKiB ?? 0)) : undefined,
  };
}
