import { FunctionCallError } from "./errors.ts";
import { fn, type FunctionMap } from "./functions.ts";
import {
  GoMap,
  GoNamed,
  GoPointer,
  GoStruct,
  goTypeName,
  goTypeString,
  printValue,
  zeroValue,
  type GoType,
  type GoValue,
} from "./values.ts";

/**
 * Go text/template's predefined eq, ne, lt, le, gt, ge, len and index exactly as Go 1.26 has them
 * (text/template funcs.go), for templates executed with Go data (maps, structs, pointers, named
 * types). They replace the KOTS-era versions in builtins.ts only for such templates, so KOTS
 * Config rendering keeps its messages. Errors are thrown as FunctionCallError with Go's texts.
 */
export const goBuiltinFunctions: FunctionMap = {
  eq: fn(["any"], ([a, ...others]) => eq(a, others), "any"),
  ne: fn(["any", "any"], ([a, b]) => !eq(a, [b])),
  lt: fn(["any", "any"], ([a, b]) => lt(a, b)),
  le: fn(["any", "any"], ([a, b]) => lt(a, b) || eq(a, [b])),
  gt: fn(["any", "any"], ([a, b]) => !(lt(a, b) || eq(a, [b]))),
  ge: fn(["any", "any"], ([a, b]) => !lt(a, b)),
  len: fn(["any"], ([a]) => length(a)),
  index: fn(["any"], ([item, ...idx]) => index(item, idx), "any"),
};

type Kind = "bool" | "int" | "uint" | "float" | "string" | "invalid";

/** Go's basicKind: the comparison class of a value (named types by their underlying kind). */
function basicKind(v: GoValue): Kind {
  if (v instanceof GoNamed) return v.type.base;
  switch (typeof v) {
    case "boolean":
      return "bool";
    case "bigint":
      return "int";
    case "number":
      return "float";
    case "string":
      return "string";
    default:
      return "invalid";
  }
}

const raw = (v: GoValue) => (v instanceof GoNamed ? v.value : v) as string | boolean | bigint | number;

function isNil(v: GoValue): boolean {
  return v === null || (v instanceof GoPointer && v.target === null);
}

/** Go's reflect Kind class for canCompare: values of different kinds never compare. */
function reflectKind(v: GoValue): string {
  if (v === null) return "invalid";
  if (Array.isArray(v)) return "slice";
  if (v instanceof GoMap) return "map";
  if (v instanceof GoPointer) return "ptr";
  if (v instanceof GoStruct) return "struct";
  return basicKind(v);
}

function comparableType(t: GoType): boolean {
  switch (t.kind) {
    case "slice":
    case "map":
      return false;
    case "struct":
      return t.fields().every((f) => comparableType(f.type));
    default:
      return true;
  }
}

function comparable(v: GoValue): boolean {
  if (Array.isArray(v) || v instanceof GoMap) return false;
  if (v instanceof GoStruct) return comparableType(v.type);
  return true;
}

/** == on comparable Go values: pointers by identity, structs field by field. */
function sameValue(a: GoValue, b: GoValue): boolean {
  if (goTypeName(a) !== goTypeName(b)) return false;
  if (a instanceof GoPointer && b instanceof GoPointer) return a === b || (a.target !== null && a.target === b.target);
  if (a instanceof GoStruct && b instanceof GoStruct) return a.type.fields().every((_f, i) => sameValue(a.get(i), b.get(i)));
  return raw(a) === raw(b);
}

function eq(a: GoValue, others: GoValue[]): boolean {
  if (others.length === 0) throw new FunctionCallError("missing argument for comparison");
  const k1 = basicKind(a);
  for (const b of others) {
    const k2 = basicKind(b);
    let truth = false;
    if (k1 !== k2) {
      if (k1 === "int" && k2 === "uint") truth = (raw(a) as bigint) >= 0n && raw(a) === raw(b);
      else if (k1 === "uint" && k2 === "int") truth = (raw(b) as bigint) >= 0n && raw(a) === raw(b);
      else if (a !== null && b !== null) throw new FunctionCallError(`incompatible types for comparison: ${goTypeName(a)} and ${goTypeName(b)}`);
    } else if (k1 !== "invalid") {
      truth = raw(a) === raw(b);
    } else {
      const ka = reflectKind(a);
      const kb = reflectKind(b);
      if (ka !== kb && ka !== "invalid" && kb !== "invalid") {
        throw new FunctionCallError(`non-comparable types ${printValue(a)}: ${goTypeName(a)}, ${goTypeName(b)}: ${printValue(b)}`);
      }
      if (isNil(a) || isNil(b)) truth = isNil(a) === isNil(b);
      else {
        if (!comparable(b)) throw new FunctionCallError(`non-comparable type ${printValue(b)}: ${goTypeName(b)}`);
        truth = sameValue(a, b);
      }
    }
    if (truth) return true;
  }
  return false;
}

