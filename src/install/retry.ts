import { isTransient } from "../kube/errors.ts";

/**
 * Runs `fn` until it succeeds, retrying transient API errors (kube/errors.ts isTransient:
 * connection refused, 429, 5xx, 410) with exponential backoff 200 ms → 3 s until `deadline`
 * (epoch ms). Rethrows a non-transient error at once, and the last transient one at the deadline.
 * Aborting `signal` rejects with the signal's reason.
 */
export async function retryTransient<T>(
  fn: () => Promise<T>,
  deadline: number,
  signal?: AbortSignal,
  onRetry?: (err: unknown, delayMs: number) => void,
): Promise<T> {
  let delay = 200;
  for (;;) {
    signal?.throwIfAborted();
    try {
      return await fn();
    } catch (err) {
      signal?.throwIfAborted();
      if (!isTransient(err) || Date.now() + delay > deadline) throw err;
      onRetry?.(err, delay);
      await new Promise((r) => setTimeout(r, delay));
      delay = Math.min(delay * 2, 3000);
    }
  }
}
