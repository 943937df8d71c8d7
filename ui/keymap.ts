import type { StepId } from "./state.ts";

/**
 * The wizard's one key map: what each key does, as the help overlay (?) lists it. Steps bind
 * these keys; text fields take every printable key, so ? opens the help only on steps without one.
 */
export const KEY_MAP: ReadonlyArray<readonly [keys: string, action: string]> = [
  ["Enter", "continue, or submit the field"],
  ["Esc", "back one step (on the first step: quit)"],
  ["q", "quit (first step), leave the result screen"],
  ["Tab, Up/Down", "move between fields"],
  ["Left/Right", "change a choice"],
  ["PgUp/PgDn", "scroll; previous/next Config group"],
  ["Ctrl+U", "clear the field"],
  ["r", "check again (cluster, preflights)"],
  ["Ctrl+C", "stop; during the install a re-run finishes it"],
  ["?", "this help (on Cluster, Preflight checks, Review)"],
];

/** Steps where ? opens the help: they have no text field that would take the key. */
export const HELP_STEPS: ReadonlySet<StepId> = new Set<StepId>(["cluster", "preflights", "review"]);
