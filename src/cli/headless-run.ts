import { connect } from "../kube/cluster.ts";
import { install, type InstallResult } from "../install/engine.ts";
import type { InstallEvent } from "../install/events.ts";
import type { InstallOptions } from "../install/options.ts";
import { prepareInstall, type Preparation } from "../install/prepare.ts";
import { renderYaml } from "../manifests/yaml.ts";
import { formatEventJson } from "./printers/json.ts";
import { installTextPrinter } from "./printers/install-text.ts";
import { interruptSignal, waitForInterrupt } from "./interrupt.ts";
import { InterruptedError } from "./errors.ts";
import { ReportedError } from "./final-error.ts";


/**
 * The install without the Ink wizard: prepareInstall (the one preparation), an optional
 * `confirm(prep)` (the TERM=dumb prompts ask there; false stops with exit 130 and nothing
 * changed), then the engine, printing its events as text lines (stderr) or NDJSON (stdout).
 * Returns the exit code; throws ReportedError wrapping what the engine reported, or the
 * preparation's UsageError/CliError.
 */
export async function runHeadless(
  app: string | undefined,
  options: InstallOptions,
  output: "text" | "json",
  licensePublicKey: string | undefined,
  confirm?: (prep: Preparation) => Promise<boolean>,
): Promise<number> {
  const cluster = connect({ kubeconfig: options.kubeconfig, context: options.context });
  // The one preparation both views share: license, ConfigValues, built-in checks, the plan.
  const text = installTextPrinter();
  const print = output === "json" ? (e: InstallEvent) => process.stdout.write(formatEventJson(e) + "\n") : (e: InstallEvent) => {
    for (const line of text(e)) process.stderr.write(line + "\n");
  };
  // the bundle is read (and its checksums checked) in the preparation: its progress is shown too
  const prep = await prepareInstall(app, options, { cluster, licensePublicKey: licensePublicKey, onBundleEvent: print });
  let result: InstallResult | undefined;
  const { signal, dispose } = interruptSignal();
  try {
    for (const w of prep.warnings) process.stderr.write(`warning: ${w}\n`);
    if (confirm && !(await confirm(prep))) throw new InterruptedError("not confirmed; nothing was changed in the cluster");
    const events = install(options, {
      cluster,
      license: prep.license,
      configValues: prep.configValues,
      applicationYaml: prep.applicationYaml,
      builtinChecks: prep.checks,
      appChecks: prep.appChecks,
      plan: prep.plan.length > 0 ? prep.plan : undefined,
      airgap: prep.airgap,
      signal,
    });
    for (;;) {
      let next: IteratorResult<InstallEvent, InstallResult>;
      try {
        next = await events.next();
      } catch (err) {
        throw new ReportedError(err);
      }
      if (next.done) {
        result = next.value;
        break;
      }
      print(next.value);
    }
  } finally {
    dispose();
    prep.airgap?.dispose();
  }
  if (options.dryRun) {
    // stdout is the NDJSON stream under --output json: the rendered event carries the plan there.
    if (output !== "json") process.stdout.write(renderYaml(result.objects));
    return 0;
  }
  if (result.forwarder && result.url) {
    process.stderr.write(`Admin Console: ${result.url}  (port-forward running; Ctrl-C to stop; reconnect later with: kubectl kots admin-console -n ${options.namespace})\n`);
    await waitForInterrupt();
    await result.forwarder.close();
  }
  return 0;
}
