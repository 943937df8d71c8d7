/**
 * troubleshoot v0.133.0 pkg/analyze/kube_resource.go (clusterResource) over hand-built
 * cluster-resources lists: object lookup by kind/namespace/name (clusterScoped lists), yamlPath,
 * expectedValue with yaml.v2 types, regex and regexGroups over the field's YAML, integer and
 * quantity `when`s, the default fail messages, the panics, and results never strict.
 */
import { describe, expect, test } from "bun:test";
import { clusterResource } from "../../../src/preflight/app/analyzers/cluster-resource.ts";
import { compareWhenToResource } from "../../../src/preflight/app/analyzers/cluster-resource.ts";
import type { AnalyzerResult } from "../../../src/preflight/app/types.ts";
import { dataFiles } from "./data-helpers.ts";

export interface DataCase {
  name: string;
  spec: Record<string, unknown>;
  /** the results, or the error text */
  expect: Array<Omit<AnalyzerResult, "uri"> & { uri?: string }> | string;
}

const cm = { kind: "ConfigMap", namespace: "app", name: "app-settings" };
const node = { kind: "Node", clusterScoped: true, name: "kwok-node-0" };
const r = (title: string, outcome: AnalyzerResult["outcome"], message: string, uri = "") => ({ title, outcome, message, uri, strict: false });

