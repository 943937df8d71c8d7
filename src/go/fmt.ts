/** Go's fmt number texts the analyzers print (Go 1.26, as troubleshoot v0.133.0 is built with). */

/**
 * Formats a float64 like Go's fmt %v (strconv.FormatFloat(f, 'g', -1, 64)): shortest round-trip
 * digits, exponent form when the decimal exponent is < -4 or >= 6 (JavaScript switches at 21),
 * with at least two exponent digits: 1e+06, 1.5e-07, 123456, 3.5.
 */
export function formatGoFloat(f: number): string {
  if (Number.isNaN(f)) return "NaN";
  if (f === Infinity) return "+Inf";
  if (f === -Infinity) return "-Inf";
  if (f === 0) return Object.is(f, -0) ? "-0" : "0";
  const neg = f < 0;
  const [mant, expText] = Math.abs(f).toExponential().split("e");
  const exp = Number(expText);
  const digits = mant.replace(".", "");
  let out: string;
  if (exp < -4 || exp >= 6) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp);
    out = `${m}e${exp < 0 ? "-" : "+"}${e < 10 ? "0" : ""}${e}`;
  } else if (exp < 0) {
    out = `0.${"0".repeat(-exp - 1)}${digits}`;
  } else if (digits.length <= exp + 1) {
    out = digits + "0".repeat(exp + 1 - digits.length);
  } else {
    out = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  }
  return neg ? `-${out}` : out;
}
