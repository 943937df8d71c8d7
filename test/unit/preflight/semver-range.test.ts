/**
 * blang/semver v4.0.0 Parse and ParseRange as troubleshoot's clusterVersion uses them. Expected
 * values are blang's own results for the same inputs (its range.go / semver.go grammar: one-byte
 * parts dropped, wildcard expansion, error texts), written out by hand per case.
 */
import { describe, expect, test } from "bun:test";
import { compareSemver, parseSemver, parseSemverRange } from "../../../src/preflight/app/semver-range.ts";

type Want = boolean | { error: string } | { panic: string };

// [version, range, result of ParseRange(range)(version) or its error]
const RANGES: Array<[string, string, Want]> = [
  ["1.36.3", ">1.0.0 <2.0.0", true],
  ["1.36.3", "> 1.0.0 < 1.36.3", false],
  ["1.36.3", ">= 1.36.3", true],
  ["1.36.3", "<= 1.36.3", true],
  ["1.36.3", "< 1.36.3", false],
  ["1.36.3", "> 1.36.3", false],
  ["1.36.3", "=1.36.3", true],
  ["1.36.3", "==1.36.3", true],
  ["1.36.3", "1.36.3", true],
  ["1.36.3", "!1.36.3", false],
  ["1.36.3", "!=1.36.3", false],
  ["1.36.3", "!= 1.36.3", false],
  ["1.36.3", "<1.20.0 || >=1.36.0", true],
  ["1.36.3", "<1.20.0 || >=1.37.0", false],
  ["1.36.3", ">1.0.0 <1.2.0 || >1.36.0 !1.36.3", false],
  ["1.36.3", "1.36.x", true],
  ["1.36.3", "1.x", true],
  ["1.36.3", "1.x.x", false],
  ["1.36.3", "1.35.x", false],
  ["1.36.3", ">1.35.x", true],
  ["1.36.3", ">1.36.x", false],
  ["1.36.3", "<=1.36.x", true],
  ["1.36.3", "<1.36.x", false],
  ["1.36.3", "!=1.36.x", false],
  ["1.36.3", "!=1.35.x", false],
  ["1.36.3", ">=1.x", true],
  ["1.36.3", ">1.x", false],
  ["1.36.3", "~1.36.x", false],
  ["1.36.3", "~1.36.3", {"error": "Could not parse Range \"~1.36.3\": Could not parse comparator \"~\" in \"~1.36.3\""}],
  ["1.36.3", "<<1.0.0", {"error": "Could not parse Range \"<<1.0.0\": Could not parse comparator \"<<\" in \"<<1.0.0\""}],
  ["1.36.3", "=>1.0.0", {"error": "Could not parse Range \"=>1.0.0\": Could not parse comparator \"=>\" in \"=>1.0.0\""}],
  ["1.36.3", "1.36", {"error": "Could not parse Range \"1.36\": Could not parse version \"1.36\" in \"1.36\": No Major.Minor.Patch elements found"}],
  ["1.36.3", "v1.36.3", {"error": "Could not parse Range \"v1.36.3\": Could not parse comparator \"v\" in \"v1.36.3\""}],
  ["1.36.3", ">=1.36.03", {"error": "Could not parse Range \">=1.36.03\": Could not parse version \"1.36.03\" in \">=1.36.03\": Patch number must not contain leading zeroes \"03\""}],
  ["1.36.3", "abc", {"error": "Could not get version from string: \"abc\""}],
  ["1.36.3", "|| >1.0.0", {"error": "First element in range is '||'"}],
  ["1.36.3", ">1.0.0 ||", {"error": "Last element in range is '||'"}],
  ["1.36.3", "", {"error": "Last element in range is '||'"}],
  ["1.36.3", "   ", {"error": "Last element in range is '||'"}],
  ["1.36.3", ">1.0.0 || || <1.0.0", true],
  ["1.36.3", "<1.0.0 || || >1.0.0", {"panic": "runtime error: invalid memory address or nil pointer dereference"}],
  ["1.36.3", ">1.0.0 a", true],
  ["1.36.3", "> 1.0.0 <  2.0.0", true],
  ["1.36.3", ">=1.36.3-x", true],
  ["1.36.3", "1.36.3-x", {"error": "Could not get version from string: \"<\""}],
  ["1.36.3", ">=1.36.3-alpha <1.36.4", true],
  ["1.36.3-rc.1", ">=1.36.3", false],
  ["1.36.3-rc.1", ">=1.36.3-rc.0", true],
  ["1.36.3-rc.1", "<1.36.3-rc.2", true],
  ["1.36.3-rc.1", "<1.36.3-rc.1.1", true],
  ["1.36.3-rc.1", ">1.36.3-beta", true],
  ["1.36.3-rc.1", ">1.36.3-1", true],
  ["1.36.3+build", "=1.36.3", true],
  ["1.36.3", ">=1.36.3+meta", true],
  ["1.36.3", ">=1.36.3-", {"error": "Could not parse Range \">=1.36.3-\": Could not parse version \"1.36.3-\" in \">=1.36.3-\": Prerelease is empty"}],
  ["1.36.3", ">=1.36.3-01", {"error": "Could not parse Range \">=1.36.3-01\": Could not parse version \"1.36.3-01\" in \">=1.36.3-01\": Numeric PreRelease version must not contain leading zeroes \"01\""}],
  ["1.36.3", ">=1.36.3+", {"error": "Could not parse Range \">=1.36.3+\": Could not parse version \"1.36.3+\" in \">=1.36.3+\": Build meta data is empty"}],
  ["1.36.3", ">=1.36.3+a_b", {"error": "Could not parse Range \">=1.36.3+a_b\": Could not parse version \"1.36.3+a_b\" in \">=1.36.3+a_b\": Invalid character(s) found in build meta data \"a_b\""}],
  ["1.36.3", ">=1.36.3-a_b", {"error": "Could not parse Range \">=1.36.3-a_b\": Could not parse version \"1.36.3-a_b\" in \">=1.36.3-a_b\": Invalid character(s) found in prerelease \"a_b\""}],
  ["1.36.3", ">=99999999999999999999.0.0", {"error": "Could not parse Range \">=99999999999999999999.0.0\": Could not parse version \"99999999999999999999.0.0\" in \">=99999999999999999999.0.0\": strconv.ParseUint: parsing \"99999999999999999999\": value out of range"}],
  ["1.36.3", ">= 1.36.3 ,<2.0.0", {"error": "Could not parse Range \",<2.0.0\": Could not parse comparator \",<\" in \",<2.0.0\""}],
  ["1.36.3", ">=1.36.3,<2.0.0", {"error": "Could not parse Range \">=1.36.3,<2.0.0\": Could not parse version \"1.36.3,<2.0.0\" in \">=1.36.3,<2.0.0\": Invalid character(s) found in patch number \"3,<2.0.0\""}],
  ["1.36.3", "x", {"error": "Last element in range is '||'"}],
  ["1.36.3", ">=x", {"error": "Could not get version from string: \">=x\""}],
  ["1.36.3", "1.2.3.x", {"error": "Could not parse Range \">=1.2.3.0\": Could not parse version \"1.2.3.0\" in \">=1.2.3.0\": Invalid character(s) found in patch number \"3.0\""}],
  ["1.36.3", ">=1.36.3 <=1.36.3", true],
  ["1.36.3", "1.36.3 1.36.4", false],
  ["1.36.3", ">=1.0.0-x.x", true],
];

