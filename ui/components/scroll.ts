/** Which slice of `total` rows to show in `height` rows, with "more above/below" marker rows. */
export interface ScrollWindow {
  start: number;
  end: number;
  above: number;
  below: number;
}

function windowFrom(total: number, height: number, start: number): ScrollWindow {
  if (total <= height) return { start: 0, end: total, above: 0, below: 0 };
  const s = Math.max(0, Math.min(start, total - 1));
  let room = height - (s > 0 ? 1 : 0);
  let end = Math.min(total, s + room);
  if (end < total) {
    room -= 1;
    end = s + Math.max(1, room);
  }
  return { start: s, end, above: s, below: total - end };
}

/** The window that starts at `start`, pulled back so the last page is full. */
export function windowAt(total: number, height: number, start: number): ScrollWindow {
  if (total <= height) return windowFrom(total, height, 0);
  let s = Math.max(0, Math.min(start, total - (height - 1)));
  return windowFrom(total, height, s);
}

/** The first window (from the top) that shows rows focusStart..focusEnd (inclusive). */
export function windowFor(total: number, height: number, focusStart: number, focusEnd: number): ScrollWindow {
  if (total <= height) return windowFrom(total, height, 0);
  for (let s = 0; s <= focusStart; s++) {
    const w = windowFrom(total, height, s);
    if (focusEnd < w.end || w.end >= total) return w;
  }
  return windowFrom(total, height, focusStart);
}

/** The largest start offset worth scrolling to. */
export function maxStart(total: number, height: number): number {
  return total <= height ? 0 : total - (height - 1);
}
