import { describe, expect, test } from "bun:test";
import { renderTemplate, TemplateError } from "../../../src/config/index.ts";
import { GoTemplateError, renderGoText } from "../../../src/config/template/go-render.ts";
import {
  GO_INTERFACE,
  GO_STRING,
  GoMap,
  GoNamed,
  GoPointer,
  GoStruct,
  goSlice,
  type GoStructType,
  type GoType,
  type GoValue,
} from "../../../src/config/template/values.ts";

/*
 * Field access and Go data in the template engine (Go text/template exec.go semantics), with
 * expected texts from Go 1.26 executing the same templates over the equivalent Go value:
 *
 *   type Phase string
 *   type Inner struct{ Deep string }
 *   type Base struct{ ID, Kind string }
 *   type Thing struct {
 *     Base
 *     Name string; Phase Phase; Count int32; Ptr *Inner; Inner Inner
 *     Tags []string; Meta map[string]string; Any interface{}
 *   }
 *   Thing{Base{"t-1", "Thing"}, "one", "Running", 3, nil, Inner{"d"}, []string{"a", "b"},
 *         map[string]string{"k": "v"}, map[string]interface{}{"x": []interface{}{1.0, nil}}}
 */

const INNER: GoStructType = { kind: "struct", name: "main.Inner", fields: () => [{ name: "Deep", type: GO_STRING }] };
const BASE: GoStructType = {
  kind: "struct",
  name: "main.Base",
  fields: () => [
    { name: "ID", type: GO_STRING },
    { name: "Kind", type: GO_STRING },
  ],
};
const PHASE = { kind: "basic", name: "main.Phase", base: "string" } as const;
const INT32 = { kind: "basic", name: "int32", base: "int" } as const;
const TAGS = { kind: "slice", elem: GO_STRING } as const;
const META = { kind: "map", key: GO_STRING, elem: GO_STRING } as const;
const ANY_MAP = { kind: "map", key: GO_STRING, elem: GO_INTERFACE } as const;
const ANY_SLICE = { kind: "slice", elem: GO_INTERFACE } as const;
const PTR_INNER = { kind: "ptr", elem: INNER } as const;
const THING_FIELDS: Array<{ name: string; type: GoType; embedded?: boolean }> = [
  { name: "Base", type: BASE, embedded: true },
  { name: "Name", type: GO_STRING },
  { name: "Phase", type: PHASE },
  { name: "Count", type: INT32 },
  { name: "Ptr", type: PTR_INNER },
  { name: "Inner", type: INNER },
  { name: "Tags", type: TAGS },
  { name: "Meta", type: META },
  { name: "Any", type: GO_INTERFACE },
];
const THING: GoStructType = { kind: "struct", name: "main.Thing", fields: () => THING_FIELDS };

const values: GoValue[] = [
  new GoStruct(BASE, (_f, i) => ["t-1", "Thing"][i]),
  "one",
  new GoNamed(PHASE, "Running"),
  new GoNamed(INT32, 3n),
  new GoPointer(PTR_INNER, null),
  new GoStruct(INNER, () => "d"),
  goSlice(TAGS, ["a", "b"]),
  new GoMap(META, new Map([["k", "v"]])),
  new GoMap(ANY_MAP, new Map([["x", goSlice(ANY_SLICE, [1, null])]])),
];
const thing = new GoStruct(THING, (_f, i) => values[i]);

function run(text: string, data: GoValue = thing): string {
  try {
    return renderGoText(text, data, { name: "data" });
  } catch (e) {
    if (e instanceof GoTemplateError) return `ERROR: ${e.message}`;
    throw e;
  }
}

