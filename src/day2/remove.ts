/**
 * `kots remove` applied: takes the namespace's install Lease (no install runs meanwhile), reads
 * the install again and checks it is still the confirmed plan, then deletes phase by phase
 * (remove-plan.ts), each DELETE with a uid precondition (a same-named object made since is never
 * touched), waiting by watch until each phase is gone. Yields RemoveEvents; the Lease is released
 * before the namespace itself goes.
 */
import type { Cluster } from "../kube/cluster.ts";
import { resourcePath } from "../kube/discovery.ts";
import { apiMessage, isNotFound } from "../kube/errors.ts";
import { acquireInstallLease, LeaseHeldError, type LeaseHandle } from "../kube/lease.ts";
import { requestJson } from "../kube/watch.ts";
import { CliError, InterruptedError } from "../errors.ts";
import type { ObjectRef } from "../install/events.ts";
import { AsyncQueue } from "../install/queue.ts";
import { retryTransient } from "../install/retry.ts";
import { findInstall } from "./remove-find.ts";
import { planRemoval, planTargets, type RemovePlan, type Target } from "./remove-plan.ts";
import type { RemoveEvent } from "./remove-events.ts";
import { waitUntilGone } from "./gone-watch.ts";

export interface RemoveRun {
  /** The plan the operator saw and confirmed. */
  plan: RemovePlan;
  deletePvcs: boolean;
  deleteNamespace: boolean;
  /** The whole removal's budget (--wait-duration), ms. */
  budgetMs: number;
  signal: AbortSignal;
}

/** How long remove waits for an install running in the namespace to finish, ms (as a second install does). */
const LEASE_WAIT_MS = 120_000;

const key = (r: ObjectRef) => `${r.kind}/${r.name}`;

/**
 * Runs the removal; returns what was removed. Errors: CliError exit 1 (a delete failed, the
 * budget ran out naming what is left and why, the install changed since the plan was shown, an
 * install holds the namespace); InterruptedError (130/129/143) when `signal` aborts. Before
 * throwing it yields one `error` event listing what was removed.
 */
export async function* removeAdminConsole(cluster: Cluster, run: RemoveRun): AsyncGenerator<RemoveEvent, ObjectRef[]> {
  const queue = new AsyncQueue<RemoveEvent>();
  const removed: ObjectRef[] = [];
  const started = Date.now();
  const work = execute(cluster, run, removed, (e) => queue.push(e)).then(
    () => queue.close(),
    (err) => queue.fail(err),
  );
  try {
    for await (const e of queue) yield e;
  } catch (err) {
    const code = (run.signal.reason as { exitCode?: number } | undefined)?.exitCode;
    const wrapped = run.signal.aborted ? new InterruptedError(`interrupted; removed ${removed.length} object(s); run the same command again to finish`, code ?? 130) : err;
    const exitCode = wrapped instanceof CliError ? wrapped.exitCode : 1;
    yield { type: "error", at: Date.now(), message: wrapped instanceof Error ? wrapped.message : String(wrapped), exitCode, removed };
    throw wrapped;
  }
  await work;
  yield { type: "done", at: Date.now(), durationMs: Date.now() - started, namespace: run.plan.namespace, removed, kept: run.plan.kept };
  return removed;
}

async function execute(cluster: Cluster, run: RemoveRun, removed: ObjectRef[], emit: (e: RemoveEvent) => void): Promise<void> {
  const { signal } = run;
  const ns = run.plan.namespace;
  const startedAt = Date.now();
  const deadline = startedAt + run.budgetMs;
  const warnRetry = (what: string) => (err: unknown, ms: number) => emit({ type: "warning", at: Date.now(), message: `API server error ${what}, retrying in ${ms} ms: ${apiMessage(err)}` });

  let lease: LeaseHandle | undefined;
  try {
    lease = await acquireInstallLease(cluster, ns, {
      deadline: Math.min(deadline, Date.now() + LEASE_WAIT_MS),
      signal,
      onRetry: warnRetry("taking the install Lease"),
      onWait: (holder) => emit({ type: "warning", at: Date.now(), message: `a kots install is running in ${ns} (holder ${holder}): waiting up to ${LEASE_WAIT_MS / 1000}s for it to finish` }),
    }).catch((err) => {
      if (err instanceof LeaseHeldError) throw new CliError(err.message, 1);
      throw err;
    });
    // What exists now, under the Lease: it must still be what the operator confirmed.
    const now = planRemoval((await retryTransient(() => findInstall(cluster, ns, run, signal), deadline, signal, warnRetry("reading the install"))).inputs);
    const confirmed = new Set(planTargets(run.plan).map((t) => key(t.ref)));
    const added = planTargets(now).filter((t) => !confirmed.has(key(t.ref)));
    if (added.length > 0)
      throw new CliError(`the Admin Console in ${ns} changed since the plan was shown (${added.map((t) => key(t.ref)).join(", ")} appeared): nothing was removed; run kots remove again`, 1);
    if (run.deleteNamespace && now.namespaceProblems.length > 0) throw new CliError(`${now.namespaceProblems.join("; ")} (it changed since the plan was shown; nothing was removed)`, 1);

    for (const { phase, targets } of now.phases) {
      if (phase === "namespace") {
        await lease?.release(); // the Lease lives in the namespace
        lease = undefined;
      }
      emit({ type: "phase-started", at: Date.now(), phase });
      await Promise.all(targets.map((t) => deleteOne(cluster, ns, t, deadline, signal, warnRetry(`deleting ${key(t.ref)}`)).then(() => emit({ type: "object-deleting", at: Date.now(), ref: t.ref }))));
      await waitPhase(cluster, ns, targets, { startedAt, deadline, budgetMs: run.budgetMs, signal, emit, removed });
    }
  } finally {
    await lease?.release();
  }
}

