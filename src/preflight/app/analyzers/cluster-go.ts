/**
 * The few pieces of Go's standard library the cluster analyzers lean on, with Go's results and
 * error texts: strings.TrimSpace / Fields (unicode.IsSpace), strconv.Atoi / ParseUint / ParseInt
 * (64-bit), and encoding/json's "unexpected end of JSON input". Source of the rules: the Go
 * standard library (strings, strconv, unicode) that troubleshoot v0.133.0 is built with.
 */
import { goQuote } from "../../../config/template/strings.ts";

// unicode.IsSpace: the Latin-1 spaces plus the White_Space property (U+FEFF is not one, unlike JS's \s).
const SPACE = "\\t\\n\\v\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";
const TRIM = new RegExp(`^[${SPACE}]+|[${SPACE}]+$`, "g");
const RUNS = new RegExp(`[${SPACE}]+`);

/** strings.TrimSpace: leading and trailing Unicode white space (Go's set) removed. */
export function goTrimSpace(s: string): string {
  return s.replace(TRIM, "");
}

/** strings.Fields: the runs of non-space characters, in order (none for an all-space string). */
export function goFields(s: string): string[] {
  return goTrimSpace(s)
    .split(RUNS)
    .filter((f) => f !== "");
}

const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** Decimal digits only (ASCII), non-empty. */
function digitsValue(digits: string): bigint | undefined {
  if (digits === "" || !/^[0-9]+$/.test(digits)) return undefined;
  return BigInt(digits);
}

/**
 * strconv.ParseInt(s, 10, 64) (Atoi on a 64-bit platform is the same with "Atoi" in the text).
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
  const n = digitsValue(digits);
  if (n === undefined) throw new Error(`strconv.${fn}: parsing ${goQuote(s)}: invalid syntax`);
  if (n > UINT64_MAX || (!neg && n > INT64_MAX) || (neg && n > INT64_MAX + 1n)) throw new Error(`strconv.${fn}: parsing ${goQuote(s)}: value out of range`);
  return neg ? -n : n;
}

/** strconv.Atoi, or undefined where Go returns an error (the callers here drop the error). */
export function goAtoiOrUndefined(s: string): bigint | undefined {
  try {
    return goParseInt(s, "Atoi");
  } catch {
    return undefined;
  }
}

/**
 * strconv.ParseUint(s, 10, 64): digits only, no sign.
 * @throws Error "strconv.ParseUint: parsing \"S\": invalid syntax" or "…: value out of range"
 */
export function goParseUint(s: string): bigint {
  const n = digitsValue(s);
  if (n === undefined) throw new Error(`strconv.ParseUint: parsing ${goQuote(s)}: invalid syntax`);
  if (n > UINT64_MAX) throw new Error(`strconv.ParseUint: parsing ${goQuote(s)}: value out of range`);
  return n;
}

/** Go int64 wrap-around of an addition result (two's complement, 64 bits). */
export function goInt64(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

/**
 * json.Unmarshal's syntax check for the files analyzers read: an empty (or all-space) file gives
 * Go's "unexpected end of JSON input"; other malformed text gives the JavaScript parser's message
 * (troubleshoot's collectors, like ours, only ever write valid JSON).
 * @throws Error
 */
export function goJsonParse(text: string): unknown {
  if (/^[ \t\r\n]*$/.test(text)) throw new Error("unexpected end of JSON input");
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new Error((err as Error).message);
  }
}

/** A spec string field as Go decodes it: absent or null is "", anything else its text. */
export function specString(v: unknown): string {
  return v === undefined || v === null ? "" : String(v);
}

/** A plain object field of a spec or a k8s object, else undefined. */
export function objectField(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** A list field of a k8s object (Go's nil slice for anything else). */
export function listField(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The `items` of a k8s list file (json.Unmarshal into a typed List: only names and annotations are read). */
export function listItems(text: string): Array<{ name: string; annotations: Record<string, string> }> {
  const list = objectField(goJsonParse(text)) ?? {};
  return listField(list.items).map((item) => {
    const meta = objectField(objectField(item)?.metadata) ?? {};
    const ann = objectField(meta.annotations) ?? {};
    return { name: specString(meta.name), annotations: Object.fromEntries(Object.entries(ann).map(([k, v]) => [k, specString(v)])) };
  });
}
