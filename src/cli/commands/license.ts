import { Option, type Command } from "commander";
import { CliError, UsageError } from "../errors.ts";
import { checkLicenseFile, formatLicenseText, LicenseInputError, licenseJson, licenseProblems, mismatchWarnings } from "../../license/index.ts";

interface VerifyFlags {
  app?: string;
  licensePublicKey?: string;
  output: "text" | "json";
}

/**
 * `kots license verify FILE [--app SLUG] [--license-public-key FILE] [--output text|json]` (design §1, §5).
 * Exit 0: genuine, current and (with --app) for that app. Exit 1: not, reason on stderr.
 * Exit 2: unreadable or binary file, not a License, a damaged (truncated) signature, bad key file.
 */
export function registerLicense(program: Command): void {
  const license = program.command("license").description("work with KOTS license files");
  license
    .command("verify <file>")
    .description("verify a license: signature, app, expiry, entitlements (FILE '-' reads stdin)")
    .option("--app <slug>", "fail unless the license is for this app slug")
    .addOption(
      new Option(
        "--license-public-key <file>",
        "also trust this RSA public key (PEM) as a global signing key, for licenses not signed by Replicated",
      ).env("KOTS_LICENSE_PUBLIC_KEY"),
    )
    .addOption(new Option("--output <format>", "text table or one JSON object").choices(["text", "json"]).default("text"))
    .action(async (file: string, flags: VerifyFlags, cmd: Command) => {
      const fromEnv = cmd.getOptionValueSource("licensePublicKey") === "env";
      await verifyCommand(file, flags, fromEnv ? "KOTS_LICENSE_PUBLIC_KEY" : "--license-public-key");
    });
}

async function verifyCommand(file: string, flags: VerifyFlags, keyOrigin: string): Promise<void> {
  const name = file === "-" ? "stdin" : file;
  let verified;
  try {
    const text = file === "-" ? await Bun.stdin.text() : undefined;
    verified = checkLicenseFile(file, { appSlug: flags.app, publicKey: flags.licensePublicKey, text }).verified;
  } catch (err) {
    if (err instanceof LicenseInputError) throw new UsageError(err.lineFor(name, keyOrigin));
    throw err;
  }
  if (flags.output === "json") {
    process.stdout.write(`${JSON.stringify(licenseJson(verified), null, 2)}\n`);
  } else {
    for (const w of mismatchWarnings(verified)) process.stderr.write(`${w}\n`);
    process.stdout.write(formatLicenseText(verified));
  }
  // text mode lists every problem, not just the first
  if (!verified.ok) {
    // A signature that does not decode is a damaged (e.g. truncated) file, like one that is no
    // License at all: bad input, exit 2, wherever the file was cut.
    const damaged = verified.reasonCode === "signature-malformed" || verified.reasonCode === "signature-missing";
    if (damaged) throw new UsageError(`${name}: the license is damaged or incomplete (truncated?): ${licenseProblems(verified)}`);
    throw new CliError(licenseProblems(verified), 1);
  }
}
