import type { Command } from "commander";
import { CliError } from "../errors.ts";

export function registerAdminConsole(program: Command): void {
  program
    .command("admin-console")
    .description("port-forward localhost:8800 to a running Admin Console")
    .allowUnknownOption(true)
    .action(() => {
      throw new CliError("kots admin-console is being built", 1);
    });
}
