import type { TemplateContext } from "./context.ts";
import { FunctionCallError } from "./errors.ts";
import { goTypeName, type GoValue } from "./values.ts";

/** How an argument is converted before a call, like reflect conversion in Go text/template funcs. */
export type ParamType = "string" | "int" | "float" | "bool" | "any";

/** A template function: typed parameters (Go's signature), an optional variadic tail, the body. */
export interface TemplateFunction {
  params: ParamType[];
  variadic?: ParamType;
  call(args: GoValue[], ctx: TemplateContext): GoValue;
  /** and/or: arguments are thunks evaluated left to right only as needed (Go 1.18+) */
  lazy?: (args: Array<() => GoValue>, ctx: TemplateContext) => GoValue;
}

export type FunctionMap = Record<string, TemplateFunction>;

/** Shorthand for defining a function with a fixed signature. */
export function fn(params: ParamType[], call: TemplateFunction["call"], variadic?: ParamType): TemplateFunction {
  return { params, call, variadic };
}

/**
 * Converts arguments to the function's parameter types; errors read like Go's
 * ("wrong number of args for X: want 2 got 1", "wrong type for value; expected string; got int").
 * Integers are accepted for float parameters and integral floats for int parameters.
 */
export function convertArgs(name: string, f: TemplateFunction, args: GoValue[]): GoValue[] {
  const want = f.params.length;
  if (f.variadic ? args.length < want : args.length !== want) {
    throw new FunctionCallError(`wrong number of args for ${name}: want ${f.variadic ? "at least " : ""}${want} got ${args.length}`);
  }
  return args.map((a, i) => convert(a, i < want ? f.params[i] : f.variadic!));
}

function convert(v: GoValue, t: ParamType): GoValue {
  switch (t) {
    case "any":
      return v;
    case "string":
      if (typeof v === "string") return v;
      break;
    case "bool":
      if (typeof v === "boolean") return v;
      break;
    case "int":
      if (typeof v === "bigint") return v;
      if (typeof v === "number" && Number.isInteger(v)) return BigInt(v);
      break;
    case "float":
      if (typeof v === "number") return v;
      if (typeof v === "bigint") return Number(v);
      break;
  }
  const goName = { string: "string", bool: "bool", int: "int", float: "float64" }[t];
  if (v === null) throw new FunctionCallError(`invalid value; expected ${goName}`);
  throw new FunctionCallError(`wrong type for value; expected ${goName}; got ${goTypeName(v)}`);
}
