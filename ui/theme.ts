import { createContext, useContext } from "react";

/**
 * Terminal capabilities, decided by the caller (src/cli): ui/ reads no environment itself.
 * color=false when NO_COLOR is set or TERM=dumb; unicode=false when the locale is not UTF-8.
 */
export interface TerminalCaps {
  color: boolean;
  unicode: boolean;
}

export type Tone = "plain" | "title" | "accent" | "ok" | "warn" | "error" | "dim" | "key";

export interface Symbols {
  ok: string;
  warn: string;
  fail: string;
  running: string;
  pending: string;
  pointer: string;
  radioOn: string;
  radioOff: string;
  boxOn: string;
  boxOff: string;
  ellipsis: string;
  rule: string;
  sep: string;
  up: string;
  down: string;
  arrow: string;
  bullet: string;
}

const UNICODE: Symbols = {
  ok: "✓",
  warn: "⚠",
  fail: "✗",
  running: "◐",
  pending: "·",
  pointer: "❯",
  radioOn: "◉",
  radioOff: "○",
  boxOn: "[x]",
  boxOff: "[ ]",
  ellipsis: "…",
  rule: "─",
  sep: "·",
  up: "↑",
  down: "↓",
  arrow: "→",
  bullet: "•",
};

const ASCII: Symbols = {
  ok: "+",
  warn: "!",
  fail: "x",
  running: "~",
  pending: ".",
  pointer: ">",
  radioOn: "(*)",
  radioOff: "( )",
  boxOn: "[x]",
  boxOff: "[ ]",
  ellipsis: "...",
  rule: "-",
  sep: "|",
  up: "^",
  down: "v",
  arrow: "->",
  bullet: "*",
};

export interface Theme extends TerminalCaps {
  sym: Symbols;
}

export function makeTheme(caps: TerminalCaps): Theme {
  return { ...caps, sym: caps.unicode ? UNICODE : ASCII };
}

/** Ink <Text> style props for a tone; nothing at all when colour is off (no SGR sequence of any kind). */
export function toneStyle(theme: Theme, tone: Tone | undefined): { color?: string; bold?: boolean; dimColor?: boolean } {
  if (!theme.color || !tone || tone === "plain") return {};
  switch (tone) {
    case "title":
      return { bold: true };
    case "accent":
      return { color: "cyan" };
    case "ok":
      return { color: "green" };
    case "warn":
      return { color: "yellow" };
    case "error":
      return { color: "red" };
    case "dim":
      return { dimColor: true };
    case "key":
      return { color: "cyan", bold: true };
  }
}

export const ThemeContext = createContext<Theme>(makeTheme({ color: false, unicode: false }));

export function useTheme(): Theme {
  return useContext(ThemeContext);
}
