/**
 * Semantic versions and version ranges exactly as github.com/blang/semver/v4 v4.0.0 reads them
 * (Parse/Make and ParseRange), the library troubleshoot v0.133.0's clusterVersion analyzer uses
 * for its `when:` ranges. Same grammar, same quirks (e.g. a one-character range part is dropped,
 * "1.x.x" widens to a minor range) and the same error texts.
 *
 * Range grammar (ParseRange): parts separated by spaces are ANDed, `||` ORs groups (AND binds
 * tighter, no brackets); a part is an optional comparator (`<`, `<=`, `>`, `>=`, `=`, `==`, none
 * = equal, `!`, `!=`) then a version; a space after `<`, `>` or `=` is allowed; a part holding
 * `x` is a wildcard (`1.2.x`, `1.x`) expanded to a pair of bounds.
 */
import { goQuote } from "../../go/strings.ts";
import { goAtoiOrUndefined, goInt64, goParseUint } from "../../go/strconv.ts";
import { goTrimSpace } from "../../go/strings.ts";

/** A prerelease identifier: numeric (compared as a number) or alphanumeric (compared as text). */
export type PreRelease = { num: bigint } | { str: string };

/** A parsed version: major.minor.patch (uint64, as bigint), prerelease identifiers and build metadata. */
export interface SemVersion {
  major: bigint;
  minor: bigint;
  patch: bigint;
  pre: PreRelease[];
  build: string[];
}

const NUMBERS = /^[0-9]*$/;
const ALPHANUM = /^[0-9A-Za-z-]*$/;

const hasLeadingZeroes = (s: string): boolean => s.length > 1 && s[0] === "0";

function parsePreRelease(s: string): PreRelease {
  if (s === "") throw new Error("Prerelease is empty");
  if (NUMBERS.test(s)) {
    if (hasLeadingZeroes(s)) throw new Error(`Numeric PreRelease version must not contain leading zeroes ${goQuote(s)}`);
    return { num: goParseUint(s) };
  }
  if (ALPHANUM.test(s)) return { str: s };
  throw new Error(`Invalid character(s) found in prerelease ${goQuote(s)}`);
}

function parseNumber(part: string, which: "major" | "minor" | "patch"): bigint {
  const label = which[0]!.toUpperCase() + which.slice(1);
  if (!NUMBERS.test(part)) throw new Error(`Invalid character(s) found in ${which} number ${goQuote(part)}`);
  if (hasLeadingZeroes(part)) throw new Error(`${label} number must not contain leading zeroes ${goQuote(part)}`);
  return goParseUint(part);
}

/**
 * semver.Parse / semver.Make: strict "MAJOR.MINOR.PATCH[-PRE][+BUILD]" (no "v", no short forms,
 * no leading zeroes).
 * @throws Error with blang's text, e.g. "No Major.Minor.Patch elements found",
 *   "Invalid character(s) found in patch number \"3a\"".
 */
export function parseSemver(s: string): SemVersion {
  if (s === "") throw new Error("Version string empty");
  // strings.SplitN(s, ".", 3)
  const first = s.indexOf(".");
  const second = first < 0 ? -1 : s.indexOf(".", first + 1);
  if (second < 0) throw new Error("No Major.Minor.Patch elements found");
  const major = parseNumber(s.slice(0, first), "major");
  const minor = parseNumber(s.slice(first + 1, second), "minor");
  let patchStr = s.slice(second + 1);
  let build: string[] = [];
  let prerelease: string[] = [];
  const plus = patchStr.indexOf("+");
  if (plus >= 0) {
    build = patchStr.slice(plus + 1).split(".");
    patchStr = patchStr.slice(0, plus);
  }
  const dash = patchStr.indexOf("-");
  if (dash >= 0) {
    prerelease = patchStr.slice(dash + 1).split(".");
    patchStr = patchStr.slice(0, dash);
  }
  const patch = parseNumber(patchStr, "patch");
  const pre = prerelease.map(parsePreRelease);
  for (const b of build) {
    if (b === "") throw new Error("Build meta data is empty");
    if (!ALPHANUM.test(b)) throw new Error(`Invalid character(s) found in build meta data ${goQuote(b)}`);
  }
  return { major, minor, patch, pre, build };
}

