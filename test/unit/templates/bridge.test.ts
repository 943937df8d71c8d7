import { describe, expect, test } from "bun:test";
import { TemplateEngineError, templateOp } from "../../../src/templates/index.ts";

const render = (text: string, extra: Record<string, unknown> = {}) => templateOp<{ text: string }>("render", { context: {}, text, file: "f.yaml", ...extra }).text;

describe("template engine bridge", () => {
  test("renders both KOTS delimiters with sprig and leaves Helm braces alone", () => {
    expect(render('{{repl upper "hi" }} repl{{ printf "%d" 3 }} {{ .Values.x }}')).toBe("HI 3 {{ .Values.x }}");
  });

  test("an unknown op and a parse error come back as TemplateEngineError with Go's text", () => {
    expect(() => templateOp("no.such.op", {})).toThrow(new TemplateEngineError("no.such.op", "unknown op no.such.op"));
    expect(() => render("{{repl Nope }}", { line: 5 })).toThrow('template: f.yaml:5: function "Nope" not defined');
  });

  test("an execution error names file:line:col and the function", () => {
    expect(() => render('a\n{{repl fail "boom" }}')).toThrow('template: f.yaml:2:7: executing "f.yaml" at <fail "boom">: error calling fail: boom');
  });
});
