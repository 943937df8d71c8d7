import { describe, expect, test } from "bun:test";
import YAML from "yaml";
import {
  ConfigError,
  newConfigSession,
  parseConfig,
  parseConfigValues,
  TemplateError,
  type ConfigSession,
  type ConfigValueEntry,
} from "../../../src/config/index.ts";

const CONFIG = parseConfig(`apiVersion: kots.io/v1beta1
kind: Config
metadata:
  name: demo
spec:
  groups:
    - name: main
      title: Main
      items:
        - name: mode
          title: Mode
          type: select_one
          default: simple
          items:
            - name: simple
              title: Simple
            - name: advanced
              title: Advanced
        - name: level
          title: Level
          type: text
          required: true
          when: '{{repl ConfigOptionEquals "mode" "advanced" }}'
          validation:
            regex:
              pattern: ^[1-9]$
              message: Level is a digit from 1 to 9.
        - name: name
          title: Name
          type: text
          required: true
        - name: secret_hidden
          type: text
          required: true
          hidden: true
        - name: flag
          title: Flag
          type: bool
          default: "0"
        - name: port
          title: Port
          type: text
          default: "8080"
          validation:
            regex:
              pattern: ^[0-9]+$
              message: Port must be a number.
        - name: code
          title: Code
          type: text
          validation:
            regex:
              pattern: (?i)^ab
        - name: greeting
          title: Greeting
          type: text
          default: 'Hello repl{{ ConfigOption "name" }}'
        - name: info
          title: 'Listening on {{repl ConfigOption "port" }}'
          type: label
        - name: computed
          title: Computed
          type: text
          readonly: true
          value: '{{repl ConfigOption "port" | ParseInt | Add 1 }}'
        - name: preset
          title: Preset
          type: text
          value: preset-value
        - name: cert
          title: Certificate
          type: file
          validation:
            regex:
              pattern: BEGIN CERTIFICATE
              message: Not a PEM certificate.
    - name: extra
      title: Extra
      when: '{{repl ConfigOptionEquals "flag" "1" }}'
      items:
        - name: extra_required
          title: Extra required
          type: text
          required: true
    - name: gen
      title: Generated
      items:
        - name: token
          type: password
          hidden: true
          value: '{{repl RandomString 16 }}'
        - name: salt
          type: text
          hidden: true
          default: '{{repl RandomString 8 "[a-f0-9]" }}'
`);

const session = (values?: Record<string, ConfigValueEntry>, randomSeed?: number) =>
  newConfigSession(CONFIG, { values, context: randomSeed !== undefined ? { randomSeed } : {} });

const names = (s: ConfigSession, group: string) => s.itemsOf(group).map((i) => i.name);
const codes = (s: ConfigSession) => s.validate().map((e) => `${e.code}:${e.item ?? e.group}`);

describe("visibility (when, hidden)", () => {
  test.each([
    [{}, ["main"], ["mode", "name", "flag", "port", "code", "greeting", "info", "computed", "preset", "cert"]],
    [{ mode: "advanced" }, ["main"], ["mode", "level", "name", "flag", "port", "code", "greeting", "info", "computed", "preset", "cert"]],
    [{ flag: "1" }, ["main", "extra"], ["mode", "name", "flag", "port", "code", "greeting", "info", "computed", "preset", "cert"]],
  ])("values %j → groups %j", (values, groups, mainItems) => {
    const s = session();
    for (const [k, v] of Object.entries(values)) s.set(k, v);
    expect(s.visibleGroups().map((g) => g.name)).toEqual(groups);
    expect(names(s, "main")).toEqual(mainItems);
  });

  test("when is re-evaluated as values change", () => {
    const s = session();
    expect(names(s, "main")).not.toContain("level");
    s.set("mode", "advanced");
    expect(names(s, "main")).toContain("level");
    s.set("mode", "simple");
    expect(names(s, "main")).not.toContain("level");
  });

  test("a group hidden by when has no items to show; a group of hidden items is not listed", () => {
    const s = session();
    expect(s.itemsOf("extra")).toEqual([]);
    expect(s.visibleGroups().map((g) => g.name)).not.toContain("gen");
  });

  test("titles are templates too", () => {
    const s = session();
    expect(s.itemsOf("main").find((i) => i.name === "info")?.title).toBe("Listening on 8080");
    s.set("port", "9000");
    expect(s.item("info").title).toBe("Listening on 9000");
  });
});

