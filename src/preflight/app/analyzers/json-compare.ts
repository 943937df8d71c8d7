/**
 * troubleshoot v0.133.0 pkg/analyze/json_compare.go: the `jsonCompare` analyzer — a collected
 * file decoded as JSON (encoding/json: numbers are float64, so 3 and 3.0 are equal), narrowed by
 * `path` (GetAtPath: "a.b.[0].c") or else `jsonPath` (a Kubernetes JSONPath template such as
 * "{.items[*].metadata.name}"; a single result is unwrapped from its list), compared with `value`
 * (JSON). When both sides are lists they are sorted first (numbers, strings, booleans by value,
 * anything else by its %v text), so order does not matter at the top level; otherwise Go's
 * reflect.DeepEqual.
 *
 * Spec: checkName (title; else collectorName; else "Json Compare"), collectorName + fileName,
 * path, jsonPath, value, outcomes (`when` "true"/"false", see equalOutcomes), strict. Messages are
 * Go templates with the whole decoded file as dot (a top-level list already sorted, as in Go).
 * No entry matching gives a fail "Invalid analyzer"; every result carries the spec's strict.
 * @throws AnalyzeError "failed to read collected file name: PATH: …", "failed to parse collected
 *   data as json: …", "failed to get object at path: P: …", "failed to parse jsonpath: J: …",
 *   "failed to execute jsonpath: …", "failed to parse expected value as json: …"
 */
import type { CollectedFiles } from "../collected.ts";
import { renderGoTemplate } from "../message.ts";
import { strictOf } from "../outcomes.ts";
import type { AnalyzerDef, AnalyzerResult, AnalyzerSpec } from "../types.ts";
import { goJoinPath } from "../../../go/path.ts";
import { byteCompare, goSprintV } from "./data-go-fmt.ts";
import { getAtPath } from "./data-get-at-path.ts";
import { equalOutcomes } from "./data-equal-outcomes.ts";
import { goJsonUnmarshal } from "./data-json-decode.ts";
import { executeJsonPathFirst, parseJsonPath } from "./data-jsonpath.ts";
import { INVALID_ANALYZER, draftOf, rawOutcomes, toResult } from "./data-outcomes.ts";
import { type DataValue, goDeepEqual, isDataMap } from "./data-value.ts";
import { wrapped } from "./data-wrap.ts";

const s = (v: unknown): string => (v === undefined || v === null ? "" : String(v));

function title(spec: AnalyzerSpec): string {
  return s(spec.checkName) || s(spec.collectorName) || "Json Compare";
}

function analyze(spec: AnalyzerSpec, files: CollectedFiles): AnalyzerResult[] {
  const t = title(spec);
  const fullPath = goJoinPath(s(spec.collectorName), s(spec.fileName));
  const bytes = wrapped(`failed to read collected file name: ${fullPath}`, () => files.get(fullPath));
  const original = wrapped("failed to parse collected data as json", () => goJsonUnmarshal(bytes));
  let actual: DataValue = original;
  const path = s(spec.path);
  const jsonPath = s(spec.jsonPath);
  if (path !== "") actual = wrapped(`failed to get object at path: ${path}`, () => getAtPath(original, path));
  else if (jsonPath !== "") {
    const tpl = wrapped(`failed to parse jsonpath: ${jsonPath}`, () => parseJsonPath(jsonPath));
    actual = wrapped("failed to execute jsonpath", () => executeJsonPathFirst(tpl, original));
    if (Array.isArray(actual) && actual.length === 1) actual = actual[0];
  }
  const expected = wrapped("failed to parse expected value as json", () => goJsonUnmarshal(s(spec.value)));
  const equal = deepEqualWithSlicesSorted(actual, expected);
  const d = equalOutcomes(equal, rawOutcomes(spec), (m) => renderGoTemplate(m, original)) ?? draftOf("fail", INVALID_ANALYZER);
  return [toResult(t, d, strictOf(spec))!];
}

function kindOf(v: DataValue): string {
  if (v === null) return "invalid";
  if (Array.isArray(v)) return "slice";
  if (isDataMap(v)) return "map";
  return typeof v;
}

/**
 * deepEqualWithSlicesSorted: different kinds are unequal; two lists of the same length are
 * sorted IN PLACE (as Go's sort.Slice does to the decoded data) and compared element-wise;
 * anything else by DeepEqual.
 */
export function deepEqualWithSlicesSorted(actual: DataValue, expected: DataValue): boolean {
  if (kindOf(actual) !== kindOf(expected)) return false;
  if (Array.isArray(actual) && Array.isArray(expected)) {
    if (actual.length !== expected.length) return false;
    actual.sort(sortOrder);
    expected.sort(sortOrder);
  }
  return goDeepEqual(actual, expected);
}

function before(a: DataValue, b: DataValue): boolean {
  if (typeof a === "bigint" && typeof b === "bigint") return a < b;
  if (typeof a === "number" && typeof b === "number") return a < b;
  if (typeof a === "string" && typeof b === "string") return byteCompare(a, b) < 0;
  if (typeof a === "boolean" && typeof b === "boolean") return !a && b;
  return byteCompare(goSprintV(a), goSprintV(b)) < 0;
}

function sortOrder(a: DataValue, b: DataValue): number {
  return before(a, b) ? -1 : before(b, a) ? 1 : 0;
}

export const jsonCompare: AnalyzerDef = { title, analyze };
