import { describe, expect, test } from "bun:test";
import { newConfigSession, parseConfig, renderTemplate } from "../../../src/config/index.ts";

// Behaviour the Go engine fixes over the hand-written one (issue 12), and KOTS's Config rules
// (pkg/template/config_context.go, depgraph.go), checked through the public Config API.

const cfg = (items: string, groupExtra = "") =>
  parseConfig(`apiVersion: kots.io/v1beta1\nkind: Config\nspec:\n  groups:\n    - name: g\n${groupExtra}      items:\n${items}`, "kots-config.yaml");

describe("the `when` rule: hidden only when the rendered text is exactly false", () => {
  test.each([
    ["'false'", false],
    ["' false'", true],
    ["'false '", true],
    ["'False'", true],
    ["'0'", true],
    ["'repl{{ ConfigOptionEquals \"a\" \"x\" }}'", false],
    ["'repl{{ ConfigOptionEquals \"a\" \"\" }} '", true],
  ])("when: %s → visible %s", (when, visible) => {
    const s = newConfigSession(cfg(`        - name: a\n          default: 'y'\n        - name: b\n          when: ${when}\n`));
    expect(s.itemsOf("g").map((i) => i.name)).toEqual(visible ? ["a", "b"] : ["a"]);
  });

  test("a group's when follows the same rule", () => {
    expect(newConfigSession(cfg("        - name: a\n", "      when: ' false'\n")).visibleGroups().map((g) => g.name)).toEqual(["g"]);
    expect(newConfigSession(cfg("        - name: a\n", "      when: 'false'\n")).visibleGroups()).toEqual([]);
  });
});

describe("functions the hand-written engine lacked", () => {
  test("sha256sum (sprig) of a config value", () => {
    const s = newConfigSession(cfg("        - name: a\n          default: abc\n"));
    // sha256("abc") from FIPS 180-2 appendix B.1
    expect(s.render('{{repl ConfigOption "a" | sha256sum }}')).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  test("IsKurl is false off kURL and true from the cluster facts", () => {
    expect(renderTemplate("{{repl IsKurl }}", {})).toBe("false");
    expect(renderTemplate("{{repl if IsKurl }}kurl{{repl else }}other{{repl end }}", { cluster: { isKurl: true } })).toBe("kurl");
  });

  test("a sample of sprig: strings, lists, dicts, encoding, semver", () => {
    expect(renderTemplate('{{repl "a,b,c" | splitList "," | join "-" }}', {})).toBe("a-b-c");
    expect(renderTemplate('{{repl $d := dict "k" "v" }}{{repl get $d "k" }}', {})).toBe("v");
    expect(renderTemplate('{{repl "hi" | b64enc }}', {})).toBe("aGk=");
    expect(renderTemplate('{{repl semverCompare ">=1.2.0" "1.10.0" }}', {})).toBe("true");
    expect(renderTemplate('{{repl "Hello World" | snakecase }}', {})).toBe("hello_world");
  });
});

describe("Config item dependency order (KOTS depgraph.go)", () => {
  test("a chain of ConfigOption references resolves whatever the order in the Config", () => {
    const s = newConfigSession(
      cfg(
        [
          "        - name: url",
          "          default: 'repl{{ ConfigOption \"scheme\" }}://repl{{ ConfigOption \"host\" }}'",
          "        - name: host",
          "          default: 'repl{{ ConfigOption \"base\" }}.example'",
          "        - name: scheme",
          "          default: https",
          "        - name: base",
          "          default: app",
        ].join("\n") + "\n",
      ),
    );
    expect(s.get("url")).toBe("https://app.example");
    s.set("base", "api");
    expect(s.get("url")).toBe("https://api.example");
  });

  test("a reference through a computed name still renders (the dependency is found by running the template)", () => {
    const s = newConfigSession(cfg(`        - name: pick\n          default: 'repl{{ ConfigOption (printf "%s" "src") }}'\n        - name: src\n          default: 'repl{{ "from-src" }}'\n`));
    expect(s.get("pick")).toBe("from-src");
  });

  test("a three-item cycle is reported once, on the item that closes it", () => {
    const s = newConfigSession(
      cfg(
        [
          "        - name: a",
          "          default: 'repl{{ ConfigOption \"b\" }}'",
          "        - name: b",
          "          default: 'repl{{ ConfigOption \"c\" }}'",
          "        - name: c",
          "          value: 'repl{{ ConfigOption \"a\" }}'",
        ].join("\n") + "\n",
      ),
    );
    expect(s.validate().map((e) => e.message)).toEqual(['config item "c": value: dependency cycle: a → b → c → a']);
  });
});

describe("the two delimiters", () => {
  test("{{repl}} is rendered first, then repl{{ }} over its output", () => {
    expect(renderTemplate('{{repl "repl{{ upper \\"x\\" }}" }}', {})).toBe("X");
    expect(renderTemplate("{{repl if true }}\nx: repl{{ add 1 2 }}\n{{repl end }}", {})).toBe("\nx: 3\n");
  });

  test("a second-pass error after a removed block names the source line", () => {
    expect(() => renderTemplate("{{repl if false }}\na\nb\n{{repl end }}\nz: repl{{ Nope }}\n", {}, { file: "t.yaml" })).toThrow('t.yaml:5: function "Nope" not defined');
  });
});