export const CLUSTER_RESOURCE_CASES: DataCase[] = [
  { name: "string equals", spec: { checkName: "c", ...cm, yamlPath: "data.replicas", expectedValue: '"3"', outcomes: [{ fail: { message: "differ" } }, { pass: { message: "same" } }] }, expect: [r("c", "pass", "same")] },
  { name: "int is not the string", spec: { checkName: "c", ...cm, kind: "configmap", yamlPath: "data.replicas", expectedValue: "3", strict: true, outcomes: [{ fail: { message: "differ", uri: "u" } }, { pass: { message: "same" } }] }, expect: [r("c", "fail", "differ", "u")] },
  { name: "yes is a boolean", spec: { checkName: "c", ...cm, yamlPath: "data.enabled", expectedValue: "yes", outcomes: [{ warn: { message: "w" } }, { pass: { message: "p" } }] }, expect: [r("c", "warn", "w")] },
  { name: "when true/false", spec: { checkName: "c", ...cm, yamlPath: "data.mode", expectedValue: "staging", outcomes: [{ pass: { when: "false", message: "not staging" } }] }, expect: [r("c", "pass", "not staging")] },
  { name: "no outcome matches", spec: { checkName: "c", ...cm, yamlPath: "data.mode", expectedValue: "production", outcomes: [{ fail: { when: "false", message: "x" } }] }, expect: [r("c", "fail", "Invalid analyzer")] },
  { name: "bad when", spec: { checkName: "c", ...cm, yamlPath: "data.mode", expectedValue: "production", outcomes: [{ pass: { when: "maybe", message: "x" } }] }, expect: 'failed to process when statement: maybe: strconv.ParseBool: parsing "maybe": invalid syntax' },
  { name: "missing object", spec: { checkName: "c", ...cm, name: "absent", yamlPath: "data", outcomes: [{ pass: { message: "x" } }] }, expect: [r("c", "fail", "ConfigMap absent in namespace app does not exist")] },
  { name: "default namespace, message shows it empty", spec: { checkName: "c", kind: "ConfigMap", name: "app-settings", yamlPath: "data" }, expect: [r("c", "fail", "ConfigMap app-settings in namespace  does not exist")] },
  { name: "unknown kind", spec: { checkName: "c", kind: "Secret", namespace: "app", name: "x", yamlPath: "data" }, expect: [r("c", "fail", "Secret x in namespace app does not exist")] },
  { name: "node needs clusterScoped", spec: { checkName: "c", kind: "Node", name: "kwok-node-0", yamlPath: "status" }, expect: [r("c", "fail", "Node kwok-node-0 in namespace  does not exist")] },
  { name: "cluster-scoped missing", spec: { collectorName: "t", ...node, name: "nope", yamlPath: "status" }, expect: [r("t", "fail", "Node nope does not exist")] },
  { name: "namespace list", spec: { checkName: "c", kind: "Namespace", clusterScoped: true, name: "app", yamlPath: "status.phase", expectedValue: "Active", outcomes: [{ pass: { message: "active" } }] }, expect: [r("c", "pass", "active")] },
  { name: "bad path", spec: { checkName: "c", ...cm, yamlPath: "data.mode.value", outcomes: [{ pass: { message: "x" } }] }, expect: [r("c", "fail", "YAML path provided is invalid")] },
  { name: "quantity when", spec: { checkName: "c", ...node, yamlPath: "status.capacity.memory", outcomes: [{ fail: { when: "< 16Gi", message: "small" } }, { pass: { when: ">= 16Gi", message: "big" } }] }, expect: [r("c", "pass", "big")] },
  { name: "quantity when falls to a warn without when", spec: { checkName: "c", ...node, yamlPath: "status.capacity.memory", outcomes: [{ fail: { when: "< 16Gi", message: "small" } }, { pass: { when: ">= 64Gi", message: "big" } }, { warn: { message: "medium" } }] }, expect: [r("c", "warn", "medium")] },
  { name: "a string that is a number is a quantity", spec: { checkName: "c", ...node, yamlPath: "status.capacity.pods", outcomes: [{ fail: { when: "< 200", message: "few" } }] }, expect: [r("c", "fail", "few")] },
  { name: "integer when", spec: { checkName: "c", kind: "Deployment", namespace: "app", name: "web", yamlPath: "spec.replicas", outcomes: [{ fail: { when: "< 2", message: "f" } }, { warn: { message: "w" } }] }, expect: [r("c", "warn", "w")] },
  { name: "integer when with !=", spec: { checkName: "c", kind: "deployment", namespace: "app", name: "web", yamlPath: "spec.replicas", outcomes: [{ fail: { when: "!= 3", message: "f" } }] }, expect: 'failed to process when statement: != 3: unknown comparator: "!="' },
  { name: "when without operator", spec: { checkName: "c", ...node, yamlPath: "status.capacity.memory", outcomes: [{ fail: { when: "lots", message: "f" } }] }, expect: "failed to process when statement: lots: no operators found" },
  { name: "when on a map", spec: { checkName: "c", ...node, yamlPath: "status.capacity", outcomes: [{ fail: { when: "< 1", message: "f" } }] }, expect: "failed to process when statement: < 1: could not cast found value as string" },
  { name: "when not a size", spec: { checkName: "c", ...node, yamlPath: "status.capacity.memory", outcomes: [{ fail: { when: "< lots", message: "f" } }] }, expect: "failed to process when statement: < lots: Cannot compare size with not size" },
  { name: "when on text", spec: { checkName: "c", ...cm, yamlPath: "data.mode", outcomes: [{ fail: { when: "< 1", message: "f" } }] }, expect: "failed to process when statement: < 1: could not match comparison method for result" },
  { name: "a warn's when reads the fail of its entry: none there is a panic", spec: { checkName: "c", ...node, yamlPath: "status.capacity.memory", outcomes: [{ warn: { when: "< 64Gi", message: "w" } }] }, expect: "panic: runtime error: invalid memory address or nil pointer dereference" },
  { name: "a quantity when without the space is a panic", spec: { checkName: "c", ...node, yamlPath: "status.capacity.memory", outcomes: [{ fail: { when: "<16Gi", message: "f" } }] }, expect: "panic: runtime error: index out of range [1] with length 1" },
  { name: "no outcomes", spec: { checkName: "c", ...cm, yamlPath: "data" }, expect: [r("c", "fail", "Invalid analyzer")] },
  { name: "regex over the field's YAML", spec: { checkName: "c", ...cm, yamlPath: "metadata", regex: 'creationTimestamp: "2026', outcomes: [{ pass: { message: "quoted" } }, { fail: { message: "plain" } }] }, expect: [r("c", "pass", "quoted")] },
  { name: "regex: a later match replaces the message, pass shown over fail", spec: { checkName: "c", ...cm, yamlPath: "metadata.labels", regex: "app: web", outcomes: [{ fail: { when: "true", message: "f" } }, { pass: { message: "p" } }] }, expect: [r("c", "pass", "p")] },
  { name: "regex: a fail clears an earlier warn", spec: { checkName: "c", ...cm, yamlPath: "metadata.labels", regex: "app: web", outcomes: [{ warn: { when: "true", message: "w" } }, { fail: { when: "true", message: "f" } }] }, expect: [r("c", "fail", "f")] },
  { name: "regex without a matching outcome gives no result", spec: { checkName: "c", ...cm, yamlPath: "metadata.labels", regex: "windows", outcomes: [{ pass: { message: "p" } }] }, expect: [] },
  { name: "regex error", spec: { checkName: "c", ...cm, yamlPath: "data", regex: "(x", outcomes: [{ pass: { message: "p" } }] }, expect: "failed to compile regex: (x: error parsing regexp: missing closing ): `(x`" },
  { name: "regexGroups with a templated message", spec: { checkName: "c", kind: "Deployment", namespace: "app", name: "web", yamlPath: "spec.template.spec.containers.[0]", regexGroups: "image: nginx:(?P<Major>\\d+)\\.(?P<Minor>\\d+)", outcomes: [{ fail: { when: "Minor < 20", message: "old {{ .Major }}.{{ .Minor }}" } }, { pass: { message: "nginx {{ .Major }}.{{ .Minor }}" } }] }, expect: [r("c", "pass", "nginx 1.27")] },
  { name: "an index outside the list is a panic", spec: { checkName: "c", kind: "Deployment", namespace: "app", name: "web", yamlPath: "spec.template.spec.containers.[2]" }, expect: "panic: runtime error: index out of range [2] with length 1" },
];

describe("clusterResource", () => {
  for (const c of CLUSTER_RESOURCE_CASES) {
    test(c.name, () => {
      if (typeof c.expect === "string") expect(() => clusterResource.analyze(c.spec, dataFiles())).toThrow(c.expect);
      else expect(clusterResource.analyze(c.spec, dataFiles())).toEqual(c.expect.map((e) => ({ uri: "", ...e })));
    });
  }

  test("title: checkName, else collectorName", () => {
    expect(clusterResource.title({ checkName: "a", collectorName: "b" })).toBe("a");
    expect(clusterResource.title({ collectorName: "b" })).toBe("b");
    expect(clusterResource.title({})).toBe("");
  });

  test("compareWhentoResource rounds quantities up to whole numbers", () => {
    expect(compareWhenToResource("> 0", "100m")).toBe(true);
    expect(compareWhenToResource("= 2", "1.5")).toBe(true);
    expect(compareWhenToResource("=== 1073741824", "1Gi")).toBe(true);
    expect(compareWhenToResource("<= 1Gi", "1024Mi")).toBe(true);
    expect(compareWhenToResource("< 1Gi", "1024Mi")).toBe(false);
    expect(compareWhenToResource("> 2", 3n)).toBe(true);
  });
});
