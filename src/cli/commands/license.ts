import { readFile } from "node:fs/promises";
import { Option, type Command } from "commander";
import { CliError, UsageError } from "../errors.ts";
import {
  formatLicenseText,
  LicenseKeyError,
  licenseJson,
  LicenseParseError,
  mismatchWarnings,
  parseLicense,
  readExtraPublicKey,
  verifyLicense,
  type TrustedKey,
} from "../../license/index.ts";

interface VerifyFlags {
  app?: string;
  licensePublicKey?: string;
  output: "text" | "json";
}

/**
 * `kots license verify FILE [--app SLUG] [--license-public-key FILE] [--output text|json]` (design §1, §5).
 * Exit 0: genuine, current and (with --app) for that app. Exit 1: not, reason on stderr.
 * Exit 2: unreadable file, not a License, bad key file.
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
  const extra: TrustedKey[] = [];
  if (flags.licensePublicKey) {
    const inline = flags.licensePublicKey.includes("-----BEGIN");
    try {
      extra.push(readExtraPublicKey(flags.licensePublicKey, inline ? keyOrigin : undefined));
    } catch (err) {
      if (err instanceof LicenseKeyError) throw new UsageError(`${keyOrigin}: ${err.message}`);
      throw err;
    }
  }

  const text = await readLicenseText(file);
  let parsed;
  try {
    parsed = parseLicense(text);
  } catch (err) {
    if (err instanceof LicenseParseError) throw new UsageError(`${file === "-" ? "stdin" : file}: ${err.problem}`);
    throw err;
  }

  const verified = verifyLicense(parsed, { extraPublicKeys: extra, appSlug: flags.app });
  if (flags.output === "json") {
    process.stdout.write(`${JSON.stringify(licenseJson(verified), null, 2)}\n`);
  } else {
    for (const w of mismatchWarnings(verified)) process.stderr.write(`${w}\n`);
    process.stdout.write(formatLicenseText(verified));
  }
  if (!verified.ok) throw new CliError(verified.reason ?? "the license is not valid", 1);
}

async function readLicenseText(file: string): Promise<string> {
  try {
    return file === "-" ? await Bun.stdin.text() : await readFile(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read license file ${file}: ${code ?? (err instanceof Error ? err.message : String(err))}`);
  }
}