describe("blang ParseRange", () => {
  for (const [version, range, want] of RANGES) {
    test(`${JSON.stringify(range)} on ${version}`, () => {
      const v = parseSemver(version);
      if (typeof want === "boolean") expect(parseSemverRange(range)(v)).toBe(want);
      else if ("error" in want) expect(() => parseSemverRange(range)).toThrow(want.error);
      else {
        // an empty group between two "||" is a nil Range: Go panics when it is reached
        const r = parseSemverRange(range);
        expect(() => r(v)).toThrow(want.panic);
      }
    });
  }

  test("error texts are exact, not prefixes", () => {
    expect(() => parseSemverRange("<<1.0.0")).toThrow(/^Could not parse Range "<<1\.0\.0": Could not parse comparator "<<" in "<<1\.0\.0"$/);
    expect(() => parseSemverRange("")).toThrow(/^Last element in range is '\|\|'$/);
  });

  test("a multi-byte one-character part is kept (blang counts bytes)", () => {
    // "é" is two bytes: kept as a part, and it has no digit
    expect(() => parseSemverRange(">1.0.0 é")).toThrow('Could not get version from string: "é"');
  });
});

type Parsed = [bigint, bigint, bigint, Array<bigint | string>, string[]];

// [input, parsed major/minor/patch/prerelease/build, or blang's error]
const PARSES: Array<[string, Parsed | { error: string }]> = [
  ["1.36.3", [1n, 36n, 3n, [], []]],
  ["v1.36.3", { error: 'Invalid character(s) found in major number "v1"' }],
  ["1.36", { error: "No Major.Minor.Patch elements found" }],
  ["", { error: "Version string empty" }],
  ["1.36.3-rc.1+build.5", [1n, 36n, 3n, ["rc", 1n], ["build", "5"]]],
  ["01.2.3", { error: 'Major number must not contain leading zeroes "01"' }],
  ["1.02.3", { error: 'Minor number must not contain leading zeroes "02"' }],
  ["1.2.03", { error: 'Patch number must not contain leading zeroes "03"' }],
  ["1.2.3-01", { error: 'Numeric PreRelease version must not contain leading zeroes "01"' }],
  ["1.2.3-0a", [1n, 2n, 3n, ["0a"], []]],
  ["1.2.3-", { error: "Prerelease is empty" }],
  ["1.2.3+", { error: "Build meta data is empty" }],
  ["1.2.3-a..b", { error: "Prerelease is empty" }],
  ["1.2.3+a..b", { error: "Build meta data is empty" }],
  ["1.2.3-a_b", { error: 'Invalid character(s) found in prerelease "a_b"' }],
  ["1.2.3+a_b", { error: 'Invalid character(s) found in build meta data "a_b"' }],
  ["a.2.3", { error: 'Invalid character(s) found in major number "a"' }],
  ["1.b.3", { error: 'Invalid character(s) found in minor number "b"' }],
  ["1.2.c", { error: 'Invalid character(s) found in patch number "c"' }],
  [".2.3", { error: 'strconv.ParseUint: parsing "": invalid syntax' }],
  ["1..3", { error: 'strconv.ParseUint: parsing "": invalid syntax' }],
  ["1.2.", { error: 'strconv.ParseUint: parsing "": invalid syntax' }],
  ["18446744073709551616.0.0", { error: 'strconv.ParseUint: parsing "18446744073709551616": value out of range' }],
  ["18446744073709551615.0.0", [18446744073709551615n, 0n, 0n, [], []]],
  ["1.2.3.4", { error: 'Invalid character(s) found in patch number "3.4"' }],
  ["1.2.3+b-c", [1n, 2n, 3n, [], ["b-c"]]],
  ["1.2.3-b+c-d", [1n, 2n, 3n, ["b"], ["c-d"]]],
  ["1.2.3-99999999999999999999", { error: 'strconv.ParseUint: parsing "99999999999999999999": value out of range' }],
  ["1.36.3-eks-8cb36c9", [1n, 36n, 3n, ["eks-8cb36c9"], []]],
];

