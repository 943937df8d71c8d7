import type { Command } from "commander";
import { CliError } from "../errors.ts";

/** Commands of design §1 that exist by name but are not built yet: they say so and exit 1. */
const PLANNED: Array<[name: string, description: string, aliases?: string[]]> = [
];

export function registerPlanned(program: Command): void {
  for (const [name, description, aliases] of PLANNED) {
    const cmd = program.command(name).description(description).allowUnknownOption(true).allowExcessArguments(true);
    if (aliases) cmd.aliases(aliases);
    cmd.action(() => {
      throw new CliError(`kots ${name} is not built yet in this version`, 1);
    });
  }
}
