import { readFileSync } from "node:fs";
import { UsageError } from "./errors.ts";
import { AIRGAP_NEEDS_REGISTRY, InstallOptionsSchema, parseDurationMs, REGISTRY_STORAGE_REFUSED, type InstallOptions } from "../install/options.ts";
import { plainErrno } from "../read-file.ts";
import { licenseFileAppSlug } from "../install/seeds.ts";
import { appSlugOf } from "../install/release.ts";

/** Raw commander values of `kots install` (before env vars, secrets and validation). */
export interface InstallFlags {
  namespace?: string;
  kubeconfig?: string;
  context?: string;
  sharedPassword?: string;
  sharedPasswordFile?: string;
  sharedPasswordStdin?: boolean;
  licenseFile?: string;
  licensePublicKey?: string;
  configValues?: string;
  skipPreflights?: boolean;
  storageClass?: string;
  withMinio?: string | boolean;
  withDockerdistribution?: boolean;
  storageBaseUri?: string;
  storageBaseUriPlainhttp?: boolean;
  useMinimalRbac?: boolean;
  kotsadmRegistry?: string;
  registryUsername?: string;
  registryPassword?: string;
  registryPasswordFile?: string;
  registryPasswordStdin?: boolean;
  registryCaFile?: string;
  airgapBundle?: string;
  kotsadmTag?: string;
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
  /** commander files `--no-proxy <hosts>` under `proxy` (its --no- prefix rule); true when absent. */
  proxy?: string | boolean;
  copyProxyEnv?: boolean;
  additionalLabels?: string[];
  additionalAnnotations?: string[];
  initRestartGrace?: string;
  port?: string;
  portForward?: boolean;
  waitDuration?: string;
  yes?: boolean;
  adopt?: boolean;
  output?: string;
  dryRun?: boolean;
}

/** `KOTS_<FLAG_WITH_UNDERSCORES>` for a flag name, e.g. shared-password → KOTS_SHARED_PASSWORD (design §1). */
export function envName(flag: string): string {
  return `KOTS_${flag.replace(/-/g, "_").toUpperCase()}`;
}

export interface SourceIO {
  env: Record<string, string | undefined>;
  readFile: (path: string) => string;
  readStdin: () => string;
}

export const processIO: SourceIO = {
  env: process.env,
  readFile: (p) => readFileSync(p, "utf8"),
  readStdin: () => readFileSync(0, "utf8"),
};

function parseBool(flag: string, v: string | boolean | undefined): boolean | undefined {
  if (v === undefined || typeof v === "boolean") return v;
  if (/^(true|1|yes)$/i.test(v)) return true;
  if (/^(false|0|no)$/i.test(v)) return false;
  throw new UsageError(`--${flag} ${v} is not a boolean: use --${flag}=true or --${flag}=false`);
}

/**
 * A secret from exactly one of: --X-file FILE, --X-stdin, env KOTS_X, --X (argv; discouraged).
 * Trailing newlines of a file or stdin are dropped. Throws UsageError naming the flag when the
 * file cannot be read or two sources are given. Never puts the value in a message.
 */
function secretFrom(flag: string, direct: string | undefined, file: string | undefined, stdin: boolean | undefined, io: SourceIO): string | undefined {
  const given = [direct !== undefined, file !== undefined, !!stdin].filter(Boolean).length;
  if (given > 1) throw new UsageError(`give the ${flag} once: --${flag}, --${flag}-file or --${flag}-stdin`);
  if (file !== undefined) {
    try {
      return io.readFile(file).replace(/\r?\n$/, "");
    } catch (err) {
      throw new UsageError(`--${flag}-file ${file} cannot be read: ${(err as NodeJS.ErrnoException).code ?? "error"}`);
    }
  }
  if (stdin) return io.readStdin().replace(/\r?\n$/, "");
  return direct ?? io.env[envName(flag)];
}

/**
 * `key=value` pairs from repeated flags and/or comma-separated lists (as KOTS's string-to-string
 * flags take them), e.g. ["a=1,b=2", "c=3"]. Throws UsageError naming the flag for a pair without "=".
 */
export function parsePairs(flag: string, items: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items)
    for (const pair of item.split(",")) {
      if (pair.trim() === "") continue;
      const i = pair.indexOf("=");
      if (i <= 0) throw new UsageError(`--${flag} "${pair}" is not key=value: use e.g. --${flag} team=payments,tier=gold`);
      out[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
    }
  return out;
}

/** The proxy settings for kotsadm: flags, or with --copy-proxy-env this process's HTTP(S)_PROXY/NO_PROXY (upper case first, as KOTS v1.88 reads them). */
function proxySettings(flags: InstallFlags, io: SourceIO, copy: boolean): Pick<InstallOptions, "httpProxy" | "httpsProxy" | "noProxy"> {
  const e = io.env;
  if (copy) return { httpProxy: e.HTTP_PROXY || e.http_proxy || undefined, httpsProxy: e.HTTPS_PROXY || e.https_proxy || undefined, noProxy: e.NO_PROXY || e.no_proxy || undefined };
  const str = (flag: string, v: string | undefined) => (v !== undefined ? v : e[envName(flag)]);
  return { httpProxy: str("http-proxy", flags.httpProxy), httpsProxy: str("https-proxy", flags.httpsProxy), noProxy: str("no-proxy", flags.noProxy ?? (typeof flags.proxy === "string" ? flags.proxy : undefined)) };
}

