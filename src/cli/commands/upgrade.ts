import type { Command } from "commander";
import { connect } from "../../kube/cluster.ts";
import { install, KEPT_PASSWORD_WARNING } from "../../install/engine.ts";
import type { InstallEvent } from "../../install/events.ts";
import { describeChange, prepareUpgrade } from "../../day2/upgrade.ts";
import { formatEventJson } from "../printers/json.ts";
import { ReportedError, rethrowWithFinalEvent } from "../final-error.ts";
import { formatEventText } from "../printers/text.ts";
import { CliError, InterruptedError, UsageError } from "../errors.ts";
import { interruptSignal } from "../interrupt.ts";
import { durationInput, envFlag, namespaceInput, outputInput } from "../day2-inputs.ts";
import { askYesNo, canPrompt } from "../tty-prompt.ts";

interface UpgradeFlags {
  namespace?: string;
  kubeconfig?: string;
  context?: string;
  kotsadmTag?: string;
  waitDuration?: string;
  initRestartGrace?: string;
  yes?: boolean;
  output?: string;
}


/**
 * `kots admin-console upgrade -n NS` (KOTS v1.88.0 cmd/kots/cli/admin-console-upgrade.go): the
 * bundled kotsadm version over an existing install, every secret kept, the install's start order
 * and waits; shows old → new images first and asks on a terminal (--yes skips); refuses a
 * downgrade. Exit 0 upgraded; 1 refused or failed; 2 bad input (nothing changed); 130 interrupted.
 * Registered under `admin-console` (index.ts calls this after registerAdminConsole).
 */
export function registerAdminConsoleUpgrade(program: Command): void {
  const parent = program.commands.find((c) => c.name() === "admin-console");
  if (!parent) throw new Error("admin-console must be registered before its upgrade subcommand");
  parent
    .command("upgrade")
    .description("upgrade the Admin Console to the kotsadm version this kots bundles (keeps every secret)")
    .option("-n, --namespace <ns>", "namespace of the Admin Console (or KOTS_NAMESPACE)")
    .option("--kubeconfig <file>", "kubeconfig file (default: $KUBECONFIG or ~/.kube/config)")
    .option("--context <name>", "kubeconfig context")
    .option("--kotsadm-tag <tag>", "kotsadm tag to upgrade to instead of the bundled one (a v1.88.x tag, never older than what runs)")
    .option("--wait-duration <duration>", "how long to wait for readiness, e.g. 5m (default: the install's)")
    .option("--init-restart-grace <duration>", "how long an init container may fail while a dependency starts (default 2m)")
    .option("-y, --yes", "do not ask for confirmation")
    .option("-o, --output <format>", "text or json (NDJSON events on stdout)")
    .action(async (flags: UpgradeFlags, cmd: Command) => {
      const output = outputInput(flags.output);
      try {
        // commander gives options the parent also has (-n, --kubeconfig, --context) to the parent, wherever they stand
        const parent = (cmd.parent?.opts() ?? {}) as Pick<UpgradeFlags, "namespace" | "kubeconfig" | "context">;
        process.exitCode = await runUpgrade({ ...flags, namespace: flags.namespace ?? parent.namespace, kubeconfig: flags.kubeconfig ?? parent.kubeconfig, context: flags.context ?? parent.context }, output);
      } catch (err) {
        rethrowWithFinalEvent(err, output === "json", { applied: [] });
      }
    });
}

async function runUpgrade(flags: UpgradeFlags, output: "text" | "json"): Promise<number> {
  const env = process.env;
  const namespace = namespaceInput(undefined, flags.namespace);
  const waitDurationMs = flags.waitDuration ?? env.KOTS_WAIT_DURATION ? durationInput("wait-duration", flags.waitDuration, env.KOTS_WAIT_DURATION, "5m") : undefined;
  const initRestartGraceMs = flags.initRestartGrace ?? env.KOTS_INIT_RESTART_GRACE ? durationInput("init-restart-grace", flags.initRestartGrace, env.KOTS_INIT_RESTART_GRACE, "2m") : undefined;
  const yes = !!flags.yes || envFlag(env.KOTS_YES);
  const interactive = canPrompt() && output === "text";
  if (!yes && !interactive) throw new UsageError(`missing input (${output === "json" ? "--output json never asks" : "no terminal to ask"}): confirmation (--yes or KOTS_YES)`);
  const kubeconfig = flags.kubeconfig ?? env.KOTS_KUBECONFIG;
  const context = flags.context ?? env.KOTS_CONTEXT;
  const cluster = connect({ kubeconfig, context });

  const up = await prepareUpgrade(cluster, namespace, { kotsadmTag: flags.kotsadmTag ?? env.KOTS_KOTSADM_TAG, waitDurationMs, initRestartGraceMs, kubeconfig, context });
  const say = (line: string) => process.stderr.write(line + "\n");
  const headline = up.fromTag === up.toTag ? `kotsadm in ${namespace} runs ${up.toTag} already: converging the install (every secret kept)` : `upgrade the Admin Console in ${namespace}: kotsadm ${up.fromTag} → ${up.toTag} (every secret kept)`;
  say(headline);
  for (const c of up.changes) say(`  ${describeChange(c)}`);
  if (up.changes.length === 0) say("  no image changes");
  if (!yes && !(await askYesNo(`Upgrade ${namespace} to ${up.toTag}?`))) throw new InterruptedError("not confirmed; nothing was changed in the cluster");

  const { signal, dispose } = interruptSignal();
  const print = (e: InstallEvent) => {
    if (e.type === "warning" && e.message === KEPT_PASSWORD_WARNING) return;
    if (output === "json") process.stdout.write(formatEventJson(e) + "\n");
    else {
      const line = formatEventText(e);
      if (line !== undefined) say(line);
    }
  };
  try {
    const events = install(up.options, { cluster, plan: up.plan, license: up.seeds.license, configValues: up.seeds.configValues, applicationYaml: up.seeds.applicationYaml, signal });
    for (;;) {
      let next: IteratorResult<InstallEvent, unknown>;
      try {
        next = await events.next();
      } catch (err) {
        throw new ReportedError(err instanceof CliError || err instanceof Error ? err : new CliError(String(err), 1));
      }
      if (next.done) break;
      print(next.value);
    }
  } finally {
    dispose();
  }
  if (output === "text") say(`The Admin Console in ${namespace} runs kotsadm ${up.toTag}; reach it with: kubectl kots admin-console -n ${namespace}`);
  return 0;
}