describe("blang Parse (semver.Make)", () => {
  for (const [input, want] of PARSES) {
    test(JSON.stringify(input), () => {
      if ("error" in want) {
        expect(() => parseSemver(input)).toThrow(want.error);
        return;
      }
      const v = parseSemver(input);
      expect([v.major, v.minor, v.patch, v.pre.map((p) => ("num" in p ? p.num : p.str)), v.build]).toEqual(want);
    });
  }
});

// [a, b, Compare(a, b)]
const COMPARES: Array<[string, string, number]> = [
  ["1.0.0", "2.0.0", -1],
  ["1.0.0-alpha", "1.0.0", -1],
  ["1.0.0-alpha", "1.0.0-alpha.1", -1],
  ["1.0.0-alpha.1", "1.0.0-alpha.beta", -1],
  ["1.0.0-alpha.beta", "1.0.0-beta", -1],
  ["1.0.0-beta.2", "1.0.0-beta.11", -1],
  ["1.0.0-rc.1", "1.0.0", -1],
  ["1.0.0+a", "1.0.0+b", 0],
  ["1.0.0-1", "1.0.0-a", -1],
  ["1.10.0", "1.9.0", 1],
];

describe("blang Compare", () => {
  for (const [a, b, want] of COMPARES) {
    test(`${a} vs ${b}`, () => {
      expect(compareSemver(parseSemver(a), parseSemver(b))).toBe(want);
      expect(compareSemver(parseSemver(b), parseSemver(a))).toBe(-want || 0);
    });
  }
});
