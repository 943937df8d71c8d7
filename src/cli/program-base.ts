import { Command } from "commander";
import { version, commit } from "../version.ts";

/** The root `kots` command without its subcommands (program.ts and lazy-program.ts add them). */
export function baseProgram(): Command {
  return new Command("kots")
    .description("Install and operate the KOTS Admin Console from a terminal")
    .version(`kots ${version} (commit ${commit})`, "-v, --version", "print the version and git commit")
    .showSuggestionAfterError(true)
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .exitOverride();
}
