/**
 * The ingress analyzer (troubleshoot v0.133.0 pkg/analyze/ingress.go): passes when
 * `cluster-resources/ingress/NAMESPACE.json` lists an Ingress named `ingressName` (message: the
 * last pass outcome's, "" if none), else fails (the last fail outcome's message, "" if none).
 * `when` is ignored; a namespace whose file was not collected is an error.
 */
import type { CollectedFiles } from "../collected.ts";
import { strictOf } from "../outcomes.ts";
import { type AnalyzerDef, type AnalyzerResult, type AnalyzerSpec } from "../types.ts";
import { collectedListItems, specString } from "./cluster-go.ts";
import { goJoinPath } from "../../../go/path.ts";
import { lastOutcome } from "./storage-class.ts";

/** Title(): the checkName, else "Ingress NAME". */
function title(spec: AnalyzerSpec): string {
  return specString(spec.checkName) || `Ingress ${specString(spec.ingressName)}`;
}

/** @throws AnalyzeError "file cluster-resources/ingress/NS.json was not collected", or the JSON error */
function analyze(spec: AnalyzerSpec, files: CollectedFiles): AnalyzerResult[] {
  const items = collectedListItems(files, goJoinPath("cluster-resources", "ingress", `${specString(spec.namespace)}.json`));
  const found = items.some((i) => i.name === specString(spec.ingressName));
  const { message, uri } = lastOutcome(spec, found ? "pass" : "fail");
  return [{ title: title(spec), outcome: found ? "pass" : "fail", message, uri, strict: strictOf(spec) }];
}

export const ingress: AnalyzerDef = { title, analyze };
