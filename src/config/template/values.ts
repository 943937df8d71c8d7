/**
 * The value model of the template engine, mirroring the Go types KOTS template functions use:
 * string, bool, int (int64 → bigint), float64 (→ number), []string / []interface{} (→ array), nil (→ null).
 * Keeping int and float64 apart matters: Go's `eq 3 3.0` is an error and `Add 1 2` prints "3"
 * while `Add 1.5 2` prints "3.5" (KOTS pkg/template/static_context.go add/sub).
 */
export type GoValue = string | boolean | bigint | number | null | GoValue[] | GoNamed | GoMap | GoStruct | GoPointer;

/** Go's name for the dynamic type of a value, as text/template prints it in errors. */
export function goTypeName(v: GoValue): string {
  if (v === null) return "<nil>";
  if (v instanceof GoNamed) return v.type.name;
  if (v instanceof GoMap || v instanceof GoPointer) return goTypeString(v.type);
  if (v instanceof GoStruct) return v.type.name;
  if (Array.isArray(v)) {
    const t = sliceTypes.get(v);
    if (t) return goTypeString(t);
    return v.every((x) => typeof x === "string") ? "[]string" : "[]interface {}";
  }
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
  if (v instanceof GoNamed) return isTrue(v.value);
  if (v instanceof GoMap) return v.entries.size > 0;
  if (v instanceof GoPointer) return v.target !== null;
  if (v instanceof GoStruct) return true;
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
  if (v instanceof GoPointer) {
    if (v.target === null) return nilPointer(v);
    if (v.target instanceof GoStruct && v.target.type.ptrStringer) return v.target.type.ptrStringer(v.target);
    return printValue(v.target);
  }
  if (isComposite(v)) return formatComposite(v, 0);
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

/**
 * What an action `{{ … }}` writes for its value (text/template printableValue): like printValue,
 * except that an addressable struct (reached through a pointer or a slice) prints with its
 * pointer type's String() when it has one. Function arguments are copies and never do.
 */
export function printActionValue(v: GoValue): string {
  if (v instanceof GoStruct && v.addressable && v.type.ptrStringer) return v.type.ptrStringer(v);
  return printValue(v);
}

function printInner(v: GoValue): string {
  if (v === null) return "<nil>";
  if (isComposite(v) || v instanceof GoPointer) return formatComposite(v, 1);
  return printValue(v);
}

// ---------------------------------------------------------------------------------------------
// Go data as templates see it: maps, structs, pointers and named basic types (troubleshoot
// executes its message templates with Go values as dot; text/template reads their fields).
// ---------------------------------------------------------------------------------------------

/** The basic kinds a named Go type can have (string, bool, the int sizes, the uint sizes, floats). */
export type GoBasicKind = "string" | "bool" | "int" | "uint" | "float";

/**
 * A static Go type: what a struct field, map element or slice element is declared as. Only what
 * templates can observe is kept: names (for error texts), element types (for zero values and
 * `interface {}` slots), struct fields (for field access and printing).
 */
export type GoType =
  | { kind: "basic"; name: string; base: GoBasicKind }
  | { kind: "interface" }
  | { kind: "slice"; elem: GoType; name?: string }
  | { kind: "map"; key: GoType; elem: GoType; name?: string }
  | { kind: "ptr"; elem: GoType }
  | GoStructType;

/** A struct type: its qualified name as Go prints it ("v1.Pod") and its exported fields in order. */
export interface GoStructType {
  kind: "struct";
  name: string;
  /** fields in declaration order; a function so recursive types (via pointers/slices) can be built */
  fields: () => readonly GoField[];
  /** the String() method fmt would call (e.g. metav1.Time → time.Time.String()) */
  stringer?: (s: GoStruct) => string;
  /** what fmt prints for a nil pointer to this type when its String() handles nil ("nil" for k8s API types) */
  nilPointerString?: string;
  /** a String() method on the pointer type that fmt uses for values reached through a pointer (intstr.IntOrString) */
  ptrStringer?: (s: GoStruct) => string;
  /**
   * Methods templates may call as `.Name args…` (Go looks them up before fields); arguments
   * arrive unconverted, errors are thrown as FunctionCallError ("error calling Name: …").
   */
  methods?: Readonly<Record<string, (receiver: GoStruct, args: GoValue[]) => GoValue>>;
}

/** One exported struct field: its Go name, declared type, and whether it is embedded (promoted). */
export interface GoField {
  name: string;
  type: GoType;
  embedded?: boolean;
}

export const GO_STRING: GoType = { kind: "basic", name: "string", base: "string" };
export const GO_BOOL: GoType = { kind: "basic", name: "bool", base: "bool" };
export const GO_INT: GoType = { kind: "basic", name: "int", base: "int" };
export const GO_FLOAT64: GoType = { kind: "basic", name: "float64", base: "float" };
export const GO_INTERFACE: GoType = { kind: "interface" };

/** Go's spelling of a type: "[]v1.Container", "map[string]string", "*int32", "interface {}". */
export function goTypeString(t: GoType): string {
  switch (t.kind) {
    case "basic":
    case "struct":
      return t.name;
    case "interface":
      return "interface {}";
    case "slice":
      return t.name ?? `[]${goTypeString(t.elem)}`;
    case "map":
      return t.name ?? `map[${goTypeString(t.key)}]${goTypeString(t.elem)}`;
    case "ptr":
      return `*${goTypeString(t.elem)}`;
  }
}

/**
 * A value of a named basic type or a sized number (v1.PodPhase, types.UID, int32, int64, uint8):
 * prints and compares like its underlying value, but keeps its type name, so passing it where a
 * function wants `string` fails as in Go ("wrong type for value; expected string; got v1.PodPhase").
 */
export class GoNamed {
  constructor(
    readonly type: { kind: "basic"; name: string; base: GoBasicKind },
    readonly value: string | boolean | bigint | number,
  ) {}
}

/** A Go map with string keys (map[string]interface {}, map[string]string, ...). */
export class GoMap {
  constructor(
    readonly type: { kind: "map"; key: GoType; elem: GoType; name?: string },
    readonly entries: ReadonlyMap<string, GoValue>,
  ) {}
}

/** A Go pointer: nil when target is null. */
export class GoPointer {
  constructor(
    readonly type: { kind: "ptr"; elem: GoType },
    readonly target: GoValue,
  ) {}
}

/**
 * A Go struct value; field values are produced on first read (big k8s objects stay cheap).
 * `native` carries what a struct with no exported fields holds (a time.Time's instant, a
 * Quantity's text) for its type's stringer.
 */
export class GoStruct {
  private readonly cache = new Map<number, GoValue>();
  constructor(
    readonly type: GoStructType,
    private readonly load: (field: GoField, index: number) => GoValue,
    readonly native?: unknown,
    /**
     * Reached through a pointer or a slice element (or a field of such a struct): Go can then take
     * its address, so fmt prints it with its pointer type's String() (intstr.IntOrString → "8080").
     */
    readonly addressable = false,
  ) {}

  /** the value of field number `i` of type.fields() */
  get(i: number): GoValue {
    if (!this.cache.has(i)) this.cache.set(i, this.load(this.type.fields()[i], i));
    return this.cache.get(i)!;
  }

  /**
   * Go's FieldByName: a field of this struct, else one promoted from embedded structs (also
   * through embedded pointers), the shallowest depth winning and two at the same depth cancelling
   * out. Returns the value and its declared type; `nilEmbedded` names the embedded pointer field
   * that is nil on the way to the field (Go: "reflect: indirection through nil pointer to embedded
   * struct field X"); undefined when there is no such field.
   */
  field(name: string): { value: GoValue; type: GoType } | { nilEmbedded: string } | undefined {
    type Step = { type: GoStructType; value: GoStruct | null; nilVia?: string };
    let level: Step[] = [{ type: this.type, value: this }];
    while (level.length > 0) {
      const found: Array<{ value: GoValue; type: GoType } | { nilEmbedded: string }> = [];
      const next: Step[] = [];
      for (const st of level) {
        st.type.fields().forEach((f, i) => {
          if (f.name === name) {
            found.push(st.value ? { value: st.value.get(i), type: f.type } : { nilEmbedded: st.nilVia! });
          } else if (f.embedded && f.type.kind === "struct") {
            next.push({ type: f.type, value: st.value ? (st.value.get(i) as GoStruct) : null, nilVia: st.nilVia });
          } else if (f.embedded && f.type.kind === "ptr" && f.type.elem.kind === "struct") {
            const p = st.value ? (st.value.get(i) as GoPointer) : null;
            const target = p?.target instanceof GoStruct ? p.target : null;
            next.push({ type: f.type.elem, value: target, nilVia: st.value && !target ? f.name : st.nilVia });
          }
        });
      }
      if (found.length === 1) return found[0];
      if (found.length > 1) return undefined;
      level = next;
    }
    return undefined;
  }
}

/** Element types of typed slices ([]v1.Container, []uint8); untyped JS arrays are []interface {} / []string. */
const sliceTypes = new WeakMap<GoValue[], { kind: "slice"; elem: GoType; name?: string }>();

/** Marks `items` as a Go slice of the given type and returns it. */
export function goSlice(type: { kind: "slice"; elem: GoType; name?: string }, items: GoValue[]): GoValue[] {
  sliceTypes.set(items, type);
  return items;
}

/** The declared type of a slice built with goSlice; undefined for plain arrays. */
export function sliceType(v: GoValue[]): { kind: "slice"; elem: GoType; name?: string } | undefined {
  return sliceTypes.get(v);
}

/** The bytes of a []uint8 ([]byte) slice; undefined for any other value. */
export function goBytes(v: GoValue): Uint8Array | undefined {
  if (!Array.isArray(v)) return undefined;
  const t = sliceTypes.get(v);
  if (!t || t.elem.kind !== "basic" || t.elem.name !== "uint8") return undefined;
  return Uint8Array.from(v, (b) => Number(underlying(b)));
}

/** The static type of a slice's elements: its declared type, else interface {} (or string for []string). */
export function sliceElemType(v: GoValue[]): GoType {
  const t = sliceTypes.get(v);
  if (t) return t.elem;
  return v.every((x) => typeof x === "string") ? GO_STRING : GO_INTERFACE;
}

/** The zero value of a type, as Go gives an absent struct field: "", 0, false, nil pointer, empty map/slice, zero struct. */
export function zeroValue(t: GoType): GoValue {
  switch (t.kind) {
    case "basic":
      return basicValue(t, t.base === "string" ? "" : t.base === "bool" ? false : t.base === "float" ? 0 : 0n);
    case "interface":
      return null;
    case "slice":
      return goSlice(t, []);
    case "map":
      return new GoMap(t, new Map());
    case "ptr":
      return new GoPointer(t, null);
    case "struct":
      return new GoStruct(t, (f) => zeroValue(f.type));
  }
}

/** A basic value of type t: plain JS for string, bool, int, float64; GoNamed for anything else. */
export function basicValue(t: { kind: "basic"; name: string; base: GoBasicKind }, v: string | boolean | bigint | number): GoValue {
  const plain = (t.name === "string" && t.base === "string") || (t.name === "bool" && t.base === "bool") || (t.name === "int" && t.base === "int") || (t.name === "float64" && t.base === "float");
  return plain ? v : new GoNamed(t, v);
}

/** The underlying basic value of a named value; any other value unchanged. */
export function underlying(v: GoValue): GoValue {
  return v instanceof GoNamed ? v.value : v;
}

function isComposite(v: GoValue): v is GoNamed | GoMap | GoStruct {
  return v instanceof GoNamed || v instanceof GoMap || v instanceof GoStruct;
}

/**
 * fmt's %v for composite values: maps as map[k:v ...] in key order, structs as {f1 f2 ...} (a
 * String() method wins), pointers inside composites as fmt would (Stringer, <nil>, else an address,
 * which is not reproducible and is printed as 0xc000000000).
 */
function formatComposite(v: GoValue, depth: number): string {
  if (v === null) return "<nil>";
  if (v instanceof GoNamed) return printValue(v.value);
  if (Array.isArray(v)) return `[${v.map((x) => formatComposite(x, depth + 1)).join(" ")}]`;
  if (v instanceof GoMap) {
    const keys = [...v.entries.keys()].sort(compareGoStrings);
    return `map[${keys.map((k) => `${k}:${formatComposite(v.entries.get(k)!, depth + 1)}`).join(" ")}]`;
  }
  if (v instanceof GoStruct) {
    if (v.type.stringer) return v.type.stringer(v);
    return `{${v.type.fields().map((_f, i) => formatComposite(v.get(i), depth + 1)).join(" ")}}`;
  }
  if (v instanceof GoPointer) {
    if (v.target === null) return nilPointer(v);
    if (v.target instanceof GoStruct && v.target.type.ptrStringer) return v.target.type.ptrStringer(v.target);
    if (v.target instanceof GoStruct && v.target.type.stringer) return v.target.type.stringer(v.target);
    if (depth === 0 && (v.target instanceof GoStruct || v.target instanceof GoMap || Array.isArray(v.target))) return `&${formatComposite(v.target, 1)}`;
    return "0xc000000000";
  }
  return printValue(v);
}

/** fmt's %v of a pointer operand: its String() if it has one, &{…} for composites, else an address. */
export function formatPointer(p: GoPointer): string {
  return formatComposite(p, 0);
}

function nilPointer(p: GoPointer): string {
  return (p.type.elem.kind === "struct" && p.type.elem.nilPointerString) || "<nil>";
}

/** Go string order: by UTF-8 bytes (same as UTF-16 order except around surrogates; close enough for keys). */
export function compareGoStrings(a: string, b: string): number {
  const ea = new TextEncoder().encode(a);
  const eb = new TextEncoder().encode(b);
  const n = Math.min(ea.length, eb.length);
  for (let i = 0; i < n; i++) if (ea[i] !== eb[i]) return ea[i] - eb[i];
  return ea.length - eb.length;
}
