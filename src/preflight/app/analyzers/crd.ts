/**
 * The customResourceDefinition analyzer (troubleshoot v0.133.0 pkg/analyze/crd.go): passes when
 * `cluster-resources/custom-resource-definitions.json` lists a CRD named
 * `customResourceDefinitionName`, with the message of the last pass outcome ("" if none).
 * Otherwise every fail and warn outcome in turn sets the message (the last one's wins); the result
 * is a warn if any warn outcome exists, else a fail; no fail or warn outcome gives no result.
 * `when` is ignored.
 */
import type { CollectedFiles } from "../collected.ts";
import { outcomeCases, strictOf } from "../outcomes.ts";
import type { AnalyzerDef, AnalyzerResult, AnalyzerSpec } from "../types.ts";
import { collectedListItems, specString } from "./cluster-go.ts";
import { lastOutcome } from "./storage-class.ts";

export const CRDS_PATH = "cluster-resources/custom-resource-definitions.json";

/** Title(): the checkName, else "Custom resource definition NAME". */
function title(spec: AnalyzerSpec): string {
  return specString(spec.checkName) || `Custom resource definition ${specString(spec.customResourceDefinitionName)}`;
}

/** @throws AnalyzeError "file cluster-resources/custom-resource-definitions.json was not collected", or the JSON error */
function analyze(spec: AnalyzerSpec, files: CollectedFiles): AnalyzerResult[] {
  const items = collectedListItems(files, CRDS_PATH);
  const name = specString(spec.customResourceDefinitionName);
  const cases = outcomeCases(spec);
  const result = (outcome: AnalyzerResult["outcome"], message: string, uri: string): AnalyzerResult => ({ title: title(spec), outcome, message, uri, strict: strictOf(spec) });
  if (items.some((i) => i.name === name)) {
    const { message, uri } = lastOutcome(spec, "pass");
    return [result("pass", message, uri)];
  }
  let fail = false;
  let warn = false;
  let message = "";
  let uri = "";
  for (const c of cases) {
    if (c?.outcome === "fail") fail = true;
    else if (c?.outcome === "warn") warn = true;
    else continue;
    ({ message, uri } = c);
  }
  // preflight prints an analyzer result by IsPass, then IsWarn, then IsFail.
  if (warn) return [result("warn", message, uri)];
  if (fail) return [result("fail", message, uri)];
  return [];
}

export const customResourceDefinition: AnalyzerDef = { title, analyze };
