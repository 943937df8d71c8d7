import {
  GO_INTERFACE,
  GoNamed,
  GoStruct,
  underlying,
  goSlice,
  type GoBasicKind,
  type GoField,
  type GoStructType,
  type GoType,
  type GoValue,
} from "../../config/template/values.ts";
import { K8S_NAMED_BASIC, K8S_NAMED_COMPOSITE, K8S_STRUCTS } from "./k8s-go-types.ts";
import { goValueOf } from "./message.ts";

/**
 * The value a Go template sees when troubleshoot executes it with a typed Kubernetes object
 * (corev1.Pod, corev1.Event, appsv1.Deployment, ...) decoded from JSON (troubleshoot v0.133.0
 * pkg/analyze/cluster_pod_statuses.go and event.go pass such objects to util.RenderTemplate).
 *
 * `obj` is the object's JSON (as parsed by JSON.parse); its type comes from `typeName` (Go's
 * spelling, "v1.Pod") or else from its apiVersion and kind. The result is a struct value whose
 * fields have their Go names (spec → Spec, apiVersion → APIVersion, uid → UID), embedded TypeMeta
 * and ObjectMeta promoted (`.Name`, `.Namespace`, `.Labels`, `.Kind` on the object, and
 * `.ObjectMeta.Name`), maps (labels, annotations, data) keyed as in JSON, and every field absent
 * from the JSON at its Go zero value: "" for strings, 0, false, nil for pointers, empty slices and
 * maps, zero structs. Times (metav1.Time, MicroTime) print as Go's time.Time String() in the
 * local zone ("2026-12-01 22:44:08 +0000 UTC"; the zero time "0001-01-01 00:00:00 +0000 UTC").
 *
 * Deviations, none of which a message template normally meets: a resource.Quantity prints as its
 * text (Go prints its internal fields); structs reached through pointers print in fmt's plain
 * {…} form (Go calls the generated String() methods); a local zone other than UTC is named as
 * JavaScript's Intl names it.
 *
 * Throws Error for an object whose type is not one of k8s-go-types.ts's.
 */
export function goView(obj: unknown, typeName?: string): GoValue {
  const name = typeName ?? rootTypeName(obj);
  if (!name || !K8S_STRUCTS[name]) throw new Error(`goView: no Go type known for ${typeName ?? describeKind(obj)}`);
  return decode(k8sGoType(name), obj);
}

/** apiVersion/kind → Go type name: every group kept here is at version v1, and Go prints its package as "v1". */
function rootTypeName(obj: unknown): string | undefined {
  if (!isObject(obj) || typeof obj.kind !== "string" || typeof obj.apiVersion !== "string") return undefined;
  const [group, version] = obj.apiVersion.includes("/") ? obj.apiVersion.split("/") : ["", obj.apiVersion];
  if (version !== "v1" || !GROUPS.has(group)) return undefined;
  return `v1.${obj.kind}`;
}

const GROUPS = new Set(["", "apps", "batch", "networking.k8s.io", "storage.k8s.io", "policy"]);

