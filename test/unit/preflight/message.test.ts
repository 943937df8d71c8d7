import { describe, expect, test } from "bun:test";
import { GoTemplateError, goStruct, renderGoTemplate } from "../../../src/preflight/app/message.ts";

/*
 * troubleshoot's RenderTemplate (internal/util/util.go): Go text/template + sprig, named "data",
 * dot = the analyzer's data. Expected texts are Go 1.26's (the Go troubleshoot v0.133.0's
 * preflight is built with), checked against a throwaway Go program executing the same templates.
 */

/** As encoding/json decodes it into interface {}: maps of interface {}, float64 numbers. */
const data = {
  a: 1,
  b: "x",
  n: null,
  f: 2.5,
  big: 1000000,
  t: true,
  myGroup: "g1",
  m: { k: "v", z: [1, "two", null], inner: { deep: "yes" } },
  l: [],
  items: [
    { name: "a", ok: true },
    { name: "b", ok: false },
  ],
};

function renderError(text: string, d: unknown = data): GoTemplateError {
  try {
    renderGoTemplate(text, d);
  } catch (e) {
    if (e instanceof GoTemplateError) return e;
    throw e;
  }
  throw new Error(`expected ${JSON.stringify(text)} to fail`);
}

describe("renderGoTemplate with JSON-shaped data (map[string]interface {})", () => {
  test.each([
    ["no template here", "no template here"],
    ["{{ .myGroup }}", "g1"],
    ["{{ .a }} {{ .f }} {{ .big }} {{ .t }}", "1 2.5 1e+06 true"],
    ["{{ .missing }}", "<no value>"],
    ["{{ .n }}", "<no value>"],
    ["{{ .missing.x.y }}", "<no value>"],
    ["{{ .m.inner.deep }}", "yes"],
    ["{{ .m }}", "map[inner:map[deep:yes] k:v z:[1 two <nil>]]"],
    ["{{ .items }}", "[map[name:a ok:true] map[name:b ok:false]]"],
    ["{{ .l }}", "[]"],
    ["{{ range .items }}{{ .name }};{{ end }}", "a;b;"],
    ["{{ range $i, $it := .items }}{{ $i }}={{ $it.name }} {{ end }}", "0=a 1=b "],
    ["{{ range $k, $v := .m }}{{ $k }} {{ end }}", "inner k z "],
    ["{{ range .l }}x{{ else }}empty{{ end }}", "empty"],
    ["{{ range .m.z }}[{{ . }}]{{ end }}", "[1][two][<no value>]"],
    ["{{ index .m \"k\" }}|{{ index .m.z 1 }}|{{ index .m \"nope\" }}", "v|two|<no value>"],
    ["{{ index .items 1 \"name\" }}", "b"],
    ["{{ len .m }} {{ len .items }} {{ len .b }}", "3 2 1"],
    ["{{ if .l }}y{{ else }}n{{ end }}{{ if .m }}y{{ end }}{{ if .n }}y{{ else }}n{{ end }}", "nyn"],
    ["{{ with .m.inner }}{{ .deep }}{{ end }}", "yes"],
    ["{{ with .missing }}y{{ else }}none{{ end }}", "none"],
    ["{{ $x := .m }}{{ $x.k }}", "v"],
    ["{{ $.m.k }}", "v"],
    ["{{ (index .items 1).name }}", "b"],
    ["{{ if eq .b \"x\" }}X{{ end }}", "X"],
    ["{{ if eq .a 1.0 }}one{{ end }}", "one"],
    ["{{ if and .t (not .n) }}ok{{ end }}", "ok"],
    ["{{ .b | upper }}", "X"],
    ["{{ printf \"%s has %v\" .b .a }}", "x has 1"],
    ["{{ .f | printf \"%.1f\" }}", "2.5"],
    ["{{ default \"none\" .missing }}", "none"],
    ["{{ .m.k | quote }}", "\"v\""],
    ["{{- .b -}}", "x"],
    ["{{ (.m).k }}", "v"],
  ])("%j → %j", (text, want) => {
    expect(renderGoTemplate(text, data)).toBe(want);
  });
});

