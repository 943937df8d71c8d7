import { Box } from "ink";
import { useLayout } from "./layout.ts";
import { useTheme, type Theme, type Tone } from "./theme.ts";
import { fit, formatDuration, widthOf, wrap } from "./text.ts";
import { Line } from "./components/Line.tsx";
import type { Row } from "./components/segments.ts";
import { formatBytes } from "./pull-progress.ts";
import { rowElapsed, stallOf, waitElapsed, type RolloutRow, type RolloutState, type RowStatus } from "./rollout-state.ts";

/** The board's step line: the engine's steps as the operator reads them. */
const STEP_ORDER = [
  ["preflight", "preflight"],
  ["validate", "render"],
  ["push-images", "push"],
  ["apply", "apply"],
  ["wait-datastores", "datastores"],
  ["apply-kotsadm", "kotsadm"],
  ["wait", "wait"],
  ["port-forward", "port-forward"],
] as const;

function statusLook(theme: Theme, st: RowStatus): { sym: string; tone: Tone } {
  switch (st) {
    case "Current":
      return { sym: theme.sym.ok, tone: "ok" };
    case "Failed":
      return { sym: theme.sym.fail, tone: "error" };
    case "InProgress":
      return { sym: theme.sym.running, tone: "accent" };
    case "Terminating":
      return { sym: theme.sym.warn, tone: "warn" };
    case "Applied":
      return { sym: theme.sym.running, tone: "dim" };
    default:
      return { sym: theme.sym.pending, tone: "dim" };
  }
}

function objectRows(s: RolloutState, r: RolloutRow, now: number, theme: Theme, width: number): Row[] {
  const look = statusLook(theme, r.status);
  const symW = Math.max(...[theme.sym.ok, theme.sym.fail, theme.sym.running, theme.sym.pending, theme.sym.warn].map(widthOf));
  const statusText = r.status === "Applied" ? (r.action ?? "applied") : r.status;
  const el = rowElapsed(s, r, now);
  const time = el === undefined ? "" : `${formatDuration(el)} / ${formatDuration(r.budgetMs ?? 0)}`;
  const timeW = 15;
  const statusW = 12;
  const refW = Math.max(10, width - symW - 1 - statusW - timeW - 1);
  const out: Row[] = [
    [
      { text: fit(look.sym, symW, "") + " ", tone: look.tone },
      { text: fit(`${r.ref.kind}/${r.ref.name}`, refW, theme.sym.ellipsis) + " " },
      { text: fit(statusText, statusW, theme.sym.ellipsis), tone: look.tone },
      { text: time.padStart(timeW), tone: "dim" },
    ],
  ];
  const indent = " ".repeat(symW + 3);
  if (r.status !== "Current" && (r.reason || (r.message && r.status !== "Applied" && r.status !== "Pending"))) {
    const detail = r.reason ? `${r.reason}${r.message ? `: ${r.message}` : ""}` : r.message!;
    out.push([{ text: indent + detail, tone: r.status === "Failed" ? "error" : "dim" }]);
  }
  const stall = stallOf(s, r, now);
  if (stall) out.push([{ text: `${indent}${theme.sym.warn} ${stall}`, tone: "warn" }]);
  return out;
}

/**
 * The rows of the board: the step line, the wait clock, one line per object (plus its pod-level
 * reason and a stall warning) and the outcome. With more rows than `maxRows`, ready objects fold
 * into one summary line first, then the rest is cut with a "more" line.
 */