const sign = (a: bigint, b: bigint): number => (a === b ? 0 : a > b ? 1 : -1);

function comparePre(a: PreRelease, b: PreRelease): number {
  if ("num" in a && "num" in b) return sign(a.num, b.num);
  if ("num" in a) return -1;
  if ("num" in b) return 1;
  return a.str === b.str ? 0 : a.str > b.str ? 1 : -1;
}

/** Version.Compare: -1, 0 or 1 by precedence (build metadata ignored; a prerelease sorts before its release). */
export function compareSemver(v: SemVersion, o: SemVersion): number {
  const c = sign(v.major, o.major) || sign(v.minor, o.minor) || sign(v.patch, o.patch);
  if (c !== 0) return c;
  if (v.pre.length === 0 && o.pre.length === 0) return 0;
  if (v.pre.length === 0) return 1;
  if (o.pre.length === 0) return -1;
  for (let i = 0; i < v.pre.length && i < o.pre.length; i++) {
    const p = comparePre(v.pre[i]!, o.pre[i]!);
    if (p !== 0) return p;
  }
  return sign(BigInt(v.pre.length), BigInt(o.pre.length));
}

/** A parsed range: true when the version satisfies it. */
export type SemverRange = (v: SemVersion) => boolean;

type Comparator = (c: number) => boolean;

function comparatorOf(op: string): Comparator | undefined {
  switch (op) {
    case "":
    case "=":
    case "==":
      return (c) => c === 0;
    case "!":
    case "!=":
      return (c) => c !== 0;
    case ">":
      return (c) => c === 1;
    case ">=":
      return (c) => c >= 0;
    case "<":
      return (c) => c === -1;
    case "<=":
      return (c) => c <= 0;
  }
  return undefined;
}

const enc = new TextEncoder();
const dec = new TextDecoder();
const SPACE = 0x20;
const NO_SPLIT_AFTER = new Set([0x3e, 0x3c, 0x3d]); // > < =

/**
 * splitAndTrim: split at spaces not following `>`, `<` or `=` (the last non-space byte), keeping
 * only parts longer than one byte, then remove the spaces left inside each part.
 */
function splitAndTrim(s: string): string[] {
  const b = enc.encode(s);
  const parts: string[] = [];
  let last = 0;
  let lastChar = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i] === SPACE && !NO_SPLIT_AFTER.has(lastChar)) {
      if (last < i - 1) parts.push(dec.decode(b.subarray(last, i)));
      last = i + 1;
    } else if (b[i] !== SPACE) lastChar = b[i]!;
  }
  if (last < b.length - 1) parts.push(dec.decode(b.subarray(last)));
  return parts.map((p) => p.replaceAll(" ", ""));
}

function splitOrParts(parts: string[]): string[][] {
  const groups: string[][] = [];
  let last = 0;
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === "||") {
      if (i === 0) throw new Error("First element in range is '||'");
      groups.push(parts.slice(last, i));
      last = i + 1;
    }
  }
  if (last === parts.length) throw new Error("Last element in range is '||'");
  groups.push(parts.slice(last));
  return groups;
}

const DIGIT = /\p{Nd}/u;

/** splitComparatorVersion: the text before the first (Unicode) digit, trimmed, and the rest. */
function splitComparatorVersion(s: string): [string, string] {
  const m = DIGIT.exec(s);
  if (!m) throw new Error(`Could not get version from string: ${goQuote(s)}`);
  return [goTrimSpace(s.slice(0, m.index)), s.slice(m.index)];
}

