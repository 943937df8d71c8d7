import type { Outcome } from "./types.ts";

/** troubleshoot's preflight exit codes (v0.133.0 pkg/constants): a fail, warnings only, a bad spec. */
export const EXIT_PREFLIGHT_FAIL = 3;
export const EXIT_PREFLIGHT_WARN = 4;
export const EXIT_PREFLIGHT_SPEC = 2;

/** Exit code of a finished run, as troubleshoot's checkOutcomesToExitCode: 3 any fail, else 4 any warn, else 0. */
export function preflightExitCode(results: ReadonlyArray<{ outcome: Outcome }>): number {
  if (results.some((r) => r.outcome === "fail")) return EXIT_PREFLIGHT_FAIL;
  if (results.some((r) => r.outcome === "warn")) return EXIT_PREFLIGHT_WARN;
  return 0;
}