describe("required (only when visible)", () => {
  test.each([
    ["nothing set", {}, ["required:name"]],
    ["name set", { name: "Ann" }, []],
    ["advanced mode needs level", { name: "Ann", mode: "advanced" }, ["required:level"]],
    ["flag shows the extra group", { name: "Ann", flag: "1" }, ["required:extra_required"]],
    ["flag and extra set", { name: "Ann", flag: "1", extra_required: "x" }, []],
    ["an empty value is not a value", { name: "" }, ["required:name"]],
  ])("%s", (_n, values, want) => {
    const s = session();
    for (const [k, v] of Object.entries(values)) s.set(k, v);
    expect(codes(s)).toEqual(want);
  });

  test("the message names the item and its title", () => {
    const [e] = session().validate();
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toBe('config item "name" (Name) is required');
    expect(e.detail).toBe("is required");
    expect(e.group).toBe("main");
  });
});

describe("defaults vs values", () => {
  test("effective value = value if non-empty, else default", () => {
    const s = session();
    expect(s.get("port")).toBe("8080");
    s.set("port", "9090");
    expect(s.get("port")).toBe("9090");
    const v = s.item("port");
    expect([v.value, v.default, v.userValue]).toEqual(["9090", "8080", "9090"]);
    s.set("port", "");
    expect(s.get("port")).toBe("8080");
    s.unset("port");
    expect(s.item("port").userValue).toBeUndefined();
  });

  test("templated defaults and readonly values follow other items", () => {
    const s = session();
    expect(s.get("greeting")).toBe("Hello ");
    expect(s.get("computed")).toBe("8081");
    s.set("name", "Ann");
    s.set("port", "9090");
    expect(s.get("greeting")).toBe("Hello Ann");
    expect(s.get("computed")).toBe("9091");
  });

  test("a value template applies until the operator has an entry (KOTS config_context.go)", () => {
    expect(session().get("preset")).toBe("preset-value");
    expect(session({ preset: { value: "mine" } }).get("preset")).toBe("mine");
    // an entry without a value replaces the value template: the (empty) default shows
    expect(session({ preset: {} }).get("preset")).toBe("");
  });

  test("a readonly item ignores an entry in the values", () => {
    expect(session({ computed: { value: "42" } }).get("computed")).toBe("8081");
  });

  test("hidden items still answer ConfigOption", () => {
    const s = session({ secret_hidden: { value: "s3" } });
    expect(s.render('x: {{repl ConfigOption "secret_hidden" }}')).toBe("x: s3");
  });
});

describe("validity of values", () => {
  test.each([
    ["port", "80a", "regex", 'config item "port" (Port): Port must be a number.'],
    ["code", "xyz", "regex", 'config item "code" (Code): Value does not match regex'],
    ["flag", "yes", "invalid-bool", 'config item "flag" (Flag): "yes" is not a bool value (use "1" or "0")'],
    ["flag", "true", "invalid-bool", 'config item "flag" (Flag): "true" is not a bool value (use "1" or "0")'],
    ["mode", "expert", "invalid-option", 'config item "mode" (Mode): "expert" is not one of its options (simple, advanced)'],
  ])("%s=%j → %s", (item, value, code, message) => {
    const s = session({ name: { value: "Ann" } });
    s.set(item, value);
    const errors = s.validate();
    expect(errors.map((e) => [e.code, e.item, e.message])).toEqual([[code, item, message]]);
    expect(s.item(item).error).toBe(errors[0].detail);
  });

  test.each([
    ["port", "443"],
    ["code", "ABC"], // (?i) flag
    ["flag", "1"],
    ["flag", "0"],
    ["mode", "advanced"],
  ])("%s=%j is valid", (item, value) => {
    const s = session({ name: { value: "Ann" }, level: { value: "3" }, extra_required: { value: "x" } });
    s.set(item, value);
    expect(s.validate()).toEqual([]);
  });

  test("regex applies only to visible items", () => {
    const s = session({ name: { value: "Ann" }, level: { value: "x" } });
    expect(s.validate()).toEqual([]);
    s.set("mode", "advanced");
    expect(s.validate().map((e) => e.message)).toEqual(['config item "level" (Level): Level is a digit from 1 to 9.']);
  });

  test("file items: regex on the decoded content; ConfigOptionData and ConfigOptionFilename", () => {
    const s = session({ name: { value: "Ann" } });
    s.set("cert", Buffer.from("junk").toString("base64"), "cert.pem");
    expect(s.validate().map((e) => e.message)).toEqual(['config item "cert" (Certificate): Not a PEM certificate.']);
    const pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    s.set("cert", Buffer.from(pem).toString("base64"));
    expect(s.validate()).toEqual([]);
    expect(s.render('{{repl ConfigOptionFilename "cert" }}|{{repl ConfigOptionData "cert" }}')).toBe(`cert.pem|${pem}`);
  });
});

