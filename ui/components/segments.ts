import type { Theme, Tone } from "../theme.ts";
import { truncateEnd, widthOf } from "../text.ts";

/** A piece of a line in one tone. `cursor` marks the text-input cursor cell. */
export interface Seg {
  text: string;
  tone?: Tone;
  cursor?: boolean;
}

/** One terminal row. */
export type Row = Seg[];

export function row(...segs: (Seg | string | false | undefined)[]): Row {
  return segs.filter((x): x is Seg | string => !!x).map((x) => (typeof x === "string" ? { text: x } : x));
}

export function rowWidth(r: Row): number {
  return r.reduce((n, s) => n + widthOf(s.text), 0);
}

/** Truncate a row to `width` cells; the last kept segment ends with the theme's ellipsis. */
export function truncateRow(r: Row, width: number, theme: Theme): Row {
  if (rowWidth(r) <= width) return r;
  const out: Row = [];
  const ell = theme.sym.ellipsis;
  const ellW = widthOf(ell);
  let used = 0;
  for (const s of r) {
    const w = widthOf(s.text);
    const avail = width - used;
    if (w <= avail - ellW) {
      out.push(s);
      used += w;
      continue;
    }
    out.push({ ...s, text: truncateEnd(s.text, Math.max(0, avail - ellW), "") + ell });
    break;
  }
  return out;
}

export function rowText(r: Row): string {
  return r.map((s) => s.text).join("");
}
