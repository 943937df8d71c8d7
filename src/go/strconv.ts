/**
 * Go's strconv (64-bit platform, Go 1.26, as troubleshoot v0.133.0 is built with): Atoi, ParseInt,
 * ParseUint and ParseBool with Go's exact results and error texts, and Go's int32 / int64
 * conversions of an integer. Integers are bigints (exact over the whole int64 / uint64 range).
 */
import { goQuote } from "./strings.ts";

const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

type Fn = "Atoi" | "ParseInt" | "ParseUint";

const syntaxError = (fn: Fn, s: string) => new Error(`strconv.${fn}: parsing ${goQuote(s)}: invalid syntax`);
const rangeError = (fn: Fn, s: string) => new Error(`strconv.${fn}: parsing ${goQuote(s)}: value out of range`);

/**
 * ParseUint's base-10 scan of `digits`, left to right as Go does: the first non-digit byte gives
 * the syntax error, the first overflow past uint64 the range error, whichever comes first
 * ("99999999999999999999x" is out of range, "12x" invalid syntax); "" is invalid syntax.
 */
function scanUint(digits: string, fn: Fn, s: string): bigint {
  if (digits === "") throw syntaxError(fn, s);
  let n = 0n;
  for (const c of digits) {
    if (c < "0" || c > "9") throw syntaxError(fn, s);
    n = n * 10n + BigInt(c.charCodeAt(0) - 48);
    if (n > UINT64_MAX) throw rangeError(fn, s);
  }
  return n;
}

/**
 * strconv.ParseInt(s, 10, 64) — and strconv.Atoi, which is the same with "Atoi" in the error
 * text: optional sign then decimal digits.
 * @returns the value as a bigint
 * @throws Error "strconv.FN: parsing \"S\": invalid syntax" or "…: value out of range"
 */
export function goParseInt(s: string, fn: "Atoi" | "ParseInt" = "ParseInt"): bigint {
  let digits = s;
  let neg = false;
  if (digits.startsWith("+") || digits.startsWith("-")) {
    neg = digits[0] === "-";
    digits = digits.slice(1);
  }
  const n = scanUint(digits, fn, s);
  if (!neg && n > INT64_MAX) throw rangeError(fn, s);
  if (neg && n > INT64_MAX + 1n) throw rangeError(fn, s);
  return neg ? -n : n;
}

/**
 * strconv.Atoi on a 64-bit platform: optional sign then decimal digits, as a bigint.
 * @throws Error "strconv.Atoi: parsing \"S\": invalid syntax" or "…: value out of range"
 */
export function goAtoi(s: string): bigint {
  return goParseInt(s, "Atoi");
}

/** strconv.Atoi's value, or undefined where Go returns an error (for callers that drop the error). */
export function goAtoiOrUndefined(s: string): bigint | undefined {
  try {
    return goAtoi(s);
  } catch {
    return undefined;
  }
}

/**
 * strconv.ParseUint(s, 10, 64): decimal digits only, no sign.
 * @throws Error "strconv.ParseUint: parsing \"S\": invalid syntax" or "…: value out of range"
 */
export function goParseUint(s: string): bigint {
  return scanUint(s, "ParseUint", s);
}

/** strconv.ParseBool: 1 t T TRUE true True / 0 f F FALSE false False; anything else is undefined (Go's error). */
export function goParseBool(s: string): boolean | undefined {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(s)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(s)) return false;
  return undefined;
}

/**
 * strconv.ParseBool with Go's error: 1 t T TRUE true True / 0 f F FALSE false False.
 * @throws Error "strconv.ParseBool: parsing \"S\": invalid syntax" for anything else
 */
export function goParseBoolStrict(s: string): boolean {
  const b = goParseBool(s);
  if (b === undefined) throw new Error(`strconv.ParseBool: parsing ${goQuote(s)}: invalid syntax`);
  return b;
}

/** Go's int32(v) conversion of an int: the low 32 bits, two's complement. */
export function toInt32(v: bigint): bigint {
  return BigInt.asIntN(32, v);
}

/** Go int64 wrap-around of an arithmetic result (two's complement, 64 bits). */
export function goInt64(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}
