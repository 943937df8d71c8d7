import { useEffect, useState } from "react";
import { useKeys } from "../components/keys.tsx";
import { Box } from "ink";
import { StepFrame } from "../components/StepFrame.tsx";
import { Line } from "../components/Line.tsx";
import { Rows } from "../components/Rows.tsx";
import { windowFor } from "../components/scroll.ts";
import type { Row } from "../components/segments.ts";
import { useLayout } from "../layout.ts";
import type { PreflightResult } from "../services.ts";
import { preflightCounts } from "../state.ts";
import { useTheme, type Theme, type Tone } from "../theme.ts";
import { fit, wrap } from "../text.ts";
import { errorText, framePosition, frameTitle, type StepProps } from "./common.ts";

const ORDER = { fail: 0, warn: 1, pass: 2 } as const;

function look(theme: Theme, r: PreflightResult): { sym: string; word: string; tone: Tone } {
  if (r.outcome === "fail") return { sym: theme.sym.fail, word: "FAIL", tone: "error" };
  if (r.outcome === "warn") return { sym: theme.sym.warn, word: "WARN", tone: "warn" };
  return { sym: theme.sym.ok, word: "PASS", tone: "ok" };
}

/** Failures first, then warnings, then passes (stable within each). */
export function sortResults(results: PreflightResult[]): PreflightResult[] {
  return results.map((r, i) => ({ r, i })).sort((a, b) => ORDER[a.r.outcome] - ORDER[b.r.outcome] || a.i - b.i).map((x) => x.r);
}

/** Step 6: preflight checks, live, then a table. A failure blocks; a warning needs an explicit "continue anyway". */
export function PreflightStep({ state, dispatch, services }: StepProps) {
  const theme = useTheme();
  const { width, bodyRows } = useLayout();
  const p = state.preflights;
  const [cursor, setCursor] = useState(0);

  const start = () => {
    const run = p.run + 1;
    setCursor(0);
    dispatch({ type: "preflights/start" });
    let pending: Promise<void>;
    try {
      pending = services.runPreflights((result) => dispatch({ type: "preflights/result", run, result }));
    } catch (err) {
      pending = Promise.reject(err);
    }
    pending.then(
      () => dispatch({ type: "preflights/done", run }),
      (err) => dispatch({ type: "preflights/failed", run, message: errorText(err) }),
    );
  };
  useEffect(() => {
    if (p.status === "idle") start();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const sorted = p.status === "done" ? sortResults(p.results) : p.results;
  const counts = preflightCounts(p.results);
  useKeys((input, key) => {
    if (key.escape) return dispatch({ type: "back" });
    if (input === "r" && p.status !== "running") return start();
    if (key.return) return dispatch({ type: "preflights/continue", anyway: false });
    if (input === "c") return dispatch({ type: "preflights/continue", anyway: true });
    if (key.upArrow) setCursor((x) => Math.max(0, x - 1));
    if (key.downArrow) setCursor((x) => Math.min(Math.max(0, sorted.length - 1), x + 1));
  });

  const checkW = Math.min(30, Math.max(12, ...p.results.map((r) => r.check.length + (r.strict ? 9 : 0))));
  const done = p.status === "done";
  const sel = Math.min(cursor, Math.max(0, sorted.length - 1));
  const rows: Row[] = sorted.map((r, i) => {
    const l = look(theme, r);
    const focused = done && i === sel;
    return [
      { text: focused ? theme.sym.pointer.slice(0, 1) : " " },
      { text: ` ${l.sym} ${l.word}  `, tone: l.tone },
      { text: fit(r.check + (r.strict ? " (strict)" : ""), checkW, theme.sym.ellipsis) + "  ", tone: focused ? "title" : "plain" },
      { text: r.message.replace(/\s+/g, " "), tone: "dim" },
    ];
  });
  const selected = done ? sorted[sel] : undefined;
  const detail = selected ? [...wrap(selected.message, width - 4).slice(0, 3), ...(selected.uri ? wrap(selected.uri, width - 4).slice(0, 1) : [])] : [];
  const listRows = Math.max(3, bodyRows - 2 - (detail.length ? detail.length + 1 : 0));
  const win = done ? windowFor(rows.length, listRows, sel, sel) : windowFor(rows.length, listRows, rows.length - 1, rows.length - 1);

  const heading =
    p.status === "running"
      ? `${theme.sym.running} Running preflight checks${theme.sym.ellipsis} (${p.results.length} done)`
      : p.status === "error"
        ? `${theme.sym.fail} The checks could not run: ${p.error ?? ""}`
        : done
          ? `${counts.pass} passed ${theme.sym.sep} ${counts.warn} warning${counts.warn === 1 ? "" : "s"} ${theme.sym.sep} ${counts.fail} failed`
          : "";
  const headingTone: Tone = p.status === "error" ? "error" : "title";

  let status: { text: string; tone: Tone } | undefined;
  if (p.notice) status = { text: `${counts.fail ? theme.sym.fail : theme.sym.warn} ${p.notice}`, tone: counts.fail ? "error" : "warn" };
  else if (done && counts.fail) status = { text: `${theme.sym.fail} Fix the failed checks, then press r to re-run`, tone: "error" };
  else if (done && counts.warn) status = { text: `${theme.sym.warn} Press c to continue anyway despite the warnings`, tone: "warn" };
  else if (done) status = { text: `${theme.sym.ok} All checks passed`, tone: "ok" };

  const hints: [string, string][] = [];
  if (done && !counts.fail && !counts.warn) hints.push(["Enter", "continue"]);
  if (done && !counts.fail && counts.warn) hints.push(["c", "continue anyway"]);
  if (p.status !== "running") hints.push(["r", "re-run"]);
  if (done) hints.push([theme.unicode ? "↑↓" : "Up/Down", "details"]);
  hints.push(["Esc", "back"]);

  return (
    <StepFrame title={frameTitle(state)} position={framePosition("preflights")} status={status} hints={hints}>
      <Line row={[{ text: " " + heading, tone: headingTone }]} />
      <Line row="" />
      <Rows rows={rows} window={win} />
      {detail.length > 0 && (
        <Box flexDirection="column">
          <Line row="" />
          {detail.map((d, i) => (
            <Line key={i} row={[{ text: "   " + d, tone: selected?.outcome === "fail" ? "error" : selected?.outcome === "warn" ? "warn" : "dim" }]} />
          ))}
        </Box>
      )}
    </StepFrame>
  );
}
