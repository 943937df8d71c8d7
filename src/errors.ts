/**
 * Errors that carry an exit code. Shared by the engine and the CLI; only src/cli/main.ts turns them into an exit. Exit codes (design §1): 0 success, 1 failure, 2 bad usage or
 * bad input, 130 interrupted. Messages are one line, name the input and the fix, and never
 * contain a secret value.
 */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: number = 1) {
    super(message);
    this.name = "CliError";
  }
}

/** Bad usage or invalid input: exit 2, nothing touched the cluster. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
    this.name = "UsageError";
  }
}

/** The operator interrupted (Ctrl-C): exit 130. */
export class InterruptedError extends CliError {
  /** exitCode: 128 + the signal number (130 SIGINT, 129 SIGHUP, 143 SIGTERM). */
  constructor(message = "interrupted", exitCode = 130) {
    super(message, exitCode);
    this.name = "InterruptedError";
  }
}

/** Exit code for any thrown value: CliError's own code, 1 for anything else. */
export function exitCodeOf(err: unknown): number {
  return err instanceof CliError ? err.exitCode : 1;
}
