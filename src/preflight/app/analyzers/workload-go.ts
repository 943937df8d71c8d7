/**
 * Small pieces of Go's standard library that the workload analyzers lean on, with Go's exact
 * results and error texts: strings.TrimSpace, strconv.Atoi, strconv.ParseBool
 * and int32 conversion. Source of the rules: the Go standard library (strings,
 * strconv) as troubleshoot v0.133.0 is built with.
 */
import { goQuote } from "../../../config/template/strings.ts";

// unicode.IsSpace: Latin-1 spaces plus the Unicode White_Space property (not U+FEFF, which JS trims).
const GO_SPACE = "\\t\\n\\v\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";
const TRIM = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, "g");

/** strings.TrimSpace: leading and trailing Unicode white space removed (Go's set, not JavaScript's). */
export function goTrimSpace(s: string): string {
  return s.replace(TRIM, "");
}

/** strings.Split(strings.TrimSpace(s), " "): the split every `when` parser in pkg/analyze uses. */
export function splitWhen(when: string): string[] {
  return goTrimSpace(when).split(" ");
}

const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/**
 * strconv.Atoi on a 64-bit platform: optional sign then decimal digits, as a bigint (exact).
 * @throws Error "strconv.Atoi: parsing \"S\": invalid syntax" or "…: value out of range".
 */
export function goAtoi(s: string): bigint {
  const syntax = () => new Error(`strconv.Atoi: parsing ${goQuote(s)}: invalid syntax`);
  const range = () => new Error(`strconv.Atoi: parsing ${goQuote(s)}: value out of range`);
  let digits = s;
  let neg = false;
  if (digits.startsWith("+") || digits.startsWith("-")) {
    neg = digits[0] === "-";
    digits = digits.slice(1);
  }
  if (digits === "") throw syntax();
  // ParseUint scans left to right: the first bad byte or the first overflow decides the error.
  let n = 0n;
  for (const c of digits) {
    if (c < "0" || c > "9") throw syntax();
    n = n * 10n + BigInt(c.charCodeAt(0) - 48);
    if (n > UINT64_MAX) throw range();
  }
  if (!neg && n > INT64_MAX) throw range();
  if (neg && n > INT64_MAX + 1n) throw range();
  return neg ? -n : n;
}

/** Go's int32(v) conversion of an int: the low 32 bits, two's complement. */
export function toInt32(v: bigint): bigint {
  return BigInt.asIntN(32, v);
}

/**
 * strconv.ParseBool: 1 t T TRUE true True / 0 f F FALSE false False.
 * @throws Error "strconv.ParseBool: parsing \"S\": invalid syntax" for anything else.
 */
export function goParseBoolStrict(s: string): boolean {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(s)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(s)) return false;
  throw new Error(`strconv.ParseBool: parsing ${goQuote(s)}: invalid syntax`);
}
