import type { AnalyzerDef } from "../types.ts";
import { clusterResource } from "./cluster-resource.ts";
import { jsonCompare } from "./json-compare.ts";
import { textAnalyze } from "./text-analyze.ts";
import { yamlCompare } from "./yaml-compare.ts";

/**
 * Analyzer kinds of this group, by spec key: the analyzers over collected data (troubleshoot
 * v0.133.0 pkg/analyze kube_resource.go, yaml_compare.go, json_compare.go, text_analyze.go).
 */
export const dataAnalyzers: Record<string, AnalyzerDef> = {
  clusterResource,
  yamlCompare,
  jsonCompare,
  textAnalyze,
};
