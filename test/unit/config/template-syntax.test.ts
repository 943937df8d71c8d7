import { describe, expect, test } from "bun:test";
import YAML from "yaml";
import { analyzeTemplate, renderTemplate, TemplateError, type TemplateContext } from "../../../src/config/index.ts";

/** A context whose config holds `values` (and file names). */
function withConfig(values: Record<string, string>, filenames: Record<string, string> = {}): TemplateContext {
  return {
    config: {
      value: (n) => values[n],
      filename: (n) => (n in values ? (filenames[n] ?? "") : undefined),
    },
  };
}

const render = (text: string, ctx: TemplateContext = {}) => renderTemplate(text, ctx, { file: "t.yaml" });

function renderError(text: string, ctx: TemplateContext = {}): TemplateError {
  try {
    render(text, ctx);
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
  throw new Error(`expected a TemplateError for ${JSON.stringify(text)}`);
}

describe("literals and pipelines", () => {
  test.each([
    ["plain text passes through", "a: b\nc: [1, 2]", "a: b\nc: [1, 2]"],
    ["Helm braces without repl pass through", "v: {{ .Values.x }}", "v: {{ .Values.x }}"],
    ["double-quoted string", '{{repl "hi"}}', "hi"],
    ["string escapes", '{{repl "a\\tb\\u00e9\\x41"}}', "a\tbéA"],
    ["raw string keeps backslashes", "{{repl `a\\nb`}}", "a\\nb"],
    ["int", "{{repl 42}}", "42"],
    ["negative int", "{{repl -7}}", "-7"],
    ["hex int", "{{repl 0x1f}}", "31"],
    ["float", "{{repl 2.50}}", "2.5"],
    ["large float uses Go's exponent form", "{{repl 1e6}}", "1e+06"],
    ["small float", "{{repl 0.0001}}", "0.0001"],
    ["bool", "{{repl true}}", "true"],
    ["pipeline", '{{repl "Hello" | ToUpper}}', "HELLO"],
    ["chained pipeline", '{{repl "  MiXed " | Trim | ToLower}}', "mixed"],
    ["piped value is the last argument", '{{repl "b" | printf "%s-%s" "a"}}', "a-b"],
    ["parenthesised call", '{{repl ToUpper (printf "%s%s" "a" "b")}}', "AB"],
    ["nested parentheses", "{{repl Add (Add 1 2) (Sub 10 4)}}", "9"],
    ["repl{{ delimiter", 'x: repl{{ "two" }}', "x: two"],
    ["both delimiters in one text", 'a: {{repl "1"}} b: repl{{ "2" }}', "a: 1 b: 2"],
    ["trim markers", 'a  {{repl- "b" -}}  c', "abc"],
    ["comment", "a{{repl/* a note */}}b", "ab"],
    ["variable", '{{repl $x := "v"}}[{{repl $x}}]', "[v]"],
    ["assignment reaches the outer variable", "{{repl $x := 1}}{{repl if true}}{{repl $x = 2}}{{repl end}}{{repl $x}}", "2"],
    ["range with index and element", '{{repl range $i, $p := Split "a,b,c" ","}}{{repl $i}}={{repl $p}};{{repl end}}', "0=a;1=b;2=c;"],
    ["range sets dot", '{{repl range Split "x,y" ","}}<{{repl .}}>{{repl end}}', "<x><y>"],
    ["range over an int (Go 1.22)", "{{repl range $i := 3}}{{repl $i}}{{repl end}}", "012"],
    ["range else when nothing to iterate", "{{repl range 0}}x{{repl else}}none{{repl end}}", "none"],
  ])("%s", (_name, text, want) => {
    expect(render(text)).toBe(want);
  });
});

describe("if / else if / else", () => {
  const tpl = '{{repl if eq (ConfigOption "db") "a"}}A{{repl else if eq (ConfigOption "db") "b"}}B{{repl else}}C{{repl end}}';
  test.each([
    ["a", "A"],
    ["b", "B"],
    ["z", "C"],
  ])("db=%s renders %s", (db, want) => {
    expect(render(tpl, withConfig({ db }))).toBe(want);
  });

  test.each([
    ['{{repl if ""}}y{{repl else}}n{{repl end}}', "n"],
    ["{{repl if 0}}y{{repl else}}n{{repl end}}", "n"],
    ["{{repl if 0.0}}y{{repl else}}n{{repl end}}", "n"],
    ['{{repl if "0"}}y{{repl else}}n{{repl end}}', "y"],
    ["{{repl if false}}y{{repl end}}", ""],
    ['{{repl if Split "" ","}}y{{repl else}}n{{repl end}}', "y"],
  ])("truth of %s", (text, want) => {
    expect(render(text)).toBe(want);
  });

  test("nested if inside if, with the other delimiter inside", () => {
    const text = '{{repl if true}}[{{repl if ConfigOptionEquals "x" "1"}}repl{{ ConfigOption "y" }}{{repl else}}no{{repl end}}]{{repl end}}';
    expect(render(text, withConfig({ x: "1", y: "yes" }))).toBe("[yes]");
    expect(render(text, withConfig({ x: "0", y: "yes" }))).toBe("[no]");
  });

  test("repl{{ if }} form", () => {
    const text = 'repl{{ if ConfigOptionEquals "m" "on" }}ON repl{{ else }}OFF repl{{ end }}';
    expect(render(text, withConfig({ m: "on" }))).toBe("ON ");
    expect(render(text, withConfig({ m: "off" }))).toBe("OFF ");
  });
});

describe("logic and comparison builtins", () => {
  test.each([
    ['{{repl and "a" "b"}}', "b"],
    ['{{repl and "" "b"}}', ""],
    ['{{repl or "" "b"}}', "b"],
    ['{{repl or "" 0}}', "0"],
    ["{{repl not false}}", "true"],
    ['{{repl not "x"}}', "false"],
    ["{{repl and false (Div 1 0)}}", "false"],
    ["{{repl or true (Div 1 0)}}", "true"],
    ["{{repl eq 1 1}}", "true"],
    ['{{repl eq "a" "b" "c" "a"}}', "true"],
    ['{{repl ne "a" "b"}}', "true"],
    ["{{repl lt 1 2}}", "true"],
    ["{{repl gt 2.5 1.5}}", "true"],
    ['{{repl le "a" "a"}}', "true"],
    ["{{repl ge 1 2}}", "false"],
    ['{{repl len "héllo"}}', "6"],
    ['{{repl index (Split "a,b,c" ",") 2}}', "c"],
    ['{{repl print "a" 1 2 "b"}}', "a1 2b"],
    ['{{repl printf "%05d|%-3s|%q|%.2f|%t" 42 "x" "q" 3.14159 true}}', '00042|x  |"q"|3.14|true'],
  ])("%s → %s", (text, want) => {
    expect(render(text)).toBe(want);
  });
});

describe("whole YAML files", () => {
  const manifest = [
    "env:",
    '{{repl if ConfigOptionEquals "redis" "1"}}',
    "  - name: REDIS",
    "    value: 'repl{{ ConfigOption \"host\" }}'",
    "{{repl end}}",
    "  - name: OTHER",
    '    value: "http://repl{{ ConfigOption "host" }}:8080"',
    "",
  ].join("\n");

  test("a multi-line if block keeps or drops YAML lines; repl{{ works inside quoted strings", () => {
    const on = render(manifest, withConfig({ redis: "1", host: "r.local" }));
    expect(on).toBe("env:\n\n  - name: REDIS\n    value: 'r.local'\n\n  - name: OTHER\n    value: \"http://r.local:8080\"\n");
    expect(YAML.parse(on)).toEqual({
      env: [
        { name: "REDIS", value: "r.local" },
        { name: "OTHER", value: "http://r.local:8080" },
      ],
    });
    const off = YAML.parse(render(manifest, withConfig({ redis: "0", host: "r.local" })));
    expect(off.env).toEqual([{ name: "OTHER", value: "http://r.local:8080" }]);
  });

  test("the second pass parses the first pass's output, as KOTS does: a value's repl{{ is evaluated", () => {
    expect(render('{{repl ConfigOption "x"}}', withConfig({ x: 'repl{{ "inner" | ToUpper }}' }))).toBe("INNER");
  });

  test("Go's text/template semantics the TS port rejected: no data is <no value>, define works", () => {
    expect(render("{{repl .Values.x}}")).toBe("<no value>");
    expect(render('{{repl define "x"}}X{{repl end}}{{repl template "x"}}')).toBe("X");
  });
});

describe("errors name the token, the file and the line", () => {
  test("unknown function (first pass)", () => {
    const e = renderError("a: 1\nb: {{repl Nope 1}}\n");
    expect(e.file).toBe("t.yaml");
    expect(e.line).toBe(2);
    expect(e.token).toBe("Nope");
    expect(e.message).toBe('t.yaml:2: function "Nope" not defined');
  });

  test("unknown function (second pass) reports the original line after a removed block", () => {
    const e = renderError("{{repl if false}}\nx\ny\n{{repl end}}\nz: repl{{ Nope }}\n");
    expect(e.line).toBe(5);
    expect(e.token).toBe("Nope");
  });

  test("unknown function inside an untaken branch is still an error (parse time, as in Go)", () => {
    expect(renderError("{{repl if false}}{{repl Nope}}{{repl end}}").token).toBe("Nope");
  });

  test.each([
    ['a\n{{repl ConfigOption "x"', 2, "unclosed action"],
    ['{{repl "abc}}', 1, "unterminated quoted string"],
    ["{{repl `abc}}", 1, "unterminated raw quoted string"],
    ["x\ny\n{{repl ConfigOption # }}", 3, 'unexpected "#" in operand'],
    ["{{repl 12ab}}", 1, "bad number syntax"],
    ["a\n{{repl end}}", 2, "unexpected {{end}}"],
    ["a{{repl else}}", 1, "unexpected {{else}}"],
    ["{{repl if true}}x", 1, "unexpected EOF"],
    ["{{repl if}}{{repl end}}", 1, "missing value for if"],
    ['{{repl "a" "b"}}', 1, "can't give argument to non-function"],
    ["{{repl ToUpper}}", 1, "wrong number of args for ToUpper: want 1 got 0"],
    ["{{repl ToUpper 3}}", 1, "expected string; found 3"],
    ["{{repl $nope}}", 1, 'undefined variable "$nope"'],
    ["a\nb\n{{repl Div 1 0}}", 3, "error calling Div: runtime error: integer divide by zero"],
    ['{{repl eq 1 "1"}}', 1, "incompatible types for comparison"],
    ["{{repl eq 1 1.0}}", 1, "incompatible types for comparison"],
    ["{{repl lt true false}}", 1, "invalid type for comparison"],
  ])("%j → line %d: %s", (text, line, fragment) => {
    const e = renderError(text);
    expect(e.line).toBe(line);
    expect(e.message).toContain(fragment);
    expect(e.message.startsWith(`t.yaml:${line}: `)).toBe(true);
  });

  test("the line option offsets line numbers (a Config field at line 40)", () => {
    const e = (() => {
      try {
        renderTemplate("x\n{{repl Nope}}", {}, { file: "kots-config.yaml", line: 40 });
      } catch (err) {
        return err as TemplateError;
      }
      throw new Error("no error");
    })();
    expect(e.message).toBe('kots-config.yaml:41: function "Nope" not defined');
  });
});

describe("analyzeTemplate", () => {
  test("lists the functions of both passes without executing", () => {
    const { functions } = analyzeTemplate('{{repl if ConfigOptionEquals "a" "b"}}repl{{ RandomString 3 | ToUpper }}{{repl end}}');
    expect([...functions].sort()).toEqual(["ConfigOptionEquals", "RandomString", "ToUpper"]);
  });

  test("throws on an unknown function", () => {
    expect(() => analyzeTemplate("x: repl{{ Nope }}", { file: "f.yaml" })).toThrow('f.yaml:1: function "Nope" not defined');
  });
});