/** getWildcardType: 3 = patch ("1.2.x"), 2 = minor ("1.x"), 1 = major ("x"), 0 = none; only when the last dot part is "x". */
function wildcardType(v: string): number {
  const parts = v.split(".");
  if (parts[parts.length - 1] !== "x") return 0;
  return parts.length >= 1 && parts.length <= 3 ? parts.length : 0;
}

/** createVersionFromWildcard: ".x.x" → ".x" once, then ".x" → ".0" once, a two-part result gets ".0". */
function flattenWildcard(v: string): string {
  const flat = v.replace(".x.x", ".x").replace(".x", ".0");
  return flat.split(".").length === 2 ? `${flat}.0` : flat;
}

/** incrementMajorVersion / incrementMinorVersion: the dot part `index` + 1 (Go int), or "" when it is no integer. */
function incrementPart(v: string, index: number): string {
  const parts = v.split(".");
  const n = goAtoiOrUndefined(parts[index] ?? "");
  if (n === undefined) return "";
  parts[index] = goInt64(n + 1n).toString();
  return parts.join(".");
}

/** expandWildcardVersion: every part holding "x" becomes one or two plain comparator parts. */
function expandWildcards(groups: string[][]): string[][] {
  return groups.map((group) => {
    const out: string[] = [];
    for (let ap of group) {
      if (ap.includes("x")) {
        const [op, v] = splitComparatorVersion(ap);
        const type = wildcardType(v);
        const flat = flattenWildcard(v);
        let resultOp = "";
        let increment = false;
        switch (op) {
          case ">":
            resultOp = ">=";
            increment = true;
            break;
          case ">=":
            resultOp = ">=";
            break;
          case "<":
            resultOp = "<";
            break;
          case "<=":
            resultOp = "<";
            increment = true;
            break;
          case "":
          case "=":
          case "==":
            out.push(`>=${flat}`);
            resultOp = "<";
            increment = true;
            break;
          case "!=":
          case "!":
            out.push(`<${flat}`);
            resultOp = ">=";
            increment = true;
            break;
        }
        let resultVersion = "";
        if (increment) {
          if (type === 3) resultVersion = incrementPart(flat, 1);
          else if (type === 2) resultVersion = incrementPart(flat, 0);
        } else resultVersion = flat;
        ap = resultOp + resultVersion;
      }
      out.push(ap);
    }
    return out;
  });
}

/** Go's call of a nil Range (an empty group between two `||`): a runtime panic. */
const nilRange: SemverRange = () => {
  throw new Error("runtime error: invalid memory address or nil pointer dereference");
};

/**
 * semver.ParseRange.
 * @returns the range as a predicate
 * @throws Error with blang's text, e.g. "Could not parse Range \"<<1.0.0\": Could not parse
 *   comparator \"<<\" in \"<<1.0.0\"", "Could not get version from string: \"abc\"",
 *   "Last element in range is '||'".
 */
export function parseSemverRange(s: string): SemverRange {
  const groups = expandWildcards(splitOrParts(splitAndTrim(s)));
  let orFn: SemverRange | undefined;
  for (const group of groups) {
    let andFn: SemverRange | undefined;
    for (const ap of group) {
      const [op, vs] = splitComparatorVersion(ap);
      const joined = op + vs;
      const cmp = comparatorOf(op);
      if (!cmp) throw new Error(`Could not parse Range ${goQuote(ap)}: Could not parse comparator ${goQuote(op)} in ${goQuote(joined)}`);
      let bound: SemVersion;
      try {
        bound = parseSemver(vs);
      } catch (err) {
        throw new Error(`Could not parse Range ${goQuote(ap)}: Could not parse version ${goQuote(vs)} in ${goQuote(joined)}: ${(err as Error).message}`);
      }
      const rf: SemverRange = (v) => cmp(compareSemver(v, bound));
      const prev = andFn;
      andFn = prev ? (v) => prev(v) && rf(v) : rf;
    }
    const and = andFn ?? nilRange;
    const prev = orFn;
    orFn = prev ? (v) => prev(v) || and(v) : and;
  }
  return orFn ?? nilRange;
}
