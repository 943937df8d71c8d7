import { ApiException } from "@kubernetes/client-node";

/** HTTP status of an API error, or undefined for network-level failures. */
export function statusOf(err: unknown): number | undefined {
  if (err instanceof ApiException) return err.code;
  // A DOMException (TimeoutError, AbortError) has a numeric legacy `code` (23, 20) that is no HTTP status.
  if (err instanceof DOMException) return undefined;
  const code = (err as { code?: unknown; statusCode?: unknown })?.statusCode ?? (err as { code?: unknown })?.code;
  return typeof code === "number" && code >= 100 && code <= 599 ? code : undefined;
}

/** The API server's own message (Status.message) for an error, else the error's first line. */
export function apiMessage(err: unknown): string {
  if (err instanceof ApiException) {
    let body: unknown = err.body;
    if (typeof body === "string") {
      try {
        body = JSON.parse(body);
      } catch {
        /* plain text body */
      }
    }
    const m = (body as { message?: unknown })?.message;
    if (typeof m === "string" && m) return m;
    return `HTTP ${err.code}`;
  }
  if (typeof (err as { code?: unknown })?.code === "number" && err instanceof Error) return err.message.split("\n")[0]!;
  return networkProblem(err);
}

/**
 * A transport failure in plain words, never the runtime's own text (errno names, Bun's "pass
 * verbose: true in the second argument to fetch()" hint, DOMException codes).
 */
export function networkProblem(err: unknown): string {
  const code = String((err as { code?: unknown })?.code ?? "");
  const name = (err as { name?: unknown })?.name;
  const text = err instanceof Error ? err.message : String(err);
  if (name === "TimeoutError" || /ETIMEDOUT|timed? ?out/i.test(`${code} ${text}`)) return "no answer in time (the request timed out)";
  if (name === "AbortError") return "the request was cancelled";
  if (/ECONNREFUSED|ConnectionRefused|Unable to connect/i.test(`${code} ${text}`)) return "the connection was refused (nothing listens there)";
  if (/ECONNRESET|socket hang up|ConnectionClosed|closed unexpectedly/i.test(`${code} ${text}`)) return "the connection was reset";
  if (/ENOTFOUND|EAI_AGAIN|getaddrinfo|DNS/i.test(`${code} ${text}`)) return "the host name does not resolve";
  if (/CERT|certificate|self[- ]signed|TLS|SSL/i.test(`${code} ${text}`)) return "the server's TLS certificate is not trusted by the kubeconfig";
  return text.split("\n")[0]!.replace(/\s*\(?(pass|Is the computer)[^)]*\)?\.?$/i, "").replace(/^[A-Z_]{4,}:\s*/, "") || "the request failed";
}

/**
 * True for errors worth retrying inside the wait budget: connection refused/reset, timeouts,
 * 429 Too Many Requests, 5xx, and 410 Gone (watch expiry). Everything else is final.
 */
export function isTransient(err: unknown): boolean {
  const status = statusOf(err);
  if (status !== undefined) return status === 429 || status === 410 || status >= 500;
  const text = `${(err as { code?: unknown })?.code ?? ""} ${err instanceof Error ? err.message : String(err)}`;
  if ((err as { name?: string })?.name === "TimeoutError") return true;
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|socket hang up|ConnectionRefused|ConnectionClosed|Unable to connect|network|timed? ?out|EAI_AGAIN|closed unexpectedly/i.test(text);
}

/** True when the error is a 404 Not Found from the API server. */
export function isNotFound(err: unknown): boolean {
  return statusOf(err) === 404;
}
