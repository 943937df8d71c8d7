import os from "node:os";
import type { Cluster } from "./cluster.ts";
import { isTransient } from "./errors.ts";
import { collectionPath, objectPath } from "./paths.ts";
import { requestJson } from "./watch.ts";

/** Name of the coordination Lease that allows one install per namespace at a time. */
export const INSTALL_LEASE = "kots-install";
/** Lease term, s: a holder that stops renewing (killed, network gone) frees it after this. */
export const LEASE_DURATION_S = 30;
const RENEW_EVERY_MS = 10_000;

interface Lease {
  metadata: { name: string; namespace: string; resourceVersion?: string; uid?: string };
  spec: { holderIdentity?: string; leaseDurationSeconds?: number; acquireTime?: string; renewTime?: string };
}

export interface LeaseHandle {
  holder: string;
  /** Stops renewing and deletes the Lease (best effort, never throws). */
  release(): Promise<void>;
}

export class LeaseHeldError extends Error {
  constructor(
    readonly holder: string,
    readonly namespace: string,
    message: string,
  ) {
    super(message);
    this.name = "LeaseHeldError";
  }
}

/** "host/pid-123/4f2a": who holds the lease, for the message the other run prints. */
export function holderIdentity(): string {
  return `${os.hostname()}/pid-${process.pid}/${crypto.randomUUID().slice(0, 8)}`;
}

/** RFC 3339 with microseconds, the MicroTime the Lease API stores. */
function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

/** True when the Lease is held by someone and its term has not run out at `now` (epoch ms). */
export function leaseIsLive(lease: Lease, now: number): boolean {
  if (!lease.spec.holderIdentity) return false;
  const renewed = Date.parse(lease.spec.renewTime ?? lease.spec.acquireTime ?? "");
  if (Number.isNaN(renewed)) return false;
  return now < renewed + (lease.spec.leaseDurationSeconds ?? LEASE_DURATION_S) * 1000;
}

/**
 * Takes the namespace's install Lease (coordination.k8s.io/v1, name `kots-install`), waiting while
 * another live holder has it: create it, or take over an expired or released one with an
 * optimistic PUT (resourceVersion). Renews every 10 s until released. `onWait(holder)` is called
 * once when the run starts waiting, `onRetry` for each transient API error (retried every 1 s
 * until `deadline`). Throws LeaseHeldError naming the holder when it is still held
 * at `deadline` (epoch ms); API errors other than conflicts and transient ones are thrown as is.
 */
export async function acquireInstallLease(
  cluster: Cluster,
  namespace: string,
  opts: { deadline: number; signal: AbortSignal; holder?: string; onWait?: (holder: string) => void; onRetry?: (err: unknown, delayMs: number) => void },
): Promise<LeaseHandle> {
  const holder = opts.holder ?? holderIdentity();
  const path = objectPath("Lease", INSTALL_LEASE, namespace);
  const spec = (now: number) => ({ holderIdentity: holder, leaseDurationSeconds: LEASE_DURATION_S, acquireTime: microTime(now), renewTime: microTime(now) });
  let waited = false;
  for (;;) {
    if (opts.signal.aborted) throw opts.signal.reason ?? new Error("aborted");
    const now = Date.now();
    try {
      const created = (await requestJson(cluster, "POST", collectionPath("Lease", namespace), {
        apiVersion: "coordination.k8s.io/v1",
        kind: "Lease",
        metadata: { name: INSTALL_LEASE, namespace, labels: { "kots.io/kotsadm": "true" } },
        spec: spec(now),
      }, "application/json", opts.signal)) as Lease;
      return hold(cluster, created, holder);
    } catch (err) {
      if ((err as { code?: number }).code !== 409 && !isTransient(err)) throw err;
      if ((err as { code?: number }).code !== 409) {
        if (Date.now() >= opts.deadline) throw err;
        opts.onRetry?.(err, 1000);
        await sleep(1000, opts.signal);
        continue;
      }
    }
    let current: Lease | undefined;
    try {
      current = (await requestJson(cluster, "GET", path, undefined, undefined, opts.signal)) as Lease;
    } catch (err) {
      if ((err as { code?: number }).code !== 404 && !isTransient(err)) throw err;
    }
    if (current && !leaseIsLive(current, Date.now())) {
      try {
        const taken = (await requestJson(cluster, "PUT", path, { ...current, spec: { ...current.spec, ...spec(Date.now()) } }, "application/json", opts.signal)) as Lease;
        return hold(cluster, taken, holder);
      } catch (err) {
        if ((err as { code?: number }).code !== 409 && !isTransient(err)) throw err;
      }
    } else if (current) {
      const other = current.spec.holderIdentity!;
      if (Date.now() >= opts.deadline)
        throw new LeaseHeldError(other, namespace, `another kots install is running in namespace ${namespace} (holder ${other}): wait for it to finish, or run again once it has`);
      if (!waited) opts.onWait?.(other);
      waited = true;
    }
    await sleep(1000, opts.signal);
  }
}

function hold(cluster: Cluster, lease: Lease, holder: string): LeaseHandle {
  let latest = lease;
  let stopped = false;
  const timer = setInterval(async () => {
    try {
      latest = (await requestJson(cluster, "PUT", objectPath("Lease", INSTALL_LEASE, lease.metadata.namespace), {
        ...latest,
        spec: { ...latest.spec, renewTime: microTime(Date.now()) },
      })) as Lease;
    } catch {
      // a missed renewal is retried on the next tick; the term (30 s) covers two misses
    }
  }, RENEW_EVERY_MS);
  timer.unref?.();
  return {
    holder,
    async release() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      try {
        await requestJson(cluster, "DELETE", objectPath("Lease", INSTALL_LEASE, lease.metadata.namespace), {
          apiVersion: "v1",
          kind: "DeleteOptions",
          preconditions: { uid: lease.metadata.uid },
        }, "application/json", undefined, 5_000);
      } catch {
        // it expires on its own after LEASE_DURATION_S
      }
    },
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
  });
}
