import type { Cluster } from "../kube/cluster.ts";
import { collectionPath } from "../kube/paths.ts";
import { watchCollection, type WatchedObject } from "../kube/watch.ts";
import { computeStatus, workloadFailure, notReadyExplanation } from "../kube/status/index.ts";
import type { InstallEvent, KStatus, ObjectRef } from "./events.ts";
import { CliError } from "../errors.ts";
import { lastLogLine } from "../kube/logs.ts";
import { apiMessage, statusOf } from "../kube/errors.ts";

export interface WaitOptions {
  namespace: string;
  /** Objects to wait for: only their kinds' collections are watched. */
  refs: ObjectRef[];
  budgetMs: number;
  /** Epoch ms when the wait started (elapsed is measured from here). */
  startedAt: number;
  /** Grace window for init containers that fail and restart while a dependency starts, ms (default 2 min). */
  initRestartGraceMs?: number;
  /** A workload InProgress with no change for this long gets one stall warning (ms). */
  stallWarnMs?: number;
  signal: AbortSignal;
  emit: (e: InstallEvent) => void;
}

const WATCHED_HELPERS = ["Pod", "Event", "PersistentVolumeClaim"];

/** The failure message, with the failed init container's last log line (previous instance) when it can be read. */
async function withLastLogLine(cluster: Cluster, namespace: string, f: { message: string; pod?: string; container?: string; initContainer?: boolean }, signal: AbortSignal): Promise<string> {
  if (!f.initContainer || !f.pod || !f.container) return f.message;
  const line = await lastLogLine(cluster, { namespace, pod: f.pod, container: f.container }, { previous: true, signal });
  return line ? `${f.message}; last log line: ${line}` : f.message;
}

/**
 * Waits by watch (list+watch per kind, no polling) until every ref is kstatus Current.
 * Emits `status-changed` whenever an object's (status, reason, message) changes, and a `warning`
 * once when a workload stalls. Fails fast (CliError exit 1) with the pod, reason and message when
 * a pod of a workload hits a fail-fast condition (design §4), or when an object is kstatus Failed;
 * an init container that restarts is waiting for `initRestartGraceMs`, then fails with its last
 * log line (read with previous=true); a watch that loses the API server is retried, with a
 * `warning` at most every 5 s;
 * at the budget it fails listing every object not ready and why.
 */
