/**
 * The event stream of `kots remove` (`--output json` prints one per line on stdout; the text and
 * terminal views are built from the same events). Times are epoch ms, durations ms. No event
 * carries a secret value.
 */
import type { ObjectRef } from "../install/events.ts";

/** An object remove leaves in place, and why ("PersistentVolumeClaim: kept (data); --delete-pvcs removes it"). */
export interface KeptObject {
  ref: ObjectRef;
  reason: string;
}

export type RemoveEvent =
  /** What will be deleted, phase by phase in order, and what stays. */
  | { type: "plan"; at: number; namespace: string; phases: { phase: string; objects: ObjectRef[] }[]; kept: KeptObject[] }
  | { type: "phase-started"; at: number; phase: string }
  /** DELETE sent (with a uid precondition). */
  | { type: "object-deleting"; at: number; ref: ObjectRef }
  /** Terminating: it has a deletionTimestamp and waits for finalizers (message names them); Gone: it no longer exists. */
  | { type: "status-changed"; at: number; ref: ObjectRef; status: "Terminating" | "Gone"; message: string; elapsedMs: number; budgetMs: number }
  | { type: "warning"; at: number; message: string; ref?: ObjectRef }
  | { type: "done"; at: number; durationMs: number; namespace: string; removed: ObjectRef[]; kept: KeptObject[] }
  | { type: "error"; at: number; message: string; exitCode: number; removed: ObjectRef[] };
