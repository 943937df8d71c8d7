// The error classes live in src/errors.ts so the engine can throw them without depending on the CLI.
export { CliError, UsageError, InterruptedError, exitCodeOf } from "../errors.ts";
