/**
 * Kubernetes resource quantities (k8s.io/apimachinery v0.36.3 pkg/api/resource, the version
 * troubleshoot v0.133.0 is built with): ParseQuantity with its grammar, rounding and error texts,
 * and the exact comparison and sum troubleshoot's nodeResources analyzer relies on.
 *
 * Grammar: [+-] digits [. digits] suffix, the suffix one of the binary SI `Ki Mi Gi Ti Pi Ei`
 * (powers of 1024), the decimal SI `n u m "" k M G T P E`, or a decimal exponent `e`/`E` with an
 * optional sign ("1e3", "5E-2"). Values are exact (no floats): a value finer than 1n (10^-9) is
 * rounded up, away from zero, to the next nano; a binary-SI value beyond 2^63-1 is capped there.
 */

/** The three ways a quantity is written; only kept for completeness (comparison ignores it). */
export type QuantityFormat = "DecimalExponent" | "BinarySI" | "DecimalSI";

const SPLIT_RE = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";
/** resource.ErrFormatWrong's text. */
export const ERR_FORMAT_WRONG = `quantities must match the regular expression '${SPLIT_RE}'`;
/** resource.ErrNumeric's text. */
export const ERR_NUMERIC = "unable to parse numeric part of quantity";
/** resource.ErrSuffix's text. */
export const ERR_SUFFIX = "unable to parse quantity's suffix";

const MAX_INT64 = (1n << 63n) - 1n;
const NANO = -9;

/** An exact quantity: mantissa × 10^exp (exp ≥ -9 once parsed). */
export class Quantity {
  constructor(
    readonly mantissa: bigint,
    readonly exp: number,
    readonly format: QuantityFormat = "DecimalSI",
  ) {}

  /** The zero quantity (Go's `resource.Quantity{}`). */
  static zero(format: QuantityFormat = "DecimalSI"): Quantity {
    return new Quantity(0n, 0, format);
  }

  /** Quantity.Cmp: -1, 0 or 1. */
  cmp(other: Quantity): number {
    return compareScaled(this.mantissa, this.exp, other.mantissa, other.exp);
  }

  /** Quantity.Add, as a new value (exact; a zero receiver takes the other's format, as Go's does). */
  add(other: Quantity): Quantity {
    const e = Math.min(this.exp, other.exp);
    const m = this.mantissa * 10n ** BigInt(this.exp - e) + other.mantissa * 10n ** BigInt(other.exp - e);
    return new Quantity(m, e, this.mantissa === 0n ? other.format : this.format);
  }
}

function digitCount(m: bigint): number {
  return m === 0n ? 0 : (m < 0n ? -m : m).toString().length;
}

/** Compares a×10^ea with b×10^eb without building huge powers when the magnitudes differ. */
function compareScaled(a: bigint, ea: number, b: bigint, eb: number): number {
  const sa = a === 0n ? 0 : a > 0n ? 1 : -1;
  const sb = b === 0n ? 0 : b > 0n ? 1 : -1;
  if (sa !== sb) return sa > sb ? 1 : -1;
  if (sa === 0) return 0;
  // Same sign, both non-zero: compare orders of magnitude first.
  const ma = digitCount(a) + ea;
  const mb = digitCount(b) + eb;
  if (ma !== mb) return (ma > mb ? 1 : -1) * sa;
  const e = Math.min(ea, eb);
  const x = a * 10n ** BigInt(ea - e);
  const y = b * 10n ** BigInt(eb - e);
  return x === y ? 0 : x > y ? 1 : -1;
}

