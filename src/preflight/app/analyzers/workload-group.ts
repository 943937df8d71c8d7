import type { AnalyzerDef } from "../types.ts";

/** Analyzer kinds of this group, by spec key. */
export const workloadAnalyzers: Record<string, AnalyzerDef> = {};
