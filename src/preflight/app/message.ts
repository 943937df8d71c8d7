import { renderGoText } from "../../config/template/go-render.ts";
import {
  GO_BOOL,
  GO_FLOAT64,
  GO_INT,
  GO_INTERFACE,
  GO_STRING,
  GoMap,
  GoNamed,
  GoPointer,
  GoStruct,
  basicValue,
  goSlice,
  sliceType,
  zeroValue,
  type GoField,
  type GoStructType,
  type GoType,
  type GoValue,
} from "../../config/template/values.ts";

export { GoTemplateError } from "../../config/template/go-render.ts";

/**
 * troubleshoot's message templates (troubleshoot v0.133.0 internal/util/util.go RenderTemplate):
 * Go text/template with the standard `{{ }}` delimiters and the sprig function map (the sprig
 * subset this engine has, plus Go's predefined functions), template name "data", executed with
 * `data` as dot.
 *
 * `data` is a plain JS value, converted as Go would see the same data decoded from JSON into
 * interface {}: objects → map[string]interface {}, arrays → []interface {}, numbers → float64,
 * strings, booleans, null → nil. A bigint is a Go int (for Go int fields). Values built for Go
 * (goView(k8sObject), goStruct(...), engine values) are used as they are, also inside objects.
 *
 * Throws GoTemplateError whose message is Go's error text ("template: data:1:3: executing \"data\"
 * at <.Foo>: can't evaluate field Foo in type v1.Pod"); callers wrap it or fall back to the raw
 * text as troubleshoot does at that call site.
 */
export function renderGoTemplate(text: string, data: unknown): string {
  return renderGoText(text, toGoValue(data), { name: "data" });
}

const MAP_ANY = { kind: "map", key: GO_STRING, elem: GO_INTERFACE } as const;
const SLICE_ANY = { kind: "slice", elem: GO_INTERFACE } as const;

/** A plain JS value as Go's encoding/json decodes it into interface {} (see renderGoTemplate). */
export function toGoValue(v: unknown): GoValue {
  if (v === null || v === undefined) return null;
  if (v instanceof GoNamed || v instanceof GoMap || v instanceof GoStruct || v instanceof GoPointer) return v;
  switch (typeof v) {
    case "string":
    case "boolean":
    case "bigint":
    case "number":
      return v;
  }
  if (Array.isArray(v)) return sliceType(v) ? (v as GoValue[]) : goSlice(SLICE_ANY, v.map(toGoValue));
  if (typeof v === "object") {
    const entries = new Map<string, GoValue>();
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) entries.set(k, toGoValue(x));
    return new GoMap(MAP_ANY, entries);
  }
  throw new TypeError(`renderGoTemplate: cannot pass a ${typeof v} to a Go template`);
}

/**
 * A Go struct value named `typeName` (as Go prints it, e.g. "analyze.NodeResourceMsg") whose
 * fields are `fields` in order. Field types come from `types` when given (a GoType such as
 * `{ kind: "basic", name: "int32", base: "int" }`, or `{ embedded: GoType }` for an embedded,
 * promoted field, e.g. a pointer to a struct), else from the value: string, bool, int (bigint),
 * float64 (number), interface {} (null), []interface {} / map[string]interface {} (plain arrays /
 * objects), or the value's own type for engine values. A field with a given type and an undefined
 * value is that type's zero value (nil for a pointer). `methods` are what `.Name args…` calls
 * before looking at fields (troubleshoot's `{{ .String }}` on host analyzer data); a String method
 * is also how the value prints.
 */
export function goStruct(
  typeName: string,
  fields: Record<string, unknown>,
  types: Record<string, GoType | { embedded: GoType }> = {},
  methods: Record<string, (receiver: GoStruct, args: GoValue[]) => GoValue> = {},
): GoStruct {
  const names = [...new Set([...Object.keys(types), ...Object.keys(fields)])];
  const defs: GoField[] = names.map((n) => {
    const t = types[n];
    if (t && "embedded" in t) return { name: n, type: t.embedded, embedded: true };
    return { name: n, type: t ?? typeOfValue(toGoValue(fields[n])) };
  });
  const type: GoStructType = { kind: "struct", name: typeName, fields: () => defs, methods };
  // a String() method is what fmt prints the value as
  if (methods.String) type.stringer = (s) => String(methods.String(s, []));
  return new GoStruct(type, (f) => goValueOf(f.type, fields[f.name]));
}

/**
 * A plain JS value as a Go value of type t: numbers and bigints as ints or floats, null/undefined
 * as t's zero value (nil for pointers), arrays as typed slices ([]uint8 also from a base64
 * string, as encoding/json decodes []byte), objects as maps (keys as-is) or, for a struct type,
 * by `decodeStruct` (default: properties named by the Go field names). Engine values pass through.
 * `addressable`: the value is reached through a pointer or slice (see GoStruct.addressable).
 */
export function goValueOf(
  t: GoType,
  v: unknown,
  decodeStruct?: (t: GoStructType, v: unknown, addressable: boolean) => GoValue,
  addressable = false,
): GoValue {
  if (v instanceof GoNamed || v instanceof GoMap || v instanceof GoStruct || v instanceof GoPointer) return v;
  if (Array.isArray(v) && sliceType(v)) return v as GoValue[];
  // pointer targets and slice elements are addressable in Go; map values are not
  const again = (et: GoType, x: unknown, addr: boolean) => goValueOf(et, x, decodeStruct, addr);
  switch (t.kind) {
    case "basic":
      switch (t.base) {
        case "string":
          return basicValue(t, typeof v === "string" ? v : "");
        case "bool":
          return basicValue(t, typeof v === "boolean" ? v : false);
        case "int":
        case "uint":
          return basicValue(t, typeof v === "bigint" ? v : typeof v === "number" && Number.isFinite(v) ? BigInt(Math.trunc(v)) : 0n);
        case "float":
          return basicValue(t, typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : 0);
      }
      break;
    case "interface":
      return toGoValue(v);
    case "ptr":
      return new GoPointer(t, v === null || v === undefined ? null : again(t.elem, v, true));
    case "slice":
      if (t.elem.kind === "basic" && t.elem.name === "uint8" && typeof v === "string") {
        const byte = t.elem;
        return goSlice(t, Array.from(Buffer.from(v, "base64"), (b) => basicValue(byte, BigInt(b))));
      }
      return goSlice(t, Array.isArray(v) ? v.map((x) => again(t.elem, x, true)) : []);
    case "map": {
      const entries = new Map<string, GoValue>();
      if (typeof v === "object" && v !== null && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) entries.set(k, again(t.elem, x, false));
      return new GoMap(t, entries);
    }
    case "struct":
      if (decodeStruct) return decodeStruct(t, v, addressable);
      if (v === null || v === undefined) return new GoStruct(t, (f) => again(f.type, undefined, addressable), undefined, addressable);
      return new GoStruct(t, (f) => again(f.type, (v as Record<string, unknown>)[f.name], addressable), undefined, addressable);
  }
}

function typeOfValue(v: GoValue): GoType {
  if (v === null) return GO_INTERFACE;
  if (v instanceof GoNamed) return v.type;
  if (v instanceof GoMap || v instanceof GoPointer) return v.type;
  if (v instanceof GoStruct) return v.type;
  if (Array.isArray(v)) return sliceType(v) ?? SLICE_ANY;
  switch (typeof v) {
    case "string":
      return GO_STRING;
    case "boolean":
      return GO_BOOL;
    case "bigint":
      return GO_INT;
    default:
      return GO_FLOAT64;
  }
}
