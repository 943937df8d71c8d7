import { Box } from "ink";
import type { Tone } from "../theme.ts";
import { useLayout } from "../layout.ts";
import { wrap, widthOf } from "../text.ts";
import { Line } from "./Line.tsx";

/** A message word-wrapped to the width, prefixed by a symbol, at most `maxRows` rows. */
export function StatusLines({ symbol, text, tone, indent = 0, maxRows = 4 }: { symbol?: string; text: string; tone: Tone; indent?: number; maxRows?: number }) {
  const { width } = useLayout();
  const lead = " ".repeat(indent) + (symbol ? symbol + " " : "");
  const lines = wrap(text, width - widthOf(lead)).slice(0, maxRows);
  return (
    <Box flexDirection="column">
      {lines.map((l, i) => (
        <Line key={i} row={[{ text: i === 0 ? lead : " ".repeat(widthOf(lead)) }, { text: l, tone }]} />
      ))}
    </Box>
  );
}
