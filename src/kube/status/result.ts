import type { StatusResult } from "./types.ts";

/** Current, with kstatus' message for the rule that decided it. */
export function current(message: string): StatusResult {
  return { status: "Current", message };
}

/** InProgress; the reason is what kstatus puts on its Reconciling condition (omitted when empty). */
export function inProgress(reason: string | undefined, message: string): StatusResult {
  return reason ? { status: "InProgress", reason, message } : { status: "InProgress", message };
}

/** Failed; the reason is what kstatus puts on its Stalled condition (omitted when empty). */
export function failed(reason: string | undefined, message: string): StatusResult {
  return reason ? { status: "Failed", reason, message } : { status: "Failed", message };
}
