/**
 * troubleshoot v0.133.0 pkg/analyze/yaml_compare.go and json_compare.go over hand-built
 * collected files: yaml.v2 typing vs encoding/json's float64, path and jsonPath, sorted lists,
 * `when` defaults, messages templated with the whole file, "Invalid analyzer", strict, and the
 * wrapped errors. Also comparison.go's ParseComparisonOperator and compareActualToWhen.
 */
import { describe, expect, test } from "bun:test";
import { compareActualToWhen, parseComparisonOperator } from "../../../src/preflight/app/analyzers/compare.ts";
import { jsonCompare } from "../../../src/preflight/app/analyzers/json-compare.ts";
import { yamlCompare } from "../../../src/preflight/app/analyzers/yaml-compare.ts";
import type { CollectedFiles } from "../../../src/preflight/app/collected.ts";
import type { AnalyzerResult } from "../../../src/preflight/app/types.ts";
import { dataFiles } from "./data-helpers.ts";
import { goTrimSpace } from "../../../src/go/strings.ts";

interface Case {
  name: string;
  spec: Record<string, unknown>;
  files?: CollectedFiles;
  expect: AnalyzerResult[] | string;
}

const r = (title: string, outcome: AnalyzerResult["outcome"], message: string, strict = false, uri = ""): AnalyzerResult => ({ title, outcome, message, uri, strict });
const passFail = (pass: string, fail: string) => [{ fail: { message: fail } }, { pass: { message: pass } }];
const extra = dataFiles({ "weird.json": '{"a": [3, 1, 2], "b": {"c": 1.5}, "big": 1000000, "e": [{"n": "b"}, {"n": "a"}]}', "list.json": "[3,1,2]", "bad.json": '{"a": 1,}', "data/a.txt": "version: 1.2.3\nmode=fast\n" });

export const YAML_COMPARE_CASES: Case[] = [
  { name: "quoted string equals", spec: { checkName: "v", fileName: "cluster-info/cluster_version.json", path: "info.major", value: '"1"', outcomes: passFail("Kubernetes {{ .string }} (minor {{ .info.minor }})", "no") }, expect: [r("v", "pass", "Kubernetes v1.36.3 (minor 36)")] },
  { name: "the int 1 is not the string", spec: { checkName: "v", collectorName: "cluster-info", fileName: "cluster_version.json", path: "info.major", value: "1", strict: true, outcomes: passFail("same", "typed {{ .info.major }}") }, expect: [r("v", "fail", "typed 1", true)] },
  { name: "yes is a boolean", spec: { checkName: "v", fileName: "cluster-resources/configmaps/app.json", path: "items.[0].data.enabled", value: "yes", outcomes: [{ warn: { message: "w {{ (index .items 0).data.enabled }}" } }, { pass: { message: "p" } }] }, expect: [r("v", "warn", "w yes")] },
  { name: "a map value", spec: { checkName: "v", fileName: "cluster-resources/configmaps/app.json", path: "items.[0].metadata.labels", value: "app: web", outcomes: [{ pass: { when: "true", message: "p" } }, { fail: { message: "f" } }] }, expect: [r("v", "pass", "p")] },
  { name: "no path: the whole file", spec: { checkName: "whole", fileName: "list.json", value: "[3, 1, 2]", outcomes: passFail("same {{ . }}", "no") }, files: extra, expect: [r("whole", "pass", "same [3 1 2]")] },
  { name: "ints stay ints in templates", spec: { checkName: "v", fileName: "weird.json", path: "big", value: "1000000", outcomes: passFail("big {{ .big }} {{ .b.c }}", "no") }, files: extra, expect: [r("v", "pass", "big 1000000 1.5")] },
  { name: "no outcome matches", spec: { checkName: "v", fileName: "cluster-info/cluster_version.json", path: "string", value: "v1.36.3", strict: "true", outcomes: [{ fail: { when: "false", message: "f" } }] }, expect: [r("v", "fail", "Invalid analyzer", true)] },
  { name: "a text file that is no YAML", spec: { checkName: "v", fileName: "data/a.txt", value: "x" }, files: extra, expect: "failed to parse collected data as yaml doc: yaml: line 3: could not find expected ':'" },
  { name: "missing file", spec: { checkName: "v", fileName: "nope.json", value: "x" }, expect: "failed to read collected file name: nope.json: file nope.json was not collected" },
  { name: "bad path", spec: { checkName: "v", fileName: "cluster-info/cluster_version.json", path: "string.x", value: "x" }, expect: "failed to get object at path: string.x: input is not a map, but rather a v1.36.3: v1.36.3" },
  { name: "bad value", spec: { checkName: "v", fileName: "cluster-info/cluster_version.json", value: "a: b: c" }, expect: "failed to parse expected value as yaml doc: yaml: mapping values are not allowed in this context" },
  { name: "bad when", spec: { checkName: "v", fileName: "cluster-info/cluster_version.json", value: "x", outcomes: [{ warn: { when: "sometimes", message: "w" } }] }, expect: 'failed to process when statement: sometimes: strconv.ParseBool: parsing "sometimes": invalid syntax' },
  { name: "every message reached is rendered, matching or not", spec: { checkName: "v", fileName: "cluster-info/cluster_version.json", value: "x", outcomes: [{ pass: { message: "{{ .info.major.foo }}" } }, { fail: { message: "f" } }] }, expect: 'failed to render template on outcome message: template: data:1:8: executing "data" at <.info.major.foo>: can\'t evaluate field foo in type interface {}' },
];

