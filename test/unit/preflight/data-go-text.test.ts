/**
 * The Go texts the data analyzers reproduce: encoding/json's syntax errors (Go 1.26
 * scanner.go), fmt's %v of decoded data, strconv.Quote, and troubleshoot's GetAtPath
 * (pkg/interfaceutils) with its errors and panics.
 */
import { describe, expect, test } from "bun:test";
import { goSprintV } from "../../../src/preflight/app/analyzers/data-go-fmt.ts";
import { goCleanPath, goJoinPath } from "../../../src/go/path.ts";
import { getAtPath } from "../../../src/preflight/app/analyzers/data-get-at-path.ts";
import { goJsonUnmarshal } from "../../../src/preflight/app/analyzers/data-json-decode.ts";
import { GoPanic } from "../../../src/preflight/app/analyzers/data-wrap.ts";
import { yamlV2Unmarshal } from "../../../src/preflight/app/analyzers/data-yaml-decode.ts";
import { goAtoi } from "../../../src/go/strconv.ts";
import { goQuote } from "../../../src/go/strings.ts";

describe("json.Unmarshal", () => {
  test("numbers are float64, objects and arrays plain", () => {
    expect(goJsonUnmarshal('{"a": [1, 2.5e1, -0.5], "b": {"__proto__": true}, "c": null}')).toEqual(JSON.parse('{"a": [1, 25, -0.5], "b": {"__proto__": true}, "c": null}'));
  });

  test.each([
    ["", "unexpected end of JSON input"],
    [" ", "unexpected end of JSON input"],
    ["tru", "invalid character ' ' in literal true (expecting 'e')"],
    ["trux", "invalid character 'x' in literal true (expecting 'e')"],
    ["yes", "invalid character 'y' looking for beginning of value"],
    ["-", "invalid character ' ' in numeric literal"],
    ["1.", "invalid character ' ' after decimal point in numeric literal"],
    ["1e+", "invalid character ' ' in exponent of numeric literal"],
    ["01", "invalid character '1' after top-level value"],
    ["[01]", "invalid character '1' after array element"],
    ["[1 2]", "invalid character '2' after array element"],
    ["[1,]", "invalid character ']' looking for beginning of value"],
    ['{"a":}', "invalid character '}' looking for beginning of value"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b"}', "invalid character '\"' after object key:value pair"],
    ["{a:1}", "invalid character 'a' looking for beginning of object key string"],
    ["'x'", "invalid character '\\'' looking for beginning of value"],
    ['"a\\qb"', "invalid character 'q' in string escape code"],
    ['"\\u12zz"', "invalid character 'z' in \\u hexadecimal character escape"],
    ['"a\tb"', "invalid character '\\t' in string literal"],
    ['"abc', "unexpected end of JSON input"],
    ["é", "invalid character 'Ã' looking for beginning of value"],
    ["{}x", "invalid character 'x' after top-level value"],
  ])("%j fails with Go's text", (input, message) => {
    expect(() => goJsonUnmarshal(input)).toThrow(message);
  });
});

describe("fmt and strconv", () => {
  test("%v of decoded data", () => {
    expect(goSprintV(yamlV2Unmarshal('{b: [1, 2.5, "x", null], a: {c: true}, k: 1e6}') as never)).toBe("map[a:map[c:true] b:[1 2.5 x <nil>] k:1e+06]");
    expect(goSprintV(goJsonUnmarshal('{"n": 1000000, "m": 123456}'))).toBe("map[m:123456 n:1e+06]");
    expect(goSprintV(null)).toBe("<nil>");
  });

  test("Quote and Atoi", () => {
    expect(goQuote('a"b\\c\n\tü\u0001')).toBe('"a\\"b\\\\c\\n\\tü\\x01"');
    expect(goAtoi("+42")).toBe(42n);
    expect(() => goAtoi("4.2")).toThrow('strconv.Atoi: parsing "4.2": invalid syntax');
    expect(() => goAtoi("99999999999999999999")).toThrow('strconv.Atoi: parsing "99999999999999999999": value out of range');
  });

  test("filepath.Join cleans", () => {
    expect(goJoinPath("", "cluster-resources/nodes.json")).toBe("cluster-resources/nodes.json");
    expect(goJoinPath("cluster-info", "./cluster_version.json")).toBe("cluster-info/cluster_version.json");
    expect(goJoinPath("a/", "../b//c/")).toBe("b/c");
    expect(goJoinPath("", "")).toBe("");
    expect(goCleanPath("")).toBe(".");
  });
});

describe("GetAtPath", () => {
  const doc = yamlV2Unmarshal("spec:\n  containers:\n  - name: web\n    image: nginx\n  replicas: 2\n  empty: ~\n");

  test("keys and [N] indexes; a missing key is nil", () => {
    expect(getAtPath(doc, "spec.containers.[0].image")).toBe("nginx");
    expect(getAtPath(doc, "spec.replicas")).toBe(2n);
    expect(getAtPath(doc, "spec.nothing")).toBeNull();
    expect(getAtPath(doc, "")).toBeNull();
  });

  test("errors name the value with %v", () => {
    expect(() => getAtPath(doc, "spec.nothing.deeper")).toThrow("input is not a map, but rather a <nil>: <nil>");
    expect(() => getAtPath(doc, "spec.replicas.x")).toThrow("input is not a map, but rather a 2: 2");
    expect(() => getAtPath(doc, "spec.containers.name")).toThrow("input is not a map, but rather a [map[image:nginx name:web]]: [map[image:nginx name:web]]");
    expect(() => getAtPath(doc, "spec.[0]")).toThrow("input is not an array: map[containers:[map[image:nginx name:web]] empty:<nil> replicas:2]");
    expect(() => getAtPath(doc, "spec.containers.[x]")).toThrow('failed to get index value of [x]: failed to parse index x: strconv.Atoi: parsing "x": invalid syntax');
  });

  test("an index outside the list is a Go panic", () => {
    expect(() => getAtPath(doc, "spec.containers.[3]")).toThrow(GoPanic);
    expect(() => getAtPath(doc, "spec.containers.[3]")).toThrow("panic: runtime error: index out of range [3] with length 1");
    expect(() => getAtPath(doc, "spec.containers.[-1]")).toThrow("panic: runtime error: index out of range [-1]");
  });
});
