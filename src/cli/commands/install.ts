import type { Command } from "commander";
import { connect } from "../../kube/cluster.ts";
import { install, type InstallResult } from "../../install/engine.ts";
import type { InstallEvent } from "../../install/events.ts";
import { renderYaml } from "../../manifests/yaml.ts";
import { resolveInstallInputs, processIO, type InstallFlags } from "../install-inputs.ts";
import { prepareInstall } from "../../install/prepare.ts";
import { formatEventText } from "../printers/text.ts";
import { formatEventJson } from "../printers/json.ts";
import { UsageError, exitCodeOf } from "../errors.ts";

/** An error the engine already reported with its own `error` event. */
class EngineFailure extends Error {
  constructor(override readonly cause: unknown) {
    super("engine failure");
  }
}
import { interruptSignal, waitForInterrupt } from "../interrupt.ts";

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

export function registerInstall(program: Command): void {
  program
    .command("install [app]")
    .description("install the Admin Console (+ seed license/config) into a namespace")
    .option("-n, --namespace <ns>", "namespace to install into (default: the app slug)")
    .option("--kubeconfig <file>", "kubeconfig file (default: $KUBECONFIG or ~/.kube/config)")
    .option("--context <name>", "kubeconfig context")
    .option("--shared-password <pw>", "admin password (visible in the process list: prefer the file/stdin forms or KOTS_SHARED_PASSWORD)")
    .option("--shared-password-file <file>", "read the admin password from a file")
    .option("--shared-password-stdin", "read the admin password from stdin")
    .option("--license-file <file>", "license to seed the Admin Console with")
    .option("--license-public-key <file>", "extra trusted public key for a vendor's own licenses")
    .option("--config-values <file>", "ConfigValues to seed the Admin Console with")
    .option("--skip-preflights", "skip the app's preflight checks")
    .option("--storage-class <name>", "StorageClass for the PVCs (default: the cluster default)")
    .option("--with-minio [bool]", "deploy MinIO as the object store (default true)")
    .option("--with-dockerdistribution", "refused: kotsadm v1.88 never stores in a registry (use --with-minio=false)")
    .option("--storage-base-uri <uri>", "refused: kotsadm v1.88 never stores in a registry (use --with-minio=false)")
    .option("--storage-base-uri-plainhttp", "refused, with --storage-base-uri")
    .option("--use-minimal-rbac", "namespace-scoped Role instead of a ClusterRole")
    .option("--kotsadm-registry <host[/ns]>", "private registry for the Admin Console images")
    .option("--registry-username <user>", "username for --kotsadm-registry")
    .option("--registry-password <pw>", "password for --kotsadm-registry (prefer the file/stdin forms)")
    .option("--registry-password-file <file>", "read the registry password from a file")
    .option("--registry-password-stdin", "read the registry password from stdin")
    .option("--kotsadm-tag <tag>", "Admin Console image tag (a v1.88.x tag)")
    .option("--http-proxy <url>", "HTTP_PROXY for the Admin Console")
    .option("--https-proxy <url>", "HTTPS_PROXY for the Admin Console")
    .option("--no-proxy <hosts>", "NO_PROXY for the Admin Console (the in-cluster datastores are added)")
    .option("--copy-proxy-env", "pass this shell's HTTP_PROXY, HTTPS_PROXY and NO_PROXY to the Admin Console")
    .option("--additional-labels <k=v,...>", "labels for every object and pod (repeatable)", collect, undefined)
    .option("--additional-annotations <k=v,...>", "annotations for every object and pod (repeatable)", collect, undefined)
    .option("--init-restart-grace <duration>", "how long an init container may fail while a dependency starts (default 2m)")
    .option("--port <port>", "local port for the Admin Console", undefined)
    .option("--no-port-forward", "do not port-forward after the install")
    .option("--wait-duration <duration>", "how long to wait for readiness, e.g. 5m", undefined)
    .option("-y, --yes", "accept defaults and confirmations (headless)")
    .option("--adopt", "take over objects of the Admin Console that exist and were not made by kots")
    .option("-o, --output <format>", "text or json (NDJSON events on stdout)")
    .option("--dry-run", "render and run the built-in checks, print the YAML, change nothing")
    .action(async (app: string | undefined, flags: InstallFlags) => {
      try {
        process.exitCode = await runInstall(app, flags);
      } catch (err) {
        // --output json promises a last `error` line (docs/events.md), bad input included.
        if ((flags.output ?? process.env.KOTS_OUTPUT) === "json" && !(err instanceof EngineFailure))
          process.stdout.write(formatEventJson({ type: "error", at: Date.now(), message: err instanceof Error ? err.message : String(err), exitCode: exitCodeOf(err), applied: [] }) + "\n");
        throw err instanceof EngineFailure ? err.cause : err;
      }
    });
}

