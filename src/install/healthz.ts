/**
 * GET http://127.0.0.1:`port`/healthz until it answers 2xx or `budgetMs` runs out, retrying every
 * 500 ms (the first requests through a new port-forward can race the tunnel). Returns the last
 * failure's reason when it never answers, in plain words. `onWaiting(elapsedMs, budgetMs, reason)` is
 * called about every 3 s while it does not answer yet.
 */
export async function checkHealthz(
  port: number,
  budgetMs: number,
  signal?: AbortSignal,
  onWaiting?: (elapsedMs: number, budgetMs: number, reason: string) => void,
): Promise<{ ok: boolean; message: string }> {
  const start = Date.now();
  const deadline = start + budgetMs;
  let last = "no answer";
  let told = start;
  while (Date.now() < deadline) {
    signal?.throwIfAborted();
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(3000) });
      await res.arrayBuffer();
      if (res.ok) return { ok: true, message: `HTTP ${res.status}` };
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as { name?: string })?.name === "TimeoutError" ? "no answer within 3 s" : "the connection was refused or reset";
    }
    if (Date.now() - told >= 3000) {
      told = Date.now();
      onWaiting?.(told - start, budgetMs, last);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { ok: false, message: last };
}
