/**
 * The ingressClass analyzer (troubleshoot v0.133.0 pkg/analyze/ingress_class.go): passes when
 * `cluster-resources/ingress-classes.json` lists the class named `ingressClassName`, or, with no
 * name given, a class annotated ingressclass.kubernetes.io/is-default-class: "true"; the message
 * is the last pass outcome's (for the default class, "Default Ingress Class found" when that is
 * empty). Otherwise it fails with the last fail outcome's message (for the default class, "No
 * Default Ingress Class found" when empty). `when` is ignored.
 */
import type { CollectedFiles } from "../collected.ts";
import { type AnalyzerDef, type AnalyzerResult, type AnalyzerSpec } from "../types.ts";
import { collectedListItems, specString } from "./cluster-go.ts";
import { classResult } from "./storage-class.ts";

export const INGRESS_CLASSES_PATH = "cluster-resources/ingress-classes.json";

/** Title(): the checkName, else "Ingress class NAME", else "Default Ingress Class". */
function title(spec: AnalyzerSpec): string {
  const name = specString(spec.ingressClassName);
  return specString(spec.checkName) || (name !== "" ? `Ingress class ${name}` : "Default Ingress Class");
}

/** @throws AnalyzeError "file cluster-resources/ingress-classes.json was not collected", or the JSON error */
function analyze(spec: AnalyzerSpec, files: CollectedFiles): AnalyzerResult[] {
  const items = collectedListItems(files, INGRESS_CLASSES_PATH);
  return [classResult(spec, title(spec), items, specString(spec.ingressClassName), "ingressclass.kubernetes.io/is-default-class", "Ingress Class")];
}

export const ingressClass: AnalyzerDef = { title, analyze };
