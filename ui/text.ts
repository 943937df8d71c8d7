/** Pure text helpers for a fixed-width terminal. Widths are terminal cells (Bun.stringWidth). */

export function widthOf(s: string): number {
  return Bun.stringWidth(s);
}

/** Cut `s` to at most `width` cells, ending in `ellipsis` when cut. */
export function truncateEnd(s: string, width: number, ellipsis: string): string {
  if (width <= 0) return "";
  if (widthOf(s) <= width) return s;
  const room = width - widthOf(ellipsis);
  if (room <= 0) return ellipsis.slice(0, width);
  let out = "";
  let w = 0;
  for (const ch of s) {
    const cw = widthOf(ch);
    if (w + cw > room) break;
    out += ch;
    w += cw;
  }
  return out + ellipsis;
}

/** Keep the end of `s` (for an input whose tail is being typed). */
export function truncateStart(s: string, width: number, ellipsis: string): string {
  if (width <= 0) return "";
  if (widthOf(s) <= width) return s;
  const room = width - widthOf(ellipsis);
  if (room <= 0) return ellipsis.slice(0, width);
  const chars = [...s];
  let out = "";
  let w = 0;
  for (let i = chars.length - 1; i >= 0; i--) {
    const cw = widthOf(chars[i]!);
    if (w + cw > room) break;
    out = chars[i] + out;
    w += cw;
  }
  return ellipsis + out;
}

export function padEnd(s: string, width: number): string {
  const w = widthOf(s);
  return w >= width ? s : s + " ".repeat(width - w);
}

/** Fit to exactly `width` cells: truncate, then pad. */
export function fit(s: string, width: number, ellipsis: string): string {
  return padEnd(truncateEnd(s, width, ellipsis), width);
}

/** Word-wrap to `width` cells; words longer than a line are hard-broken. Keeps explicit newlines. */
export function wrap(s: string, width: number): string[] {
  const out: string[] = [];
  const w = Math.max(1, width);
  for (const para of s.split(/\r?\n/)) {
    let line = "";
    for (const word of para.split(/\s+/).filter((x) => x.length > 0)) {
      let rest = word;
      while (widthOf(rest) > w) {
        if (line) {
          out.push(line);
          line = "";
        }
        const head = truncateEnd(rest, w, "");
        out.push(head);
        rest = rest.slice(head.length);
      }
      if (!line) line = rest;
      else if (widthOf(line) + 1 + widthOf(rest) <= w) line += " " + rest;
      else {
        out.push(line);
        line = rest;
      }
    }
    out.push(line);
  }
  return out;
}

/** A secret is never shown: a fixed-width mask that does not even reveal its length. */
export const MASK = "******";

/** "1m05s" style, or "mm:ss" — short and stable width for boards. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, "0");
  if (h > 0) return `${h}h${String(m).padStart(2, "0")}m${ss}s`;
  if (m > 0) return `${m}m${ss}s`;
  return `${s}s`;
}

/** Remove terminal control characters from typed or pasted text. Newlines are kept only when `multiline`. */
export function cleanInput(input: string, multiline: boolean): string {
  let s = input.replace(/\u001B\[[0-9;?]*[ -/]*[@-~]/g, "").replace(/\u001B./g, "");
  s = s.replace(/\r\n?/g, "\n");
  s = multiline ? s.replace(/[\u0000-\u0009\u000B-\u001F\u007F]/g, "") : s.replace(/[\u0000-\u001F\u007F]/g, "");
  return s;
}