function describeKind(obj: unknown): string {
  return isObject(obj) ? `apiVersion ${String(obj.apiVersion)} kind ${String(obj.kind)}` : typeof obj;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const BUILTIN_BASIC: Record<string, GoBasicKind> = {
  string: "string",
  bool: "bool",
  int: "int",
  int8: "int",
  int16: "int",
  int32: "int",
  int64: "int",
  uint: "uint",
  uint8: "uint",
  uint16: "uint",
  uint32: "uint",
  uint64: "uint",
  float32: "float",
  float64: "float",
};

const types = new Map<string, GoType>();

/** The GoType for a Go type spelling over k8s-go-types.ts ("*v1.PodSpec", "map[string]string", "v1.Pod"). */
export function k8sGoType(spec: string): GoType {
  let t = types.get(spec);
  if (!t) {
    t = buildType(spec);
    types.set(spec, t);
  }
  return t;
}

function buildType(spec: string): GoType {
  if (spec.startsWith("*")) return { kind: "ptr", elem: k8sGoType(spec.slice(1)) };
  if (spec.startsWith("[]")) return { kind: "slice", elem: k8sGoType(spec.slice(2)) };
  if (spec.startsWith("map[")) {
    const close = spec.indexOf("]");
    return { kind: "map", key: k8sGoType(spec.slice(4, close)), elem: k8sGoType(spec.slice(close + 1)) };
  }
  if (spec === "interface {}") return GO_INTERFACE;
  const base = BUILTIN_BASIC[spec] ?? K8S_NAMED_BASIC[spec];
  if (base) return { kind: "basic", name: spec, base };
  const composite = K8S_NAMED_COMPOSITE[spec];
  if (composite) {
    const under = buildType(composite);
    if (under.kind === "map" || under.kind === "slice") return { ...under, name: spec };
  }
  if (spec === "time.Time") return TIME;
  if (spec === "v1.Time" || spec === "v1.MicroTime") return metaTime(spec);
  if (spec === "resource.Quantity") return QUANTITY;
  if (K8S_STRUCTS[spec]) return structType(spec);
  throw new Error(`goView: unknown Go type ${spec}`);
}

/** A field of k8s-go-types.ts with its JSON key (null: inline; undefined: never set from JSON). */
type K8sField = GoField & { json: string | null | undefined };

function structType(name: string): GoStructType {
  let fields: K8sField[] | undefined;
  const t: GoStructType = {
    kind: "struct",
    name,
    fields: () => (fields ??= K8S_STRUCTS[name].map(parseField)),
    // the generated String() of k8s API types returns "nil" for a nil receiver
    nilPointerString: "nil",
  };
  if (name === "intstr.IntOrString") {
    // (*IntOrString).String(): "<nil>", the string, or the int
    t.nilPointerString = "<nil>";
    t.ptrStringer = (s) => (underlying(s.get(0)) === 1n ? String(underlying(s.get(2))) : String(underlying(s.get(1))));
  }
  return t;
}

function parseField(entry: string): K8sField {
  const embedded = entry.startsWith("^");
  const [name, type, json] = (embedded ? entry.slice(1) : entry).split(" ");
  const key = json === undefined ? name[0].toLowerCase() + name.slice(1) : json === ",inline" ? null : json === "-" ? undefined : json;
  return { name, type: k8sGoType(type), embedded, json: key };
}

/** The Go value of type t decoded from JSON value j (undefined: absent), as encoding/json would leave it. */
function decode(t: GoType, j: unknown, addressable = false): GoValue {
  return goValueOf(t, j, decodeStruct, addressable);
}

function decodeStruct(t: GoStructType, j: unknown, addr: boolean): GoValue {
  if (t === TIME) return new GoStruct(TIME, () => null, typeof j === "string" ? parseRFC3339(j) : undefined, addr);
  if (t.name === "v1.Time" || t.name === "v1.MicroTime") return new GoStruct(t, () => decodeStruct(TIME, j, addr), undefined, addr);
  if (t === QUANTITY) return new GoStruct(QUANTITY, () => null, typeof j === "string" ? j : typeof j === "number" ? String(j) : undefined, addr);
  if (t.name === "intstr.IntOrString") return intOrString(t, j, addr);
  if (t.name === "v1.FieldsV1") {
    const raw = j === undefined ? [] : Array.from(new TextEncoder().encode(JSON.stringify(j)), (b) => new GoNamed(UINT8, BigInt(b)));
    return new GoStruct(t, (f) => goSlice(f.type as { kind: "slice"; elem: GoType }, raw), undefined, addr);
  }
  const obj = isObject(j) ? j : {};
  return new GoStruct(
    t,
    (f) => {
      const json = (f as K8sField).json;
      return decode(f.type, json === null ? obj : json === undefined ? undefined : obj[json], addr);
    },
    undefined,
    addr,
  );
}

const UINT8 = { kind: "basic", name: "uint8", base: "uint" } as const;

/** intstr.IntOrString's JSON is a number (Type 0, IntVal) or a string (Type 1, StrVal). */
function intOrString(t: GoStructType, j: unknown, addr: boolean): GoValue {
  const isStr = typeof j === "string";
  const values: Record<string, unknown> = { Type: isStr ? 1 : 0, IntVal: typeof j === "number" ? j : 0, StrVal: isStr ? j : "" };
  return new GoStruct(t, (f) => decode(f.type, values[f.name]), undefined, addr);
}

// ---- times -------------------------------------------------------------------------------------

/** An instant: whole seconds since the Unix epoch and nanoseconds within the second. */
interface Instant {
  sec: number;
  nsec: number;
}

const TIME: GoStructType = {
  kind: "struct",
  name: "time.Time",
  fields: () => [],
  stringer: (s) => formatGoTime(s.native as Instant | undefined),
};

/** metav1.Time / MicroTime: a struct embedding time.Time, whose String() it promotes. */
function metaTime(name: string): GoStructType {
  return {
    kind: "struct",
    name,
    fields: () => [{ name: "Time", type: TIME, embedded: true }],
    stringer: (s) => formatGoTime((s.get(0) as GoStruct).native as Instant | undefined),
  };
}

const QUANTITY: GoStructType = {
  kind: "struct",
  name: "resource.Quantity",
  fields: () => [],
  stringer: (s) => (s.native as string | undefined) ?? "0",
  ptrStringer: (s) => (s.native as string | undefined) ?? "0",
  nilPointerString: "<nil>",
};

/** time.Parse(time.RFC3339, s): "2026-12-01T22:44:08Z", fractional seconds and ±hh:mm offsets allowed. */
function parseRFC3339(s: string): Instant | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, se, frac, sign, oh, om] = m;
  const offset = sign ? (sign === "-" ? -1 : 1) * (Number(oh) * 3600 + Number(om) * 60) : 0;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se));
  const date = new Date(utc);
  if (Number(y) < 100) date.setUTCFullYear(Number(y));
  return { sec: date.getTime() / 1000 - offset, nsec: frac ? Number(frac.padEnd(9, "0")) : 0 };
}

