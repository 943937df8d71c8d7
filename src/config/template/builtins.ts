import { FunctionCallError } from "./errors.ts";
import { fn, type FunctionMap } from "./functions.ts";
import { goQuote, utf8 } from "./strings.ts";
import { formatGoFloat, formatPointer, goBytes, GoPointer, goTypeName, isTrue, printValue, underlying, type GoValue } from "./values.ts";

/**
 * Go text/template's predefined functions (text/template funcs.go builtins) that KOTS templates
 * use: and, or, not, eq, ne, lt, le, gt, ge, len, index, print, printf, println.
 */
/**
 * Go's `and`/`or`: evaluate arguments left to right and return the first one whose truth equals
 * `stopOn` (or the last argument), without evaluating the rest (text/template funcs.go).
 */
function shortCircuit(stopOn: boolean): FunctionMap[string] {
  return {
    params: [],
    variadic: "any",
    call: () => null,
    lazy: (args) => {
      let v: GoValue = null;
      for (const a of args) {
        v = a();
        if (isTrue(v) === stopOn) return v;
      }
      return v;
    },
  };
}

export const builtinFunctions: FunctionMap = {
  and: shortCircuit(false),
  or: shortCircuit(true),
  not: fn(["any"], ([a]) => !isTrue(a)),
  eq: fn(["any"], (args) => eq(args[0], args.slice(1)), "any"),
  ne: fn(["any", "any"], ([a, b]) => !eq(a, [b])),
  lt: fn(["any", "any"], ([a, b]) => lt(a, b)),
  le: fn(["any", "any"], ([a, b]) => lt(a, b) || eq(a, [b])),
  gt: fn(["any", "any"], ([a, b]) => !(lt(a, b) || eq(a, [b]))),
  ge: fn(["any", "any"], ([a, b]) => !lt(a, b)),
  len: fn(["any"], ([a]) => {
    if (typeof a === "string") return BigInt(new TextEncoder().encode(a).length);
    if (Array.isArray(a)) return BigInt(a.length);
    throw new FunctionCallError(`len of type ${goTypeName(a)}`);
  }),
  index: fn(
    ["any"],
    ([list, ...idx]) => {
      let cur: GoValue = list;
      for (const i of idx) {
        if (!Array.isArray(cur)) throw new FunctionCallError(`can't index item of type ${goTypeName(cur)}`);
        if (typeof i !== "bigint") throw new FunctionCallError(`cannot index slice/array with type ${goTypeName(i)}`);
        if (i < 0n || i >= BigInt(cur.length)) throw new FunctionCallError(`index out of range: ${i}`);
        cur = cur[Number(i)];
      }
      return cur;
    },
    "any",
  ),
  print: fn([], (args) => sprint(args), "any"),
  println: fn([], (args) => args.map(printValue).join(" ") + "\n", "any"),
  printf: fn(["string"], ([format, ...args]) => sprintf(format as string, args), "any"),
};

type Kind = "bool" | "int" | "float" | "string" | "other";
function kindOf(v: GoValue): Kind {
  if (typeof v === "boolean") return "bool";
  if (typeof v === "bigint") return "int";
  if (typeof v === "number") return "float";
  if (typeof v === "string") return "string";
  return "other";
}

/** Go text/template eq: true if arg1 equals any of the others; differing basic kinds are an error. */
function eq(a: GoValue, others: GoValue[]): boolean {
  if (others.length === 0) throw new FunctionCallError("missing argument for comparison");
  const ka = kindOf(a);
  for (const b of others) {
    const kb = kindOf(b);
    if (ka !== kb) {
      if (a !== null && b !== null) throw new FunctionCallError("incompatible types for comparison");
      continue;
    }
    if (ka === "other") {
      if (a === null && b === null) return true;
      if (a === null || b === null) continue;
      throw new FunctionCallError(`non-comparable types ${goTypeName(a)} and ${goTypeName(b)}`);
    }
    if (a === b) return true;
  }
  return false;
}

