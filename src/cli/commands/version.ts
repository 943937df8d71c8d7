import { Option, type Command } from "commander";
import { buildDate, commit, version } from "../../version.ts";
import { KOTSADM_DEFAULT_TAG } from "../../manifests/images.ts";

/** What `kots version --output json` prints (one JSON object, one line). */
export interface VersionInfo {
  /** kots-tui's own version (package.json), e.g. "0.1.0". */
  version: string;
  /** git commit the binary was built from (12 hex digits), "dev" from source. */
  commit: string;
  /** RFC 3339 UTC build time, "unknown" from source. */
  buildDate: string;
  /** The kotsadm image tag this binary installs and upgrades to (manifests/images.ts). */
  kotsadmTag: string;
}

/** The build facts of this binary. */
export function versionInfo(): VersionInfo {
  return { version, commit, buildDate, kotsadmTag: KOTSADM_DEFAULT_TAG };
}

/** One line for people: `kots 0.1.0 (commit abc…, built 2026-…Z, kotsadm v1.88.0)`. */
export function formatVersionText(v: VersionInfo): string {
  return `kots ${v.version} (commit ${v.commit}, built ${v.buildDate}, kotsadm ${v.kotsadmTag})`;
}

/**
 * `kots version [-o text|json]` (design §1): the version, commit, build date and the bundled
 * kotsadm tag on stdout. Exit 0; an unknown --output is bad usage (exit 2, commander's one line).
 */
export function registerVersion(program: Command): void {
  program
    .command("version")
    .description("print the version, git commit, build date and the bundled kotsadm tag")
    .addOption(new Option("-o, --output <format>", "text or json").choices(["text", "json"]).default("text").env("KOTS_OUTPUT"))
    .action((flags: { output: "text" | "json" }) => {
      const v = versionInfo();
      process.stdout.write(flags.output === "json" ? `${JSON.stringify(v)}\n` : `${formatVersionText(v)}\n`);
    });
}
