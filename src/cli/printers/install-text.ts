/**
 * The install's plain lines (stderr, no TTY or TERM=dumb): formatEventText for the engine's
 * events, and for the airgap push (step push-images) the lines `kots pull` prints for its push
 * (pullTextPrinter: one per image done, the total at most every 2 s, retries), plus the bundle
 * read at most every 2 s. Stateful (one per run); pure apart from the clock passed in.
 */
import type { InstallEvent } from "../../install/events.ts";
import type { PullImageEvent } from "../../pull/images.ts";
import { formatBytes } from "../../../ui/pull-progress.ts";
import { pullTextPrinter } from "./pull-text.ts";
import { formatEventText } from "./text.ts";

const PUSH_TYPES = new Set(["phase-started", "image-planned", "blob-done", "image-progress", "total-progress", "retry", "image-done"]);

/** A line maker for one install run: the lines to print for one event (maybe none). */
export function installTextPrinter(everyMs = 2000, now: () => number = Date.now): (e: InstallEvent) => string[] {
  const push = pullTextPrinter(everyMs, now);
  let lastRead = 0;
  return (e) => {
    if (PUSH_TYPES.has(e.type)) return push(e as PullImageEvent).map((l) => `  ${l}`);
    if (e.type === "bundle-read") {
      const t = now();
      if (t - lastRead < everyMs && e.bytesRead < e.bytesTotal) return [];
      lastRead = t;
      return [`    reading ${e.file}: ${formatBytes(e.bytesRead)} / ${formatBytes(e.bytesTotal)}`];
    }
    const line = formatEventText(e);
    return line === undefined ? [] : [line];
  };
}
