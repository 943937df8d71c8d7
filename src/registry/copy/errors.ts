/**
 * Errors of the image copy engine. Every failure is a `CopyError`: one line, naming the registry
 * (host[:port]), the image and, when a blob is at fault, its digest; never a credential, a token or
 * an upload URL (their query strings carry registry state), never the runtime's errno names.
 */

/** What went wrong, for callers that map failures to exit codes or hints. */
export type CopyErrorCode =
  | "unreachable" // nothing answered, timed out, reset, TLS not trusted, name does not resolve
  | "unauthorized" // credentials missing or refused, or access to the repository denied
  | "not-registry" // something answered /v2/ that is not an OCI distribution registry
  | "bad-endpoint" // a malformed host[:port] or layout location
  | "bad-reference" // an image reference that does not parse
  | "not-found" // manifest or blob unknown, or no platform matched
  | "digest-mismatch" // a blob or manifest whose bytes do not hash to its digest
  | "disk-full" // no space left writing an image layout
  | "protocol" // the registry answered something the spec does not allow here
  | "io"; // another local file-system failure

/** The one error type the engine throws (see CopyErrorCode). `message` is a single line. */
export class CopyError extends Error {
  constructor(
    readonly code: CopyErrorCode,
    message: string,
    /** Final = retrying cannot help (everything but transport failures and 5xx). */
    readonly transient = false,
  ) {
    super(message.split("\n")[0]);
    this.name = "CopyError";
  }
}

/**
 * A transport failure in plain words (same style as src/kube/errors.ts networkProblem, but about a
 * registry: a TLS failure points at the CA option, not at a kubeconfig).
 */
export function transportProblem(err: unknown): string {
  const code = String((err as { code?: unknown })?.code ?? "");
  const name = (err as { name?: unknown })?.name;
  const text = err instanceof Error ? err.message : String(err);
  const both = `${code} ${text}`;
  if (name === "TimeoutError" || /ETIMEDOUT|timed? ?out/i.test(both)) return "no answer in time (the request timed out)";
  if (name === "AbortError") return "the request was cancelled";
  if (/ECONNREFUSED|ConnectionRefused|Unable to connect/i.test(both)) return "the connection was refused (nothing listens there)";
  if (/ECONNRESET|socket hang up|ConnectionClosed|closed unexpectedly|EPIPE/i.test(both)) return "the connection was reset";
  if (/ENOTFOUND|EAI_AGAIN|getaddrinfo|DNS|resolve/i.test(both)) return "the host name does not resolve";
  if (/CERT|certificate|self[- ]signed|TLS|SSL|handshake/i.test(both)) return "its TLS certificate is not trusted (pass the registry's CA, or use plain HTTP if it speaks HTTP)";
  if (/HTTP\/|wrong version|malformed|parse error|invalid response/i.test(both)) return "it does not speak the expected protocol (HTTP vs HTTPS?)";
  return text.split("\n")[0]!.replace(/\s*\(?(pass|Is the computer)[^)]*\)?\.?$/i, "").replace(/^[A-Z_]{4,}:\s*/, "") || "the request failed";
}

/** True for transport failures worth a retry (timeouts, resets, refused connections). */
export function isTransientTransport(err: unknown): boolean {
  if (err instanceof CopyError) return err.transient;
  const name = (err as { name?: string })?.name;
  if (name === "AbortError") return false;
  if (name === "TimeoutError") return true;
  const text = `${(err as { code?: unknown })?.code ?? ""} ${err instanceof Error ? err.message : String(err)}`;
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|socket hang up|ConnectionRefused|ConnectionClosed|Unable to connect|timed? ?out|EAI_AGAIN|closed unexpectedly/i.test(text);
}

/** A local file-system failure in plain words; ENOSPC/EDQUOT become code "disk-full". */
export function fileProblem(err: unknown, what: string): CopyError {
  const code = String((err as { code?: unknown })?.code ?? "");
  const text = err instanceof Error ? err.message : String(err);
  if (/ENOSPC|EDQUOT|No space left|quota/i.test(`${code} ${text}`)) return new CopyError("disk-full", `${what}: the disk is full`);
  if (/EACCES|EPERM|permission denied/i.test(`${code} ${text}`)) return new CopyError("io", `${what}: permission denied`);
  if (/EROFS|read-only/i.test(`${code} ${text}`)) return new CopyError("io", `${what}: the file system is read-only`);
  if (/ENOENT|no such file/i.test(`${code} ${text}`)) return new CopyError("not-found", `${what}: no such file or directory`);
  return new CopyError("io", `${what}: ${text.split("\n")[0]!.replace(/^[A-Z]{4,}:\s*/, "")}`);
}
