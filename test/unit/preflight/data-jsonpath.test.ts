/**
 * Kubernetes JSONPath (k8s.io/client-go v0.36.3 util/jsonpath) as troubleshoot's jsonCompare runs
 * it: AllowMissingKeys, JSON output, the first JSON array of the output decoded. Expected values
 * are client-go's output for the same template over the same document.
 */
import { describe, expect, test } from "bun:test";
import { executeJsonPathFirst, parseJsonPath } from "../../../src/preflight/app/analyzers/data-jsonpath.ts";
import { goJsonUnmarshal } from "../../../src/preflight/app/analyzers/data-json-decode.ts";
import type { DataValue } from "../../../src/preflight/app/analyzers/data-value.ts";

const DOC = "{\"a\": [1, 2, 3], \"s\": \"xy\", \"n\": null, \"o\": {\"k\": [{\"v\": 1, \"name\": \"a\"}, {\"v\": 2.5, \"name\": \"b\"}], \"t\": true}, \"items\": [{\"metadata\": {\"name\": \"n0\", \"labels\": {\"os\": \"linux\"}}}, {\"metadata\": {\"name\": \"n1\"}}]}";
const run = (template: string) => executeJsonPathFirst(parseJsonPath(template), goJsonUnmarshal(DOC));

describe("JSONPath results", () => {
  test.each([
    ["{.a[*]}", [1, 2, 3]],
    ["{.a[0]}", [1]],
    ["{.a[-1]}", [3]],
    ["{.a[1:]}", [2, 3]],
    ["{.a[::2]}", [1, 3]],
    ["{.a[1:1]}", []],
    ["{.o.k[*].v}", [1, 2.5]],
    ["{.o.k[?(@.v>1.0)].name}", ["b"]],
    ["{.o.k[?(@.name==\"b\")].v}", [2.5]],
    ["{.o.k[?(@.name)]}", [{"name": "a", "v": 1}, {"name": "b", "v": 2.5}]],
    ["{.items[?(@.metadata.labels.os)].metadata.name}", ["n0"]],
    ["{.n}", [null]],
    ["{.n.x}", []],
    ["{.missing}", []],
    ["{$.s}", ["xy"]],
    ["{.s}{.a}", ["xy"]],
    ["x{.s}", ["x"]],
    ["{.a[0,2]}", [1, 3]],
    ["{.o['t']}", [true]],
    ["{range .items[*]}{.metadata.name}{end}", ["n0"]],
    ["{'lit'}", ["lit"]],
    ["{1}", [1]],
    [".s", [".s"]],
    ["{.o.k[0]['name']}", ["a"]],
  ] as Array<[string, DataValue]>)("%s", (template, value) => {
    expect(run(template)).toEqual(value);
  });

  test("a byte of a string taken by * is a number; map members come in document order", () => {
    expect(run("{.s.*}")).toEqual([120, 121]);
    expect(run("{..name}")).toEqual(["a", "b", "n0", "n1"]);
  });
});

describe("JSONPath errors", () => {
  test.each([
    ["{.a[3]}", "array index out of bounds: index 3, length 3"],
    ["{.a[::0]}", "step must be > 0"],
    ["{.s[0]}", "string is not array or slice"],
    ["{.o.k[?(@.v>1)].name}", "incompatible types for comparison"],
    ["{end}", "not in range, nothing to end"],
    ["{foo}", "unrecognized identifier foo"],
    ["{.a[?(@==1)]}", "incompatible types for comparison"],
    ["{.a[0]", "unclosed action"],
    ["{!}", "unrecognized character in action: U+0021 '!'"],
  ])("%s", (template, message) => {
    expect(() => run(template)).toThrow(message);
  });
});
