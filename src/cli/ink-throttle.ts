/**
 * The Ink progress views' shared plumbing (kots pull's PullProgress, the airgap push's
 * AirgapPushProgress): render on stderr and re-render at most every 100 ms, at once when forced
 * (a finished image, a new phase) and one last time on close. Ink is imported here lazily, so the
 * plain and JSON paths never load it.
 */
import type { ReactElement } from "react";

/** Whether LC_ALL, LC_CTYPE or LANG (read together, as the views always did) names UTF-8: the views then draw Unicode bars and spinners. */
export function localeIsUtf8(env: Record<string, string | undefined> = process.env): boolean {
  return /utf-?8/i.test(`${env.LC_ALL ?? ""}${env.LC_CTYPE ?? ""}${env.LANG ?? ""}`);
}

/** A rendered view: `changed(force)` asks for a redraw (throttled unless forced); `close()` draws the last frame and unmounts. */
export type ThrottledView = { changed(force: boolean): void; close(): void };

/**
 * Renders `element()` with Ink on stderr (no Ctrl-C exit, console not patched) and returns its
 * throttle: a redraw runs now when forced or when `intervalMs` (100) passed since the last one,
 * else once at the end of the interval. `element` is called again for every frame.
 */
export async function throttledInkView(element: () => ReactElement, intervalMs = 100): Promise<ThrottledView> {
  const { render } = await import("ink");
  const instance = render(element(), { stdout: process.stderr as unknown as NodeJS.WriteStream, exitOnCtrlC: false, patchConsole: false });
  let last = 0;
  let pending: ReturnType<typeof setTimeout> | undefined;
  const draw = () => {
    pending = undefined;
    last = Date.now();
    instance.rerender(element());
  };
  return {
    changed: (force) => {
      if (force || Date.now() - last >= intervalMs) {
        if (pending) clearTimeout(pending);
        draw();
      } else pending ??= setTimeout(draw, intervalMs);
    },
    close: () => {
      if (pending) clearTimeout(pending);
      instance.rerender(element());
      instance.unmount();
    },
  };
}