export function boardRows(s: RolloutState, now: number, theme: Theme, width: number, maxRows: number): Row[] {
  const head: Row[] = [];
  const stepSegs: Row = [];
  for (const [step, name] of STEP_ORDER) {
    if (step === "push-images" && !s.push && !s.steps.some((x) => x.step === step)) continue; // airgap installs only
    const st = s.steps.find((x) => x.step === step);
    const sym = !st ? theme.sym.pending : st.state === "done" ? theme.sym.ok : theme.sym.running;
    const tone: Tone = !st ? "dim" : st.state === "done" ? "ok" : "accent";
    if (stepSegs.length) stepSegs.push({ text: "  " });
    stepSegs.push({ text: `${sym} ${name}`, tone });
  }
  if (s.error) {
    const running = stepSegs.findIndex((x) => x.tone === "accent");
    if (running >= 0) stepSegs[running] = { text: stepSegs[running]!.text.replace(theme.sym.running, theme.sym.fail), tone: "error" };
  }
  head.push(stepSegs);
  const ready = s.rows.filter((r) => r.status === "Current").length;
  const el = waitElapsed(s, now);
  head.push([
    {
      text:
        (el !== undefined && s.wait ? `Waiting ${formatDuration(el)} of ${formatDuration(s.wait.budgetMs)}  ${theme.sym.sep}  ` : "") +
        `${ready}/${s.rows.length} ready`,
      tone: "dim",
    },
  ]);

  const tail: Row[] = [];
  for (const w of s.warnings.slice(-1)) tail.push([{ text: `${theme.sym.warn} ${w}`, tone: "warn" }]);
  if (s.error) {
    for (const [i, l] of wrap(s.error.message, width - 2).slice(0, 3).entries())
      tail.push([{ text: (i === 0 ? theme.sym.fail : " ") + " " + l, tone: "error" }]);
  } else if (s.done) {
    tail.push([{ text: `${theme.sym.ok} Installed in ${formatDuration(s.done.durationMs)}`, tone: "ok" }]);
  }

  if (s.push) head.push(...pushRows(s, theme, width, Math.max(2, Math.floor(maxRows / 3))));
  const room = Math.max(1, maxRows - head.length - tail.length);
  const all = s.rows.map((r) => ({ r, rows: objectRows(s, r, now, theme, width) }));
  let body = all.flatMap((x) => x.rows);
  if (body.length > room) {
    const current = all.filter((x) => x.r.status === "Current");
    const rest = all.filter((x) => x.r.status !== "Current").flatMap((x) => x.rows);
    const summary: Row[] = current.length
      ? [[{ text: `${theme.sym.ok} ${current.length} ready: ${current.map((x) => x.r.ref.name).join(", ")}`, tone: "ok" }]]
      : [];
    body = [...summary, ...rest];
    if (body.length > room) {
      const keep = body.slice(0, room - 1);
      body = [...keep, [{ text: `  ${theme.sym.down} ${body.length - keep.length} more rows`, tone: "dim" }]];
    }
  }
  return [...head, ...body, ...tail];
}

/**
 * The airgap push on the board: while it runs, a total line (images x/y, bytes) and a line per
 * unfinished image (at most `maxRows` lines in all); once the registry check passed, one line.
 */
export function pushRows(s: RolloutState, theme: Theme, width: number, maxRows: number): Row[] {
  const p = s.push!;
  if (p.verified) return [[{ text: `${theme.sym.ok} ${p.verified.images} images in ${p.verified.registry} (checked by manifest HEAD)`, tone: "ok" }]];
  const t = p.progress.total;
  const out: Row[] = [];
  if (p.progress.phase === undefined && p.bundleRead)
    out.push([{ text: `${theme.sym.running} Reading the bundle: ${formatBytes(p.bundleRead.bytesRead)} / ${formatBytes(p.bundleRead.bytesTotal)}`, tone: "accent" }]);
  else
    out.push([
      {
        text: `${theme.sym.running} Pushing to ${p.progress.to ?? "the registry"}: ${t.imagesDone}/${t.imagesTotal} images, ${formatBytes(t.bytesDone)} / ${formatBytes(t.bytesTotal)}`,
        tone: "accent",
      },
    ]);
  const open = p.progress.rows.filter((r) => !r.done);
  for (const r of open.slice(0, Math.max(0, maxRows - 1)))
    out.push([{ text: fit(`  ${r.image} ${formatBytes(r.bytesDone)}/${formatBytes(r.bytesTotal)} blobs ${r.blobsDone}/${r.blobsTotal}${r.blobsSkipped ? ` (${r.blobsSkipped} there)` : ""}`, width, theme.sym.ellipsis), tone: "dim" }]);
  return out;
}

export interface RolloutBoardProps {
  state: RolloutState;
  /** the clock, epoch ms (the caller ticks it) */
  now: number;
  /** rows available; defaults to the layout body height */
  maxRows?: number;
}

/** A pure view over the folded InstallEvent stream (rollout-state.ts). */
export function RolloutBoard({ state, now, maxRows }: RolloutBoardProps) {
  const theme = useTheme();
  const layout = useLayout();
  const rows = boardRows(state, now, theme, layout.width, maxRows ?? layout.bodyRows);
  return (
    <Box flexDirection="column">
      {rows.map((r, i) => (
        <Line key={i} row={r} />
      ))}
    </Box>
  );
}
