import { describe, expect, test } from "bun:test";
import { newConfigSession, parseConfig, renderTemplate } from "../../../src/config/index.ts";

// Go's own fmt and regexp now do the work (the Go engine); these check the Config side reaches them.

describe("floats print as Go's fmt %v for float64", () => {
  test.each([
    ["3.5", "3.5"],
    ["3.0", "3"],
    ["-0.25", "-0.25"],
    ["100000.0", "100000"],
    ["1000000.0", "1e+06"],
    ["1234567.0", "1.234567e+06"],
    ["0.0001", "0.0001"],
    ["0.00001", "1e-05"],
    ["1.5e-7", "1.5e-07"],
    ["1e21", "1e+21"],
  ])("%s → %s", (f, want) => {
    expect(renderTemplate(`{{repl ${f}}}`, {})).toBe(want);
  });

  // restored from before the Go engine (no Inf/NaN literal in a template: KOTS's float Div and Sub
  // make them, static_context.go div/sub)
  test.each([
    ["Div 1.0 0.0", "+Inf"],
    ["Sub (Div 1.0 0.0) (Div 1.0 0.0)", "NaN"],
  ])("%s → %s", (f, want) => {
    expect(renderTemplate(`{{repl ${f}}}`, {})).toBe(want);
  });
});

/** A one-item Config whose text item has `pattern` as its validation regex. */
function validate(pattern: string, value: string): string[] {
  const c = parseConfig(
    `apiVersion: kots.io/v1beta1\nkind: Config\nspec:\n  groups:\n    - name: g\n      items:\n        - name: v\n          type: text\n          validation:\n            regex:\n              pattern: ${JSON.stringify(pattern)}\n              message: bad\n`,
  );
  const s = newConfigSession(c);
  s.set("v", value);
  return s.validate().map((e) => `${e.code}: ${e.detail}`);
}

describe("Config validation.regex is Go's regexp (RE2), an unanchored MatchString", () => {
  test.each([
    ["(?i)^abc$", "ABC", true],
    ["^abc$", "ABC", false],
    ["\\Aab\\z", "ab", true],
    ["\\Aab\\z", "ab\n", false],
    ["^[[:digit:]]+$", "123", true],
    ["^[[:alpha:]_]+$", "a_b", true],
    ["^[[:alpha:]_]+$", "a1", false],
    ["(?P<year>[0-9]{4})", "in 2024", true],
    ["\\Q1.5\\E", "x1.5y", true],
    ["\\Q1.5\\E", "x105y", false],
    ["port", "the port is", true],
    // flags in the middle and ungreedy mode, which the JS translation rejected, are RE2
    ["a(?i)b", "aB", true],
    ["(?U)a+", "aaa", true],
  ])("%s on %j → %s", (pattern, subject, want) => {
    expect(validate(pattern, subject)).toEqual(want ? [] : ["regex: bad"]);
  });

  test.each([
    ["(", "missing closing )"],
    ["[a-", "missing closing ]"],
    ["a**", "invalid nested repetition operator"],
  ])("%s is rejected with Go's reason", (pattern, why) => {
    const [problem] = validate(pattern, "x");
    expect(problem).toStartWith(`invalid-regex: validation regex ${JSON.stringify(pattern)} is invalid: error parsing regexp: ${why}`);
  });
});
