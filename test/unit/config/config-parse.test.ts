import { describe, expect, test } from "bun:test";
import { ConfigParseError, parseConfig, parseConfigValues } from "../../../src/config/index.ts";

const CONFIG = `apiVersion: kots.io/v1beta1
kind: Config
metadata:
  name: demo
spec:
  groups:
    - name: main
      title: Main
      when: false
      items:
        - name: plain
        - name: port
          title: Port
          type: text
          default: 5432
        - name: flag
          type: bool
          default: true
          value: false
        - name: choice
          type: select_one
          default: a
          items:
            - name: a
              title: A
              recommended: true
            - name: b
              title: B
        - name: templated
          type: textarea
          when: '{{repl ConfigOptionEquals "choice" "b" }}'
          default: |
            line one
            repl{{ ConfigOption "port" }}
          validation:
            regex:
              pattern: ^x
`;

describe("parseConfig", () => {
  const c = parseConfig(CONFIG, "app/kots-config.yaml");

  test("names and file", () => {
    expect(c.name).toBe("demo");
    expect(c.file).toBe("app/kots-config.yaml");
    expect(c.groups.map((g) => g.name)).toEqual(["main"]);
  });

  test("item fields with KOTS's multitype conversions", () => {
    const [plain, port, flag, choice, templated] = c.groups[0].items;
    expect(plain.type).toBe("text"); // no type = text
    expect(plain.default).toBe("");
    expect(port.default).toBe("5432");
    expect(flag.default).toBe("1"); // BoolOrString: true → "1"
    expect(flag.value).toBe("0");
    expect(c.groups[0].when).toBe("false"); // QuotedBool
    expect(choice.options).toEqual([
      { name: "a", title: "A", recommended: true },
      { name: "b", title: "B", recommended: false },
    ]);
    expect(templated.group).toBe("main");
    expect(templated.validation).toEqual({ pattern: "^x", message: "" });
    expect(templated.default).toBe('line one\nrepl{{ ConfigOption "port" }}\n');
  });

  test("templated fields remember their line", () => {
    const templated = c.groups[0].items[4];
    expect(templated.lines.when).toBe(31);
    expect(templated.lines.default).toBe(33); // block scalar: its first content line
    expect(templated.line).toBe(29);
  });

  test("a Config among other documents", () => {
    const multi = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\n${CONFIG}`;
    expect(parseConfig(multi).groups[0].items).toHaveLength(5);
  });

  test.each([
    ["not YAML", "a: [1, 2", "not valid YAML"],
    ["another kind", "apiVersion: v1\nkind: ConfigMap\n", "no kind: Config document (found ConfigMap)"],
    ["wrong apiVersion", "apiVersion: kots.io/v1\nkind: Config\nspec: {groups: []}\n", 'apiVersion is "kots.io/v1"'],
    ["empty", "", "no kind: Config document"],
    [
      "unknown item type",
      "apiVersion: kots.io/v1beta1\nkind: Config\nspec:\n  groups:\n    - name: g\n      items:\n        - name: x\n          type: dropdown\n",
      "spec.groups[0] (g).items[0] (x).type",
    ],
    [
      "item without a name",
      "apiVersion: kots.io/v1beta1\nkind: Config\nspec:\n  groups:\n    - name: g\n      items:\n        - title: T\n",
      "spec.groups[0] (g).items[0].name",
    ],
    [
      "duplicate item",
      "apiVersion: kots.io/v1beta1\nkind: Config\nspec:\n  groups:\n    - name: g\n      items: [{name: x}]\n    - name: h\n      items: [{name: x}]\n",
      'config item "x" is defined twice (groups "g" and "h")',
    ],
  ])("%s is a ConfigParseError", (_name, text, fragment) => {
    let err: unknown;
    try {
      parseConfig(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigParseError);
    expect((err as Error).message).toContain(fragment);
  });
});

describe("parseConfigValues", () => {
  test("values, defaults, plaintext, filenames; scalars as text", () => {
    const v = parseConfigValues(`apiVersion: kots.io/v1beta1
kind: ConfigValues
metadata:
  name: my-values
spec:
  values:
    a:
      value: hello
      default: d
    b:
      valuePlaintext: secret
    c:
      value: 5432
    d:
      value: true
    e:
    f:
      value: aGk=
      filename: f.txt
`);
    expect(v.name).toBe("my-values");
    expect(v.values).toEqual({
      a: { value: "hello", default: "d" },
      b: { valuePlaintext: "secret" },
      c: { value: "5432" },
      d: { value: "1" },
      e: {},
      f: { value: "aGk=", filename: "f.txt" },
    });
  });

  test("not ConfigValues", () => {
    expect(() => parseConfigValues("apiVersion: kots.io/v1beta1\nkind: Config\nspec: {groups: []}\n")).toThrow(
      "no kind: ConfigValues document (found Config)",
    );
  });
});
