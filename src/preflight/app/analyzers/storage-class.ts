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
import { AnalyzeError, type AnalyzerDef, type AnalyzerResult, type AnalyzerSpec } from "../types.ts";
import { listItems, specString } from "./cluster-go.ts";

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
  const text = files.text(STORAGE_CLASSES_PATH);
  let items;
  try {
    items = listItems(text);
  } catch (err) {
    throw new AnalyzeError((err as Error).message);
  }
  const name = specString(spec.storageClassName);
  const found = items.some((sc) => sc.name === name || (name === "" && sc.annotations["storageclass.kubernetes.io/is-default-class"] === "true"));
  const { message, uri } = lastOutcome(spec, found ? "pass" : "fail");
  const fallback = found ? "Default Storage Class found" : "No Default Storage Class found";
  return [{ title: title(spec), outcome: found ? "pass" : "fail", message: name === "" && message === "" ? fallback : message, uri, strict: strictOf(spec) }];
}

export const storageClass: AnalyzerDef = { title, analyze };