export const JSON_COMPARE_CASES: Case[] = [
  { name: "path", spec: { checkName: "j", fileName: "cluster-info/cluster_version.json", path: "info.gitVersion", value: '"v1.36.3"', outcomes: passFail("Running {{ .info.gitVersion }} on {{ .info.platform }}", "no") }, expect: [r("j", "pass", "Running v1.36.3 on linux/amd64")] },
  { name: "3 equals 3.0 (float64)", spec: { checkName: "j", fileName: "weird.json", path: "b.c", value: "1.50", outcomes: passFail("p", "f") }, files: extra, expect: [r("j", "pass", "p")] },
  { name: "floats print as Go's %v", spec: { checkName: "j", fileName: "weird.json", path: "big", value: "1e6", outcomes: passFail("big {{ .big }}", "f") }, files: extra, expect: [r("j", "pass", "big 1e+06")] },
  { name: "lists compare sorted, in place", spec: { checkName: "j", fileName: "weird.json", path: "a", value: "[2, 3, 1]", outcomes: passFail("sorted {{ .a }}", "f") }, files: extra, expect: [r("j", "pass", "sorted [1 2 3]")] },
  { name: "title defaults to Json Compare", spec: { fileName: "cluster-info/cluster_version.json", path: "info.compiler", value: '"gc"', outcomes: passFail("gc", "f") }, expect: [r("Json Compare", "pass", "gc")] },
  { name: "jsonPath with a filter, one result unwrapped", spec: { checkName: "j", fileName: "cluster-resources/nodes.json", jsonPath: '{.items[?(@.metadata.name=="kwok-node-0")].status.capacity.cpu}', value: '"8"', outcomes: passFail("8 cpu", "f") }, expect: [r("j", "pass", "8 cpu")] },
  { name: "jsonPath list in any order", spec: { checkName: "j", fileName: "cluster-resources/nodes.json", jsonPath: "{.items[*].metadata.name}", value: '["kwok-node-1", "kwok-node-0"]', outcomes: passFail("both", "f") }, expect: [r("j", "pass", "both")] },
  { name: "jsonPath nothing found is an empty list", spec: { checkName: "j", fileName: "cluster-info/cluster_version.json", jsonPath: "{.nope}", value: "[]", outcomes: passFail("empty", "f") }, expect: [r("j", "pass", "empty")] },
  { name: "jsonPath without braces is literal text", spec: { checkName: "j", fileName: "cluster-info/cluster_version.json", jsonPath: ".info.major", value: '".info.major"', outcomes: passFail("literal", "f") }, expect: [r("j", "pass", "literal")] },
  { name: "jsonPath comparing float64 with an int literal", spec: { checkName: "j", fileName: "weird.json", jsonPath: "{.a[?(@==1)]}", value: "1" }, files: extra, expect: "failed to execute jsonpath: incompatible types for comparison" },
  { name: "jsonPath syntax", spec: { checkName: "j", fileName: "weird.json", jsonPath: "{.a", value: "1" }, files: extra, expect: "failed to parse jsonpath: {.a: unclosed action" },
  { name: "warn when different", spec: { checkName: "j", fileName: "cluster-info/cluster_version.json", path: "info.minor", value: '"37"', strict: true, outcomes: [{ warn: { message: "minor {{ .info.minor }}" } }, { pass: { message: "p" } }] }, expect: [r("j", "warn", "minor 36", true)] },
  { name: "bad file", spec: { checkName: "j", fileName: "bad.json", value: "1" }, files: extra, expect: "failed to parse collected data as json: invalid character '}' looking for beginning of object key string" },
  { name: "bad value", spec: { checkName: "j", fileName: "weird.json", value: "yes" }, files: extra, expect: "failed to parse expected value as json: invalid character 'y' looking for beginning of value" },
  { name: "empty value", spec: { checkName: "j", fileName: "weird.json" }, files: extra, expect: "failed to parse expected value as json: unexpected end of JSON input" },
];

function run(def: typeof yamlCompare, c: Case): void {
  const files = c.files ?? dataFiles();
  if (typeof c.expect === "string") expect(() => def.analyze(c.spec, files)).toThrow(c.expect);
  else expect(def.analyze(c.spec, files)).toEqual(c.expect);
}

describe("yamlCompare", () => {
  for (const c of YAML_COMPARE_CASES) test(c.name, () => run(yamlCompare, c));
});

describe("jsonCompare", () => {
  for (const c of JSON_COMPARE_CASES) test(c.name, () => run(jsonCompare, c));
});

describe("comparison helpers", () => {
  test("ParseComparisonOperator", () => {
    expect(["=", "==", "===", "!=", "!==", "<", ">", "<=", ">="].map(parseComparisonOperator)).toEqual(["Equal", "Equal", "Equal", "NotEqual", "NotEqual", "LessThan", "GreaterThan", "LessThanOrEqual", "GreaterThanOrEqual"]);
    expect(() => parseComparisonOperator("=>")).toThrow("unknown operator: =>");
  });

  test("compareActualToWhen", () => {
    expect(compareActualToWhen(" >= 3 ", 3n)).toBe(true);
    expect(compareActualToWhen("< 3", 3n)).toBe(false);
    expect(compareActualToWhen("=== 3", 3n)).toBe(true);
    expect(() => compareActualToWhen(">=3", 3n)).toThrow("unable to parse when range");
    expect(() => compareActualToWhen(">=  3", 3n)).toThrow("unable to parse when range");
    expect(() => compareActualToWhen(">= x", 3n)).toThrow('failed to parse when value: strconv.Atoi: parsing "x": invalid syntax');
    expect(() => compareActualToWhen("!= 3", 3n)).toThrow('unknown comparator: "!="');
  });

  test("TrimSpace is Go's (no U+FEFF)", () => {
    expect(goTrimSpace("\u00a0\t x \n\u2003")).toBe("x");
    expect(goTrimSpace("\ufeffx")).toBe("\ufeffx");
  });
});
