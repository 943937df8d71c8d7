import { Command } from "commander";
import { version, commit } from "../version.ts";
import { registerCommands } from "./commands/index.ts";

/**
 * The `kots` command tree (design §1). Pure construction: parsing and exiting happen in main.ts.
 * Every command writes UI/progress to stderr and data to stdout.
 */
export function buildProgram(): Command {
  const program = new Command("kots")
    .description("Install and operate the KOTS Admin Console from a terminal")
    .version(`kots ${version} (commit ${commit})`, "-v, --version", "print the version and git commit")
    .showSuggestionAfterError(true)
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .exitOverride();
  registerCommands(program);
  return program;
}
