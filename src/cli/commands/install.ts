import type { Command } from "commander";
import { resolveInstallInputs, processIO, type InstallFlags } from "../install-inputs.ts";
import { runHeadless } from "../headless-run.ts";
import { rethrowWithFinalEvent } from "../final-error.ts";
import { UsageError } from "../errors.ts";

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
    .option("--registry-ca-file <file>", "PEM CA that signs the --kotsadm-registry's certificate (env KOTS_REGISTRY_CA_FILE)")
    .option("--airgap-bundle <file>", "a KOTS .airgap bundle of the app: push its images to --kotsadm-registry, check them there, install from it (needs --license-file)")
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
        rethrowWithFinalEvent(err, (flags.output ?? process.env.KOTS_OUTPUT) === "json", { applied: [] });
      }
    });
}

async function runInstall(app: string | undefined, flags: InstallFlags): Promise<number> {
  const tty = !!process.stdin.isTTY && !!process.stderr.isTTY;
  const interactive = tty && !flags.yes && (flags.output ?? process.env.KOTS_OUTPUT ?? "text") === "text";
  const resolved = resolveInstallInputs(app, flags, processIO, interactive);
  // On a terminal without --yes nothing is applied unconfirmed: the wizard opens pre-filled with
  // what the flags and env gave, collects what is missing, and applies only after its Review. A
  // complete --dry-run changes nothing, so it needs no confirmation.
  const licensePublicKey = flags.licensePublicKey ?? process.env.KOTS_LICENSE_PUBLIC_KEY;
  if (interactive && resolved.partial.appSlug && !(resolved.partial.dryRun && resolved.options)) {
    const wizardInputs = { app: app ?? resolved.partial.appSlug, partial: resolved.partial, licensePublicKey };
    if (process.env.TERM === "dumb") {
      // an accessible mode: one question per line, no full-screen drawing
      const { runPlainPrompts } = await import("../wizard/plain.ts");
      return runPlainPrompts(wizardInputs);
    }
    const { runWizardCommand } = await import("../wizard/run.ts");
    // nothing missing: it opens at the first step that needs the operator, or at the Review
    return runWizardCommand({ ...wizardInputs, licenseAppSlug: resolved.partial.appSlug, autoAdvance: resolved.missing.length === 0 });
  }
  if (!resolved.options) throw new UsageError(`missing input: ${resolved.missing.map((m) => `${m.input} (${m.flag} or ${m.env})`).join(", ")}`);
  const options = resolved.options;
  const output = resolved.cli.output;
  return runHeadless(app, options, output, licensePublicKey);
}