describe("unknown items and read-only items", () => {
  test("an unknown item in the values is an error naming it", () => {
    const s = session({ name: { value: "Ann" }, colour: { value: "blue" } });
    expect(s.validate().map((e) => [e.code, e.item])).toEqual([["unknown-item", "colour"]]);
    expect(s.validate()[0].message).toContain('"colour"');
  });

  test("set/get of an unknown item throws ConfigError", () => {
    const s = session();
    expect(() => s.set("colour", "blue")).toThrow('unknown config item "colour"');
    expect(() => s.get("colour")).toThrow(ConfigError);
    expect(() => s.itemsOf("nope")).toThrow('unknown config group "nope"');
  });

  test.each(["computed", "info"])("%s is read-only", (name) => {
    let err: unknown;
    try {
      session().set(name, "1");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).code).toBe("readonly");
  });
});

describe("ConfigValues round trip and generated values", () => {
  test("toConfigValues → parseConfigValues → same values", () => {
    const s1 = session();
    s1.set("name", "Ann");
    s1.set("port", "9090");
    s1.set("mode", "advanced");
    s1.set("level", "4");
    const text = s1.toConfigValues();
    const doc = YAML.parse(text);
    expect(doc.apiVersion).toBe("kots.io/v1beta1");
    expect(doc.kind).toBe("ConfigValues");
    expect(doc.metadata.name).toBe("demo");
    expect(doc.spec.values.port).toEqual({ default: "8080", value: "9090" });
    expect(doc.spec.values.name).toEqual({ value: "Ann" });
    expect(doc.spec.values.info).toBeUndefined(); // labels carry no value
    const s2 = session(parseConfigValues(text).values);
    expect(s2.values()).toEqual(s1.values());
    expect(s2.toConfigValues()).toBe(text);
  });

  test("a fresh session generates RandomString values from its random source", () => {
    const seeded = () => newConfigSession(CONFIG, { context: { randomSeed: 42 } });
    const s = seeded();
    expect(s.get("token")).toMatch(/^[_A-Za-z0-9]{16}$/);
    expect(s.get("salt")).toMatch(/^[a-f0-9]{8}$/);
    expect([seeded().get("token"), seeded().get("salt")]).toEqual([s.get("token"), s.get("salt")]);
  });

  test("generated values stay put within a session while values change", () => {
    const s = session();
    const token = s.get("token");
    const salt = s.get("salt");
    expect(token).toMatch(/^[_A-Za-z0-9]{16}$/);
    expect(salt).toMatch(/^[a-f0-9]{8}$/);
    s.set("name", "Bob");
    s.set("port", "1");
    expect([s.get("token"), s.get("salt")]).toEqual([token, salt]);
  });

  test("a re-run from the written ConfigValues keeps them", () => {
    const first = session();
    const token = first.get("token");
    const salt = first.get("salt");
    const written = parseConfigValues(first.toConfigValues()).values;
    expect(written.token).toEqual({ valuePlaintext: token });
    expect(written.salt).toEqual({ default: salt, value: salt });
    // a random source that would produce different strings
    const second = session(written, 99);
    expect([second.get("token"), second.get("salt")]).toEqual([token, salt]);
  });

  test("a random default kept as `default` only is reused too", () => {
    expect(session({ salt: { default: "cafebabe" } }, 99).get("salt")).toBe("cafebabe");
  });
});

describe("template problems in the Config", () => {
  const cfg = (items: string) =>
    parseConfig(
      `apiVersion: kots.io/v1beta1\nkind: Config\nspec:\n  groups:\n    - name: g\n      items:\n${items}`,
      "kots-config.yaml",
    );

  test("an unknown function fails the session at once, naming file and line", () => {
    const c = cfg("        - name: a\n          default: '{{repl Nope }}'\n");
    let err: unknown;
    try {
      newConfigSession(c);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TemplateError);
    expect((err as TemplateError).message).toBe('kots-config.yaml:8: function "Nope" not defined');
  });

  test("an execution error is reported by validate() for its item", () => {
    const s = newConfigSession(cfg("        - name: a\n          title: A\n          default: '{{repl Div 1 0 }}'\n"));
    expect(s.get("a")).toBe("");
    const [e] = s.validate();
    expect(e.code).toBe("template");
    expect(e.item).toBe("a");
    expect(e.message).toBe('config item "a" (A): default: kots-config.yaml:9: error calling Div: runtime error: integer divide by zero');
  });

  test("a dependency cycle is reported", () => {
    const s = newConfigSession(
      cfg("        - name: a\n          default: 'repl{{ ConfigOption \"b\" }}'\n        - name: b\n          default: 'repl{{ ConfigOption \"a\" }}'\n"),
    );
    expect(s.validate().map((e) => e.message)).toEqual(['config item "b": default: dependency cycle: a → b → a']);
  });
});