export async function waitForCurrent(cluster: Cluster, opts: WaitOptions): Promise<void> {
  const key = (kind: string, name: string) => `${kind}/${name}`;
  const store = new Map<string, Map<string, WatchedObject>>();
  const last = new Map<string, { status: KStatus; reason?: string; message: string; changedAt: number; warned?: boolean }>();
  const kinds = [...new Set([...opts.refs.map((r) => r.kind), ...WATCHED_HELPERS])];
  const inner = new AbortController();
  const onOuterAbort = () => inner.abort();
  opts.signal.addEventListener("abort", onOuterAbort, { once: true });
  const stallWarnMs = opts.stallWarnMs ?? 30_000;

  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let failing = false; // a failure was found; its last log line is being read
    const finish = (err?: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(budgetTimer);
      clearInterval(stallTimer);
      inner.abort();
      opts.signal.removeEventListener("abort", onOuterAbort);
      if (err) reject(err);
      else resolve();
    };
    const listOf = (kind: string) => [...(store.get(kind)?.values() ?? [])];

    const evaluate = () => {
      if (settled || failing) return;
      const now = Date.now();
      let allCurrent = true;
      for (const ref of opts.refs) {
        const obj = store.get(ref.kind)?.get(ref.name);
        let st: { status: KStatus; reason?: string; message: string };
        if (!obj) st = { status: "NotFound", message: "not found yet" };
        else {
          const s = computeStatus(obj as never);
          st = { status: s.status as KStatus, reason: s.reason, message: s.message };
          if (st.status === "InProgress") {
            const failure = workloadFailure(obj as never, listOf("Pod") as never, listOf("Event") as never, now, { initRestartGraceMs: opts.initRestartGraceMs });
            if (failure) {
              failing = true;
              void withLastLogLine(cluster, opts.namespace, failure, opts.signal).then((message) => {
                if (settled) return;
                emitStatus(ref, { status: "Failed", reason: failure.reason, message }, Date.now());
                finish(new CliError(`${ref.kind}/${ref.name} failed: ${failure.reason}: ${message}`, 1));
              });
              return;
            }
            const why = notReadyExplanation(obj as never, listOf("Pod") as never, listOf("Event") as never);
            if (why) st.message = why;
          }
        }
        emitStatus(ref, st, now);
        if (st.status === "Failed") return finish(new CliError(`${ref.kind}/${ref.name} failed: ${st.reason ? `${st.reason}: ` : ""}${st.message}`, 1));
        if (st.status !== "Current") allCurrent = false;
      }
      if (allCurrent) finish();
    };

    const emitStatus = (ref: ObjectRef, st: { status: KStatus; reason?: string; message: string }, now: number) => {
      const k = key(ref.kind, ref.name);
      const prev = last.get(k);
      if (prev && prev.status === st.status && prev.reason === st.reason && prev.message === st.message) return;
      last.set(k, { ...st, changedAt: now });
      opts.emit({
        type: "status-changed",
        at: now,
        ref,
        status: st.status,
        reason: st.reason,
        message: st.message,
        elapsedMs: now - opts.startedAt,
        budgetMs: opts.budgetMs,
      });
    };

    const budgetTimer = setTimeout(() => {
      const pending = opts.refs
        .map((r) => ({ r, s: last.get(key(r.kind, r.name)) }))
        .filter(({ s }) => s?.status !== "Current")
        .map(({ r, s }) => `${r.kind}/${r.name} ${s?.status ?? "NotFound"}${s?.message ? ` (${s.message})` : ""}`);
      finish(new CliError(`not ready after ${Math.round(opts.budgetMs / 1000)}s (--wait-duration): ${pending.join("; ")}`, 1));
    }, Math.max(0, opts.startedAt + opts.budgetMs - Date.now()));

    const stallTimer = setInterval(() => {
      const now = Date.now();
      for (const [k, s] of last) {
        if (s.status === "InProgress" && !s.warned && now - s.changedAt > stallWarnMs) {
          s.warned = true;
          const [kind, name] = k.split("/") as [string, string];
          opts.emit({ type: "warning", at: now, ref: { kind, name, namespace: opts.namespace }, message: `${k} has made no progress for ${Math.round((now - s.changedAt) / 1000)}s: ${s.message}` });
        }
      }
      if (synced.size === kinds.length) evaluate(); // time-based rules (Unschedulable grace period) need a tick even without events
    }, 1000);

    // The API server went away while we watch: say so (once per 5 s, not once per watched kind).
    let warnedAt = 0;
    const warnWatchRetry = (err: unknown, delayMs: number) => {
      if (statusOf(err) === 410) return; // an expired resourceVersion is routine, not an outage
      const now = Date.now();
      if (now - warnedAt < 5_000) return;
      warnedAt = now;
      opts.emit({ type: "warning", at: now, message: `API server error while waiting, retrying in ${delayMs} ms: ${apiMessage(err)}` });
    };
    const synced = new Set<string>();
    for (const kind of kinds) {
      const m = new Map<string, WatchedObject>();
      store.set(kind, m);
      watchCollection(cluster, {
        path: collectionPath(kind, opts.namespace),
        signal: inner.signal,
        onSynced: () => {
          synced.add(kind);
          if (synced.size === kinds.length) evaluate();
        },
        onEvent: (type, obj) => {
          if (type === "DELETED") m.delete(obj.metadata.name);
          else m.set(obj.metadata.name, { ...obj, kind });
          if (synced.size === kinds.length) evaluate();
        },
        onRetry: warnWatchRetry,
      }).catch((err) => finish(err));
    }
    opts.signal.addEventListener("abort", () => finish(opts.signal.reason ?? new Error("aborted")), { once: true });
  });
}
