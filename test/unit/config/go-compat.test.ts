import { describe, expect, test } from "bun:test";
import { compileGoRegexp } from "../../../src/config/index.ts";
import { formatGoFloat } from "../../../src/config/template/values.ts";

describe("formatGoFloat matches Go's fmt %v for float64", () => {
  test.each([
    [3.5, "3.5"],
    [3, "3"],
    [-0.25, "-0.25"],
    [100000, "100000"],
    [1000000, "1e+06"],
    [1234567, "1.234567e+06"],
    [0.0001, "0.0001"],
    [0.00001, "1e-05"],
    [1.5e-7, "1.5e-07"],
    [1e21, "1e+21"],
    [Infinity, "+Inf"],
    [NaN, "NaN"],
  ])("%d → %s", (f, want) => {
    expect(formatGoFloat(f)).toBe(want);
  });
});

describe("compileGoRegexp (RE2 spellings)", () => {
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
    ["port", "the port is", true], // unanchored like Go's MatchString
  ])("%s on %j → %s", (pattern, subject, want) => {
    expect(compileGoRegexp(pattern).test(subject)).toBe(want);
  });

  test.each(["(", "[a-", "a(?i)b"])("%s is rejected", (pattern) => {
    expect(() => compileGoRegexp(pattern)).toThrow();
  });
});
