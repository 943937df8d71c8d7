/**
 * RandomString / RandomBytes (KOTS pkg/template/random.go). The charset argument is a regular
 * expression that must reduce to one character class ("[_A-Za-z0-9]" by default, "[a-f0-9]",
 * "[[:alnum:]]", "\\d", "[^a-z]"); every character is drawn uniformly from the class. A charset that
 * is not a class (a literal, "." or an alternation — KOTS: regexp/syntax Op is not OpCharClass)
 * yields "". Note Go turns a one-character class such as "[a]" into a literal, so it also yields "".
 */

import { type CharRange, PERL_CLASSES, POSIX_CLASSES } from "./go-regexp-classes.ts";

/** The default charset of RandomString. */
export const DEFAULT_CHARSET = "[_A-Za-z0-9]";

type Range = CharRange;
const MAX_RUNE = 0x10ffff;

const PERL = PERL_CLASSES;
const POSIX = POSIX_CLASSES;

const ESCAPES: Record<string, number> = { n: 10, t: 9, r: 13, f: 12, v: 11, a: 7 };

/** Normalises ranges: sorted, merged. */
function normalize(ranges: Range[]): Range[] {
  const sorted = ranges.map((r) => [r[0], r[1]] as Range).sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push(r);
  }
  return out;
}

function negate(ranges: Range[]): Range[] {
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of normalize(ranges)) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_RUNE) out.push([next, MAX_RUNE]);
  // surrogates cannot be written as text
  return out.flatMap(([lo, hi]): Range[] => {
    if (hi < 0xd800 || lo > 0xdfff) return [[lo, hi]];
    const parts: Range[] = [];
    if (lo < 0xd800) parts.push([lo, 0xd7ff]);
    if (hi > 0xdfff) parts.push([0xe000, hi]);
    return parts;
  });
}

/** Parses a charset to the ranges of its single character class, or null if it is not one. */
export function parseCharset(charset: string): Range[] | null {
  const chars = Array.from(charset);
  let i = 0;
  const escape = (): Range[] | null => {
    const c = chars[i++];
    if (c === undefined) return null;
    if (c in PERL) return PERL[c];
    const upper = c.toLowerCase();
    if (c !== upper && upper in PERL) return negate(PERL[upper]);
    if (c in ESCAPES) return [[ESCAPES[c], ESCAPES[c]]];
    if (/[A-Za-z0-9]/.test(c)) return null; // unsupported escape (\p, \x…) → not a class we generate
    const cp = c.codePointAt(0)!;
    return [[cp, cp]];
  };
  let ranges: Range[] | null;
  if (chars[0] === "\\" && chars.length === 2) {
    i = 1;
    const r = escape();
    if (!r || (r.length === 1 && r[0][0] === r[0][1])) return null;
    ranges = r;
  } else if (chars[0] === "[") {
    i = 1;
    const negated = chars[i] === "^";
    if (negated) i++;
    const acc: Range[] = [];
    let first = true;
    for (;;) {
      const c = chars[i];
      if (c === undefined) return null;
      if (c === "]" && !first) {
        i++;
        break;
      }
      first = false;
      if (c === "[" && chars[i + 1] === ":") {
        const m = /^(\^?)([a-z]+):\]/.exec(chars.slice(i + 2).join(""));
        if (!m || !(m[2] in POSIX)) return null;
        acc.push(...(m[1] ? negate(POSIX[m[2]]) : POSIX[m[2]]));
        i += 2 + m[0].length;
        continue;
      }
      let lo: Range[] | null;
      if (c === "\\") {
        i++;
        lo = escape();
      } else {
        i++;
        lo = [[c.codePointAt(0)!, c.codePointAt(0)!]];
      }
      if (!lo) return null;
      if (lo.length === 1 && lo[0][0] === lo[0][1] && chars[i] === "-" && chars[i + 1] !== undefined && chars[i + 1] !== "]") {
        i++;
        let hi: Range[] | null;
        if (chars[i] === "\\") {
          i++;
          hi = escape();
        } else hi = [[chars[i].codePointAt(0)!, chars[i++].codePointAt(0)!]];
        if (!hi || hi.length !== 1 || hi[0][0] !== hi[0][1] || hi[0][0] < lo[0][0]) return null;
        acc.push([lo[0][0], hi[0][0]]);
      } else acc.push(...lo);
    }
    if (i !== chars.length) return null;
    ranges = negated ? negate(acc) : normalize(acc);
    if (!negated && ranges.length === 1 && ranges[0][0] === ranges[0][1]) return null;
  } else return null;
  return ranges.length ? normalize(ranges) : null;
}

/** Uniform integer in [0, n) from the CSPRNG (rejection sampling, no modulo bias). */
export function cryptoRandom(n: number): number {
  if (n <= 1) return 0;
  const limit = Math.floor(0x100000000 / n) * n;
  const buf = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buf);
    if (buf[0] < limit) return buf[0] % n;
  }
}

/**
 * RandomString(length, charset?) as KOTS does it: `length` characters drawn uniformly from the
 * charset's class with `random(n)` (an integer in [0, n)); "" when the charset is not a class.
 */
export function randomString(length: number, charset: string, random: (n: number) => number): string {
  const ranges = parseCharset(charset);
  if (!ranges) return "";
  const total = ranges.reduce((s, [lo, hi]) => s + (hi - lo + 1), 0);
  let out = "";
  for (let k = 0; k < length; k++) {
    let nth = random(total);
    for (const [lo, hi] of ranges) {
      const size = hi - lo + 1;
      if (nth < size) {
        out += String.fromCodePoint(lo + nth);
        break;
      }
      nth -= size;
    }
  }
  return out;
}

/** RandomBytes(length): base64 of `length` random bytes (KOTS random.go). */
export function randomBytes(length: number, random: (n: number) => number): string {
  const bytes = new Uint8Array(length);
  for (let k = 0; k < length; k++) bytes[k] = random(256);
  return Buffer.from(bytes).toString("base64");
}