describe("Go's error texts", () => {
  test.each([
    ["{{ eq .a 1 }}", "template: data:1:3: executing \"data\" at <eq .a 1>: error calling eq: incompatible types for comparison: float64 and int"],
    ["{{ .n.x }}", "template: data:1:5: executing \"data\" at <.n.x>: nil pointer evaluating interface {}.x"],
    ["{{ .b.x }}", "template: data:1:5: executing \"data\" at <.b.x>: can't evaluate field x in type interface {}"],
    ["{{ .m.z.x }}", "template: data:1:5: executing \"data\" at <.m.z.x>: can't evaluate field x in type interface {}"],
    ["{{ range .items }}{{ .name.first }}{{ end }}", "template: data:1:26: executing \"data\" at <.name.first>: can't evaluate field first in type interface {}"],
    ["{{ nope }}", "template: data:1: function \"nope\" not defined"],
    ["{{ .m.k 1 }}", "template: data:1:5: executing \"data\" at <.m.k>: k is not a method but has arguments"],
    ["{{ upper .n }}", "template: data:1:9: executing \"data\" at <.n>: wrong type for value; expected string; got interface {}"],
    ["{{ upper .missing }}", "template: data:1:9: executing \"data\" at <.missing>: invalid value; expected string"],
    ["{{ upper .a }}", "template: data:1:9: executing \"data\" at <.a>: wrong type for value; expected string; got float64"],
    ["{{ range .b }}{{ end }}", "template: data:1:9: executing \"data\" at <.b>: range can't iterate over x"],
    ["{{ index .items 5 }}", "template: data:1:3: executing \"data\" at <index .items 5>: error calling index: index out of range: 5"],
    ["{{ index .n 0 }}", "template: data:1:3: executing \"data\" at <index .n 0>: error calling index: index of untyped nil"],
    ["{{ lt .b 1 }}", "template: data:1:3: executing \"data\" at <lt .b 1>: error calling lt: incompatible types for comparison: string and int"],
    ["line one\n  second {{ .b.x }}", "template: data:2:14: executing \"data\" at <.b.x>: can't evaluate field x in type interface {}"],
    ["{{ if }}", "template: data:1: missing value for if"],
    ["{{ .m.inner.deep.x }}", "template: data:1:5: executing \"data\" at <.m.inner.deep.x>: can't evaluate field x in type interface {}"],
  ])("%j fails: %s", (text, want) => {
    expect(renderError(text).message).toBe(want);
  });
});

