import type { Row } from "../components/segments.ts";
import { fieldRow, pointer } from "../components/field.ts";
import type { ConfigGroupView, ConfigIssue, ConfigItemView } from "../services.ts";
import type { Theme } from "../theme.ts";
import { widthOf, wrap } from "../text.ts";

export const TEXTUAL = new Set(["text", "password", "file", "textarea"]);

export function isFocusable(it: ConfigItemView): boolean {
  return !it.hidden && !it.readonly && it.type !== "label" && it.type !== "heading";
}

/** An unknown item type is edited as text. */
export function isTextual(it: ConfigItemView): boolean {
  return TEXTUAL.has(it.type) || !["bool", "select_one", "radio", "label", "heading"].includes(it.type);
}

export function effectiveValue(it: ConfigItemView): string {
  return it.value !== "" ? it.value : (it.default ?? "");
}

export function isOn(it: ConfigItemView): boolean {
  return effectiveValue(it) === "1";
}

export interface ConfigRows {
  rows: Row[];
  /** row range of the focused item (inclusive) */
  focusStart: number;
  focusEnd: number;
}

/** The rows of one Config group: every item type, required marks, help of the focused item, issues. */
export function configRows(
  group: ConfigGroupView,
  focusedName: string | undefined,
  issues: ConfigIssue[],
  theme: Theme,
  width: number,
): ConfigRows {
  const items = group.items.filter((it) => !it.hidden);
  const textTitles = items.filter((it) => isTextual(it) && it.type !== "textarea").map((it) => widthOf(it.title) + (it.required ? 2 : 0));
  const labelWidth = Math.min(28, Math.max(12, ...textTitles) + 1);
  const rows: Row[] = [];
  let focusStart = 0;
  let focusEnd = 0;
  const indent = "      ";

  items.forEach((it, idx) => {
    const start = rows.length;
    const focused = it.name === focusedName;
    const req = it.required ? " *" : "";
    const title = it.title || it.name;
    switch (it.type) {
      case "heading":
        if (idx > 0) rows.push([]);
        rows.push([{ text: "  " + title, tone: "title" }]);
        break;
      case "label":
        rows.push([{ text: "  " + title + (it.value ? `: ${it.value}` : "") }]);
        break;
      case "bool":
        rows.push([
          pointer(theme, focused),
          { text: `${isOn(it) ? theme.sym.boxOn : theme.sym.boxOff} `, tone: focused ? "accent" : "plain" },
          { text: title + req, tone: focused ? "title" : it.readonly ? "dim" : "plain" },
        ]);
        break;
      case "select_one":
      case "radio": {
        rows.push([pointer(theme, focused), { text: title + req, tone: focused ? "title" : it.readonly ? "dim" : "plain" }]);
        const v = effectiveValue(it);
        for (const o of it.options ?? []) {
          const on = o.name === v;
          rows.push([
            { text: indent },
            { text: `${on ? theme.sym.radioOn : theme.sym.radioOff} `, tone: on ? "accent" : "dim" },
            { text: o.title || o.name, tone: on ? "plain" : "dim" },
          ]);
        }
        break;
      }
      case "textarea": {
        rows.push([pointer(theme, focused), { text: title + req, tone: focused ? "title" : "plain" }]);
        const lines = it.value === "" ? [] : it.value.split("\n");
        const shown = lines.slice(-3);
        if (lines.length > 3) rows.push([{ text: `${indent}${theme.sym.up} ${lines.length - 3} more lines`, tone: "dim" }]);
        if (shown.length === 0) {
          const ph = it.default ? it.default.split("\n")[0]! : "";
          rows.push([{ text: indent }, ...(focused ? [{ text: theme.color ? " " : "_", cursor: true }] : []), { text: ph, tone: "dim" as const }]);
        }
        shown.forEach((l, i) => {
          const last = i === shown.length - 1;
          rows.push([{ text: indent + l, tone: it.readonly ? "dim" : "plain" }, ...(focused && last ? [{ text: theme.color ? " " : "_", cursor: true }] : [])]);
        });
        break;
      }
      default:
        rows.push(
          fieldRow(theme, {
            label: title,
            value: it.value,
            placeholder: it.default || (it.type === "file" ? "path to a file" : undefined),
            masked: it.type === "password",
            focused,
            readonly: it.readonly,
            required: it.required,
            labelWidth,
            width,
          }),
        );
    }
    if (focused && it.help_text) for (const l of wrap(it.help_text, width - indent.length).slice(0, 2)) rows.push([{ text: indent + l, tone: "dim" }]);
    for (const issue of issues.filter((x) => x.item === it.name))
      rows.push([{ text: `${indent}${theme.sym.fail} ${issue.message}`, tone: "error" }]);
    if (focused) {
      focusStart = start;
      focusEnd = rows.length - 1;
    }
  });
  return { rows, focusStart, focusEnd };
}
