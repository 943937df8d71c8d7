import { describe, expect, test } from "bun:test";
import { GoStringMap, GoTemplateError, GoYamlData, renderGoTemplate } from "../../../src/preflight/app/message.ts";
import { containerInfoView } from "../../../src/preflight/app/analyzers/container-statuses.ts";
import { nodeResourceMsg, type NodeFiltersSpec } from "../../../src/preflight/app/analyzers/node-resources-msg.ts";
import { yamlV2Unmarshal } from "../../../src/preflight/app/analyzers/data-yaml-decode.ts";

/*
 * troubleshoot's RenderTemplate (internal/util/util.go): Go text/template + sprig, named "data",
 * dot = the analyzer's data, run by Go itself (the template engine's gotemplate.render op).
 * Expected texts are Go 1.26's (the Go troubleshoot v0.133.0's preflight is built with), checked
 * against a throwaway Go program executing the same templates.
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

});

describe("troubleshoot's own structs", () => {
  const FILTERS: NodeFiltersSpec = {
    cpuArchitecture: "",
    cpuCapacity: "4",
    cpuAllocatable: "",
    memoryCapacity: "",
    memoryAllocatable: "",
    podCapacity: "",
    podAllocatable: "",
    ephemeralStorageCapacity: "",
    ephemeralStorageAllocatable: "",
    resourceName: "",
    resourceAllocatable: "",
    resourceCapacity: "",
  };
  const withFilters = nodeResourceMsg(
    { ...FILTERS, taint: { key: "k", value: "v", effect: "NoSchedule" }, selector: { matchLabel: { a: "b" }, matchExpressions: [{ key: "x", operator: "In", values: ["1"] }] } },
    3,
  );

  test.each([
    [nodeResourceMsg(undefined, 2), "{{ .NodeCount }} nodes", "2 nodes"],
    [nodeResourceMsg(FILTERS, 1), "{{ .CPUCapacity }}|{{ .Taint }}|{{ .Selector }}|{{ .MemoryCapacity }}|", "4|nil|<nil>||"],
    [withFilters, "{{ .Taint }}", "&Taint{Key:k,Value:v,Effect:NoSchedule,TimeAdded:<nil>,}"],
    [withFilters, "{{ .Selector.MatchLabel }} {{ (index .Selector.MatchExpressions 0).Operator }}", "map[a:b] In"],
    [withFilters, '{{ .NodeCount | printf "%d nodes" }} {{ if gt .NodeCount 2 }}many{{ end }}', "3 nodes many"],
    [withFilters, "{{ .NodeResourceFilters.CPUCapacity }}", "4"],
  ])("%# %s", (d, text, want) => {
    expect(renderGoTemplate(text, d)).toBe(want);
  });

  test("Go's errors name troubleshoot's types", () => {
    expect(renderError("{{ .CPUCapacity }}", nodeResourceMsg(undefined, 2)).message).toBe(
      'template: data:1:3: executing "data" at <.CPUCapacity>: reflect: indirection through nil pointer to embedded struct field NodeResourceFilters',
    );
    expect(renderError("{{ .Missing }}", withFilters).message).toBe('template: data:1:3: executing "data" at <.Missing>: can\'t evaluate field Missing in type analyzer.NodeResourceMsg');
    const info = containerInfoView({ Namespace: "ns", PodName: "p", ContainerName: "c", Ready: false, RestartCount: 4, Message: "m" });
    expect(renderGoTemplate("{{ .ContainerName }} {{ .Namespace }}/{{ .PodName }} {{ .RestartCount }} {{ .Ready }} {{ .Message }} {{ . }}", info)).toBe(
      "c ns/p 4 false m {ns p c false 4 m}",
    );
    expect(renderError("{{ .Nope }}", info).message).toBe('template: data:1:3: executing "data" at <.Nope>: can\'t evaluate field Nope in type *analyzer.matchedContainerInfo');
    expect(renderError("{{ eq .RestartCount 4.0 }}", info).message).toBe(
      'template: data:1:3: executing "data" at <eq .RestartCount 4.0>: error calling eq: incompatible types for comparison: int32 and float64',
    );
  });
});

describe("regexGroups and yamlCompare data", () => {
  test("map[string]string", () => {
    const found = new GoStringMap({ major: "1", minor: "22" });
    expect(renderGoTemplate("v{{ .major }}.{{ .minor }} {{ .patch }}|{{ index . \"patch\" }}|", found)).toBe("v1.22 <no value>||");
    expect(renderError("{{ .major.x }}", found).message).toBe('template: data:1:9: executing "data" at <.major.x>: can\'t evaluate field x in type string');
  });

  test("gopkg.in/yaml.v2 data: map[interface {}]interface {}, ints", () => {
    const doc = new GoYamlData(yamlV2Unmarshal("name: web\nreplicas: 3\nratio: 0.5\n1: one\nsub:\n  k: v\n"));
    expect(renderGoTemplate("{{ .name }} {{ .replicas }} {{ eq .replicas 3 }} {{ .ratio }} {{ .sub.k }} {{ index . 1 }}", doc)).toBe("web 3 true 0.5 v one");
    expect(renderGoTemplate("{{ .sub }}", doc)).toBe("map[k:v]");
  });

  test("a text without {{ is returned as is", () => {
    expect(renderGoTemplate("50% of {} done", { x: 1 })).toBe("50% of {} done");
  });
});
