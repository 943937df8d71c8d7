/**
 * gopkg.in/yaml.v2 v2.4.0 Unmarshal into interface{} and Marshal, as troubleshoot's
 * clusterResource and yamlCompare use them. Expected values follow yaml.v2's resolve.go (YAML
 * 1.1 scalars) and emitterc.go (quoting, block styles, folding at 80 columns, key order).
 */
import { describe, expect, test } from "bun:test";
import { goSprintV } from "../../../src/preflight/app/analyzers/data-go-fmt.ts";
import { goDeepEqual } from "../../../src/preflight/app/analyzers/data-value.ts";
import { yamlV2Unmarshal } from "../../../src/preflight/app/analyzers/data-yaml-decode.ts";
import { yamlV2Marshal } from "../../../src/preflight/app/analyzers/data-yaml-encode.ts";

const field = (text: string) => (yamlV2Unmarshal(`a: ${text}`) as Record<string, unknown>).a;

describe("yaml.v2 scalars", () => {
  test("YAML 1.1 booleans and nulls", () => {
    for (const t of ["yes", "Yes", "on", "ON", "y", "true"]) expect(field(t)).toBe(true);
    for (const t of ["no", "off", "N", "False"]) expect(field(t)).toBe(false);
    for (const t of ["~", "null", "NULL", ""]) expect(field(t)).toBeNull();
    expect(field("'yes'")).toBe("yes");
    expect(field("YEs")).toBe("YEs");
  });

  test("ints are Go int (bigint), floats float64 (number), so 1 and 1.0 differ", () => {
    expect(field("1")).toBe(1n);
    expect(field("1.0")).toBe(1);
    expect(field("1_000")).toBe(1000n);
    expect(field("0x1F")).toBe(31n);
    expect(field("0o17")).toBe(15n);
    expect(field("017")).toBe(15n);
    expect(field("-0b101")).toBe(-5n);
    expect(field("08")).toBe(8); // not octal: read as a float
    expect(field("1e3")).toBe(1000);
    expect(field(".5")).toBe(0.5);
    expect(field("18446744073709551615")).toBe(18446744073709551615n); // uint64
    expect(field("99999999999999999999")).toBe(1e20);
    expect(field(".inf")).toBe(Infinity);
    expect(Number.isNaN(field(".nan") as number)).toBe(true);
    expect(goDeepEqual(field("1") as bigint, field("1.0") as number)).toBe(false);
  });

  test("timestamps and other text stay strings; explicit tags are honoured", () => {
    expect(field("2026-12-01T22:47:05Z")).toBe("2026-12-01T22:47:05Z");
    expect(field("1.2.3")).toBe("1.2.3");
    expect(field("!!str 3")).toBe("3");
    expect(field('!!int "3"')).toBe(3n);
    expect(field("!!float 3")).toBe(3);
    expect(() => field("!!int abc")).toThrow("yaml: cannot decode !!str `abc` as a !!int");
  });

  test("maps: non-string keys keep their Go type; merge keys; YAML 1.1 'y' key is true", () => {
    const m = yamlV2Unmarshal("{1: a, true: c, x: e}") as Record<string, unknown>;
    expect(goDeepEqual(m as never, yamlV2Unmarshal('{"1": a, "true": c, x: e}') as never)).toBe(false);
    expect(goSprintV(yamlV2Unmarshal("a: {<<: {x: 1, z: 2}, z: 3}") as never)).toBe("map[a:map[x:1 z:3]]");
    expect(yamlV2Marshal(yamlV2Unmarshal("a: {<<: {x: 1, y: 2}, y: 3}"))).toBe("a:\n  true: 3\n  x: 1\n");
    expect(yamlV2Unmarshal("b: &x {c: 1}\nd: *x")).toEqual({ b: { c: 1n }, d: { c: 1n } });
    expect(yamlV2Unmarshal("")).toBeNull();
  });

  test("JSON documents decode like YAML flow collections", () => {
    expect(yamlV2Unmarshal('{"a": [1, 2.5, "3", true, null], "b": "\\u003cx\\u003e"}')).toEqual({ a: [1n, 2.5, "3", true, null], b: "<x>" });
  });

  test("JSON input: numbers typed by their text, a raw NEL folded, control characters refused", () => {
    expect(yamlV2Unmarshal('[1, -0, 1.0, 1e2, 12345678901234567890, -12345678901234567890, "\\u003c"]')).toEqual([1n, 0n, 1, 100, 12345678901234567890n, -12345678901234567000, "<"]);
    expect(yamlV2Unmarshal('{"a": "x\u0085y", "b": "x \u0085\u0085 y", "c": "x\\u0085y"}')).toEqual({ a: "x y", b: "x\ny", c: "x\u0085y" });
    expect(() => yamlV2Unmarshal('{"a": "x\u007fy"}')).toThrow("yaml: control characters are not allowed");
  });

  test("syntax errors carry yaml.v2's prefix", () => {
    expect(() => yamlV2Unmarshal("a: b: c")).toThrow("yaml: mapping values are not allowed in this context");
    expect(() => yamlV2Unmarshal("version: 1.2.3\nmode=fast\n")).toThrow("yaml: line 3: could not find expected ':'");
  });
});

