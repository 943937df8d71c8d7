import type { InstallOptions } from "../src/install/options.ts";
import { storageModeOf } from "../src/install/options.ts";
import { widthOf } from "./text.ts";

const SAFE = /^[A-Za-z0-9_@%+=:,./~-]+$/;

/** POSIX-shell quoting; a leading ~ stays unquoted so the shell still expands it. */
export function shellQuote(s: string): string {
  if (s.length > 0 && SAFE.test(s)) return s;
  const q = (x: string) => `'${x.replace(/'/g, `'\\''`)}'`;
  if (s.startsWith("~/")) return "~/" + q(s.slice(2));
  return q(s);
}

export function formatGoDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1000 === 0) return `${ms / 1000}s`;
  return `${ms}ms`;
}

export interface HeadlessExtras {
  /** APP as the operator gave it (a release directory stays a path); default the app slug. */
  app?: string;
  /** The license path as the operator typed it (keeps ~). */
  licensePath?: string;
  /** --license-public-key as given. */
  licensePublicKey?: string;
  /** Where the wizard wrote the ConfigValues (mode 0600); with `hasConfigValues` only, "configvalues.yaml". */
  configValuesFile?: string;
  /** The app has config values: shown as a --config-values file to write. */
  hasConfigValues?: boolean;
}

/** The file the repeated command reads the admin password from (the operator writes it first). */
export const PASSWORD_FILE = "admin-password.txt";

const pairs = (m: Record<string, string>) => Object.entries(m).map(([k, v]) => `${k}=${v}`).join(",");

/**
 * The `kots install … --yes` command that repeats this install without prompts, as tokens: the
 * real APP and every flag the answers amount to. Secrets never appear: the admin password is read
 * from PASSWORD_FILE (--shared-password-file), the registry password from stdin.
 */
export function headlessTokens(o: InstallOptions, x: HeadlessExtras = {}): string[][] {
  const t: string[][] = [["kots", "install", shellQuote(x.app ?? o.appSlug)], ["-n", o.namespace], ["--yes"], ["--shared-password-file", PASSWORD_FILE]];
  if (o.kubeconfig) t.push(["--kubeconfig", shellQuote(o.kubeconfig)]);
  if (o.context) t.push(["--context", shellQuote(o.context)]);
  const lic = x.licensePath || o.licenseFile;
  if (lic) t.push(["--license-file", shellQuote(lic)]);
  if (lic && x.licensePublicKey) t.push(["--license-public-key", shellQuote(x.licensePublicKey)]);
  if (x.configValuesFile) t.push(["--config-values", shellQuote(x.configValuesFile)]);
  else if (x.hasConfigValues) t.push(["--config-values", "configvalues.yaml"]);
  if (o.kotsadmRegistry) {
    t.push(["--kotsadm-registry", shellQuote(o.kotsadmRegistry)]);
    if (o.registryUsername) t.push(["--registry-username", shellQuote(o.registryUsername)]);
    if (o.registryPassword) t.push(["--registry-password-stdin"]);
    if (o.registryCaFile) t.push(["--registry-ca-file", shellQuote(o.registryCaFile)]);
    if (o.airgapBundle) t.push(["--airgap-bundle", shellQuote(o.airgapBundle)]);
  }
  if (storageModeOf(o) === "none") t.push(["--with-minio=false"]);
  if (o.storageClass) t.push(["--storage-class", shellQuote(o.storageClass)]);
  if (o.useMinimalRbac) t.push(["--use-minimal-rbac"]);
  if (o.skipPreflights) t.push(["--skip-preflights"]);
  if (o.kotsadmTag) t.push(["--kotsadm-tag", shellQuote(o.kotsadmTag)]);
  if (o.httpProxy) t.push(["--http-proxy", shellQuote(o.httpProxy)]);
  if (o.httpsProxy) t.push(["--https-proxy", shellQuote(o.httpsProxy)]);
  if (o.noProxy) t.push(["--no-proxy", shellQuote(o.noProxy)]);
  if (Object.keys(o.additionalLabels).length) t.push(["--additional-labels", shellQuote(pairs(o.additionalLabels))]);
  if (Object.keys(o.additionalAnnotations).length) t.push(["--additional-annotations", shellQuote(pairs(o.additionalAnnotations))]);
  if (o.initRestartGraceMs !== 120_000) t.push(["--init-restart-grace", formatGoDuration(o.initRestartGraceMs)]);
  if (o.port !== 8800) t.push(["--port", String(o.port)]);
  if (!o.portForward) t.push(["--no-port-forward"]);
  if (o.waitDurationMs !== 300_000) t.push(["--wait-duration", formatGoDuration(o.waitDurationMs)]);
  return t;
}

/** The command on one line. */
export function headlessCommand(o: InstallOptions, x: HeadlessExtras = {}): string {
  return headlessTokens(o, x)
    .map((g) => g.join(" "))
    .join(" ");
}

/**
 * The command wrapped to `width` cells with ` \` continuations, never cut: a flag and its value
 * that are wider than a line on their own are split with a bare `\` at the end of the line and go
 * on at the start of the next (the shell joins such a word again).
 */
export function headlessLines(o: InstallOptions, width: number, x: HeadlessExtras = {}): string[] {
  const groups = headlessTokens(o, x).map((g) => g.join(" "));
  const lines: string[] = [];
  let cur = "";
  for (const g of groups) {
    const candidate = cur ? `${cur} ${g}` : g;
    if (!cur || widthOf(candidate) + 2 <= width) {
      cur = candidate;
      continue;
    }
    lines.push(cur + " \\");
    cur = "    " + g;
  }
  if (cur) lines.push(cur);
  return lines.flatMap((l) => splitLong(l, width));
}

function splitLong(line: string, width: number): string[] {
  const out: string[] = [];
  let rest = line;
  while (widthOf(rest) > width) {
    const cut = Math.max(1, width - 1);
    out.push(rest.slice(0, cut) + "\\");
    rest = rest.slice(cut);
  }
  out.push(rest);
  return out;
}
