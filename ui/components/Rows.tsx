import { Box } from "ink";
import { useTheme } from "../theme.ts";
import { Line } from "./Line.tsx";
import type { Row } from "./segments.ts";
import type { ScrollWindow } from "./scroll.ts";

/** A scrolled list of rows with "N more" markers; the window is computed by the caller (scroll.ts). */
export function Rows({ rows, window }: { rows: Row[]; window?: ScrollWindow }) {
  const theme = useTheme();
  const w = window ?? { start: 0, end: rows.length, above: 0, below: 0 };
  return (
    <Box flexDirection="column">
      {w.above > 0 && <Line row={[{ text: `  ${theme.sym.up} ${w.above} more`, tone: "dim" }]} />}
      {rows.slice(w.start, w.end).map((r, i) => (
        <Line key={w.start + i} row={r} />
      ))}
      {w.below > 0 && <Line row={[{ text: `  ${theme.sym.down} ${w.below} more`, tone: "dim" }]} />}
    </Box>
  );
}