async function runInstall(app: string | undefined, flags: InstallFlags): Promise<number> {
  const tty = !!process.stdin.isTTY && !!process.stderr.isTTY;
  const interactive = tty && !flags.yes && (flags.output ?? process.env.KOTS_OUTPUT ?? "text") === "text";
  const resolved = resolveInstallInputs(app, flags, processIO, interactive);
  // On a terminal without --yes nothing is applied unconfirmed: the wizard opens pre-filled with
  // what the flags and env gave, collects what is missing, and applies only after its Review.
  if (interactive && !resolved.partial.dryRun && resolved.partial.appSlug) {
    const { runWizardCommand } = await import("../wizard/run.ts");
    return runWizardCommand({
      app: app ?? resolved.partial.appSlug,
      partial: resolved.partial,
      licensePublicKey: flags.licensePublicKey ?? process.env.KOTS_LICENSE_PUBLIC_KEY,
      licenseAppSlug: resolved.partial.appSlug,
    });
  }
  if (!resolved.options) {
    if (interactive && resolved.partial.appSlug) {
      const { runWizardCommand } = await import("../wizard/run.ts");
      return runWizardCommand({
        app: app ?? resolved.partial.appSlug,
        partial: resolved.partial,
        licensePublicKey: flags.licensePublicKey ?? process.env.KOTS_LICENSE_PUBLIC_KEY,
      });
    }
    const list = resolved.missing.map((m) => `${m.input} (${m.flag} or ${m.env})`).join(", ");
    throw new UsageError(`missing input: ${list}`);
  }
  const options = resolved.options;
  const output = resolved.cli.output;
  const cluster = connect({ kubeconfig: options.kubeconfig, context: options.context });
  // The one preparation both views share: license, ConfigValues, built-in checks, the plan.
  const prep = await prepareInstall(app, options, { cluster, licensePublicKey: flags.licensePublicKey ?? process.env.KOTS_LICENSE_PUBLIC_KEY });
  for (const w of prep.warnings) process.stderr.write(`warning: ${w}\n`);
  const { signal, dispose } = interruptSignal();
  const print = output === "json" ? (e: InstallEvent) => process.stdout.write(formatEventJson(e) + "\n") : (e: InstallEvent) => {
    const line = formatEventText(e);
    if (line !== undefined) process.stderr.write(line + "\n");
  };
  let result: InstallResult | undefined;
  try {
    const events = install(options, {
      cluster,
      license: prep.license,
      configValues: prep.configValues,
      applicationYaml: prep.applicationYaml,
      builtinChecks: prep.checks,
      plan: prep.plan.length > 0 ? prep.plan : undefined,
      signal,
    });
    for (;;) {
      let next: IteratorResult<InstallEvent, InstallResult>;
      try {
        next = await events.next();
      } catch (err) {
        throw new EngineFailure(err);
      }
      if (next.done) {
        result = next.value;
        break;
      }
      print(next.value);
    }
  } finally {
    dispose();
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
