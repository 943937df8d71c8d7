/**
 * Kubernetes resource.Quantity (apimachinery v0.36.3) parsing and comparison. Expected values are
 * apimachinery's own (ParseQuantity then AsDec, trailing zeros dropped; its error texts), written
 * out per case: suffixes, exponents, rounding up to 1n, the binary-SI cap at 2^63-1, the quirks
 * ("-" and "." are 0, ".e-10" is a numeric error, an int32-truncated exponent).
 */
import { describe, expect, test } from "bun:test";
import { ERR_FORMAT_WRONG, mustParseQuantity, parseQuantity, type Quantity } from "../../../src/preflight/app/quantity.ts";

/** mantissa × 10^exp as a plain decimal with no trailing fractional zeros. */
function decimal(q: Quantity): string {
  const neg = q.mantissa < 0n;
  const digits = (neg ? -q.mantissa : q.mantissa).toString();
  let text: string;
  if (q.exp >= 0) text = digits + "0".repeat(q.exp);
  else {
    const padded = digits.padStart(-q.exp + 1, "0");
    const cut = padded.length + q.exp;
    text = `${padded.slice(0, cut)}.${padded.slice(cut)}`.replace(/0+$/, "").replace(/\.$/, "");
  }
  if (text === "0" || /^0*$/.test(text)) return "0";
  return neg ? `-${text}` : text;
}

// [input, exact value, format] or [input, { error }]
const CASES: Array<[string, string, string] | [string, { error: string }]> = [
  ["8", "8", "DecimalSI"],
  ["0", "0", "DecimalSI"],
  ["32Gi", "34359738368", "BinarySI"],
  ["100Gi", "107374182400", "BinarySI"],
  ["1.5Gi", "1610612736", "BinarySI"],
  ["0.5Ki", "512", "BinarySI"],
  ["500m", "0.5", "DecimalSI"],
  ["0.1m", "0.0001", "DecimalSI"],
  ["0.0000000001", "0.000000001", "DecimalSI"],
  ["-0.0000000001", "-0.000000001", "DecimalSI"],
  ["1e3", "1000", "DecimalExponent"],
  ["1E3", "1000", "DecimalExponent"],
  ["1e-3", "0.001", "DecimalExponent"],
  ["1e-12", "0.000000001", "DecimalExponent"],
  ["5E-2", "0.05", "DecimalExponent"],
  ["1k", "1000", "DecimalSI"],
  ["1K", { error: "unable to parse quantity's suffix" }],
  ["1M", "1000000", "DecimalSI"],
  ["1G", "1000000000", "DecimalSI"],
  ["1T", "1000000000000", "DecimalSI"],
  ["1P", "1000000000000000", "DecimalSI"],
  ["1E", "1000000000000000000", "DecimalSI"],
  ["2Ei", "2305843009213693952", "BinarySI"],
  ["16Ei", "9223372036854775807", "BinarySI"],
  ["1Pi", "1125899906842624", "BinarySI"],
  ["1n", "0.000000001", "DecimalSI"],
  ["1u", "0.000001", "DecimalSI"],
  ["+5", "5", "DecimalSI"],
  ["-5", "-5", "DecimalSI"],
  ["-", "0", "DecimalSI"],
  ["+", "0", "DecimalSI"],
  [".", "0", "DecimalSI"],
  [".5", "0.5", "DecimalSI"],
  ["5.", "5", "DecimalSI"],
  ["1.G", "1000000000", "DecimalSI"],
  [".e-10", { error: "unable to parse numeric part of quantity" }],
  [".e-5", "0", "DecimalExponent"],
  ["abc", { error: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" }],
  ["", { error: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" }],
  ["1.5.5", { error: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" }],
  ["1Ki ", { error: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" }],
  [" 1Ki", { error: "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'" }],
  ["1kK", { error: "unable to parse quantity's suffix" }],
  ["1e", { error: "unable to parse quantity's suffix" }],
  ["1e+3", "1000", "DecimalExponent"],
  ["1ee3", { error: "unable to parse quantity's suffix" }],
  ["1Gi3", { error: "unable to parse quantity's suffix" }],
  ["1i", { error: "unable to parse quantity's suffix" }],
  ["m", "0", "DecimalSI"],
  ["k", "0", "DecimalSI"],
  ["Ki", "0", "BinarySI"],
  ["007", "7", "DecimalSI"],
  ["-000", "0", "DecimalSI"],
  ["123456789012345678901234567890", "123456789012345678901234567890", "DecimalSI"],
  ["1.23456789012345678901234567890", "1.234567891", "DecimalSI"],
  ["99999999999999999999Ki", "9223372036854775807", "BinarySI"],
  ["1e4294967296", "1", "DecimalExponent"],
  ["1e9223372036854775808", { error: "unable to parse quantity's suffix" }],
  ["0.000000001Ki", "0.000001024", "DecimalSI"],
  ["9223372036854775807", "9223372036854775807", "DecimalSI"],
  ["9223372036854775808", "9223372036854775808", "DecimalSI"],
  ["1.0000000001Gi", "1073741824.107374183", "BinarySI"],

];

describe("ParseQuantity", () => {
  for (const c of CASES) {
    test(JSON.stringify(c[0]), () => {
      if (c.length === 2) {
        expect(() => parseQuantity(c[0])).toThrow(c[1].error);
        return;
      }
      const q = parseQuantity(c[0]);
      expect(decimal(q)).toBe(c[1]);
      expect(q.format).toBe(c[2] as Quantity["format"]);
    });
  }

  test("the format error names apimachinery's regular expression", () => {
    expect(ERR_FORMAT_WRONG).toBe("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
  });

  test("MustParse's panic text", () => {
    expect(() => mustParseQuantity("abc")).toThrow(`cannot parse 'abc': ${ERR_FORMAT_WRONG}`);
    expect(() => mustParseQuantity("1e")).toThrow("cannot parse '1e': unable to parse quantity's suffix");
  });

  test("a value far below 1n still rounds up to 1n without building the power", () => {
    expect(decimal(parseQuantity("1e-2000000000"))).toBe("0.000000001");
  });
});

// [a, b, a.Cmp(b)]
const COMPARES: Array<[string, string, number]> = [
  ["1Gi", "1024Mi", 0],
  ["1G", "1Gi", -1],
  ["1000m", "1", 0],
  ["0.5", "500m", 0],
  ["32Gi", "34359738368", 0],
  ["110", "1.1e2", 0],
  ["8", "7999m", 1],
  ["-1", "0", -1],
  ["1e3", "1k", 0],
];

describe("Quantity.Cmp and Add", () => {
  for (const [a, b, want] of COMPARES) {
    test(`${a} vs ${b}`, () => {
      expect(parseQuantity(a).cmp(parseQuantity(b))).toBe(want);
      expect(parseQuantity(b).cmp(parseQuantity(a))).toBe(-want || 0);
    });
  }

  test("huge exponents compare by magnitude", () => {
    expect(parseQuantity("1e2000000").cmp(parseQuantity("9e1999999"))).toBe(1);
    expect(parseQuantity("-1e2000000").cmp(parseQuantity("1"))).toBe(-1);
  });

  test("sums are exact across suffixes", () => {
    const sum = parseQuantity("32Gi").add(parseQuantity("500m")).add(parseQuantity("1e-9"));
    expect(decimal(sum)).toBe("34359738368.500000001");
    expect(sum.cmp(parseQuantity("34359738368500000001n"))).toBe(0);
  });
});
