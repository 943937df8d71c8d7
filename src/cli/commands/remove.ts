import type { Command } from "commander";
import { ReportedError, rethrowWithFinalEvent } from "../final-error.ts";
import { connect } from "../../kube/cluster.ts";
import { findInstall } from "../../day2/remove-find.ts";
import { planRemoval, planTargets } from "../../day2/remove-plan.ts";
import { removeAdminConsole } from "../../day2/remove.ts";
import type { RemoveEvent } from "../../day2/remove-events.ts";
import { InterruptedError, UsageError } from "../errors.ts";
import { interruptSignal } from "../interrupt.ts";
import { durationInput, envFlag, namespaceInput, outputInput } from "../day2-inputs.ts";
import { askYesNo, canPrompt } from "../tty-prompt.ts";
import { formatRemoveEventText, formatRemovePlan, keptSummary } from "../printers/remove-text.ts";
import { RemoveBoard } from "../printers/remove-board.ts";

interface RemoveFlags {
  namespace?: string;
  kubeconfig?: string;
  context?: string;
  deletePvcs?: boolean;
  deleteNamespace?: boolean;
  yes?: boolean;
  output?: string;
  waitDuration?: string;
}

/**
 * `kots remove -n NS` / `kots uninstall` (design §1, §4): deletes the Admin Console's objects
 * (label kots.io/kotsadm=true) in dependency order and waits until they are gone; PVCs and the
 * namespace stay unless --delete-pvcs / --delete-namespace; the shared ClusterRole goes only when
 * no other install uses it. Confirms on a terminal (--yes skips). Exit 0 removed or nothing to
 * remove; 1 failed; 2 bad input (nothing changed); 130 not confirmed or interrupted.
 */
export function registerRemove(program: Command): void {
  program
    .command("remove")
    .alias("uninstall")
    .description("remove the Admin Console objects from a namespace (keeps PVCs and the namespace unless asked)")
    .option("-n, --namespace <ns>", "namespace of the Admin Console (or KOTS_NAMESPACE)")
    .option("--kubeconfig <file>", "kubeconfig file (default: $KUBECONFIG or ~/.kube/config)")
    .option("--context <name>", "kubeconfig context")
    .option("--delete-pvcs", "also delete the PersistentVolumeClaims (Postgres and MinIO data: gone for good)")
    .option("--delete-namespace", "also delete the namespace, when kots created it and nothing else lives in it")
    .option("-y, --yes", "do not ask for confirmation")
    .option("-o, --output <format>", "text or json (NDJSON events on stdout)")
    .option("--wait-duration <duration>", "how long to wait until everything is gone, e.g. 5m")
    .action(async (flags: RemoveFlags) => {
      const output = outputInput(flags.output);
      try {
        process.exitCode = await runRemove(flags, output);
      } catch (err) {
        // --output json promises a last `error` line, bad input included
        rethrowWithFinalEvent(err, output === "json", { removed: [] });
      }
    });
}

async function runRemove(flags: RemoveFlags, output: "text" | "json"): Promise<number> {
  const env = process.env;
  const namespace = namespaceInput(undefined, flags.namespace);
  const budgetMs = durationInput("wait-duration", flags.waitDuration, env.KOTS_WAIT_DURATION, "5m");
  const deletePvcs = !!flags.deletePvcs || envFlag(env.KOTS_DELETE_PVCS);
  const deleteNamespace = !!flags.deleteNamespace || envFlag(env.KOTS_DELETE_NAMESPACE);
  const yes = !!flags.yes || envFlag(env.KOTS_YES);
  const interactive = canPrompt() && output === "text";
  if (!yes && !interactive)
    throw new UsageError(`missing input (${output === "json" ? "--output json never asks" : "no terminal to ask"}): confirmation (--yes or KOTS_YES)`);

  const cluster = connect({ kubeconfig: flags.kubeconfig ?? env.KOTS_KUBECONFIG, context: flags.context ?? env.KOTS_CONTEXT });
  const found = await findInstall(cluster, namespace, { deletePvcs, deleteNamespace });
  const plan = planRemoval(found.inputs);
  const say = (line: string) => process.stderr.write(line + "\n");
  const emit = (e: RemoveEvent) => (output === "json" ? process.stdout.write(JSON.stringify(e) + "\n") : undefined);
  if (found.unlisted.length > 0) say(`warning: not allowed to list ${found.unlisted.join(", ")} in ${namespace}: objects of those types stay`);
  if (plan.namespaceProblems.length > 0) throw new UsageError(plan.namespaceProblems.join("; "));

  emit({ type: "plan", at: Date.now(), namespace, phases: plan.phases.map((p) => ({ phase: p.phase, objects: p.targets.map((t) => t.ref) })), kept: plan.kept });
  if (planTargets(plan).length === 0) {
    const kept = keptSummary(plan.kept.filter((k) => k.ref.kind !== "Namespace"));
    say(`nothing to remove: no Admin Console objects in ${namespace}${found.inputs.namespaceObj ? "" : " (no such namespace)"}${kept ? `; kept ${kept}` : ""}`);
    emit({ type: "done", at: Date.now(), durationMs: 0, namespace, removed: [], kept: plan.kept });
    return 0;
  }
  if (output === "text") formatRemovePlan(plan).forEach(say);
  if (!yes && !(await askYesNo(`Remove ${planTargets(plan).length} objects from ${namespace}?`))) throw new InterruptedError("not confirmed; nothing was changed in the cluster");

  const board = interactive && env.TERM !== "dumb" ? new RemoveBoard(plan, process.stderr, { unicode: /UTF-?8/i.test(env.LC_ALL || env.LC_CTYPE || env.LANG || ""), color: !env.NO_COLOR }) : undefined;
  const { signal, dispose } = interruptSignal();
  try {
    const events = removeAdminConsole(cluster, { plan, deletePvcs, deleteNamespace, budgetMs, signal });
    for (;;) {
      let next: IteratorResult<RemoveEvent, unknown>;
      try {
        next = await events.next();
      } catch (err) {
        throw new ReportedError(err);
      }
      if (next.done) break;
      const e = next.value;
      if (output === "json") emit(e);
      else if (board) {
        board.update(e);
        if (e.type === "done") {
          board.finish();
          say(formatRemoveEventText(e)!);
        }
      } else {
        const line = formatRemoveEventText(e);
        if (line !== undefined) say(line);
      }
    }
  } finally {
    board?.finish();
    dispose();
  }
  return 0;
}
