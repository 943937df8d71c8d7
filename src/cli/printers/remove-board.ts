/**
 * The terminal view of `kots remove`: the rollout board's layout (one row per object: symbol,
 * Kind/name, state, time) redrawn in place as RemoveEvents arrive and every 500 ms for the clock.
 * Only for a terminal that can move the cursor (not TERM=dumb); no colour with NO_COLOR.
 * `rowsOf` and `renderBoard` are pure; RemoveBoard writes.
 */
import { refString, type ObjectRef } from "../../install/events.ts";
import type { RemoveEvent } from "../../day2/remove-events.ts";
import type { RemovePlan } from "../../day2/remove-plan.ts";

export type RowState = "pending" | "deleting" | "Terminating" | "gone";

export interface BoardRow {
  ref: ObjectRef;
  phase: string;
  state: RowState;
  message?: string;
  /** When this row's deletion was sent, epoch ms. */
  since?: number;
  /** When it was seen gone, epoch ms. */
  goneAt?: number;
}

export interface BoardState {
  namespace: string;
  rows: BoardRow[];
  phase?: string;
  warnings: string[];
  startedAt: number;
  finished?: "done" | "error";
}

const k = (r: ObjectRef) => `${r.kind}/${r.name}`;

/** The board's initial rows: every target of the plan, pending, in deletion order. */
export function initialBoard(plan: RemovePlan, now: number): BoardState {
  return { namespace: plan.namespace, rows: plan.phases.flatMap((p) => p.targets.map((t) => ({ ref: t.ref, phase: p.phase, state: "pending" as RowState }))), warnings: [], startedAt: now };
}

/** Folds one event into the board, pure. */
export function boardReducer(s: BoardState, e: RemoveEvent): BoardState {
  const patch = (ref: ObjectRef, f: (r: BoardRow) => BoardRow) => ({ ...s, rows: s.rows.map((r) => (k(r.ref) === k(ref) ? f(r) : r)) });
  switch (e.type) {
    case "phase-started":
      return { ...s, phase: e.phase };
    case "object-deleting":
      return patch(e.ref, (r) => (r.state === "gone" ? r : { ...r, state: "deleting", since: r.since ?? e.at }));
    case "status-changed":
      return patch(e.ref, (r) => (e.status === "Gone" ? { ...r, state: "gone", goneAt: e.at, since: r.since ?? e.at, message: undefined } : { ...r, state: "Terminating", message: e.message, since: r.since ?? e.at }));
    case "warning":
      return { ...s, warnings: [...s.warnings, e.message].slice(-3) };
    case "done":
      return { ...s, finished: "done" };
    case "error":
      return { ...s, finished: "error" };
    default:
      return s;
  }
}

const SYMBOLS = { unicode: { pending: "·", deleting: "◐", Terminating: "◐", gone: "✓" }, ascii: { pending: ".", deleting: "~", Terminating: "~", gone: "+" } };

function fit(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width ? text.padEnd(width) : chars.slice(0, Math.max(0, width - 1)).join("") + "…";
}

/**
 * The board as lines at most `columns` wide and, when `maxLines` is given, at most that many (the
 * rows already gone fold into one "N gone" line first, then the oldest pending rows). Pure.
 */
export function renderBoard(s: BoardState, now: number, opts: { columns: number; unicode: boolean; color: boolean; maxLines?: number }): string[] {
  const full = boardLines(s, s.rows, now, opts);
  if (opts.maxLines === undefined || full.length <= opts.maxLines) return full;
  const sym = opts.unicode ? SYMBOLS.unicode : SYMBOLS.ascii;
  const gone = s.rows.filter((r) => r.state === "gone");
  const open = s.rows.filter((r) => r.state !== "gone");
  const lines = boardLines(s, open, now, opts);
  const summary = `${opts.color ? `\u001b[32m${sym.gone}\u001b[0m` : sym.gone} ${gone.length} gone`;
  const out = [lines[0]!, ...(gone.length > 0 ? [summary] : []), ...lines.slice(1)];
  return out.length <= opts.maxLines ? out : [...out.slice(0, opts.maxLines - 1), `${opts.unicode ? "…" : "..."} ${out.length - opts.maxLines + 1} more`];
}

function boardLines(s: BoardState, rows: readonly BoardRow[], now: number, opts: { columns: number; unicode: boolean; color: boolean }): string[] {
  const sym = opts.unicode ? SYMBOLS.unicode : SYMBOLS.ascii;
  const paint = (code: string, text: string) => (opts.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const width = Math.max(40, opts.columns);
  const refW = Math.max(20, width - 2 - 13 - 8);
  const lines = [fit(`kots remove · ${s.namespace} · ${s.phase ? `deleting ${s.phase}` : "starting"} · ${Math.round((now - s.startedAt) / 1000)}s`, width).trimEnd()];
  for (const r of rows) {
    const t = r.since === undefined ? "" : `${(((r.goneAt ?? now) - r.since) / 1000).toFixed(1)}s`;
    const symbol = r.state === "gone" ? paint("32", sym.gone) : r.state === "pending" ? sym.pending : paint("33", sym[r.state]);
    lines.push(`${symbol} ${fit(refString(r.ref), refW)} ${fit(r.state, 12)} ${t.padStart(7)}`.trimEnd());
    if (r.state === "Terminating" && r.message) lines.push(fit(`    ${r.message}`, width).trimEnd());
  }
  for (const w of s.warnings) lines.push(fit(`${opts.unicode ? "⚠" : "!"} ${w}`, width).trimEnd());
  return lines;
}

/** Draws the board on a terminal (stderr), redrawing in place. `finish()` leaves the last frame. */
export class RemoveBoard {
  private state: BoardState;
  private drawn = 0;
  private finished = false;
  private timer: ReturnType<typeof setInterval>;

  constructor(
    plan: RemovePlan,
    private readonly out: NodeJS.WriteStream,
    private readonly caps: { unicode: boolean; color: boolean },
  ) {
    this.state = initialBoard(plan, Date.now());
    this.timer = setInterval(() => this.draw(), 500);
    this.timer.unref?.();
    this.draw();
  }

  update(e: RemoveEvent): void {
    if (this.finished) return;
    this.state = boardReducer(this.state, e);
    this.draw();
  }

  /** Stops the clock and draws the last frame (once; later calls do nothing). */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    clearInterval(this.timer);
    this.draw();
  }

  private draw(): void {
    const lines = renderBoard(this.state, Date.now(), { columns: this.out.columns || 80, maxLines: Math.max(5, (this.out.rows || 24) - 1), ...this.caps });
    const up = this.drawn > 0 ? `\u001b[${this.drawn}A\r\u001b[J` : "";
    this.out.write(up + lines.join("\n") + "\n");
    this.drawn = lines.length;
  }
}
