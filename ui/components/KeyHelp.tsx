import { Box } from "ink";
import { KEY_MAP } from "../keymap.ts";
import { useLayout } from "../layout.ts";
import { padEnd } from "../text.ts";
import { Line } from "./Line.tsx";

/** The help overlay: every key of the wizard and what it does; any key closes it. */
export function KeyHelp() {
  const { width } = useLayout();
  const kw = Math.max(...KEY_MAP.map(([k]) => k.length)) + 2;
  return (
    <Box flexDirection="column" width={width}>
      <Line row={[{ text: "Keys", tone: "title" }]} />
      <Line row="" />
      {KEY_MAP.map(([k, what]) => (
        <Line key={k} row={[{ text: "  " + padEnd(k, kw), tone: "key" }, { text: what }]} />
      ))}
      <Line row="" />
      <Line row={[{ text: "Press any key to go back", tone: "dim" }]} />
    </Box>
  );
}
