/**
 * The value model of the template engine, mirroring the Go types KOTS template functions use:
 * string, bool, int (int64 → bigint), float64 (→ number), []string / []interface{} (→ array), nil (→ null).
 * Keeping int and float64 apart matters: Go's `eq 3 3.0` is an error and `Add 1 2` prints "3"
 * while `Add 1.5 2` prints "3.5" (KOTS pkg/template/static_context.go add/sub).
 */
export type GoValue = string | boolean | bigint | number | null | GoValue[];

/** Go's name for the dynamic type of a value, as text/template prints it in errors. */
export function goTypeName(v: GoValue): string {
  if (v === null) return "<nil>";
  if (Array.isArray(v)) return v.every((x) => typeof x === "string") ? "[]string" : "[]interface {}";
  switch (typeof v) {
    case "string":
      return "string";
    case "boolean":
      return "bool";
    case "bigint":
      return "int";
    default:
      return "float64";
  }
}

/**
 * Truth as text/template's `if`, `and`, `or`, `not` see it (Go text/template exec.go isTrue):
 * false, 0, 0.0, "", nil and empty lists are false; everything else is true.
 */
export function isTrue(v: GoValue): boolean {
  if (v === null) return false;
  if (Array.isArray(v)) return v.length > 0;
  switch (typeof v) {
    case "string":
      return v.length > 0;
    case "boolean":
      return v;
    case "bigint":
      return v !== 0n;
    default:
      return v !== 0;
  }
}

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

/**
 * Prints a value the way text/template writes an action's result (fmt.Fprint):
 * lists as "[a b]", nil as "<no value>", floats per formatGoFloat.
 */
export function printValue(v: GoValue): string {
  if (v === null) return "<no value>";
  if (Array.isArray(v)) return `[${v.map(printInner).join(" ")}]`;
  switch (typeof v) {
    case "string":
      return v;
    case "boolean":
    case "bigint":
      return String(v);
    default:
      return formatGoFloat(v);
  }
}

function printInner(v: GoValue): string {
  return v === null ? "<nil>" : printValue(v);
}
