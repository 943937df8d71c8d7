/**
 * The shapes of app preflights (troubleshoot `kind: Preflight`): analyzer specs as read from the
 * rendered YAML, and the results analyzers give. Mirrors troubleshoot v0.133.0
 * pkg/analyze/analyzer.go AnalyzeResult (IsPass/IsWarn/IsFail become `outcome`).
 */
import type { CollectedFiles } from "./collected.ts";

export type Outcome = "pass" | "warn" | "fail";

/** One check's result, as troubleshoot's `preflight --format=json` prints it (title, message, uri, strict). */
export interface AnalyzerResult {
  title: string;
  outcome: Outcome;
  message: string;
  /** empty when the outcome has none */
  uri: string;
  strict: boolean;
}

/** An analyzer's spec: the object under its key (e.g. `clusterVersion: {checkName, outcomes, …}`). */
export type AnalyzerSpec = Record<string, unknown>;

/**
 * One analyzer kind. `title` is what troubleshoot's `Title()` gives (used for error results too);
 * `analyze` returns the results in troubleshoot's order (usually one; some kinds give one per
 * object). A result with no matched outcome is left out, as troubleshoot's output leaves it out.
 * `analyze` throws AnalyzeError with troubleshoot's wrapped message text ("failed to …: cause")
 * where troubleshoot returns an error; the runner turns it into a fail result titled `title(spec)`.
 */
export interface AnalyzerDef {
  title(spec: AnalyzerSpec): string;
  analyze(spec: AnalyzerSpec, files: CollectedFiles): AnalyzerResult[];
}

/** A Go `error` returned by an analyzer; `message` is the whole wrapped text. */
export class AnalyzeError extends Error {
  override name = "AnalyzeError";
}

/** errors.Wrap(err, msg) text: "msg: cause". */
export function wrap(msg: string, cause: unknown): AnalyzeError {
  const text = cause instanceof Error ? cause.message : String(cause);
  return new AnalyzeError(`${msg}: ${text}`);
}
