import type { Command } from "commander";
import { connect } from "../../kube/cluster.ts";
import { isReleaseDir, appSlugOf } from "../../install/release.ts";
import { DNS1123_LABEL } from "../../install/options.ts";
import { licenseFileAppSlug, loadSeeds } from "../../install/seeds.ts";
import { readBoundedText } from "../../read-file.ts";
import { preflightExitCode } from "../../preflight/app/exit-code.ts";
import { releasePreflightSources, renderPreflightSpec, type PreflightSource } from "../../preflight/app/release-spec.ts";
import { runAppPreflight, type AppCheckResult } from "../../preflight/app/run.ts";
import { PreflightSpecError } from "../../preflight/app/spec.ts";
import type { InstallEvent } from "../../install/events.ts";
import { formatEventJson } from "../printers/json.ts";
import { formatEventText } from "../printers/text.ts";
import { CliError, UsageError } from "../errors.ts";
import { rethrowWithFinalEvent } from "../final-error.ts";
import { clusterFactsOnce, lookupCalls, releaseLookupTexts } from "../../templates/cluster-facts.ts";

interface PreflightFlags {
  namespace?: string;
  kubeconfig?: string;
  context?: string;
  output?: string;
  licenseFile?: string;
  licensePublicKey?: string;
  configValues?: string;
}

/** Largest spec read from a file or stdin, bytes. */
const MAX_SPEC_BYTES = 4 * 1024 * 1024;

export function registerPreflight(program: Command): void {
  program
    .command("preflight <app|spec>")
    .description("run an app's troubleshoot preflight checks against the current cluster (a release directory, a Preflight file, or - for stdin)")
    .option("-n, --namespace <ns>", "read only this namespace's resources (default: all namespaces)")
    .option("--kubeconfig <file>", "kubeconfig file (default: $KUBECONFIG or ~/.kube/config)")
    .option("--context <name>", "kubeconfig context")
    .option("--license-file <file>", "license for the spec's LicenseFieldValue templates")
    .option("--license-public-key <file>", "extra trusted public key for a vendor's own licenses")
    .option("--config-values <file>", "ConfigValues for the spec's ConfigOption templates")
    .option("-o, --output <format>", "text or json (NDJSON events on stdout)")
    .addHelpText(
      "after",
      "\nExit codes, as troubleshoot's preflight: 0 every check passed, 3 a check failed, 4 warnings only,\n2 a bad spec or bad input, 1 anything else.",
    )
    .action(async (target: string, flags: PreflightFlags) => {
      const output = flags.output ?? process.env.KOTS_OUTPUT ?? "text";
      try {
        process.exitCode = await runPreflightCommand(target, flags, output);
      } catch (err) {
        rethrowWithFinalEvent(err, output === "json", { applied: [] });
      }
    });
}

async function readSources(target: string): Promise<PreflightSource[]> {
  if (target === "-") {
    const text = await new Response(Bun.stdin.stream()).text();
    if (Buffer.byteLength(text) > MAX_SPEC_BYTES) throw new UsageError(`the spec on stdin is over ${MAX_SPEC_BYTES / 1024 / 1024} MiB`);
    return [{ file: "-", text }];
  }
  if (isReleaseDir(target)) {
    const sources = releasePreflightSources(target);
    if (sources.length === 0) throw new UsageError(`${target} holds no troubleshoot kind: Preflight document: give a release directory with one, or a Preflight file`);
    return sources;
  }
  try {
    return [{ file: target, text: readBoundedText(target, MAX_SPEC_BYTES) }];
  } catch (err) {
    throw new UsageError(`${target} ${(err as Error).message}: give a release directory, a Preflight file, or - for stdin`);
  }
}

/** `kots preflight`: the exit code (0, 3 or 4); throws UsageError (2) for bad input, CliError (1) otherwise. */
async function runPreflightCommand(target: string, flags: PreflightFlags, output: string): Promise<number> {
  if (output !== "text" && output !== "json") throw new UsageError(`--output ${output} is not a format: use text or json`);
  if (flags.namespace !== undefined && !DNS1123_LABEL.test(flags.namespace)) throw new UsageError(`--namespace ${flags.namespace} is not a valid namespace name (DNS-1123 label)`);
  const sources = await readSources(target);
  const releaseDir = target !== "-" && isReleaseDir(target) ? target : undefined;
  const cluster = connect({ kubeconfig: flags.kubeconfig, context: flags.context });
  // the cluster facts the templates read (Distribution, NodeCount, …): one snapshot for the run
  const factsTaken = clusterFactsOnce(cluster, { lookups: lookupCalls([...sources.map((s) => s.text), ...releaseLookupTexts(releaseDir)]) });
  // the one license and ConfigValues check, as the install makes it (the ConfigValues checked against the release's Config)
  const seeds = await loadSeeds({ licenseFile: flags.licenseFile, configValuesFile: flags.configValues, namespace: flags.namespace }, flags.licensePublicKey, releaseDir, factsTaken);
  for (const w of seeds.warnings) process.stderr.write(`warning: ${w}\n`);
  const facts = await factsTaken;
  let spec;
  try {
    spec = renderPreflightSpec(sources, { releaseDir, configValues: seeds.configValues, license: seeds.license, namespace: flags.namespace, appSlug: releaseDir ? appSlugOf(releaseDir, licenseFileAppSlug(flags.licenseFile)) : undefined, cluster: facts });
  } catch (err) {
    if (err instanceof PreflightSpecError) throw new UsageError(err.message);
    throw err;
  }
  const started = Date.now();
  const run = await runAppPreflight(cluster, spec, { namespace: flags.namespace });
  const print = (e: InstallEvent) => {
    if (output === "json") process.stdout.write(formatEventJson(e) + "\n");
    else {
      const line = formatEventText(e);
      if (line !== undefined) process.stdout.write(line.trimStart() + "\n");
    }
  };
  // troubleshoot's preflight exits 1 "completed with no analysis results" when no outcome matched anywhere.
  if (run.results.length === 0) throw new CliError("the preflight completed with no results: no outcome of any analyzer matched what was collected", 1);
  for (const r of run.results) print(resultEvent(r));
  const exitCode = preflightExitCode(run.results);
  const count = (o: string) => run.results.filter((r) => r.outcome === o).length;
  const summary = `${count("pass")} passed, ${count("warn")} warned, ${count("fail")} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`;
  if (output === "json") process.stdout.write(JSON.stringify({ type: "preflight-summary", at: Date.now(), pass: count("pass"), warn: count("warn"), fail: count("fail"), durationMs: Date.now() - started, exitCode }) + "\n");
  else process.stderr.write(`${summary}\n`);
  return exitCode;
}

function resultEvent(r: AppCheckResult): InstallEvent {
  return { type: "preflight-result", at: Date.now(), check: r.title, outcome: r.outcome, message: r.message, source: "app", analyzer: r.analyzer, uri: r.uri || undefined, strict: r.strict };
}
