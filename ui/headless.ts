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
  /** The license path as the operator typed it (keeps ~). */
  licensePath?: string;
  /** The app has config values: shown as a --config-values file to write. */
  hasConfigValues?: boolean;
  /** ASCII ellipsis when the terminal is not UTF-8. */
  ellipsis?: string;
}

/**
 * The `kots install … --yes` command that repeats this install without prompts, as tokens.
 * Secrets never appear: the admin password is an env placeholder (KOTS_SHARED_PASSWORD=…),
 * the registry password is read from stdin.
 */
export function headlessTokens(o: InstallOptions, x: HeadlessExtras = {}): string[][] {
  const ell = x.ellipsis ?? "…";
  const t: string[][] = [[`KOTS_SHARED_PASSWORD=${ell}`], ["kots", "install", shellQuote(o.appSlug)], ["-n", o.namespace], ["--yes"]];
  if (o.kubeconfig) t.push(["--kubeconfig", shellQuote(o.kubeconfig)]);
  if (o.context) t.push(["--context", shellQuote(o.context)]);
  const lic = x.licensePath || o.licenseFile;
  if (lic) t.push(["--license-file", shellQuote(lic)]);
  if (x.hasConfigValues) t.push(["--config-values", "configvalues.yaml"]);
  if (o.kotsadmRegistry) {
    t.push(["--kotsadm-registry", shellQuote(o.kotsadmRegistry)]);
    if (o.registryUsername) t.push(["--registry-username", shellQuote(o.registryUsername)]);
    if (o.registryPassword) t.push(["--registry-password-stdin"]);
  }
  if (storageModeOf(o) === "none") t.push(["--with-minio=false"]);
  if (o.storageClass) t.push(["--storage-class", shellQuote(o.storageClass)]);
  if (o.useMinimalRbac) t.push(["--use-minimal-rbac"]);
  if (o.kotsadmTag) t.push(["--kotsadm-tag", shellQuote(o.kotsadmTag)]);
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

/** The command wrapped to `width` cells with ` \` continuations (each line ≤ width). */
export function headlessLines(o: InstallOptions, width: number, x: HeadlessExtras = {}): string[] {
  const groups = headlessTokens(o, x).map((g) => g.join(" "));
  const lines: string[] = [];
  let cur = "";
  for (const g of groups) {
    const candidate = cur ? `${cur} ${g}` : g;
    if (!cur || widthOf(candidate) + 2 <= width) cur = candidate;
    else {
      lines.push(cur + " \\");
      cur = "    " + g;
    }
  }
  if (cur) lines.push(cur);
  return lines;
}
