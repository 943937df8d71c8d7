import type { ReactNode } from "react";
import { Box } from "ink";
import { useTheme, type Tone } from "../theme.ts";
import { useLayout } from "../layout.ts";
import { padEnd, truncateEnd, widthOf, wrap } from "../text.ts";
import { Line } from "./Line.tsx";

export interface StepFrameProps {
  /** left of the header, e.g. "kots install sentry-pro" */
  title: string;
  /** right of the header, e.g. "2/9 Namespace" */
  position: string;
  /** one status line above the key hints (validation message, notice) */
  status?: { text: string; tone: Tone };
  /** key hints, e.g. [["Enter", "continue"], ["Esc", "back"]] */
  hints: [string, string][];
  children?: ReactNode;
}

/** Header, rule, a body clipped to the rows left, a status line and the key hints. */
export function StepFrame({ title, position, status, hints, children }: StepFrameProps) {
  const theme = useTheme();
  const { width, bodyRows } = useLayout();
  const right = truncateEnd(position, Math.floor(width / 2), theme.sym.ellipsis);
  const left = padEnd(truncateEnd(title, width - widthOf(right) - 1, theme.sym.ellipsis), width - widthOf(right));
  // A long message wraps (up to 3 lines, taken from the body) instead of being cut.
  const statusLines = status ? wrap(status.text, width).slice(0, Math.max(1, Math.min(3, bodyRows - 1))) : [" "];
  const hintSegs = hints.flatMap(([k, what], i) => [
    ...(i > 0 ? [{ text: `  ${theme.sym.sep}  `, tone: "dim" as const }] : []),
    { text: k, tone: "key" as const },
    { text: ` ${what}`, tone: "dim" as const },
  ]);
  return (
    <Box flexDirection="column" width={width}>
      <Line row={[{ text: left, tone: "title" }, { text: right, tone: "accent" }]} />
      <Line row={[{ text: theme.sym.rule.repeat(width), tone: "dim" }]} />
      <Box flexDirection="column" height={bodyRows - (statusLines.length - 1)} overflow="hidden">
        {children}
      </Box>
      {statusLines.map((l, i) => (
        <Line key={i} row={status ? [{ text: l, tone: status.tone }] : " "} />
      ))}
      <Line row={hintSegs} />
    </Box>
  );
}