describe("field access on structs, maps, pointers and named types", () => {
  test.each([
    ["{{ .Name }}", "one"],
    ["{{ .ID }}/{{ .Base.Kind }}", "t-1/Thing"],
    ["{{ .Phase }}", "Running"],
    ["{{ eq .Phase \"Running\" }}", "true"],
    ["{{ .Count }}", "3"],
    ["{{ eq .Count 3 }}", "true"],
    ["{{ .Inner.Deep }}", "d"],
    ["{{ .Inner }}", "{d}"],
    ["{{ .Ptr }}", "<nil>"],
    ["{{ .Tags }}", "[a b]"],
    ["{{ index .Tags 1 }}", "b"],
    ["{{ .Meta.k }}", "v"],
    ["{{ .Meta.nope }}", "<no value>"],
    ["{{ index .Meta \"nope\" }}", ""],
    ["{{ .Any.x }}", "[1 <nil>]"],
    ["{{ . }}", "{{t-1 Thing} one Running 3 <nil> {d} [a b] map[k:v] map[x:[1 <nil>]]}"],
    ["{{ if .Ptr }}p{{ else }}nil{{ end }}", "nil"],
    ["{{ with .Inner }}{{ .Deep }}{{ end }}", "d"],
    ["{{ range .Tags }}<{{ . }}>{{ end }}", "<a><b>"],
    ["{{ range $k, $v := .Meta }}{{ $k }}={{ $v }}{{ end }}", "k=v"],
    ["{{ len .Meta }}", "1"],
    ["{{ $t := . }}{{ $t.Inner.Deep }}", "d"],
    ["{{ (.Inner).Deep }}", "d"],
    ["{{ upper .Phase }}", "ERROR: template: data:1:9: executing \"data\" at <.Phase>: wrong type for value; expected string; got main.Phase"],
    ["{{ .Phase | printf \"%s!\" }}", "Running!"],
    ["{{ .Nope }}", "ERROR: template: data:1:3: executing \"data\" at <.Nope>: can't evaluate field Nope in type main.Thing"],
    ["{{ .Ptr.Deep }}", "ERROR: template: data:1:7: executing \"data\" at <.Ptr.Deep>: nil pointer evaluating *main.Inner.Deep"],
    ["{{ .Ptr.Nope }}", "ERROR: template: data:1:7: executing \"data\" at <.Ptr.Nope>: can't evaluate field Nope in type *main.Inner"],
    ["{{ .Name.X }}", "ERROR: template: data:1:8: executing \"data\" at <.Name.X>: can't evaluate field X in type string"],
    ["{{ .Any.x.y }}", "ERROR: template: data:1:7: executing \"data\" at <.Any.x.y>: can't evaluate field y in type interface {}"],
    ["{{ index .Any.x 1 }}", "<no value>"],
    ["{{ .Inner.Deep 1 }}", "ERROR: template: data:1:9: executing \"data\" at <.Inner.Deep>: Deep has arguments but cannot be invoked as function"],
    ["{{ lt .Count 5 }}", "true"],
    ["{{ eq .Inner .Inner }}", "true"],
    ["{{ eq .Tags .Tags }}", "ERROR: template: data:1:3: executing \"data\" at <eq .Tags .Tags>: error calling eq: non-comparable type [a b]: []string"],
    ["{{ eq .Ptr nil }}", "true"],
  ])("%j → %j", (text, want) => {
    expect(run(text)).toBe(want);
  });
});

describe("chains and parse errors", () => {
  test.each([
    ['{{ "a".x }}', 'ERROR: template: data:1: unexpected . after term "\\"a\\""'],
    ["{{ true.x }}", 'ERROR: template: data:1: unexpected . after term "true"'],
    ["{{ nil.x }}", 'ERROR: template: data:1: unexpected . after term "nil"'],
    ["{{ ..x }}", 'ERROR: template: data:1: unexpected . after term "."'],
    ["{{ .Inner .Name }}", 'ERROR: template: data:1:3: executing "data" at <.Inner>: Inner has arguments but cannot be invoked as function'],
    ["{{ range $i, $e := .Tags }}{{ $i }}{{ $.Name }}{{ end }}", "0one1one"],
    ["{{ with $x := .Inner }}{{ $x.Deep }}{{ .Deep }}{{ end }}", "dd"],
    ['{{ (index .Tags 0).x }}', 'ERROR: template: data:1:16: executing "data" at <0>: can\'t evaluate field x in type string'],
    ["{{ range $k, $v := .Any }}{{ $v.y }}{{ end }}", 'ERROR: template: data:1:31: executing "data" at <$v.y>: can\'t evaluate field y in type interface {}'],
    ["line 1\n{{ .Meta.k }} {{ .Nope }}", 'ERROR: template: data:2:17: executing "data" at <.Nope>: can\'t evaluate field Nope in type main.Thing'],
    ["{{ range $a, $b := 2 }}{{ end }}", 'ERROR: template: data:1:19: executing "data" at <2>: can\'t use 2 to iterate over more than one variable'],
  ])("%j → %j", (text, want) => {
    expect(run(text)).toBe(want);
  });

  test("no data: dot and $ are Go's invalid value", () => {
    expect(run("{{ . }} {{ .X }} {{ $.Y.Z }}", null)).toBe("<no value> <no value> <no value>");
  });
});

describe("KOTS Config templates run with no data (Go's text/template, as KOTS's Execute(…, nil))", () => {
  test("a field of no data is Go's <no value>", () => {
    expect(renderTemplate("{{repl .Values.x}}", {}, { file: "t.yaml" })).toBe("<no value>");
  });

  test("an argument of the wrong type is Go's error, as in Go mode", () => {
    expect(() => renderTemplate("{{repl ToUpper 3}}", {}, { file: "t.yaml" })).toThrow("t.yaml:1: expected string; found 3");
    expect(run("{{ upper 3 }}")).toBe('ERROR: template: data:1:9: executing "data" at <3>: expected string; found 3');
  });
});
