import { STEPS, STEP_TITLES } from "./state.ts";
import { padEnd, truncateEnd, widthOf } from "./text.ts";

/**
 * The wizard's header as plain text (title left, "1/9 Cluster" right, then the rule), pure: src/cli
 * writes it the moment the command starts, before Ink and the kube modules load, and moves the
 * cursor back to its first line so Ink's first frame draws over it with the same two lines.
 */
export function firstFrameText(appSlug: string, width: number, unicode: boolean): { text: string; lines: number } {
  const right = `1/${STEPS.length} ${STEP_TITLES.cluster}`;
  const ellipsis = unicode ? "…" : "...";
  const left = padEnd(truncateEnd(`kots install ${appSlug}`, width - widthOf(right) - 1, ellipsis), width - widthOf(right));
  return { text: `${left}${right}\n${(unicode ? "─" : "-").repeat(width)}\n`, lines: 2 };
}