interface Scanned {
  positive: boolean;
  /** the number as written, sign included (what inf.Dec would parse) */
  value: string;
  num: string;
  denom: string;
  suffix: string;
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= "0" && c <= "9";
const SUFFIX_CHARS = "eEinumkKMGTP";

/** parseQuantityString: sign, number and suffix of a quantity, or ErrFormatWrong. */
function scan(str: string): Scanned {
  let positive = true;
  let pos = 0;
  const end = str.length;
  if (pos < end) {
    if (str[0] === "-") {
      positive = false;
      pos++;
    } else if (str[0] === "+") pos++;
  }
  // leading zeros
  for (let i = pos; ; i++) {
    if (i >= end) return { positive, value: "0", num: "0", denom: "", suffix: "" };
    if (str[i] === "0") pos++;
    else break;
  }
  let num = "";
  let denom = "";
  let i = pos;
  while (i < end && isDigit(str[i])) i++;
  num = str.slice(pos, i);
  if (i >= end) return { positive, value: str, num, denom, suffix: "" };
  pos = i;
  if (num === "") num = "0";
  if (pos < end && str[pos] === ".") {
    pos++;
    let j = pos;
    while (j < end && isDigit(str[j])) j++;
    denom = str.slice(pos, j);
    if (j >= end) return { positive, value: str, num, denom, suffix: "" };
    pos = j;
  }
  const value = str.slice(0, pos);
  const suffixStart = pos;
  let k = pos;
  while (k < end && SUFFIX_CHARS.includes(str[k]!)) k++;
  if (k >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
  pos = k;
  if (str[pos] === "-" || str[pos] === "+") pos++;
  for (let m = pos; ; m++) {
    if (m >= end) return { positive, value, num, denom, suffix: str.slice(suffixStart) };
    if (!isDigit(str[m])) break;
  }
  throw new Error(ERR_FORMAT_WRONG);
}

interface Suffix {
  base: 2 | 10;
  exponent: number;
  format: QuantityFormat;
}

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, "": 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/** The suffixer's interpret: SI tables first, then "e"/"E" + a 64-bit integer, truncated to int32 as Go does. */
function interpret(s: string): Suffix | undefined {
  if (Object.hasOwn(DECIMAL_SUFFIXES, s)) return { base: 10, exponent: DECIMAL_SUFFIXES[s]!, format: "DecimalSI" };
  if (Object.hasOwn(BINARY_SUFFIXES, s)) return { base: 2, exponent: BINARY_SUFFIXES[s]!, format: "BinarySI" };
  if (s.length > 1 && (s[0] === "E" || s[0] === "e")) {
    const m = /^[+-]?[0-9]+$/.exec(s.slice(1));
    if (!m) return undefined;
    const n = BigInt(s.slice(1));
    if (n > MAX_INT64 || n < -MAX_INT64 - 1n) return undefined;
    return { base: 10, exponent: Number(BigInt.asIntN(32, n)), format: "DecimalExponent" };
  }
  return undefined;
}

/**
 * resource.ParseQuantity.
 * @returns the exact value (rounded up to 1n, binary SI capped at 2^63-1)
 * @throws Error with apimachinery's text: ERR_FORMAT_WRONG, ERR_SUFFIX or ERR_NUMERIC
 */
export function parseQuantity(str: string): Quantity {
  if (str.length === 0) throw new Error(ERR_FORMAT_WRONG);
  if (str === "0") return Quantity.zero("DecimalSI");
  const sc = scan(str);
  const suffix = interpret(sc.suffix);
  if (!suffix) throw new Error(ERR_SUFFIX);
  // The slow path (inf.Dec) is taken when the fast int64 path cannot hold the value; it rejects a
  // number with no digit at all (".", "-."), which the fast path reads as 0.
  if (!/[0-9]/.test(sc.value) && needsSlowPath(sc, suffix)) throw new Error(ERR_NUMERIC);
  let mantissa = BigInt(sc.num + sc.denom);
  let exp = -sc.denom.length;
  if (suffix.base === 10) exp += suffix.exponent;
  else mantissa *= 1n << BigInt(suffix.exponent);
  if (exp < NANO) {
    // Round up, away from zero (the sign is applied last), to a whole number of nanos.
    if (NANO - exp > digitCount(mantissa)) mantissa = mantissa === 0n ? 0n : 1n;
    else {
      const div = 10n ** BigInt(NANO - exp);
      const q = mantissa / div;
      mantissa = mantissa % div === 0n ? q : q + 1n;
    }
    exp = NANO;
  }
  let format = suffix.format;
  if (format === "BinarySI" && compareScaled(mantissa, exp, MAX_INT64, 0) > 0) {
    mantissa = MAX_INT64;
    exp = 0;
  }
  if (format === "BinarySI" && compareScaled(mantissa, exp, 1n, 0) < 0 && mantissa > 0n) format = "DecimalSI";
  return new Quantity(sc.positive ? mantissa : -mantissa, exp, format);
}

/** Whether ParseQuantity leaves its int64 fast path for inf.Dec (only then is a digit-less number an error). */
function needsSlowPath(sc: Scanned, suffix: Suffix): boolean {
  let precision: number;
  let scale = 0;
  if (suffix.format === "BinarySI") {
    if (suffix.exponent >= 0 && sc.denom.length === 0) precision = 15 - sc.num.length - Math.trunc((suffix.exponent * 3) / 10) - 1;
    else precision = -1;
  } else {
    scale = suffix.exponent;
    precision = 18 - (sc.num.length + sc.denom.length);
  }
  if (precision < 0) return true;
  scale -= sc.denom.length;
  return scale < NANO;
}

/**
 * resource.MustParse's panic text for an unparsable string: "cannot parse 'S': ERR".
 * @throws Error with that text
 */
export function mustParseQuantity(str: string): Quantity {
  try {
    return parseQuantity(str);
  } catch (err) {
    throw new Error(`cannot parse '${str}': ${(err as Error).message}`);
  }
}