const pad = (n: number, w = 2) => String(n).padStart(w, "0");

/**
 * time.Time.String(): "2006-01-02 15:04:05.999999999 -0700 MST" in the local zone (metav1 decodes
 * times with .Local()), fractional seconds without trailing zeros; the zero time is UTC.
 */
export function formatGoTime(t: Instant | undefined): string {
  if (!t) return "0001-01-01 00:00:00 +0000 UTC";
  const date = new Date(t.sec * 1000);
  const offsetMin = -date.getTimezoneOffset();
  const local = new Date(t.sec * 1000 + offsetMin * 60000);
  const frac = t.nsec ? `.${String(t.nsec).padStart(9, "0").replace(/0+$/, "")}` : "";
  const sign = offsetMin < 0 ? "-" : "+";
  const abs = Math.abs(offsetMin);
  const stamp =
    `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ` +
    `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${frac}`;
  return `${stamp} ${sign}${pad(Math.floor(abs / 60))}${pad(abs % 60)} ${zoneName(date, offsetMin)}`;
}

function zoneName(date: Date, offsetMin: number): string {
  const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (offsetMin === 0 && (!tz || /^(UTC|Etc\/UTC|Etc\/GMT|GMT|Etc\/Universal|Universal|Zulu)$/.test(tz))) return "UTC";
  const part = new Intl.DateTimeFormat("en-US", { timeZoneName: "short" }).formatToParts(date).find((p) => p.type === "timeZoneName");
  return part?.value ?? "UTC";
}
