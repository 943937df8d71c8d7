import { exitCodeOf } from "../errors.ts";

/** A failure a stream already reported with its own `error` event: not printed a second time. */
export class ReportedError extends Error {
  constructor(override readonly cause: unknown) {
    super("already reported");
  }
}

/**
 * The end of a command that failed: under `--output json` the last line is an `error` event, bad
 * input included (docs/events.md), with `extra` fields (`applied: []`, `removed: []`); then the
 * error is rethrown for main.ts (a ReportedError as its cause, so the exit code is the engine's).
 */
export function rethrowWithFinalEvent(err: unknown, json: boolean, extra: Record<string, unknown>): never {
  if (json && !(err instanceof ReportedError))
    process.stdout.write(JSON.stringify({ type: "error", at: Date.now(), message: err instanceof Error ? err.message : String(err), exitCode: exitCodeOf(err), ...extra }) + "\n");
  throw err instanceof ReportedError ? err.cause : err;
}
