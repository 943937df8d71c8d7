import { Watch } from "@kubernetes/client-node";
import type { Cluster } from "./cluster.ts";
import { isTransient, statusOf } from "./errors.ts";

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";
export interface WatchedObject {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string; [k: string]: unknown };
  [k: string]: unknown;
}

export interface CollectionWatchOptions {
  /** Collection path, e.g. `/apis/apps/v1/namespaces/kots/deployments`. */
  path: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Called for every object of the initial list (as ADDED) and every later change. */
  onEvent: (type: WatchEventType, obj: WatchedObject) => void;
  /** Called when the watch connection fails transiently and will be retried (ms until the retry). */
  onRetry?: (err: unknown, delayMs: number) => void;
  /** Called after each complete (re-)list, once its items were delivered. */
  onSynced?: () => void;
  signal: AbortSignal;
}

/**
 * List-then-watch one collection until `signal` aborts (the informer pattern without a cache).
 * Resumes from the last resourceVersion after a dropped connection; on 410 Gone (expired
 * resourceVersion) it lists again. Transient errors (isTransient) are retried with exponential
 * backoff 250 ms → 5 s; any other error rejects the returned promise.
 */
export async function watchCollection(cluster: Cluster, opts: CollectionWatchOptions): Promise<void> {
  const watch = new Watch(cluster.kc);
  let resourceVersion: string | undefined;
  let delay = 250;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      opts.signal.addEventListener("abort", () => (clearTimeout(t), resolve()), { once: true });
    });

  while (!opts.signal.aborted) {
    try {
      if (!resourceVersion) {
        resourceVersion = await listOnce(cluster, opts);
        opts.onSynced?.();
      }
      delay = 250;
      const ended = await new Promise<unknown>((resolve) => {
        let controller: AbortController | undefined;
        const onAbort = () => controller?.abort();
        opts.signal.addEventListener("abort", onAbort, { once: true });
        watch
          .watch(
            opts.path,
            {
              allowWatchBookmarks: true,
              resourceVersion,
              labelSelector: opts.labelSelector,
              fieldSelector: opts.fieldSelector,
              timeoutSeconds: 300,
            },
            (type, obj: WatchedObject) => {
              if (type === "BOOKMARK") {
                resourceVersion = obj.metadata?.resourceVersion ?? resourceVersion;
                return;
              }
              if (type === "ERROR") {
                const code = (obj as unknown as { code?: number }).code;
                if (code === 410) resourceVersion = undefined;
                controller?.abort();
                return;
              }
              resourceVersion = obj.metadata?.resourceVersion ?? resourceVersion;
              opts.onEvent(type as WatchEventType, obj);
            },
            (err) => {
              opts.signal.removeEventListener("abort", onAbort);
              resolve(err);
            },
          )
          .then((c) => {
            controller = c;
            if (opts.signal.aborted) c.abort();
          })
          .catch((err) => resolve(err ?? new Error("watch failed")));
      });
      if (opts.signal.aborted) return;
      if (ended && !isAbort(ended)) {
        if (statusOf(ended) === 410) resourceVersion = undefined;
        else if (!isTransient(ended)) throw ended;
        opts.onRetry?.(ended, delay);
        await sleep(delay);
        delay = Math.min(delay * 2, 5000);
      }
    } catch (err) {
      if (opts.signal.aborted) return;
      if (statusOf(err) === 410) {
        resourceVersion = undefined;
        continue;
      }
      if (!isTransient(err)) throw err;
      resourceVersion = undefined;
      opts.onRetry?.(err, delay);
      await sleep(delay);
      delay = Math.min(delay * 2, 5000);
    }
  }
}

function isAbort(err: unknown): boolean {
  const name = (err as { name?: string })?.name;
  return name === "AbortError" || /aborted/i.test(String((err as Error)?.message ?? ""));
}

async function listOnce(cluster: Cluster, opts: CollectionWatchOptions): Promise<string> {
  const q = new URLSearchParams();
  if (opts.labelSelector) q.set("labelSelector", opts.labelSelector);
  if (opts.fieldSelector) q.set("fieldSelector", opts.fieldSelector);
  const list = (await getJson(cluster, `${opts.path}${q.size ? `?${q}` : ""}`)) as {
    metadata: { resourceVersion: string };
    items: WatchedObject[];
    kind?: string;
    apiVersion?: string;
  };
  // List items carry no kind/apiVersion; kstatus picks its rule by group and kind.
  const kind = list.kind?.replace(/List$/, "");
  for (const item of list.items) opts.onEvent("ADDED", { ...item, kind: item.kind ?? kind, apiVersion: item.apiVersion ?? list.apiVersion });
  return list.metadata.resourceVersion;
}

/**
 * GET an API path and parse JSON, with the kubeconfig's credentials. Throws an error carrying
 * `code` (HTTP status) and the Status message for non-2xx answers.
 */
export async function getJson(cluster: Cluster, path: string, signal?: AbortSignal): Promise<unknown> {
  return requestJson(cluster, "GET", path, undefined, undefined, signal);
}

/**
 * One raw API request with the kubeconfig's TLS and auth (node-fetch with the kubeconfig's agent,
 * the path @kubernetes/client-node itself uses), bounded by `timeoutMs` (default 15 s).
 * Errors carry `code` = HTTP status; a timeout throws a TimeoutError (transient).
 */
export async function requestJson(
  cluster: Cluster,
  method: string,
  path: string,
  body?: unknown,
  contentType = "application/json",
  signal?: AbortSignal,
  timeoutMs = 15_000,
): Promise<unknown> {
  // A request to an API server that went away mid-request must not hang: bound each one.
  const bounded = signal ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
  const { default: fetch } = await import("node-fetch");
  const init = (await cluster.kc.applyToFetchOptions({ method } as never)) as Record<string, unknown>;
  // client-node returns a Headers object (bearer tokens live there): copy it entry by entry.
  const headers: Record<string, string> = {};
  const given = init.headers as Headers | Record<string, string> | undefined;
  if (given instanceof Headers) given.forEach((v, k) => (headers[k] = v));
  else Object.assign(headers, given ?? {});
  headers.Accept = "application/json";
  if (body !== undefined) headers["Content-Type"] = contentType;
  const res = await fetch(cluster.server.replace(/\/$/, "") + path, {
    ...(init as object),
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    signal: bounded as never,
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  if (!res.ok) {
    const message = (parsed as { message?: string })?.message ?? `${res.status} ${res.statusText}`;
    throw Object.assign(new Error(message), { code: res.status, body: parsed });
  }
  return parsed;
}
