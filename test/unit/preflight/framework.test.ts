import { describe, expect, test } from "bun:test";
import { CollectedFiles } from "../../../src/preflight/app/collected.ts";
import { goPathMatch } from "../../../src/preflight/app/go-path-match.ts";
import { goMarshalIndent } from "../../../src/preflight/app/go-json.ts";
import { boolOrDefaultFalse, outcomeCases } from "../../../src/preflight/app/outcomes.ts";
import { preflightExitCode } from "../../../src/preflight/app/exit-code.ts";
import { parsePreflightSpec, PreflightSpecError, type PreflightSpec } from "../../../src/preflight/app/spec.ts";
import { analyzeCollected } from "../../../src/preflight/app/run.ts";

describe("goPathMatch (Go path/filepath.Match)", () => {
  test.each([
    ["cluster-resources/pods/*.json", "cluster-resources/pods/default.json", true],
    ["cluster-resources/pods/*.json", "cluster-resources/pods/logs/x.json", false],
    ["*", "a/b", false],
    ["a?c", "abc", true],
    ["a?c", "a/c", false],
    ["[a-c]x", "bx", true],
    ["[^a-c]x", "dx", true],
    ["[^a-c]x", "ax", false],
    ["a\\*b", "a*b", true],
    ["a\\*b", "axb", false],
    ["[", "[", false],
    ["configmaps/ns/name.json", "configmaps/ns/name.json", true],
  ])("%s vs %s", (pattern, name, want) => expect(goPathMatch(pattern, name)).toBe(want));
});

describe("CollectedFiles", () => {
  const files = new CollectedFiles({ "a/b.json": "{}", "a/c/d.json": "[]", "x.txt": "hi" });
  test("get names a file that was not collected as troubleshoot does", () => {
    expect(() => files.get("nope.json")).toThrow("file nope.json was not collected");
  });
  test("find takes prefixes and globs, less excludes", () => {
    expect([...files.find("a/").keys()].sort()).toEqual(["a/b.json", "a/c/d.json"]);
    expect([...files.find("a/*.json").keys()]).toEqual(["a/b.json"]);
    expect([...files.find("a/", ["a/c/*"]).keys()]).toEqual(["a/b.json"]);
    expect(() => files.find("zzz")).toThrow("File not found: zzz");
  });
  test("glob is the CLI's lookup: a cleaned filepath.Glob, nothing found is empty, a directory throws", () => {
    expect([...files.glob("a/*.json").keys()]).toEqual(["a/b.json"]);
    expect([...files.glob("./a/c/../*.json").keys()]).toEqual(["a/b.json"]);
    expect(files.glob("zzz/*").size).toBe(0);
    expect([...files.glob("a/*/*.json", ["a/c/d.json"]).keys()]).toEqual([]);
    expect(() => files.glob("a/")).toThrow('read "a": read a: is a directory');
  });
});

describe("Go's JSON text", () => {
  test("two-space indent and HTML escapes, as json.MarshalIndent", () => {
    expect(goMarshalIndent({ a: "<b>&", n: [1] })).toBe('{\n  "a": "\\u003cb\\u003e\\u0026",\n  "n": [\n    1\n  ]\n}');
  });
});

describe("outcomes and bool-or-string", () => {
  test("fail wins over warn and pass within one entry; empty entries are null", () => {
    expect(outcomeCases({ outcomes: [{ pass: { message: "p" }, fail: { when: "x", message: "f", uri: "u" } }, {}] })).toEqual([
      { outcome: "fail", when: "x", message: "f", uri: "u" },
      null,
    ]);
  });
  test.each([
    [true, true],
    ["true", true],
    ["T", true],
    ["1", true],
    ["yes", false],
    ["0", false],
    [undefined, false],
  ])("BoolOrDefaultFalse(%p) = %p", (v, want) => expect(boolOrDefaultFalse(v)).toBe(want));
});

