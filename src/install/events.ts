/**
 * The typed event stream of the install engine (design §2). The Ink rollout board and the
 * headless text/NDJSON printer are two views of this one stream. No event carries a secret value.
 * Times are epoch milliseconds; durations are milliseconds. Documented for users in docs/events.md.
 */
import type { CopyEvent } from "../registry/copy/index.ts";

export type KStatus = "Current" | "InProgress" | "Failed" | "Terminating" | "NotFound" | "Unknown";

/** A Kubernetes object reference: `Kind/name` in `namespace` (empty for cluster-scoped). */
export interface ObjectRef {
  kind: string;
  name: string;
  namespace?: string;
}

/** The engine's steps, in the order they run (design §4, KOTS's start order). */
export const STEP_NAMES = ["preflight", "validate", "push-images", "apply", "wait-datastores", "apply-kotsadm", "wait", "port-forward"] as const;
export type StepName = (typeof STEP_NAMES)[number];

/**
 * The airgap push (`--airgap-bundle`, step `push-images`): the copy engine's events
 * (src/registry/copy CopyEvent; docs/image-copy.md) tagged `phase: "push"`, as `kots pull`
 * reports its push, after one `phase-started`; `bundle-read` while the bundle file is streamed;
 * then `images-verified` once every image the install names was found in the registry by
 * manifest HEAD. `image` is the bundle's original reference, `target` the registry's.
 */
export type ImagePushEvent =
  | { type: "phase-started"; at: number; phase: "push"; images: number; to: string }
  | (CopyEvent & { at: number; phase: "push" })
  | { type: "bundle-read"; at: number; phase: "push"; file: string; bytesRead: number; bytesTotal: number }
  | { type: "images-verified"; at: number; images: number; registry: string };

export type InstallEvent =
  | ImagePushEvent
  | { type: "step-started"; step: StepName; at: number; message: string }
  | { type: "step-finished"; step: StepName; at: number; durationMs: number; message: string }
  | {
      type: "preflight-result";
      at: number;
      /** a built-in check's name, or an app check's title */
      check: string;
      outcome: "pass" | "warn" | "fail";
      message: string;
      /** "builtin" (our checks) or "app" (the release's troubleshoot Preflight); absent = builtin */
      source?: "builtin" | "app";
      /** app checks: the analyzer kind (e.g. "nodeResources") */
      analyzer?: string;
      /** app checks: the outcome's URI, when it has one */
      uri?: string;
      /** app checks: a strict analyzer (runs even with --skip-preflights) */
      strict?: boolean;
    }
  | { type: "object-applied"; at: number; ref: ObjectRef; action: "created" | "configured" | "unchanged" }
  /** An object of an earlier run of this install that it no longer renders was deleted (inventory). */
  | { type: "object-pruned"; at: number; ref: ObjectRef }
  | {
      type: "status-changed";
      at: number;
      ref: ObjectRef;
      status: KStatus;
      reason?: string;
      message: string;
      /** Wall time since the wait started, ms. */
      elapsedMs: number;
      /** The whole wait budget (--wait-duration), ms. */
      budgetMs: number;
    }
  | { type: "warning"; at: number; message: string; ref?: ObjectRef }
  | { type: "rendered"; at: number; objects: ObjectRef[] }
  | { type: "port-forward"; at: number; localPort: number; url: string; requestedPort: number; healthy: boolean }
  | { type: "done"; at: number; durationMs: number; namespace: string; url?: string }
  | {
      type: "error";
      at: number;
      message: string;
      exitCode: number;
      /** Writes the API server confirmed. */
      applied: ObjectRef[];
      /** Writes in flight when the run stopped (interrupts): they may or may not have happened. */
      maybeApplied?: ObjectRef[];
    };

export type InstallEventType = InstallEvent["type"];

/** `Kind/name` for display, e.g. `StatefulSet/kotsadm-postgres`. */
export function refString(ref: ObjectRef): string {
  return `${ref.kind}/${ref.name}`;
}
