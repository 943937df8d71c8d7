import type { Command } from "commander";
import { registerCommands } from "./commands/index.ts";
import { baseProgram } from "./program-base.ts";

/**
 * The `kots` command tree (design §1). Pure construction: parsing and exiting happen in main.ts.
 * Every command writes UI/progress to stderr and data to stdout.
 */
export function buildProgram(): Command {
  const program = baseProgram();
  registerCommands(program);
  return program;
}
