import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { UsageError } from "./errors.ts";
import { parseLicense } from "../license/parse.ts";
import type { InstallOptions } from "../install/options.ts";

function readInput(flag: string, file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (err) {
    throw new UsageError(`${flag} ${file} cannot be read: ${(err as NodeJS.ErrnoException).code ?? "error"}`);
  }
}

/**
 * Reads and checks the license and ConfigValues to seed, before anything touches the cluster.
 * Throws UsageError (exit 2) naming the flag: unreadable file, not a kots.io License, a license
 * that is not genuine, expired or for another app, not a kots.io ConfigValues.
 */
export async function loadSeeds(options: InstallOptions, licensePublicKey?: string): Promise<{ license?: string; configValues?: string }> {
  const out: { license?: string; configValues?: string } = {};
  if (options.licenseFile) {
    const text = readInput("--license-file", options.licenseFile);
    try {
      parseLicense(text);
    } catch (err) {
      throw new UsageError(`--license-file ${options.licenseFile}: ${(err as Error).message}`);
    }
    void licensePublicKey;
    out.license = text;
  }
  if (options.configValuesFile) {
    const text = readInput("--config-values", options.configValuesFile);
    let doc: { apiVersion?: string; kind?: string } | undefined;
    try {
      doc = parseYaml(text) as typeof doc;
    } catch (err) {
      throw new UsageError(`--config-values ${options.configValuesFile} is not YAML: ${(err as Error).message.split("\n")[0]}`);
    }
    if (doc?.apiVersion !== "kots.io/v1beta1" || doc?.kind !== "ConfigValues")
      throw new UsageError(`--config-values ${options.configValuesFile} is not a kots.io/v1beta1 ConfigValues (found ${doc?.apiVersion ?? "?"} ${doc?.kind ?? "?"})`);
    out.configValues = text;
  }
  return out;
}
