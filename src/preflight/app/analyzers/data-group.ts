import type { AnalyzerDef } from "../types.ts";

/** Analyzer kinds of this group, by spec key. */
export const dataAnalyzers: Record<string, AnalyzerDef> = {};
