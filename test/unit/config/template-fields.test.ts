import { describe, expect, test } from "bun:test";
import { renderTemplate } from "../../../src/config/index.ts";

// Field access on Go data is Go's own text/template now (templates/go; the preflight Go mode is
// tested there, preflight_render_test.go). KOTS renders Config templates with no data
// (builder.go: tmpl.Execute(&buf, nil)): what that gives, from the Go engine.
describe("KOTS Config templates run with no data (Go's text/template, as KOTS's Execute(…, nil))", () => {
  test("a field of no data is Go's <no value>", () => {
    expect(renderTemplate("{{repl .Values.x}}", {}, { file: "t.yaml" })).toBe("<no value>");
    expect(renderTemplate("{{repl . }} {{repl $.Y.Z }}", {}, { file: "t.yaml" })).toBe("<no value> <no value>");
  });

  test("an argument of the wrong type is Go's error", () => {
    expect(() => renderTemplate("{{repl ToUpper 3}}", {}, { file: "t.yaml" })).toThrow("t.yaml:1: expected string; found 3");
  });
});