describe("exit codes (troubleshoot checkOutcomesToExitCode)", () => {
  test("3 for any fail, 4 for warnings only, 0 otherwise", () => {
    expect(preflightExitCode([{ outcome: "pass" }, { outcome: "warn" }, { outcome: "fail" }])).toBe(3);
    expect(preflightExitCode([{ outcome: "pass" }, { outcome: "warn" }])).toBe(4);
    expect(preflightExitCode([{ outcome: "pass" }])).toBe(0);
    expect(preflightExitCode([])).toBe(0);
  });
});

describe("Preflight spec", () => {
  const v1beta1 = `apiVersion: troubleshoot.replicated.com/v1beta1
kind: Preflight
metadata: {name: old}
spec:
  analyzers:
    - clusterVersion: {outcomes: [{pass: {message: ok}}]}
`;
  const v1beta2 = `apiVersion: troubleshoot.sh/v1beta2
kind: Preflight
metadata: {name: new}
spec:
  collectors: [{clusterInfo: {}}]
  analyzers:
    - nodeResources: {strict: yes, outcomes: []}
`;
  test("both apiVersions, documents concatenated, YAML 1.1 booleans", () => {
    const spec = parsePreflightSpec(`${v1beta1}---\n${v1beta2}`, "p.yaml");
    expect(spec.name).toBe("old, new");
    expect(spec.analyzers.map((a) => Object.keys(a)[0])).toEqual(["clusterVersion", "nodeResources"]);
    expect(spec.analyzers[1]!.nodeResources!.strict).toBe(true);
    expect(spec.collectors).toEqual([{ clusterInfo: {} }]);
  });
  test.each([
    ["kind: ConfigMap\n", "no kind: Preflight document"],
    ["apiVersion: troubleshoot.sh/v1beta3\nkind: Preflight\n", "Preflight apiVersion troubleshoot.sh/v1beta3 is not supported"],
    ["apiVersion: troubleshoot.sh/v1beta2\nkind: Preflight\nspec: {analyzers: 3}\n", "spec.analyzers must be a list"],
    ["a: [\n", "not valid YAML"],
  ])("a bad spec names the file and the problem: %p", (text, want) => {
    let caught: unknown;
    try {
      parsePreflightSpec(text, "bad.yaml");
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PreflightSpecError);
    expect((caught as Error).message).toStartWith("bad.yaml: ");
    expect((caught as Error).message).toContain(want);
  });
});

describe("the runner", () => {
  const files = new CollectedFiles();
  test("an analyzer kind we do not run is a warn naming it, never a pass", () => {
    const results = analyzeCollected({ name: "x", collectors: [], analyzers: [{ longhorn: { checkName: "lh", outcomes: [] } }] }, files);
    expect(results).toEqual([{ analyzer: "longhorn", title: "longhorn", outcome: "warn", message: "kots-tui does not run the longhorn analyzer: this check was not made", uri: "", strict: false, note: "not-run" }]);
  });
  test("an analyzer error is a fail titled by the analyzer, marked as one the CLI would drop", () => {
    const results = analyzeCollected({ name: "x", collectors: [], analyzers: [{ clusterVersion: { checkName: "v", exclude: "maybe", outcomes: [] } }] }, files);
    expect(results).toEqual([
      { analyzer: "clusterVersion", title: "v", outcome: "fail", message: 'failed to parse bool string: strconv.ParseBool: parsing "maybe": invalid syntax', uri: "", strict: false, note: "analyzer-error" },
    ]);
  });
  test("strictOnly (--skip-preflights) leaves out the non-strict analyzers", () => {
    const spec: PreflightSpec = { name: "x", collectors: [], analyzers: [{ longhorn: { strict: true } }, { weaveReport: {} }] };
    expect(analyzeCollected(spec, files, { strictOnly: true }).map((r) => r.analyzer)).toEqual(["longhorn"]);
    expect(analyzeCollected(spec, files).map((r) => r.analyzer)).toEqual(["longhorn", "weaveReport"]);
  });
});
