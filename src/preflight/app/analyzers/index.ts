/**
 * Every app-preflight analyzer kind we run, by its key in a troubleshoot `analyzers:` entry.
 * A key not here is reported by the runner as a warn naming it, never silently passed.
 */
import type { AnalyzerDef } from "../types.ts";
import { clusterAnalyzers } from "./cluster-group.ts";
import { workloadAnalyzers } from "./workload-group.ts";
import { dataAnalyzers } from "./data-group.ts";

export const ANALYZERS: Readonly<Record<string, AnalyzerDef>> = {
  ...clusterAnalyzers,
  ...workloadAnalyzers,
  ...dataAnalyzers,
};
