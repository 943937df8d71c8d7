/**
 * troubleshoot v0.133.0 pkg/analyze/yaml_compare.go: the `yamlCompare` analyzer — a collected
 * file read as YAML (gopkg.in/yaml.v2, so JSON files too), optionally narrowed by `path`
 * (GetAtPath: "a.b.[0].c"), compared with `value` (also YAML) by Go's reflect.DeepEqual — types
 * count: 3 ≠ "3" ≠ 3.0, and YAML 1.1 reads yes/no/on/off as booleans.
 *
 * Spec: checkName (title; else collectorName), collectorName + fileName (joined as Go's
 * filepath.Join), path, value, outcomes (`when` "true"/"false", see equalOutcomes), strict.
 * Messages are Go templates with the whole decoded file as dot. No entry matching gives a fail
 * "Invalid analyzer"; every result carries the spec's strict.
 * @throws AnalyzeError "failed to read collected file name: PATH: file PATH was not collected",
 *   "failed to parse collected data as yaml doc: …", "failed to get object at path: P: …",
 *   "failed to parse expected value as yaml doc: …", and equalOutcomes' errors
 */
import type { CollectedFiles } from "../collected.ts";
import { GoYamlData, renderGoTemplate } from "../message.ts";
import { strictOf } from "../outcomes.ts";
import type { AnalyzerDef, AnalyzerResult, AnalyzerSpec } from "../types.ts";
import { wrapped } from "./data-wrap.ts";
import { goJoinPath } from "../../../go/path.ts";
import { getAtPath } from "./data-get-at-path.ts";
import { equalOutcomes } from "./data-equal-outcomes.ts";
import { INVALID_ANALYZER, draftOf, rawOutcomes, toResult } from "./data-outcomes.ts";
import { type DataValue, goDeepEqual } from "./data-value.ts";
import { yamlV2Unmarshal } from "./data-yaml-decode.ts";

const s = (v: unknown): string => (v === undefined || v === null ? "" : String(v));

function title(spec: AnalyzerSpec): string {
  return s(spec.checkName) || s(spec.collectorName);
}

function analyze(spec: AnalyzerSpec, files: CollectedFiles): AnalyzerResult[] {
  const t = title(spec);
  const fullPath = goJoinPath(s(spec.collectorName), s(spec.fileName));
  const bytes = wrapped(`failed to read collected file name: ${fullPath}`, () => files.get(fullPath));
  const original = wrapped("failed to parse collected data as yaml doc", () => yamlV2Unmarshal(new TextDecoder().decode(bytes)));
  let actual: DataValue = original;
  const path = s(spec.path);
  if (path !== "") actual = wrapped(`failed to get object at path: ${path}`, () => getAtPath(original, path));
  const expected = wrapped("failed to parse expected value as yaml doc", () => yamlV2Unmarshal(s(spec.value)));
  const equal = goDeepEqual(actual, expected);
  const d = equalOutcomes(equal, rawOutcomes(spec), (m) => renderGoTemplate(m, new GoYamlData(original))) ?? draftOf("fail", INVALID_ANALYZER);
  return [toResult(t, d, strictOf(spec))!];
}

export const yamlCompare: AnalyzerDef = { title, analyze };
