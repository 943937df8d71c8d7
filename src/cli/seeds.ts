import { readFileSync } from "node:fs";
import { UsageError } from "./errors.ts";
import { parseLicense, readExtraPublicKey, verifyLicense, LicenseParseError, LicenseKeyError } from "../license/index.ts";
import type { InstallOptions } from "../install/options.ts";
import { parseConfigValues } from "../config/index.ts";

function readInput(flag: string, file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    throw new UsageError(`${flag} ${file} cannot be read: ${(err as NodeJS.ErrnoException).code ?? "error"}`);
  }
}

/**
 * Reads and checks the license and ConfigValues to seed, before anything touches the cluster.
 * The license must be a kots.io License whose signature chain verifies (built-in Replicated keys
 * plus `licensePublicKey`, a file or PEM), current, and for `options.appSlug`.
 * Throws UsageError (exit 2) naming the flag and the reason: unreadable file, not a License, bad
 * signature, expired, for another app, not a kots.io ConfigValues.
 */
export async function loadSeeds(options: InstallOptions, licensePublicKey?: string): Promise<{ license?: string; configValues?: string }> {
  const out: { license?: string; configValues?: string } = {};
  if (options.licenseFile) {
    const text = readInput("--license-file", options.licenseFile);
    let extra;
    try {
      extra = licensePublicKey ? [readExtraPublicKey(licensePublicKey, "--license-public-key")] : [];
    } catch (err) {
      throw new UsageError(`--license-public-key: ${err instanceof LicenseKeyError ? err.message : String(err)}`);
    }
    let license;
    try {
      license = parseLicense(text);
    } catch (err) {
      throw new UsageError(`--license-file ${options.licenseFile}: ${err instanceof LicenseParseError ? err.problem : (err as Error).message}`);
    }
    const verified = verifyLicense(license, { extraPublicKeys: extra, appSlug: options.appSlug });
    if (!verified.ok) throw new UsageError(`--license-file ${options.licenseFile}: ${verified.reason}`);
    out.license = text;
  }
  if (options.configValuesFile) {
    const text = readInput("--config-values", options.configValuesFile);
    try {
      parseConfigValues(text);
    } catch (err) {
      throw new UsageError(`--config-values ${options.configValuesFile}: ${(err as Error).message.split("\n")[0]}`);
    }
    out.configValues = text;
  }
  return out;
}
