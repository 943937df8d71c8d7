/**
 * The few Go standard-library texts the data analyzers' messages and errors contain: fmt's %v of
 * decoded data, strconv.Quote (%q), and the errors of strconv.Atoi and strconv.ParseBool
 * (Go 1.26 fmt, strconv).
 */
import { formatGoFloat } from "../../../config/template/values.ts";
import { type DataValue, dataKeyType } from "./data-value.ts";

/**
 * fmt.Sprintf("%v", v) for decoded data: nil → "<nil>", floats in Go's shortest %g form
 * ("1e+06"), slices "[a b]", maps "map[k:v k2:v2]" with keys sorted as fmt sorts them (numbers
 * numerically, strings byte-wise; keys of different types grouped by type).
 */
export function goSprintV(v: DataValue): string {
  if (v === null) return "<nil>";
  if (Array.isArray(v)) return `[${v.map(goSprintV).join(" ")}]`;
  switch (typeof v) {
    case "string":
      return v;
    case "boolean":
    case "bigint":
      return String(v);
    case "number":
      return formatGoFloat(v);
  }
  const keys = Object.keys(v).sort((a, b) => compareKeys(v, a, b));
  return `map[${keys.map((k) => `${keyText(v, k)}:${goSprintV(v[k])}`).join(" ")}]`;
}

function keyText(m: Record<string, DataValue>, k: string): string {
  return dataKeyType(m, k) === "<nil>" ? "<nil>" : k;
}

function compareKeys(m: Record<string, DataValue>, a: string, b: string): number {
  const ta = dataKeyType(m, a);
  const tb = dataKeyType(m, b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  if (ta === "int" || ta === "float64") {
    const x = Number(a);
    const y = Number(b);
    if (x !== y) return x < y ? -1 : 1;
    return 0;
  }
  if (ta === "bool") return a === b ? 0 : a === "false" ? -1 : 1;
  return byteCompare(a, b);
}

/** Compares two strings by their UTF-8 bytes, as Go's string comparison does. */
export function byteCompare(a: string, b: string): number {
  if (a === b) return 0;
  const ea = new TextEncoder().encode(a);
  const eb = new TextEncoder().encode(b);
  const n = Math.min(ea.length, eb.length);
  for (let i = 0; i < n; i++) if (ea[i] !== eb[i]) return ea[i] < eb[i] ? -1 : 1;
  return ea.length < eb.length ? -1 : ea.length > eb.length ? 1 : 0;
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** strconv.Quote: a double-quoted Go string literal, non-printable runes escaped. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (PRINTABLE.test(ch)) out += ch;
    else if (c === 7) out += "\\a";
    else if (c === 8) out += "\\b";
    else if (c === 12) out += "\\f";
    else if (c === 10) out += "\\n";
    else if (c === 13) out += "\\r";
    else if (c === 9) out += "\\t";
    else if (c === 11) out += "\\v";
    else if (c < 0x20 || c === 0x7f) out += `\\x${hex(c, 2)}`;
    else if (c >= 0xd800 && c <= 0xdfff) out += "\uFFFD";
    else if (c < 0x10000) out += `\\u${hex(c, 4)}`;
    else out += `\\U${hex(c, 8)}`;
  }
  return `${out}"`;
}

function hex(c: number, width: number): string {
  return c.toString(16).padStart(width, "0");
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/**
 * strconv.Atoi on a 64-bit platform: optional sign, decimal digits only.
 * @throws Error `strconv.Atoi: parsing "S": invalid syntax` or `... value out of range`
 */
export function goAtoi(s: string): bigint {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new Error(`strconv.Atoi: parsing ${goQuote(s)}: invalid syntax`);
  const v = BigInt(s);
  if (v < INT64_MIN || v > INT64_MAX) throw new Error(`strconv.Atoi: parsing ${goQuote(s)}: value out of range`);
  return v;
}

/** strconv.Atoi's value, or undefined when it returns an error. */
export function goAtoiOk(s: string): bigint | undefined {
  try {
    return goAtoi(s);
  } catch {
    return undefined;
  }
}

/**
 * strconv.ParseBool: 1 t T TRUE true True / 0 f F FALSE false False.
 * @throws Error `strconv.ParseBool: parsing "S": invalid syntax`
 */
export function goParseBoolOrThrow(s: string): boolean {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(s)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(s)) return false;
  throw new Error(`strconv.ParseBool: parsing ${goQuote(s)}: invalid syntax`);
}
