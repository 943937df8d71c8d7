import { current } from "../result.ts";
import type { StatusResult } from "../types.ts";

/**
 * kstatus PodDisruptionBudget rule (cli-utils pkg/kstatus/status/core.go, pdbConditions): once
 * the generic observedGeneration check has passed, the disruption controller has computed the
 * budget, so the PDB is Current.
 */
export function pdbStatus(): StatusResult {
  return current("AllowedDisruptions has been computed.");
}
