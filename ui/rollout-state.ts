import type { InstallEvent, KStatus, ObjectRef, StepName } from "../src/install/events.ts";
import type { PullImageEvent } from "../src/pull/images.ts";
import { initialPullProgress, pullProgressReducer, type PullProgressState } from "./pull-progress.ts";

/**
 * Folds the engine's InstallEvent stream into what the rollout board shows: one row per object,
 * the steps, warnings, and the outcome. Pure: (state, event) -> state.
 */
export type RowStatus = KStatus | "Pending" | "Applied";

export interface RolloutRow {
  key: string;
  ref: ObjectRef;
  status: RowStatus;
  action?: "created" | "configured" | "unchanged";
  reason?: string;
  message?: string;
  /** wait time when the last status arrived, and the budget */
  elapsedMs?: number;
  budgetMs?: number;
  /** event time of the last status change (for live elapsed and stall detection) */
  changedAt: number;
  /** event time of the last status event of any kind for this row */
  seenAt: number;
  /** the latest engine warning about this object */
  warning?: string;
}

export interface RolloutStep {
  step: StepName;
  state: "running" | "done";
  message: string;
  durationMs?: number;
}

export interface RolloutState {
  steps: RolloutStep[];
  rows: RolloutRow[];
  preflights: { check: string; outcome: "pass" | "warn" | "fail"; message: string }[];
  /** warnings not tied to an object */
  warnings: string[];
  portForward?: { localPort: number; requestedPort: number; url: string; healthy: boolean };
  done?: { durationMs: number; namespace: string; url?: string };
  error?: { message: string; exitCode: number; applied: ObjectRef[] };
  /** the wait clock: elapsed at `at` (from the last status-changed event) */
  wait?: { elapsedMs: number; budgetMs: number; at: number };
  /** --airgap-bundle: the push of the bundle's images (step push-images), the bundle read, the registry check */
  push?: {
    progress: PullProgressState;
    bundleRead?: { bytesRead: number; bytesTotal: number };
    verified?: { images: number; registry: string };
  };
}

export const initialRollout: RolloutState = { steps: [], rows: [], preflights: [], warnings: [] };

export function refKey(ref: ObjectRef): string {
  return `${ref.namespace ?? ""}/${ref.kind}/${ref.name}`;
}

function upsert(rows: RolloutRow[], ref: ObjectRef, at: number, f: (r: RolloutRow) => RolloutRow): RolloutRow[] {
  const key = refKey(ref);
  const i = rows.findIndex((r) => r.key === key);
  if (i < 0) return [...rows, f({ key, ref, status: "Pending", changedAt: at, seenAt: at })];
  const next = rows.slice();
  next[i] = f(rows[i]!);
  return next;
}

export function rolloutReducer(s: RolloutState, e: InstallEvent): RolloutState {
  switch (e.type) {
    case "step-started": {
      const steps = s.steps.filter((x) => x.step !== e.step);
      return { ...s, steps: [...steps, { step: e.step, state: "running", message: e.message }] };
    }
    case "step-finished": {
      const exists = s.steps.some((x) => x.step === e.step);
      const done: RolloutStep = { step: e.step, state: "done", message: e.message, durationMs: e.durationMs };
      return { ...s, steps: exists ? s.steps.map((x) => (x.step === e.step ? done : x)) : [...s.steps, done] };
    }
    case "preflight-result":
      return { ...s, preflights: [...s.preflights, { check: e.check, outcome: e.outcome, message: e.message }] };
    case "rendered": {
      let rows = s.rows;
      for (const ref of e.objects) rows = upsert(rows, ref, e.at, (r) => r);
      return { ...s, rows };
    }
    case "object-applied":
      return {
        ...s,
        rows: upsert(s.rows, e.ref, e.at, (r) => ({
          ...r,
          action: e.action,
          status: r.status === "Pending" ? "Applied" : r.status,
          changedAt: r.status === "Pending" ? e.at : r.changedAt,
          seenAt: e.at,
        })),
      };
    case "status-changed":
      return {
        ...s,
        wait: { elapsedMs: e.elapsedMs, budgetMs: e.budgetMs, at: e.at },
        rows: upsert(s.rows, e.ref, e.at, (r) => ({
          ...r,
          status: e.status,
          reason: e.reason,
          message: e.message,
          elapsedMs: e.elapsedMs,
          budgetMs: e.budgetMs,
          changedAt: r.status !== e.status || r.reason !== e.reason ? e.at : r.changedAt,
          seenAt: e.at,
          warning: e.status === "Current" ? undefined : r.warning,
        })),
      };
    case "object-pruned":
      return { ...s, warnings: [...s.warnings, `pruned ${e.ref.kind}/${e.ref.name}: no longer part of this install`] };
    case "warning":
      if (e.ref) return { ...s, rows: upsert(s.rows, e.ref, e.at, (r) => ({ ...r, warning: e.message })) };
      return { ...s, warnings: [...s.warnings, e.message] };
    case "port-forward":
      return { ...s, portForward: { localPort: e.localPort, requestedPort: e.requestedPort, url: e.url, healthy: e.healthy } };
    case "done":
      return { ...s, done: { durationMs: e.durationMs, namespace: e.namespace, url: e.url } };
    case "error":
      return { ...s, error: { message: e.message, exitCode: e.exitCode, applied: e.applied } };
    case "bundle-read":
      return { ...s, push: { ...(s.push ?? { progress: initialPullProgress }), bundleRead: { bytesRead: e.bytesRead, bytesTotal: e.bytesTotal } } };
    case "images-verified":
      return { ...s, push: { ...(s.push ?? { progress: initialPullProgress }), verified: { images: e.images, registry: e.registry } } };
    case "phase-started":
    case "image-planned":
    case "blob-done":
    case "image-progress":
    case "total-progress":
    case "retry":
    case "image-done": {
      const push = s.push ?? { progress: initialPullProgress };
      return { ...s, push: { ...push, progress: pullProgressReducer(push.progress, e as PullImageEvent) } };
    }
  }
}

export function foldEvents(events: InstallEvent[]): RolloutState {
  return events.reduce(rolloutReducer, initialRollout);
}

export function isFinished(s: RolloutState): boolean {
  return !!s.done || !!s.error;
}

/** Wait time now: the last reported elapsed plus the time since, frozen once finished. */
export function waitElapsed(s: RolloutState, now: number): number | undefined {
  if (!s.wait) return undefined;
  if (isFinished(s)) return s.wait.elapsedMs;
  return s.wait.elapsedMs + Math.max(0, now - s.wait.at);
}

/** A row's time: for a ready object the wait time when it got ready, otherwise the running wait time. */
export function rowElapsed(s: RolloutState, r: RolloutRow, now: number): number | undefined {
  if (r.elapsedMs === undefined) return undefined;
  if (r.status === "Current" || isFinished(s)) return r.elapsedMs;
  return r.elapsedMs + Math.max(0, now - r.seenAt);
}

export const STALL_MS = 30_000;

/** Why a row looks stuck: the engine's warning, or no status change for STALL_MS while not ready. */
export function stallOf(s: RolloutState, r: RolloutRow, now: number, stallMs = STALL_MS): string | undefined {
  if (r.status === "Current") return undefined;
  if (r.warning) return r.warning;
  if (isFinished(s) || r.status === "Pending" || r.status === "Failed") return undefined;
  const since = now - r.changedAt;
  if (since >= stallMs) return `no progress for ${Math.floor(since / 1000)}s`;
  return undefined;
}
