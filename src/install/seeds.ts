import { UsageError } from "../errors.ts";
import { readFileSync, statSync } from "node:fs";
import { checkLicenseFile, LicenseInputError, licenseProblems, parseLicense } from "../license/index.ts";
import { MAX_SECRET_BYTES, readBoundedText } from "../read-file.ts";
import type { InstallOptions } from "../install/options.ts";
import { ConfigError, newConfigSession, parseConfig, parseConfigValues, type ConfigValueEntry, type TemplateContext } from "../config/index.ts";
import { releaseConfig } from "../install/release.ts";
import { licenseTemplateDocument } from "./app-templates.ts";

/**
 * spec.appSlug of a license file (the app's slug, as KOTS takes it), or undefined when it cannot
 * be read or parsed: loadSeeds then reports why. `readFile` is the file reader (tests inject one).
 */
export function licenseFileAppSlug(file: string | undefined, readFile: (f: string) => string = (f) => readFileSync(f, "utf8")): string | undefined {
  if (!file) return undefined;
  try {
    if (statSync(file).size > MAX_SECRET_BYTES) return undefined; // refused with its size by loadSeeds
    return parseLicense(readFile(file)).spec.appSlug;
  } catch {
    return undefined;
  }
}

function readInput(flag: string, file: string): string {
  try {
    return readBoundedText(file);
  } catch (err) {
    throw new UsageError(`${flag} ${file} ${(err as Error).message}`);
  }
}

/**
 * Reads and checks the license and ConfigValues to seed, before anything touches the cluster.
 * The license must be a kots.io License whose signature chain verifies (built-in Replicated keys
 * plus `licensePublicKey`, a file or PEM), current, and for `options.appSlug`.
 * Throws UsageError (exit 2) naming the flag and the reason: unreadable file, not a License, bad
 * signature, expired, for another app, not a kots.io ConfigValues. The ConfigValues are checked
 * with the app's template context: the license document, `options.namespace`/`appSlug`, and
 * `cluster` (the run's cluster facts, src/templates/cluster-facts.ts, awaited only for that check;
 * none: zero values).
 */
export async function loadSeeds(
  options: Pick<InstallOptions, "licenseFile" | "configValuesFile"> & { appSlug?: string; namespace?: string },
  licensePublicKey?: string,
  releaseDir?: string,
  cluster?: TemplateContext["cluster"] | Promise<TemplateContext["cluster"]>,
): Promise<{ license?: string; configValues?: string; warnings: string[] }> {
  const out: { license?: string; configValues?: string; warnings: string[] } = { warnings: [] };
  if (options.licenseFile) {
    const flag = `--license-file ${options.licenseFile}`;
    try {
      const { text, verified } = checkLicenseFile(options.licenseFile, { appSlug: options.appSlug, publicKey: licensePublicKey });
      if (!verified.ok) throw new UsageError(`${flag}: ${licenseProblems(verified)}`);
      out.license = text;
    } catch (err) {
      if (err instanceof LicenseInputError) throw new UsageError(err.lineFor(flag));
      throw err;
    }
  }
  if (options.configValuesFile) {
    const text = readInput("--config-values", options.configValuesFile);
    let values;
    try {
      values = parseConfigValues(text);
    } catch (err) {
      throw new UsageError(`--config-values ${options.configValuesFile}: ${(err as Error).message.split("\n")[0]}`);
    }
    const config = releaseDir ? releaseConfig(releaseDir) : undefined;
    if (config) {
      const context: Omit<TemplateContext, "config"> = { namespace: options.namespace, appSlug: options.appSlug, licenseDocument: licenseTemplateDocument(out.license), cluster: await cluster };
      const { errors, warnings } = checkAgainstConfig(config, values.values, context);
      if (errors.length > 0) throw new UsageError(`--config-values ${options.configValuesFile} does not fit the release's Config: ${errors.join("; ")}`);
      out.warnings.push(...warnings.map((w) => `--config-values ${options.configValuesFile}: ${w}`));
    }
    out.configValues = text;
  }
  return out;
}

/**
 * ConfigValues checked against the release's Config as kotsadm will check them (required items,
 * validation.regex, item types): every problem as one entry of `errors`; items the Config does not
 * know are `warnings` (kotsadm ignores them). `context`: the template context (license, namespace…).
 */
export function checkAgainstConfig(
  config: { yaml: string; file: string },
  values: Record<string, ConfigValueEntry>,
  context: Omit<TemplateContext, "config"> = {},
): { errors: string[]; warnings: string[] } {
  const session = newConfigSession(parseConfig(config.yaml, config.file.split("/").pop()), { values, context });
  const errors: string[] = [];
  const warnings: string[] = [];
  for (const e of session.validate()) {
    if (e instanceof ConfigError && e.code === "unknown-item") warnings.push(e.message);
    else errors.push(e.message);
  }
  return { errors, warnings };
}