function lt(a: GoValue, b: GoValue): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === "invalid" || k2 === "invalid") throw new FunctionCallError("invalid type for comparison");
  if (k1 !== k2) {
    if (k1 === "int" && k2 === "uint") return (raw(a) as bigint) < 0n || (raw(a) as bigint) < (raw(b) as bigint);
    if (k1 === "uint" && k2 === "int") return (raw(b) as bigint) >= 0n && (raw(a) as bigint) < (raw(b) as bigint);
    throw new FunctionCallError(`incompatible types for comparison: ${goTypeName(a)} and ${goTypeName(b)}`);
  }
  if (k1 === "bool") throw new FunctionCallError("invalid type for comparison");
  if (k1 === "string") return compareBytes(raw(a) as string, raw(b) as string) < 0;
  return (raw(a) as number | bigint) < (raw(b) as number | bigint);
}

function compareBytes(a: string, b: string): number {
  const ea = new TextEncoder().encode(a);
  const eb = new TextEncoder().encode(b);
  for (let i = 0; i < Math.min(ea.length, eb.length); i++) if (ea[i] !== eb[i]) return ea[i] - eb[i];
  return ea.length - eb.length;
}

function length(a: GoValue): bigint {
  let v = a;
  while (v instanceof GoPointer) {
    if (v.target === null) throw new FunctionCallError("len of nil pointer");
    v = v.target;
  }
  const r = v instanceof GoNamed ? v.value : v;
  if (typeof r === "string") return BigInt(new TextEncoder().encode(r).length);
  if (Array.isArray(v)) return BigInt(v.length);
  if (v instanceof GoMap) return BigInt(v.entries.size);
  if (v === null) throw new FunctionCallError("reflect: call of reflect.Value.Type on zero Value");
  throw new FunctionCallError(`len of type ${goTypeName(v)}`);
}

const UINT8 = { kind: "basic", name: "uint8", base: "uint" } as const;

function indexArg(i: GoValue, cap: number): number {
  const k = basicKind(i);
  if (i === null) throw new FunctionCallError("cannot index slice/array with nil");
  if (k !== "int" && k !== "uint") throw new FunctionCallError(`cannot index slice/array with type ${goTypeName(i)}`);
  const x = raw(i) as bigint;
  if (x < 0n || x > BigInt(cap)) throw new FunctionCallError(`index out of range: ${x}`);
  return Number(x);
}

function index(item: GoValue, indexes: GoValue[]): GoValue {
  if (item === null) throw new FunctionCallError("index of untyped nil");
  let cur: GoValue = item;
  for (const i of indexes) {
    while (cur instanceof GoPointer && cur.target !== null) cur = cur.target;
    if (cur === null || cur instanceof GoPointer) throw new FunctionCallError("index of nil pointer");
    const r = cur instanceof GoNamed ? cur.value : cur;
    if (Array.isArray(cur)) {
      const x = indexArg(i, cur.length);
      if (x === cur.length) throw new FunctionCallError("reflect: slice index out of range");
      cur = cur[x];
    } else if (typeof r === "string") {
      const bytes = new TextEncoder().encode(r);
      const x = indexArg(i, bytes.length);
      if (x === bytes.length) throw new FunctionCallError("reflect: string index out of range");
      cur = new GoNamed(UINT8, BigInt(bytes[x]));
    } else if (cur instanceof GoMap) {
      const keyName = goTypeString(cur.type.key);
      if (i === null) throw new FunctionCallError(`value is nil; should be of type ${keyName}`);
      if (goTypeName(i) !== keyName) throw new FunctionCallError(`value has type ${goTypeName(i)}; should be ${keyName}`);
      const key = String(raw(i));
      cur = cur.entries.has(key) ? cur.entries.get(key)! : zeroValue(cur.type.elem);
    } else {
      throw new FunctionCallError(`can't index item of type ${goTypeName(cur)}`);
    }
  }
  return cur;
}
