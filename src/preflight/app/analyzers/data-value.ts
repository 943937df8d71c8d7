/**
 * The decoded data the yamlCompare, jsonCompare, clusterResource and textAnalyze analyzers work on,
 * as Go holds it in an `interface{}` after gopkg.in/yaml.v2 or encoding/json decoding:
 *
 *   nil → null, bool → boolean, string → string, int / int64 / uint64 → bigint,
 *   float64 → number, []interface{} → array, map → plain object (own enumerable keys).
 *
 * yaml.v2 keys may be ints, bools, floats or nil; a map holding such keys carries their Go types
 * under DATA_KEY_TYPES (key text → Go type name) so that Go's DeepEqual and printing still tell
 * `1: a` from `"1": a`. Plain objects go straight to renderGoTemplate (maps of interface {}).
 */
export type DataValue = null | boolean | string | bigint | number | DataValue[] | DataMap;

export interface DataMap {
  [key: string]: DataValue;
}

/** Non-enumerable property of a DataMap whose keys are not all strings: key text → Go type name. */
export const DATA_KEY_TYPES: unique symbol = Symbol("goKeyTypes");

type WithKeyTypes = DataMap & { [DATA_KEY_TYPES]?: Map<string, string> };

/** A new empty map (a plain object, safe for any key, "__proto__" included). */
export function newDataMap(): DataMap {
  return {};
}

/** Sets `key` of `m` as an own enumerable property (even "__proto__"). */
export function setDataKey(m: DataMap, key: string, value: DataValue, goKeyType = "string"): void {
  Object.defineProperty(m, key, { value, enumerable: true, writable: true, configurable: true });
  const typed = m as WithKeyTypes;
  if (goKeyType !== "string" || typed[DATA_KEY_TYPES]?.has(key)) {
    let types = typed[DATA_KEY_TYPES];
    if (!types) {
      types = new Map();
      Object.defineProperty(m, DATA_KEY_TYPES, { value: types, enumerable: false });
    }
    if (goKeyType === "string") types.delete(key);
    else types.set(key, goKeyType);
  }
}

/** The Go type name of key `key` of `m` ("string" unless yaml.v2 gave another). */
export function dataKeyType(m: DataMap, key: string): string {
  return (m as WithKeyTypes)[DATA_KEY_TYPES]?.get(key) ?? "string";
}

export function isDataMap(v: unknown): v is DataMap {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Go's reflect.Kind-level name of a value's dynamic type, as %T would print it for decoded data. */
export function dataTypeName(v: DataValue, yamlMaps = false): string {
  if (v === null) return "<nil>";
  if (Array.isArray(v)) return "[]interface {}";
  switch (typeof v) {
    case "string":
      return "string";
    case "boolean":
      return "bool";
    case "bigint":
      return "int";
    case "number":
      return "float64";
  }
  return yamlMaps ? "map[interface {}]interface {}" : "map[string]interface {}";
}

/**
 * reflect.DeepEqual over decoded data: same Go types (int ≠ float64), NaN never equal, maps equal
 * when they hold the same keys (with the same key types) with deeply equal values, slices
 * element by element in order.
 */
export function goDeepEqual(a: DataValue, b: DataValue): boolean {
  if (a === null || b === null) return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => goDeepEqual(x, b[i]));
  }
  if (isDataMap(a) || isDataMap(b)) {
    if (!isDataMap(a) || !isDataMap(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && dataKeyType(a, k) === dataKeyType(b, k) && goDeepEqual(a[k], b[k]));
  }
  return typeof a === typeof b && a === b;
}
