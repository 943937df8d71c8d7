import type { Command } from "commander";
import { registerInstall } from "./install.ts";
import { registerAdminConsole } from "./admin-console.ts";
import { registerLicense } from "./license.ts";
import { registerPlanned } from "./planned.ts";

/** Adds every command of design §1 to the program, in help order. */
export function registerCommands(program: Command): void {
  registerInstall(program);
  registerAdminConsole(program);
  registerLicense(program);
  registerPlanned(program);
}
