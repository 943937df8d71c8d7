#!/usr/bin/env bun
import { CommanderError } from "commander";
import { CliError, exitCodeOf } from "./errors.ts";

// Ink crashes in a compiled binary when DEV is set (design §7).
delete process.env.DEV;

/** Exit code when stdout is closed under us (`kots install --output json | head -1`): 128 + SIGPIPE. */
const EXIT_EPIPE = 141;
// A reader that went away is no error to report: stop quietly, as a process killed by SIGPIPE does.
process.stdout.on("error", (err: NodeJS.ErrnoException) => {
  if (err.code === "EPIPE") process.exit(EXIT_EPIPE);
});

/** Entry point: the only place that calls process.exit. */
async function main(argv: string[]): Promise<number> {
  // only the named command's modules are loaded (lazy-program.ts)
  const program = await (await import("./lazy-program.ts")).programFor(argv);
  try {
    await program.parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help") return 0;
      return 2; // commander already printed the one-line reason
    }
    // Our own errors are written for the operator; anything else is put in plain words.
    // loaded here only: kube/errors.ts pulls in @kubernetes/client-node, which commands that never
    // talk to a cluster (pull, version, copy-image) should not carry (start-up, heap, peak RSS)
    const message = err instanceof CliError ? err.message : (await import("../kube/errors.ts")).networkProblem(err);
    process.stderr.write(`Error: ${message}\n`);
    return exitCodeOf(err);
  }
}

const code = await main(process.argv.slice(2));
await new Promise<void>((resolve) => process.stdout.write("", () => resolve()));
process.exit(code);
