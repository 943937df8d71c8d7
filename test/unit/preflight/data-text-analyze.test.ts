/**
 * troubleshoot v0.133.0 pkg/analyze/text_analyze.go (textAnalyze) over hand-built files: regex
 * `when` defaults and fall-through, regexGroups comparisons with templated messages, globs,
 * excludeFiles, exec-output paths, one result per file, results without an outcome left out,
 * "Invalid analyzer", strict on regex results only, and the errors (a missing file is one, even
 * with ignoreIfNoFiles).
 */
import { describe, expect, test } from "bun:test";
import { compareRegex } from "../../../src/preflight/app/analyzers/data-regex-outcomes.ts";
import { textAnalyze, textAnalyzePath } from "../../../src/preflight/app/analyzers/text-analyze.ts";
import type { CollectedFiles } from "../../../src/preflight/app/collected.ts";
import type { AnalyzerResult } from "../../../src/preflight/app/types.ts";
import { dataFiles } from "./data-helpers.ts";

interface Case {
  name: string;
  spec: Record<string, unknown>;
  files?: CollectedFiles;
  expect: AnalyzerResult[] | string;
}

const r = (title: string, outcome: AnalyzerResult["outcome"], message: string, strict = false, uri = ""): AnalyzerResult => ({ title, outcome, message, uri, strict });
const logs = dataFiles({ "data/a.txt": "version: 1.2.3\nmode=fast\n", "data/b.log": "ERROR boom\n", "exec/ns/pod/cmd-stdout.txt": "hello 42\n" });
const cmFile = "cluster-resources/configmaps/app.json";

