import { Text } from "ink";
import { toneStyle, useTheme } from "../theme.ts";
import { useLayout } from "../layout.ts";
import { truncateRow, type Row } from "./segments.ts";

/** One terminal row, truncated to the layout width (never wraps). */
export function Line({ row, width }: { row: Row | string; width?: number }) {
  const theme = useTheme();
  const layout = useLayout();
  const r: Row = typeof row === "string" ? [{ text: row }] : row;
  const segs = truncateRow(r, width ?? layout.width, theme);
  if (segs.length === 0 || segs.every((s) => s.text.length === 0)) return <Text> </Text>;
  return (
    <Text wrap="truncate-end">
      {segs.map((s, i) =>
        s.cursor && theme.color ? (
          <Text key={i} inverse>
            {s.text}
          </Text>
        ) : (
          <Text key={i} {...toneStyle(theme, s.tone)}>
            {s.text}
          </Text>
        ),
      )}
    </Text>
  );
}
