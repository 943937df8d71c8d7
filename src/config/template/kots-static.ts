import { FunctionCallError } from "./errors.ts";
import { fn, type FunctionMap } from "./functions.ts";
import { cryptoRandom, DEFAULT_CHARSET, randomBytes, randomString } from "./random.ts";
import { base64DecodeStd, base64Encode, urlQueryEscape, utf8 } from "./strings.ts";
import type { GoValue } from "./values.ts";

/**
 * KOTS static-context functions (pkg/template/static_context.go, random.go) that need no cluster:
 * Now, ToLower, ToUpper, TrimSpace, Trim, UrlEncode, Base64Encode, Base64Decode, Split,
 * RandomString, RandomBytes, Add, Sub, Mult, Div, ParseBool, ParseFloat, ParseInt, ParseUint,
 * Namespace, KotsVersion. Parse errors give the zero value, as KOTS ignores strconv errors.
 */
export const kotsStaticFunctions: FunctionMap = {
  Now: fn([], (_a, ctx) => (ctx.now?.() ?? new Date()).toISOString().replace(/\.\d+Z$/, "Z")),
  ToLower: fn(["string"], ([s]) => (s as string).toLowerCase()),
  ToUpper: fn(["string"], ([s]) => (s as string).toUpperCase()),
  TrimSpace: fn(["string"], ([s]) => (s as string).trim()),
  Trim: fn(["string"], ([s, cutset]) => (cutset === undefined ? (s as string).trim() : trimCutset(s as string, cutset as string)), "string"),
  UrlEncode: fn(["string"], ([s]) => urlQueryEscape(s as string)),
  Base64Encode: fn(["string"], ([s]) => base64Encode(s as string)),
  Base64Decode: fn(["string"], ([s]) => {
    const bytes = base64DecodeStd(s as string);
    return bytes ? utf8(bytes) : "";
  }),
  Split: fn(["string", "string"], ([s, sep]) => goSplit(s as string, sep as string)),
  RandomString: fn(
    ["int"],
    ([length, charset], ctx) => {
      if ((length as bigint) < 0n) throw new FunctionCallError(`expected unsigned integer; found ${length}`);
      return randomString(Number(length), (charset as string | undefined) ?? DEFAULT_CHARSET, ctx.random ?? cryptoRandom);
    },
    "string",
  ),
  RandomBytes: fn(["int"], ([length], ctx) => {
    if ((length as bigint) < 0n) throw new FunctionCallError(`expected unsigned integer; found ${length}`);
    return randomBytes(Number(length), ctx.random ?? cryptoRandom);
  }),
  Add: fn(["any", "any"], ([a, b]) => arith(a, b, (x, y) => x + y, (x, y) => x + y)),
  Sub: fn(["any", "any"], ([a, b]) => arith(a, b, (x, y) => x - y, (x, y) => x - y)),
  Mult: fn(["any", "any"], ([a, b]) => arith(a, b, (x, y) => x * y, (x, y) => x * y)),
  Div: fn(["any", "any"], ([a, b]) =>
    arith(
      a,
      b,
      (x, y) => x / y,
      (x, y) => {
        if (y === 0n) throw new FunctionCallError("runtime error: integer divide by zero");
        return x / y;
      },
    ),
  ),
  ParseBool: fn(["string"], ([s]) => ["1", "t", "T", "TRUE", "true", "True"].includes(s as string)),
  ParseFloat: fn(["string"], ([s]) => parseGoFloat(s as string)),
  ParseInt: fn(["string"], ([s, base]) => parseGoInt(s as string, base === undefined ? 10 : Number(base), true), "int"),
  ParseUint: fn(["string"], ([s, base]) => parseGoInt(s as string, base === undefined ? 10 : Number(base), false), "int"),
  Namespace: fn([], (_a, ctx) => ctx.namespace ?? ""),
  KotsVersion: fn([], (_a, ctx) => (ctx.kotsVersion ?? "").replace(/^v/, "")),
};

/** strings.Trim(s, cutset): removes leading and trailing characters contained in cutset. */
function trimCutset(s: string, cutset: string): string {
  const set = new Set(Array.from(cutset));
  const chars = Array.from(s);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi && set.has(chars[lo])) lo++;
  while (hi > lo && set.has(chars[hi - 1])) hi--;
  return chars.slice(lo, hi).join("");
}

/** strings.Split: sep "" splits into characters; "" splits to [""]. */
function goSplit(s: string, sep: string): GoValue[] {
  return sep === "" ? Array.from(s) : s.split(sep);
}

const toInt = (v: GoValue): bigint => (typeof v === "bigint" ? v : typeof v === "number" ? BigInt(Math.trunc(v)) : 0n);
const toFloat = (v: GoValue): number => (typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : 0);

/**
 * KOTS add/sub/mult/div: float if either operand is a float; else int64 arithmetic (wrapping) if
 * the first is an int; otherwise 0 — strings are not converted (wrap them in ParseInt).
 */
function arith(a: GoValue, b: GoValue, f: (x: number, y: number) => number, i: (x: bigint, y: bigint) => bigint): GoValue {
  if (typeof a === "number" || typeof b === "number") return f(toFloat(a), toFloat(b));
  if (typeof a === "bigint") return BigInt.asIntN(64, i(a, toInt(b)));
  return 0n;
}

const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/**
 * strconv.ParseInt/ParseUint(s, base, 64) with the error ignored: 0 on a syntax error, the clamped
 * limit on overflow. Base 0 reads 0x/0o/0b/0 prefixes and underscores.
 */
export function parseGoInt(s: string, base: number, signed: boolean): bigint {
  let body = s;
  let neg = false;
  if (signed && (body.startsWith("+") || body.startsWith("-"))) {
    neg = body[0] === "-";
    body = body.slice(1);
  }
  let b = base;
  if (b === 0) {
    b = 10;
    if (/^0[xX]/.test(body)) [b, body] = [16, body.slice(2)];
    else if (/^0[oO]/.test(body)) [b, body] = [8, body.slice(2)];
    else if (/^0[bB]/.test(body)) [b, body] = [2, body.slice(2)];
    else if (/^0./.test(body)) [b, body] = [8, body.slice(1)];
    body = body.replace(/(?<=[0-9a-zA-Z])_(?=[0-9a-zA-Z])/g, "");
  }
  if (b < 2 || b > 36 || body === "") return 0n;
  let n = 0n;
  for (const c of body.toLowerCase()) {
    const d = parseInt(c, 36);
    if (Number.isNaN(d) || d >= b) return 0n;
    n = n * BigInt(b) + BigInt(d);
  }
  if (!signed) return n > UINT64_MAX ? UINT64_MAX : n;
  if (neg) return -n < -INT64_MAX - 1n ? -INT64_MAX - 1n : -n;
  return n > INT64_MAX ? INT64_MAX : n;
}

/** strconv.ParseFloat(s, 64) with the error ignored: 0 on a syntax error, ±Inf on overflow. */
export function parseGoFloat(s: string): number {
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith("-") ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return NaN;
  if (!/^[+-]?([0-9](_?[0-9])*(\.([0-9](_?[0-9])*)?)?|\.[0-9](_?[0-9])*)([eE][+-]?[0-9]+)?$/.test(s)) return 0;
  return Number(s.replace(/_/g, ""));
}
