import type { Command } from "commander";
import { CliError } from "../errors.ts";

export function registerLicense(program: Command): void {
  const license = program.command("license").description("work with KOTS license files");
  license
    .command("verify <file>")
    .description("verify a license: signature, app, expiry, entitlements")
    .action(() => {
      throw new CliError("kots license verify is being built", 1);
    });
}
