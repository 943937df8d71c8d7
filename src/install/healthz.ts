/**
 * GET http://127.0.0.1:`port`/healthz until it answers 2xx or `budgetMs` runs out, retrying every
 * 500 ms (the first requests through a new port-forward can race the tunnel). Returns the last
 * failure's reason when it never answers.
 */
export async function checkHealthz(port: number, budgetMs: number, signal?: AbortSignal): Promise<{ ok: boolean; message: string }> {
  const deadline = Date.now() + budgetMs;
  let last = "no answer";
  while (Date.now() < deadline) {
    signal?.throwIfAborted();
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(3000) });
      await res.arrayBuffer();
      if (res.ok) return { ok: true, message: `HTTP ${res.status}` };
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { ok: false, message: last };
}