/** How the command runs, not what it installs: kept out of InstallOptions (the engine never reads them). */
export interface CliOnly {
  /** --yes: accept defaults and confirmations */
  yes: boolean;
  /** --output: plain lines or the NDJSON event stream */
  output: "text" | "json";
}

/** A missing required input: its flag and env name, for the one-shot "missing inputs" error. */
export interface MissingInput {
  input: string;
  flag: string;
  env: string;
}

/**
 * Builds validated InstallOptions from flags, env vars (flag > env > default), secret files and
 * stdin. `interactive` is true when a wizard can ask for what is missing; then missing inputs are
 * returned instead of thrown. Throws UsageError (exit 2): one line naming the flag and the fix,
 * or, non-interactive, one line listing every missing input with its flag and env name.
 */
export function resolveInstallInputs(
  app: string | undefined,
  flags: InstallFlags,
  io: SourceIO,
  interactive: boolean,
): { options?: InstallOptions; partial: Partial<InstallOptions>; missing: MissingInput[]; cli: CliOnly } {
  if (flags.sharedPasswordStdin && flags.registryPasswordStdin) throw new UsageError("only one secret can come from stdin: use a --…-file for the other");
  const env = (flag: string) => io.env[envName(flag)];
  const str = (flag: string, v: string | undefined) => (v !== undefined ? v : env(flag));
  const bool = (flag: string, v: string | boolean | undefined, dflt: boolean) => parseBool(flag, v ?? env(flag)) ?? dflt;

  if (flags.storageBaseUriPlainhttp) throw new UsageError(`--storage-base-uri-plainhttp ${REGISTRY_STORAGE_REFUSED}`);
  const rawApp = app ?? env("app");
  const appSlug = rawApp === undefined ? undefined : appSlugOf(rawApp, licenseFileAppSlug(str("license-file", flags.licenseFile), io.readFile));
  const waitText = str("wait-duration", flags.waitDuration) ?? "5m";
  let waitDurationMs: number;
  try {
    waitDurationMs = parseDurationMs(waitText);
  } catch (err) {
    throw new UsageError(`--wait-duration ${(err as Error).message}`);
  }
  const graceText = str("init-restart-grace", flags.initRestartGrace) ?? "2m";
  let initRestartGraceMs: number;
  try {
    initRestartGraceMs = parseDurationMs(graceText);
  } catch (err) {
    throw new UsageError(`--init-restart-grace ${(err as Error).message}`);
  }
  const pairs = (flag: string, v: string[] | undefined) => parsePairs(flag, v ?? (env(flag) !== undefined ? [env(flag)!] : []));
  const portText = str("port", flags.port) ?? "8800";
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN; // decimal only: Number() would take 0x1F90 as 8080
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new UsageError(`--port ${portText} is not a TCP port: give a decimal number 1-65535`);
  const output = str("output", flags.output) ?? "text";
  if (!["text", "json"].includes(output)) throw new UsageError(`--output ${output} is not supported: use text or json`);

  const partial: Partial<InstallOptions> = {
    appSlug,
    namespace: str("namespace", flags.namespace) ?? (bool("yes", flags.yes, false) ? appSlug : undefined),
    kubeconfig: flags.kubeconfig ?? env("kubeconfig"),
    context: str("context", flags.context),
    sharedPassword: secretFrom("shared-password", flags.sharedPassword, flags.sharedPasswordFile, flags.sharedPasswordStdin, io),
    licenseFile: str("license-file", flags.licenseFile),
    configValuesFile: str("config-values", flags.configValues),
    skipPreflights: bool("skip-preflights", flags.skipPreflights, false),
    storageClass: str("storage-class", flags.storageClass),
    withMinio: bool("with-minio", flags.withMinio, true),
    withDockerDistribution: bool("with-dockerdistribution", flags.withDockerdistribution, false),
    storageBaseUri: str("storage-base-uri", flags.storageBaseUri),
    useMinimalRbac: bool("use-minimal-rbac", flags.useMinimalRbac, false),
    kotsadmRegistry: str("kotsadm-registry", flags.kotsadmRegistry),
    registryUsername: str("registry-username", flags.registryUsername),
    registryPassword: secretFrom("registry-password", flags.registryPassword, flags.registryPasswordFile, flags.registryPasswordStdin, io),
    registryCaFile: str("registry-ca-file", flags.registryCaFile),
    airgapBundle: str("airgap-bundle", flags.airgapBundle),
    kotsadmTag: str("kotsadm-tag", flags.kotsadmTag),
    ...proxySettings(flags, io, bool("copy-proxy-env", flags.copyProxyEnv, false)),
    additionalLabels: pairs("additional-labels", flags.additionalLabels),
    additionalAnnotations: pairs("additional-annotations", flags.additionalAnnotations),
    initRestartGraceMs,
    port,
    portForward: flags.portForward === false ? false : !(parseBool("no-port-forward", env("no-port-forward")) ?? false),
    waitDurationMs,
    adopt: bool("adopt", flags.adopt, false),
    dryRun: bool("dry-run", flags.dryRun, false),
  };

  refuseOrphanFlags(partial, flags, io, interactive);
  const missing: MissingInput[] = [];
  if (!partial.appSlug) missing.push({ input: "app slug", flag: "APP (argument)", env: "KOTS_APP" });
  if (!partial.namespace) missing.push({ input: "namespace", flag: "-n/--namespace", env: envName("namespace") });
  if (!partial.sharedPassword) missing.push({ input: "admin password", flag: "--shared-password-file/--shared-password-stdin", env: envName("shared-password") });
  if (interactive && partial.airgapBundle !== undefined && !partial.kotsadmRegistry)
    missing.push({ input: "registry for the airgap bundle's images", flag: "--kotsadm-registry", env: envName("kotsadm-registry") });
  const cli: CliOnly = { yes: bool("yes", flags.yes, false), output: output as "text" | "json" };
  if (!interactive && !cli.yes && !partial.dryRun) missing.push({ input: "confirmation (no terminal to ask)", flag: "--yes", env: envName("yes") });
  if (missing.length > 0) {
    if (interactive) return { partial, missing, cli };
    throw new UsageError(`missing input (no terminal to ask): ${missing.map((m) => `${m.input} (${m.flag} or ${m.env})`).join(", ")}`);
  }
  return { options: validateInstallOptions(partial), partial, missing, cli };
}

