/**
 * The storageClass analyzer (troubleshoot v0.133.0 pkg/analyze/storage_class.go): passes when
 * `cluster-resources/storage-classes.json` lists the class named `storageClassName`, or, with no
 * name given, a class annotated storageclass.kubernetes.io/is-default-class: "true"; the message
 * is the last pass outcome's (for the default class, "Default Storage Class found" when that is
 * empty). Otherwise it fails with the last fail outcome's message (for the default class, "No
 * Default Storage Class found" when empty). `when` is ignored.
 */
import type { CollectedFiles } from "../collected.ts";
import { outcomeCases, strictOf } from "../outcomes.ts";
import { type AnalyzerDef, type AnalyzerResult, type AnalyzerSpec } from "../types.ts";
import { collectedListItems, specString } from "./cluster-go.ts";

export const STORAGE_CLASSES_PATH = "cluster-resources/storage-classes.json";

/** Title(): the checkName, else "Storage class NAME", else "Default Storage Class". */
function title(spec: AnalyzerSpec): string {
  const name = specString(spec.storageClassName);
  return specString(spec.checkName) || (name !== "" ? `Storage class ${name}` : "Default Storage Class");
}

/** The last `kind` outcome's message and URI ("" when there is none). */
export function lastOutcome(spec: AnalyzerSpec, kind: "pass" | "fail"): { message: string; uri: string } {
  let found = { message: "", uri: "" };
  for (const c of outcomeCases(spec)) if (c?.outcome === kind) found = { message: c.message, uri: c.uri };
  return found;
}

/** @throws AnalyzeError "file cluster-resources/storage-classes.json was not collected", or the JSON error */
function analyze(spec: AnalyzerSpec, files: CollectedFiles): AnalyzerResult[] {
  const items = collectedListItems(files, STORAGE_CLASSES_PATH);
  return [classResult(spec, title(spec), items, specString(spec.storageClassName), "storageclass.kubernetes.io/is-default-class", "Storage Class")];
}

/**
 * The rule analyzeStorageClass (storage_class.go) and analyzeIngressClass (ingress_class.go) share:
 * pass when `items` holds the class named `name`, or, with no name, one whose `defaultAnnotation`
 * is "true", with the last pass outcome's message and URI ("Default LABEL found" when that message
 * is empty and no name was given); else fail with the last fail outcome's ("No Default LABEL found").
 */
export function classResult(
  spec: AnalyzerSpec,
  title: string,
  items: Array<{ name: string; annotations: Record<string, string> }>,
  name: string,
  defaultAnnotation: string,
  label: string,
): AnalyzerResult {
  const found = items.some((c) => c.name === name || (name === "" && c.annotations[defaultAnnotation] === "true"));
  const { message, uri } = lastOutcome(spec, found ? "pass" : "fail");
  const fallback = found ? `Default ${label} found` : `No Default ${label} found`;
  return { title, outcome: found ? "pass" : "fail", message: name === "" && message === "" ? fallback : message, uri, strict: strictOf(spec) };
}

export const storageClass: AnalyzerDef = { title, analyze };
