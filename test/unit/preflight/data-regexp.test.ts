/**
 * Go's regexp (RE2, Go 1.26 regexp/syntax with regexp.Compile's Perl flags), run by Go in the
 * template engine (src/go/regexp.ts → templates/go/regexp.go): the places where RE2 and
 * JavaScript differ, and Go's parse error texts. Expected values are Go's results for the same
 * pattern and text.
 */
import { describe, expect, test } from "bun:test";
import { GoRegexpError, goRegexpMatch, goRegexpSubmatch } from "../../../src/go/regexp.ts";

const match = (p: string, t: string) => goRegexpMatch(p, t);
const sub = (p: string, t: string) => goRegexpSubmatch(p, t).groups;
const names = (p: string) => goRegexpSubmatch(p, "").names;

describe("Go regexp semantics", () => {
  test(". excludes only \\n; (?s) includes it", () => {
    expect(match("a.b", "a\rb")).toBe(true);
    expect(match("a.b", "a\nb")).toBe(false);
    expect(match("(?s)a.b", "a\nb")).toBe(true);
  });

  test("\\s, \\d, \\w and \\b are ASCII", () => {
    expect(match("\\s", "\v")).toBe(false);
    expect(match("\\s", "\u00a0")).toBe(false);
    expect(sub("\\s+", "\t\n\f\r ")).toEqual(["\t\n\f\r "]);
    expect(sub("\\d+", "\u06633")).toEqual(["3"]);
    expect(sub("\\w+", "héllo")).toEqual(["h"]);
    expect(sub("\\bfoo\\b", "a foo.")).toEqual(["foo"]);
  });

  test("anchors: ^ and $ are text ends, (?m) lines end at \\n only", () => {
    expect(match("a$", "a\n")).toBe(false);
    expect(match("(?m)^b", "a\rb")).toBe(false);
    expect(sub("(?m)^b$", "a\nb\nc")).toEqual(["b"]);
    expect(match("^*a", "a")).toBe(true);
  });

  test("flags anywhere and scoped; (?U) swaps greediness", () => {
    expect(match("(?i:a)b", "Ab")).toBe(true);
    expect(match("(?i:a)b", "AB")).toBe(false);
    expect(match("a(?i)b", "aB")).toBe(true);
    expect(sub("(?i)k", "\u212a")).toEqual(["\u212a"]);
    expect(sub("(?U)a+", "aaa")).toEqual(["a"]);
    expect(sub("(?U)a+?", "aaa")).toEqual(["aaa"]);
  });

  test("Unicode and POSIX classes, escapes, literal braces", () => {
    expect(sub("\\pL+", "é1")).toEqual(["é"]);
    expect(sub("\\p{Greek}+", "xαβγ")).toEqual(["αβγ"]);
    expect(sub("[[:^alpha:]]+", "ab12cd")).toEqual(["12"]);
    expect(sub("\\101\\x42\\x{43}", "ABC")).toEqual(["ABC"]);
    expect(match("\\Qa.b\\E", "axb")).toBe(false);
    expect(match("\\Qa.b\\E", "a.b")).toBe(true);
    expect(match("a{01}", "a{01}")).toBe(true);
  });

  test("groups: leftmost-first, unmatched groups empty, names by index (duplicates allowed)", () => {
    expect(sub("(a|ab)(c|bcd)(d*)", "abcd")).toEqual(["abcd", "a", "bcd", ""]);
    expect(sub("(?<y>\\d+)-(\\d+)?", "12-")).toEqual(["12-", "12", ""]);
    expect(names("(?<y>\\d+)-(\\d+)?")).toEqual(["", "y", ""]);
    expect(names("(?P<x>a)(?P<x>b)")).toEqual(["", "x", "x"]);
  });
});

describe("Go regexp parse errors", () => {
  test.each([
    ["(linux", "missing closing ): `(linux`"],
    ["a)", "unexpected ): `a)`"],
    ["x[abc", "missing closing ]: `[abc`"],
    ["[z-a]", "invalid character class range: `z-a`"],
    ["[[:foo:]]", "invalid character class range: `[:foo:]`"],
    ["\\p{Foo}", "invalid character class range: `\\p{Foo}`"],
    ["\\p", "invalid character class range: `\\p`"],
    ["*a", "missing argument to repetition operator: `*`"],
    ["a|+?", "missing argument to repetition operator: `+?`"],
    ["a**", "invalid nested repetition operator: `**`"],
    ["a{1001}", "invalid repeat count: `{1001}`"],
    ["a{2,1}", "invalid repeat count: `{2,1}`"],
    ["(a)\\1", "invalid escape sequence: `\\1`"],
    ["a\\Z", "invalid escape sequence: `\\Z`"],
    ["[\\b]", "invalid escape sequence: `\\b`"],
    ["\\C", "invalid escape sequence: `\\C`"],
    ["a\\", "trailing backslash at end of expression: ``"],
    ["mode(?=x)", "invalid or unsupported Perl syntax: `(?=`"],
    ["(?<!x)", "invalid named capture: `(?<!x)`"],
    ["(?P<n-x>a)", "invalid named capture: `(?P<n-x>`"],
    ["(?-)a", "invalid or unsupported Perl syntax: `(?-)`"],
  ])("%j", (pattern, text) => {
    expect(() => goRegexpMatch(pattern, "")).toThrow(new GoRegexpError(`error parsing regexp: ${text}`));
  });
});