export const TEXT_ANALYZE_CASES: Case[] = [
  { name: "pass on a match", spec: { checkName: "t", fileName: "data/a.txt", regex: "mode=fast", outcomes: [{ pass: { message: "fast" } }, { fail: { message: "slow" } }] }, files: logs, expect: [r("t", "pass", "fast")] },
  { name: "fail and warn default to firing on no match", spec: { checkName: "t", fileName: "data/a.txt", regex: "mode=slow", outcomes: [{ pass: { message: "slow" } }, { warn: { message: "not slow" } }] }, files: logs, expect: [r("t", "warn", "not slow")] },
  { name: "no outcome holds: no result", spec: { checkName: "t", fileName: "data/a.txt", regex: "mode=slow", outcomes: [{ pass: { message: "slow" } }] }, files: logs, expect: [] },
  { name: "later outcomes replace the message; pass is shown over fail", spec: { checkName: "t", fileName: "data/a.txt", regex: "mode", outcomes: [{ fail: { when: "true", message: "f" } }, { pass: { message: "p" } }] }, files: logs, expect: [r("t", "pass", "p")] },
  { name: "warn then fail: the fail clears the warn", spec: { checkName: "t", fileName: "data/a.txt", regex: "mode", outcomes: [{ warn: { when: "true", message: "w" } }, { fail: { when: "1", message: "f" } }] }, files: logs, expect: [r("t", "fail", "f")] },
  { name: "strict on regex results", spec: { checkName: "t", fileName: "data/a.txt", regex: "mode", strict: true, outcomes: [{ pass: { message: "p", uri: "u" } }] }, files: logs, expect: [r("t", "pass", "p", true, "u")] },
  { name: "glob with collectorName, one result per file in path order", spec: { collectorName: "data", fileName: "*", regex: "ERROR", outcomes: [{ fail: { when: "true", message: "err" } }, { pass: { when: "false", message: "clean" } }] }, files: logs, expect: [r("data", "pass", "clean"), r("data", "fail", "err")] },
  { name: "excludeFiles", spec: { checkName: "t", collectorName: "data", fileName: "*", excludeFiles: ["*.log"], regex: "ERROR", outcomes: [{ fail: { when: "true", message: "err" } }, { pass: { when: "false", message: "clean" } }] }, files: logs, expect: [r("t", "pass", "clean")] },
  { name: "exec output is looked for two levels down", spec: { checkName: "t", collectorName: "exec", fileName: "cmd-stdout.txt", regexGroups: "hello (?P<n>\\d+)", outcomes: [{ fail: { when: "n < 40", message: "low {{ .n }}" } }, { pass: { when: "n >= 40", message: "high {{ .n }}" } }] }, files: logs, expect: [r("t", "pass", "high 42")] },
  { name: "regexGroups: string comparison and templates", spec: { checkName: "t", fileName: "data/a.txt", regexGroups: "version: (?P<major>\\d+)\\.(?P<minor>\\d+)", outcomes: [{ fail: { when: "major == 1", message: "old {{ .major }}.{{ .minor }}" } }, { pass: { message: "new" } }] }, files: logs, expect: [r("t", "fail", "old 1.2")] },
  { name: "regexGroups: '' is the empty string, unmatched groups are empty", spec: { checkName: "t", fileName: "data/a.txt", regexGroups: "mode=(?P<mode>\\w*)(?P<x>z)?", outcomes: [{ warn: { when: "x == ''", message: "[{{ .x }}] {{ .mode }} {{ .nope }}" } }] }, files: logs, expect: [r("t", "warn", "[] fast <no value>")] },
  { name: "regexGroups: no match, no result", spec: { checkName: "t", fileName: "data/a.txt", regexGroups: "zzz(?P<v>\\d)", outcomes: [{ fail: { when: "v == 1", message: "f" } }] }, files: logs, expect: [] },
  { name: "regexGroups: only = == === compare text", spec: { checkName: "t", fileName: "data/a.txt", regexGroups: "mode=(?P<mode>\\w+)", outcomes: [{ fail: { when: "mode != slow", message: "f" } }] }, files: logs, expect: 'failed to compare regex fail conditional: unexpected operator "!=" in regex comparator, cannot compare "fast" and "slow"' },
  { name: "regexGroups: NAME OP VALUE with single spaces", spec: { checkName: "t", fileName: "data/a.txt", regexGroups: "mode=(?P<mode>\\w+)", outcomes: [{ warn: { when: "mode==fast", message: "w" } }] }, files: logs, expect: "failed to compare regex warn conditional: unable to parse regex conditional" },
  { name: "regexGroups: a template error", spec: { checkName: "t", fileName: "data/a.txt", regexGroups: "mode=(?P<mode>\\w+)", outcomes: [{ pass: { message: "{{ .mode.x }}" } }] }, files: logs, expect: 'failed to template message in outcome.Pass block: template: data:1:8: executing "data" at <.mode.x>: can\'t evaluate field x in type string' },
  { name: "both kinds: the regex pass writes its defaults into the shared outcomes", spec: { checkName: "t", fileName: "data/a.txt", regex: "mode", regexGroups: "mode=(?P<mode>\\w+)", outcomes: [{ pass: { message: "m" } }] }, files: logs, expect: "failed to compare regex pass conditional: unable to parse regex conditional" },
  { name: "both kinds without outcomes", spec: { checkName: "t", fileName: "data/a.txt", regex: "mode", regexGroups: "mode=(?P<mode>\\w+)" }, files: logs, expect: [] },
  { name: "neither kind: Invalid analyzer, not strict", spec: { checkName: "t", fileName: "data/a.txt", strict: true, outcomes: [{ pass: { message: "m" } }] }, files: logs, expect: [r("t", "fail", "Invalid analyzer")] },
  { name: "bad when", spec: { checkName: "t", fileName: "data/a.txt", regex: "mode", outcomes: [{ pass: { when: "sure", message: "m" } }] }, files: logs, expect: 'failed to process when statement: sure: strconv.ParseBool: parsing "sure": invalid syntax' },
  { name: "bad regex", spec: { checkName: "t", fileName: "data/a.txt", regex: "mode(?=x)", outcomes: [{ pass: { message: "m" } }] }, files: logs, expect: "failed to compile regex: mode(?=x): error parsing regexp: invalid or unsupported Perl syntax: `(?=`" },
  { name: "no file, even with ignoreIfNoFiles", spec: { checkName: "t", fileName: "data/zzz.txt", ignoreIfNoFiles: true, regex: "x" }, files: logs, expect: "failed to read collected file name: data/zzz.txt: File not found: data/zzz.txt" },
  { name: "the bundle JSON escapes <, > and &", spec: { checkName: "t", fileName: cmFile, regex: '"banner": "\\\\u003cb\\\\u003eTom \\\\u0026 Jerry\\\\u003c/b\\\\u003e"', outcomes: [{ pass: { message: "escaped" } }, { fail: { message: "raw" } }] }, expect: [r("t", "pass", "escaped")] },
  { name: "the bundle JSON is indented by two spaces", spec: { checkName: "t", fileName: cmFile, regex: '\\n  "items": \\[\\n    \\{\\n      "kind": "ConfigMap",\\n      "apiVersion": "v1",\\n      "metadata": \\{\\n        "name": "app-settings"', outcomes: [{ pass: { message: "indented" } }, { fail: { message: "no" } }] }, expect: [r("t", "pass", "indented")] },
];

describe("textAnalyze", () => {
  for (const c of TEXT_ANALYZE_CASES) {
    test(c.name, () => {
      const files = c.files ?? dataFiles();
      if (typeof c.expect === "string") expect(() => textAnalyze.analyze(c.spec, files)).toThrow(c.expect);
      else expect(textAnalyze.analyze(c.spec, files)).toEqual(c.expect);
    });
  }

  test("paths: filepath.Join, exec output two levels down unless wildcards", () => {
    expect(textAnalyzePath("exec", "cmd-stdout.txt")).toBe("exec/*/*/cmd-stdout.txt");
    expect(textAnalyzePath("exec", "x-errors.json")).toBe("exec/*/*/x-errors.json");
    expect(textAnalyzePath("exec", "ns/*/cmd-stdout.txt")).toBe("exec/ns/*/cmd-stdout.txt");
    expect(textAnalyzePath("", "data/./a.txt")).toBe("data/a.txt");
  });

  test("compareRegex: integers when the value is one", () => {
    expect(compareRegex("", {})).toBe(true);
    expect(compareRegex("n > 5", { n: "10" })).toBe(true);
    expect(compareRegex("n > 5", { n: "ten" })).toBe(false);
    expect(compareRegex("n != 5", { n: "6" })).toBe(false);
    expect(compareRegex("n === 007", { n: "7" })).toBe(true);
    expect(compareRegex("m == x", { n: "x" })).toBe(false);
    expect(compareRegex('n == ""', { n: "" })).toBe(true);
  });
});