/** DELETE with the target's uid as precondition; already gone (404) or replaced (409) counts as done. */
async function deleteOne(cluster: Cluster, namespace: string, t: Target, deadline: number, signal: AbortSignal, onRetry: (err: unknown, ms: number) => void): Promise<void> {
  const path = `${resourcePath(t.type, namespace)}/${encodeURIComponent(t.ref.name)}`;
  const body = { apiVersion: "v1", kind: "DeleteOptions", propagationPolicy: t.propagation, preconditions: { uid: t.uid } };
  try {
    await retryTransient(() => requestJson(cluster, "DELETE", path, body, "application/json", signal), deadline, signal, onRetry);
  } catch (err) {
    if (signal.aborted) throw err;
    if (isNotFound(err) || (err as { code?: number }).code === 409) return;
    throw new CliError(`deleting ${key(t.ref)} in ${namespace} failed: ${apiMessage(err)}`, 1);
  }
}

/** Waits until every target of a phase is gone, emitting Terminating/Gone; at the deadline fails naming what is left and why. */
function waitPhase(
  cluster: Cluster,
  namespace: string,
  targets: readonly Target[],
  ctx: { startedAt: number; deadline: number; budgetMs: number; signal: AbortSignal; emit: (e: RemoveEvent) => void; removed: ObjectRef[] },
): Promise<void> {
  const last = new Map<string, string>();
  const status = (t: Target, st: "Terminating" | "Gone", message: string) =>
    ctx.emit({ type: "status-changed", at: Date.now(), ref: t.ref, status: st, message, elapsedMs: Date.now() - ctx.startedAt, budgetMs: ctx.budgetMs });
  const inner = new AbortController();
  const outer = () => inner.abort(ctx.signal.reason);
  ctx.signal.addEventListener("abort", outer, { once: true });
  let warnedAt = 0;
  const watching = waitUntilGone(cluster, targets, {
    namespace,
    signal: inner.signal,
    onTerminating: (t, message) => {
      if (last.get(key(t.ref)) === message) return;
      last.set(key(t.ref), message);
      status(t, "Terminating", message);
    },
    onGone: (t) => {
      last.set(key(t.ref), "gone");
      ctx.removed.push(t.ref);
      status(t, "Gone", "deleted");
    },
    onRetry: (err, ms) => {
      if (Date.now() - warnedAt < 5_000) return;
      warnedAt = Date.now();
      ctx.emit({ type: "warning", at: Date.now(), message: `API server error while waiting, retrying in ${ms} ms: ${apiMessage(err)}` });
    },
  });
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      inner.abort();
      const left = targets.filter((t) => last.get(key(t.ref)) !== "gone").map((t) => `${key(t.ref)} (${last.get(key(t.ref)) ?? "deletion not seen yet"})`);
      reject(new CliError(`not gone after ${Math.round(ctx.budgetMs / 1000)}s (--wait-duration): ${left.join("; ")}`, 1));
    }, Math.max(0, ctx.deadline - Date.now()));
    watching.then(
      () => {
        clearTimeout(timer);
        ctx.signal.removeEventListener("abort", outer);
        if (ctx.signal.aborted) reject(ctx.signal.reason);
        else resolve();
      },
      (err) => {
        clearTimeout(timer);
        ctx.signal.removeEventListener("abort", outer);
        reject(ctx.signal.aborted ? ctx.signal.reason : err);
      },
    );
  });
}
