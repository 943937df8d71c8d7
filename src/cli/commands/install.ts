import type { Command } from "commander";
import { CliError } from "../errors.ts";

export function registerInstall(program: Command): void {
  program
    .command("install [app]")
    .description("install the Admin Console (+ seed license/config) into a namespace")
    .allowUnknownOption(true)
    .action(() => {
      throw new CliError("kots install is being built", 1);
    });
}
