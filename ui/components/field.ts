import type { Theme } from "../theme.ts";
import { fit, truncateStart, widthOf } from "../text.ts";
import type { Row, Seg } from "./segments.ts";

export interface FieldLook {
  label: string;
  value: string;
  focused: boolean;
  masked?: boolean;
  placeholder?: string;
  labelWidth: number;
  width: number;
  required?: boolean;
  readonly?: boolean;
}

/** The focus marker column: "❯ " or two spaces. */
export function pointer(theme: Theme, focused: boolean): Seg {
  const p = theme.sym.pointer;
  return focused ? { text: p + " ", tone: "accent" } : { text: " ".repeat(widthOf(p) + 1) };
}

/** One input row: pointer, label column, value (masked as one * per character), cursor at the end. */
export function fieldRow(theme: Theme, f: FieldLook): Row {
  const ptr = pointer(theme, f.focused);
  const label = fit(f.label + (f.required ? " *" : ""), f.labelWidth, theme.sym.ellipsis) + " ";
  const room = Math.max(4, f.width - widthOf(ptr.text) - widthOf(label) - 1);
  const shown = f.masked ? "*".repeat([...f.value].length) : f.value;
  const r: Row = [ptr, { text: label, tone: f.focused ? "title" : "plain" }];
  if (!shown && f.placeholder && !f.focused) {
    r.push({ text: truncateStart(f.placeholder, room, theme.sym.ellipsis), tone: "dim" });
    return r;
  }
  if (f.readonly) {
    r.push({ text: truncateStart(shown, room + 1, theme.sym.ellipsis), tone: "dim" });
    return r;
  }
  if (!shown && f.placeholder && f.focused) {
    r.push({ text: theme.color ? " " : "_", cursor: true });
    r.push({ text: truncateStart(f.placeholder, room - 1, theme.sym.ellipsis), tone: "dim" });
    return r;
  }
  r.push({ text: truncateStart(shown, room, theme.sym.ellipsis) });
  if (f.focused) r.push({ text: theme.color ? " " : "_", cursor: true });
  return r;
}
