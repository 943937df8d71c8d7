/**
 * Waits by watch (no polling) until objects no longer exist: one list+watch per object
 * (fieldSelector metadata.name), so any resource type discovery found can be waited for.
 * An object is gone when the API server says DELETED, when a (re)list no longer has it, or when
 * the name now belongs to another object (a different uid: ours is gone).
 */
import type { Cluster } from "../kube/cluster.ts";
import { resourcePath } from "../kube/discovery.ts";
import { watchCollection, type WatchedObject } from "../kube/watch.ts";
import type { Target } from "./remove-plan.ts";

export interface GoneWatchOptions {
  namespace: string;
  signal: AbortSignal;
  /** Called when an object is seen terminating (deletionTimestamp set) with why it still exists. */
  onTerminating: (t: Target, message: string) => void;
  onGone: (t: Target) => void;
  onRetry?: (err: unknown, delayMs: number) => void;
}

/** Why a terminating object still exists, in plain words, from its finalizers and phase. */
export function terminatingMessage(obj: WatchedObject): string {
  const finalizers = ((obj.metadata.finalizers as string[] | undefined) ?? []).concat((((obj.spec as { finalizers?: string[] } | undefined)?.finalizers) ?? []));
  const why = finalizers.map((f) => {
    if (f === "foregroundDeletion") return "waiting for what it owns (its pods) to be deleted";
    if (f === "kubernetes.io/pvc-protection") return "still mounted by a pod";
    if (f === "kubernetes") return "the namespace controller is deleting its contents";
    return `finalizer ${f}`;
  });
  return why.length > 0 ? `terminating: ${[...new Set(why)].join("; ")}` : "terminating";
}

/**
 * Resolves when every target is gone, calling onTerminating/onGone as it learns; rejects with the
 * watch's error when it is not transient. Stops (resolves) when `signal` aborts.
 */
export function waitUntilGone(cluster: Cluster, targets: readonly Target[], opts: GoneWatchOptions): Promise<void> {
  if (targets.length === 0) return Promise.resolve();
  const inner = new AbortController();
  return new Promise<void>((resolve, reject) => {
    let left = targets.length;
    let settled = false;
    const stop = () => finish();
    opts.signal.addEventListener("abort", stop, { once: true });
    const finish = (err?: unknown) => {
      if (settled) return;
      settled = true;
      inner.abort();
      opts.signal.removeEventListener("abort", stop);
      if (err) reject(err);
      else resolve();
    };
    if (opts.signal.aborted) return finish();
    for (const t of targets) {
      let gone = false;
      let listedIt = false;
      const markGone = () => {
        if (gone) return;
        gone = true;
        opts.onGone(t);
        if (--left === 0) finish();
      };
      watchCollection(cluster, {
        path: resourcePath(t.type, opts.namespace),
        fieldSelector: `metadata.name=${t.ref.name}`,
        signal: inner.signal,
        onRetry: opts.onRetry,
        onEvent: (type, obj) => {
          if (gone) return;
          if (type === "DELETED" || obj.metadata.uid !== t.uid) return markGone();
          if (type === "ADDED") listedIt = true; // list items arrive as ADDED; a later watch ADDED of the same uid cannot happen
          if (obj.metadata.deletionTimestamp) opts.onTerminating(t, terminatingMessage(obj));
        },
        onSynced: () => {
          if (!listedIt) markGone();
          listedIt = false; // the next (re)list must show it again
        },
      }).catch(finish);
    }
  });
}
