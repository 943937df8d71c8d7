/**
 * fmt's %v of decoded data (Go 1.26 fmt), which the data analyzers' messages and errors contain,
 * and Go's byte-wise string order. strconv's pieces are in ../go/strconv.ts and ../go/strings.ts.
 */
import { formatGoFloat } from "../../../go/fmt.ts";
import { type DataValue, dataKeyType } from "./data-value.ts";

/**
 * fmt.Sprintf("%v", v) for decoded data: nil → "<nil>", floats in Go's shortest %g form
 * ("1e+06"), slices "[a b]", maps "map[k:v k2:v2]" with keys sorted as fmt sorts them (numbers
 * numerically, strings byte-wise; keys of different types grouped by type).
 */
export function goSprintV(v: DataValue): string {
  if (v === null) return "<nil>";
  if (Array.isArray(v)) return `[${v.map(goSprintV).join(" ")}]`;
  switch (typeof v) {
    case "string":
      return v;
    case "boolean":
    case "bigint":
      return String(v);
    case "number":
      return formatGoFloat(v);
  }
  const keys = Object.keys(v).sort((a, b) => compareKeys(v, a, b));
  return `map[${keys.map((k) => `${keyText(v, k)}:${goSprintV(v[k])}`).join(" ")}]`;
}

function keyText(m: Record<string, DataValue>, k: string): string {
  return dataKeyType(m, k) === "<nil>" ? "<nil>" : k;
}

function compareKeys(m: Record<string, DataValue>, a: string, b: string): number {
  const ta = dataKeyType(m, a);
  const tb = dataKeyType(m, b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  if (ta === "int" || ta === "float64") {
    const x = Number(a);
    const y = Number(b);
    if (x !== y) return x < y ? -1 : 1;
    return 0;
  }
  if (ta === "bool") return a === b ? 0 : a === "false" ? -1 : 1;
  return byteCompare(a, b);
}

/** Compares two strings by their UTF-8 bytes, as Go's string comparison does. */
export function byteCompare(a: string, b: string): number {
  if (a === b) return 0;
  const ea = new TextEncoder().encode(a);
  const eb = new TextEncoder().encode(b);
  const n = Math.min(ea.length, eb.length);
  for (let i = 0; i < n; i++) if (ea[i] !== eb[i]) return ea[i] < eb[i] ? -1 : 1;
  return ea.length < eb.length ? -1 : ea.length > eb.length ? 1 : 0;
}
