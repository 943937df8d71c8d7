import { refString, type InstallEvent } from "../../install/events.ts";

const secs = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)}s`;

/**
 * One plain line per event for logs and pipes (no spinners, no control codes), or undefined for
 * events the text view leaves out. Pure: the caller writes the line (to stderr).
 */
export function formatEventText(e: InstallEvent): string | undefined {
  switch (e.type) {
    case "step-started":
      return `==> ${e.message}`;
    case "step-finished":
      return `    ${e.step} done in ${secs(e.durationMs)}`;
    case "preflight-result":
      return `    [${e.outcome}] ${e.check}${e.strict ? " (strict)" : ""}: ${e.message}${e.uri ? ` (${e.uri})` : ""}`;
    case "rendered":
      return `    ${e.objects.length} objects: ${e.objects.map(refString).join(", ")}`;
    case "object-applied":
      return `    ${refString(e.ref)} ${e.action}`;
    case "status-changed":
      return `    ${refString(e.ref)} ${e.status}${e.reason ? ` (${e.reason})` : ""}: ${e.message} [${secs(e.elapsedMs)}/${secs(e.budgetMs)}]`;
    case "object-pruned":
      return `    ${refString(e.ref)} pruned (no longer part of this install)`;
    case "warning":
      return `    warning: ${e.message}`;
    case "port-forward":
      return `    forwarding ${e.url} -> kotsadm:3000 (healthz ${e.healthy ? "ok" : "failing"})`;
    case "done":
      return e.url
        ? `Admin Console installed in ${e.namespace} in ${secs(e.durationMs)}: ${e.url}`
        : `done in ${secs(e.durationMs)} (namespace ${e.namespace})`;
    case "error":
      return undefined; // main.ts prints the error line once
    case "images-verified":
      return `    ${e.images} images found in ${e.registry} (manifest HEAD)`;
    default:
      return undefined; // the airgap push's progress: installTextPrinter (install-text.ts)
  }
}