/**
 * Flags that only mean something with another one are refused rather than silently ignored:
 * registry credentials need --kotsadm-registry, --license-public-key needs --license-file (unless
 * the wizard will ask for the license).
 */
function refuseOrphanFlags(p: Partial<InstallOptions>, flags: InstallFlags, io: SourceIO, interactive: boolean): void {
  if (!p.kotsadmRegistry && (p.registryUsername !== undefined || p.registryPassword !== undefined))
    throw new UsageError(`--registry-username/--registry-password are for --kotsadm-registry: add --kotsadm-registry HOST[/NAMESPACE], or drop them`);
  if (!interactive && !p.kotsadmRegistry && p.registryCaFile !== undefined)
    throw new UsageError(`--registry-ca-file is for --kotsadm-registry: add --kotsadm-registry HOST[/NAMESPACE], or drop it`);
  if (p.registryCaFile !== undefined) {
    try {
      io.readFile(p.registryCaFile);
    } catch (err) {
      throw new UsageError(`--registry-ca-file ${p.registryCaFile} cannot be read: ${plainErrno((err as NodeJS.ErrnoException).code)}: give the PEM file of the CA that signs the registry's certificate`);
    }
  }
  if (!interactive && p.airgapBundle !== undefined && !p.kotsadmRegistry)
    throw new UsageError(`--airgap-bundle ${AIRGAP_NEEDS_REGISTRY}`);
  if (!interactive && p.airgapBundle !== undefined && !p.licenseFile)
    throw new UsageError(`--airgap-bundle needs --license-file FILE: kotsadm installs the bundle's app with the license (as KOTS requires), and the bundle must be for the license's app`);
  if (!interactive && (flags.licensePublicKey ?? io.env[envName("license-public-key")]) !== undefined && !p.licenseFile)
    throw new UsageError(`--license-public-key only checks a license: add --license-file FILE, or drop it`);
}

/** zod validation with a one-line error naming the flag (never the value of a secret). */
export function validateInstallOptions(partial: Partial<InstallOptions>): InstallOptions {
  const parsed = InstallOptionsSchema.safeParse(partial);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = String(issue.path[0] ?? "");
  const flag = FLAG_OF[field] ?? field;
  const secret = field === "sharedPassword" || field === "registryPassword";
  const raw = partial[field as keyof InstallOptions];
  const shown = (typeof raw === "string" || typeof raw === "number") && !secret && !field.endsWith("Ms");
  const value = shown ? ` ${String(raw)}` : "";
  throw new UsageError(`${flag}${value} ${issue.message}`);
}

const FLAG_OF: Record<string, string> = {
  appSlug: "APP",
  namespace: "--namespace",
  sharedPassword: "the admin password (--shared-password-file/KOTS_SHARED_PASSWORD)",
  storageBaseUri: "--storage-base-uri",
  withDockerDistribution: "--with-dockerdistribution",
  kotsadmRegistry: "--kotsadm-registry",
  registryPassword: "--registry-password",
  registryUsername: "--registry-username",
  registryCaFile: "--registry-ca-file",
  airgapBundle: "--airgap-bundle",
  kotsadmTag: "--kotsadm-tag",
  additionalLabels: "--additional-labels",
  additionalAnnotations: "--additional-annotations",
  initRestartGraceMs: "--init-restart-grace",
  waitDurationMs: "--wait-duration",
  port: "--port",
};
