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

describe("loading", () => {
  test("in a fresh process the async preload loads the engine, and an op then runs without loading again", () => {
    const script = `
      import { preloadTemplates, templateOp, templatesLoaded } from "./src/templates/index.ts";
      if (templatesLoaded()) throw new Error("loaded at import");
      await preloadTemplates();
      if (!templatesLoaded()) throw new Error("not loaded after the preload");
      console.log(templateOp("render", { context: {}, text: '{{repl "ok" }}', file: "f" }).text);
    `;
    const r = Bun.spawnSync(["bun", "-e", script], { cwd: `${import.meta.dir}/../../..`, stdout: "pipe", stderr: "pipe" });
    expect(r.stderr.toString()).toBe("");
    expect(r.stdout.toString().trim()).toBe("ok");
    expect(r.exitCode).toBe(0);
  });

  test("the ops the bridge and the other callers use are registered", () => {
    const script = `
      import { templateOp } from "./src/templates/index.ts";
      templateOp("render", { context: {}, text: "", file: "f" });
      console.log(JSON.stringify(globalThis.__kotsTemplatesOps));
    `;
    const r = Bun.spawnSync(["bun", "-e", script], { cwd: `${import.meta.dir}/../../..`, stdout: "pipe", stderr: "pipe" });
    const ops = JSON.parse(r.stdout.toString()) as string[];
    for (const op of ["render", "analyze", "config.analyze", "config.render", "regexp.match", "regexp.submatch", "gotemplate.render"]) expect(ops).toContain(op);
  });
});
