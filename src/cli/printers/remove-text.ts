import { refString } from "../../install/events.ts";
import type { KeptObject, RemoveEvent } from "../../day2/remove-events.ts";
import type { RemovePlan } from "../../day2/remove-plan.ts";

const secs = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`;

/** Plain lines for the plan (what goes, phase by phase, and what stays), for the confirmation and logs. */
export function formatRemovePlan(plan: RemovePlan): string[] {
  const lines = [`The Admin Console in ${plan.namespace}:`];
  if (plan.phases.length > 0) {
    lines.push("  deletes, in this order:");
    plan.phases.forEach((p, i) => lines.push(`    ${i + 1}. ${p.phase}: ${p.targets.map((t) => refString(t.ref)).join(", ")}`));
  }
  if (plan.kept.length > 0) {
    lines.push("  keeps:");
    for (const k of plan.kept) lines.push(`    ${refString(k.ref)}: ${k.reason}`);
  }
  return lines;
}

/** "2 PersistentVolumeClaims, Namespace/x" — a short list of what stays, for the last line. */
export function keptSummary(kept: readonly KeptObject[]): string {
  const pvcs = kept.filter((k) => k.ref.kind === "PersistentVolumeClaim").length;
  const rest = kept.filter((k) => k.ref.kind !== "PersistentVolumeClaim").map((k) => refString(k.ref));
  return [pvcs > 0 ? `${pvcs} PersistentVolumeClaim(s) (--delete-pvcs removes them)` : "", ...rest].filter(Boolean).join(", ");
}

/** One plain line per event (stderr), or undefined for events the text view leaves out. Pure. */
export function formatRemoveEventText(e: RemoveEvent): string | undefined {
  switch (e.type) {
    case "plan":
      return undefined; // printed once, before the confirmation
    case "phase-started":
      return `==> delete ${e.phase}`;
    case "object-deleting":
      return `    ${refString(e.ref)} deleting`;
    case "status-changed":
      return `    ${refString(e.ref)} ${e.status === "Gone" ? "gone" : e.message} [${secs(e.elapsedMs)}/${secs(e.budgetMs)}]`;
    case "warning":
      return `    warning: ${e.message}`;
    case "done": {
      const kept = keptSummary(e.kept);
      return `removed ${e.removed.length} object(s) from ${e.namespace} in ${secs(e.durationMs)}${kept ? `; kept ${kept}` : ""}`;
    }
    case "error":
      return undefined; // main.ts prints the error line once
  }
}