/** Go text/template lt: ints, floats and strings of the same kind; anything else is an error. */
function lt(a: GoValue, b: GoValue): boolean {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka === "bool" || ka === "other" || kb === "bool" || kb === "other") throw new FunctionCallError("invalid type for comparison");
  if (ka !== kb) throw new FunctionCallError("incompatible types for comparison");
  return (a as string | number | bigint) < (b as string | number | bigint);
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
function sprint(args: GoValue[]): string {
  let out = "";
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== "string" && typeof args[i - 1] !== "string") out += " ";
    out += printValue(a);
  });
  return out;
}

/** fmt.Sprintf for the common verbs: %v %s %d %q %t %f %e %g %x %X %%, with width, precision, '-' and '0'. */
export function sprintf(format: string, args: GoValue[]): string {
  let argi = 0;
  const out = format.replace(/%([-+# 0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g, (_whole, flags: string, width?: string, prec?: string, verb?: string) => {
    if (verb === "%") return "%";
    if (argi >= args.length) return `%!${verb}(MISSING)`;
    const arg = args[argi++];
    // a named value (v1.PodPhase, int32) formats as its underlying value; errors name its type
    // ... and a []byte formats as the string it holds for %s, %q, %x (fmt's byte-slice rule)
    const bytes = goBytes(arg);
    const a = bytes && "sqxX".includes(verb ?? "") ? utf8(bytes) : underlying(arg);
    const p = prec === undefined ? undefined : Number(prec);
    let s: string;
    const bad = () => `%!${verb}(${goTypeName(arg)}=${printValue(arg)})`;
    switch (verb) {
      case "v":
        s = arg instanceof GoPointer ? formatPointer(arg) : printValue(a);
        break;
      case "s":
        s = printValue(a);
        if (p !== undefined) s = Array.from(s).slice(0, p).join("");
        break;
      case "q":
        s = typeof a === "string" ? goQuote(a) : bad();
        break;
      case "d":
        s = typeof a === "bigint" ? a.toString() : bad();
        break;
      case "t":
        s = typeof a === "boolean" ? String(a) : bad();
        break;
      case "f":
      case "F":
        s = typeof a === "number" ? a.toFixed(p ?? 6) : bad();
        break;
      case "e":
        s = typeof a === "number" ? goExp(a, p ?? 6) : bad();
        break;
      case "g":
        s = typeof a === "number" ? formatGoFloat(a) : bad();
        break;
      case "x":
      case "X": {
        if (typeof a === "bigint") s = (a < 0n ? "-" : "") + (a < 0n ? -a : a).toString(16);
        else if (typeof a === "string") s = Array.from(new TextEncoder().encode(a), (b) => b.toString(16).padStart(2, "0")).join("");
        else s = bad();
        if (verb === "X") s = s.toUpperCase();
        break;
      }
      default:
        s = `%!${verb}(${goTypeName(a)}=${printValue(a)})`;
    }
    if (flags.includes("+") && (typeof a === "bigint" || typeof a === "number") && !s.startsWith("-")) s = `+${s}`;
    const w = width === undefined ? 0 : Number(width);
    if (s.length < w) {
      if (flags.includes("-")) s = s.padEnd(w);
      else if (flags.includes("0") && (typeof a === "bigint" || typeof a === "number")) {
        const sign = /^[+-]/.test(s) ? s[0] : "";
        s = sign + s.slice(sign.length).padStart(w - sign.length, "0");
      } else s = s.padStart(w);
    }
    return s;
  });
  if (argi < args.length) return `${out}%!(EXTRA ${args.slice(argi).map((a) => `${goTypeName(a)}=${printValue(a)}`).join(", ")})`;
  return out;
}

function goExp(f: number, prec: number): string {
  const [m, e] = f.toExponential(prec).split("e");
  const n = Number(e);
  return `${m}e${n < 0 ? "-" : "+"}${Math.abs(n) < 10 ? "0" : ""}${Math.abs(n)}`;
}