describe("Go ints and structs (analyzer data types)", () => {
  test("a number is float64 and a bigint is int, as Go's eq tells apart", () => {
    expect(renderGoTemplate("{{ eq .NodeCount 2 }}", { NodeCount: 2n })).toBe("true");
    expect(renderGoTemplate("{{ .NodeCount }} nodes", { NodeCount: 2n })).toBe("2 nodes");
    expect(renderError("{{ eq .NodeCount 2 }}", { NodeCount: 2 }).message).toBe(
      'template: data:1:3: executing "data" at <eq .NodeCount 2>: error calling eq: incompatible types for comparison: float64 and int',
    );
  });

  const STRING = { kind: "basic", name: "string", base: "string" } as const;
  const filters = { kind: "struct", name: "main.Filters", fields: () => [{ name: "CPUCapacity", type: STRING }] } as const;
  /** type Msg struct { *Filters; NodeCount int; Ratio float64; Ready bool; Name string; Tags []string; Labels map[string]string; Ptr *int; Any interface{} } */
  const msg = (fields: Record<string, unknown>) =>
    goStruct("main.Msg", fields, {
      Filters: { embedded: { kind: "ptr", elem: filters } },
      NodeCount: { kind: "basic", name: "int", base: "int" },
      Ratio: { kind: "basic", name: "float64", base: "float" },
      Ready: { kind: "basic", name: "bool", base: "bool" },
      Name: STRING,
      Tags: { kind: "slice", elem: STRING },
      Labels: { kind: "map", key: STRING, elem: STRING },
      Ptr: { kind: "ptr", elem: { kind: "basic", name: "int", base: "int" } },
      Any: { kind: "interface" },
    });
  const full = msg({ NodeCount: 2n, Ratio: 0.5, Ready: true, Name: "n1", Tags: ["a", "b"], Labels: { x: "1" }, Any: { k: [1, 2] } });
  const withFilters = msg({ Filters: { CPUCapacity: "4" }, NodeCount: 3n });

  test.each([
    [full, "{{ .NodeCount }}", "2"],
    [full, "{{ eq .NodeCount 2 }}", "true"],
    [full, "{{ .Filters }}", "<nil>"],
    [full, "{{ .Ptr }}", "<nil>"],
    [full, "{{ .Tags }}", "[a b]"],
    [full, "{{ .Labels.y }}", "<no value>"],
    [full, '{{ index .Labels "y" }}', ""],
    [full, "{{ .Any.k }}", "[1 2]"],
    [full, "{{ . }}", "{<nil> 2 0.5 true n1 [a b] map[x:1] <nil> map[k:[1 2]]}"],
    [full, "{{ .Ratio }}", "0.5"],
    [withFilters, "{{ .CPUCapacity }}", "4"],
    [withFilters, "{{ .Filters }}", "{4}"],
    [withFilters, "{{ .Filters.CPUCapacity }}", "4"],
    [withFilters, '{{ .NodeCount | printf "%d nodes" }}', "3 nodes"],
    [withFilters, "{{ if gt .NodeCount 2 }}many{{ end }}", "many"],
    [withFilters, "{{ .Tags }}{{ len .Tags }}", "[]0"],
    [withFilters, "{{ .Labels }}", "map[]"],
    [withFilters, "{{ .Ready }}", "false"],
    [withFilters, "{{ .Any }}", "<no value>"],
  ])("%# %s", (d, text, want) => {
    expect(renderGoTemplate(text, d)).toBe(want);
  });

  test.each([
    ["{{ .Missing }}", 'template: data:1:3: executing "data" at <.Missing>: can\'t evaluate field Missing in type main.Msg'],
    ["{{ .CPUCapacity }}", 'template: data:1:3: executing "data" at <.CPUCapacity>: reflect: indirection through nil pointer to embedded struct field Filters'],
    ["{{ .Tags.x }}", 'template: data:1:8: executing "data" at <.Tags.x>: can\'t evaluate field x in type []string'],
    ["{{ .Ptr.x }}", 'template: data:1:7: executing "data" at <.Ptr.x>: nil pointer evaluating *int.x'],
    ["{{ .Filters.CPUCapacity }}", 'template: data:1:11: executing "data" at <.Filters.CPUCapacity>: nil pointer evaluating *main.Filters.CPUCapacity'],
  ])("%s fails: %s", (text, want) => {
    expect(renderError(text, full).message).toBe(want);
  });
});

describe("methods on analyzer data", () => {
  // type Perf struct{ P99 string }; func (p Perf) String() string { return "p99=" + p.P99 }; func (p Perf) Twice(n int) int
  const perf = (p99: string) =>
    goStruct(
      "main.Perf",
      { P99: p99 },
      {},
      {
        String: (s) => `p99=${(s.field("P99") as { value: string }).value}`,
        Twice: (_s, [n]) => 2n * (n as bigint),
      },
    );

  test.each([
    ["{{ .String }}", "p99=5ms"],
    ["{{ . }}", "p99=5ms"],
    ["{{ .P99 }}", "5ms"],
    ["{{ .Twice 4 }}", "8"],
  ])("%s → %s", (text, want) => {
    expect(renderGoTemplate(text, perf("5ms"))).toBe(want);
  });

  test("a struct holding it prints it with its String()", () => {
    const wrap = goStruct("main.Wrap", { Perf: perf("1ms"), Name: "w" });
    expect(renderGoTemplate("{{ . }}|{{ .Perf }}|{{ .Perf.String }}", wrap)).toBe("{p99=1ms w}|p99=1ms|p99=1ms");
  });

  test("an unknown name is still Go's field error", () => {
    expect(renderError("{{ .Nope }}", perf("5ms")).message).toBe('template: data:1:3: executing "data" at <.Nope>: can\'t evaluate field Nope in type main.Perf');
  });
});