describe("yaml.v2 Marshal", () => {
  const m = (text: string) => yamlV2Marshal(yamlV2Unmarshal(text));

  test("strings that would read back as something else are double-quoted", () => {
    expect(m('["3", "true", "yes", "2026-01-01", "", "1:20", "<<", "1.5"]')).toBe('- "3"\n- "true"\n- "yes"\n- "2026-01-01"\n- ""\n- "1:20"\n- <<\n- "1.5"\n');
  });

  test("plain when possible, single quotes for indicators, double quotes for non-printables", () => {
    expect(m('["hello world", "a: b", "- x", "#x", "x #y", "x#y", " lead", "trail ", "*x", "it\'s: ok", "tab\\there", "nginx:1.27"]')).toBe(
      "- hello world\n- 'a: b'\n- '- x'\n- '#x'\n- 'x #y'\n- x#y\n- ' lead'\n- 'trail '\n- '*x'\n- 'it''s: ok'\n- \"tab\\there\"\n- nginx:1.27\n",
    );
  });

  test("line breaks: literal blocks with chomping, indentation digit for a leading space", () => {
    expect(m('a: "line1\\nline2\\n"')).toBe("a: |\n  line1\n  line2\n");
    expect(m('a: "line1\\nline2"')).toBe("a: |-\n  line1\n  line2\n");
    expect(m('a: "line1\\n\\n"')).toBe("a: |+\n  line1\n\n");
    expect(m('a: " x\\ny"')).toBe("a: |2-\n   x\n  y\n");
    expect(m('a: "x \\ny"')).toBe('a: "x \\ny"\n');
  });

  test("long lines fold at a space past column 80", () => {
    const words = Array(20).fill("word").join(" ");
    expect(m(`a: "${words}"`)).toBe(`a: ${Array(16).fill("word").join(" ")}\n  ${Array(4).fill("word").join(" ")}\n`);
  });

  test("collections: sorted keys (non-letters first, digit runs as numbers), indentless sequences, flow for empty", () => {
    expect(m("{b: 1, a10: 1, a2: 1, A: 1, _x: 1, '1': 1}")).toBe('_x: 1\n"1": 1\nA: 1\na2: 1\na10: 1\nb: 1\n');
    expect(m("{a: [1, [2, 3], {c: d, b: e}], e: {}, f: [], g: ~, h: 1.5, i: 1e6}")).toBe("a:\n- 1\n- - 2\n  - 3\n- b: e\n  c: d\ne: {}\nf: []\ng: null\nh: 1.5\ni: 1e+06\n");
    expect(m("x")).toBe("x\n");
    expect(m("{}")).toBe("{}\n");
  });
});
