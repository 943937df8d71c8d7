import type { ReactNode } from "react";
import { Box } from "ink";
import { useTheme, type Tone } from "../theme.ts";
import { useLayout } from "../layout.ts";
import { padEnd, truncateEnd, widthOf } from "../text.ts";
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
  const hintSegs = hints.flatMap(([k, what], i) => [
    ...(i > 0 ? [{ text: `  ${theme.sym.sep}  `, tone: "dim" as const }] : []),
    { text: k, tone: "key" as const },
    { text: ` ${what}`, tone: "dim" as const },
  ]);
  return (
    <Box flexDirection="column" width={width}>
      <Line row={[{ text: left, tone: "title" }, { text: right, tone: "accent" }]} />
      <Line row={[{ text: theme.sym.rule.repeat(width), tone: "dim" }]} />
      <Box flexDirection="column" height={bodyRows} overflow="hidden">
        {children}
      </Box>
      <Line row={status ? [{ text: status.text, tone: status.tone }] : " "} />
      <Line row={hintSegs} />
    </Box>
  );
}
