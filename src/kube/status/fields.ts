import type { Condition, KubeObject } from "./types.ts";

/**
 * Raised when a field the rules must read has the wrong JSON type (e.g. a string
 * `metadata.generation`). `computeStatus` turns it into the `Unknown` status, the way the
 * kstatus watcher reports an error from `status.Compute`.
 */
export class MalformedObjectError extends Error {
  override name = "MalformedObjectError";
}

type Json = Record<string, unknown>;

function isRecord(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * Walk `path` strictly: `{found: false}` when a step is absent or null; throws
 * MalformedObjectError when an intermediate step is present but not an object.
 */
function walk(obj: KubeObject, path: readonly string[]): { found: boolean; value?: unknown } {
  let cur: unknown = obj;
  for (let i = 0; i < path.length; i++) {
    if (!isRecord(cur)) {
      if (cur === undefined || cur === null) return { found: false };
      throw new MalformedObjectError(`${path.slice(0, i).join(".")} is not an object`);
    }
    cur = cur[path[i]!];
  }
  return cur === undefined || cur === null ? { found: false } : { found: true, value: cur };
}

/** The raw value at `path`, or undefined (never throws). */
export function fieldValue(obj: KubeObject, path: readonly string[]): unknown {
  try {
    return walk(obj, path).value;
  } catch {
    return undefined;
  }
}

/** Lenient string read: the value when it is a string, else `fallback`. */
export function stringField(obj: KubeObject, path: readonly string[], fallback: string): string {
  const v = fieldValue(obj, path);
  return typeof v === "string" ? v : fallback;
}

/** Lenient integer read: the value when it is an integral number, else `fallback`. */
export function intField(obj: KubeObject, path: readonly string[], fallback: number): number {
  const v = fieldValue(obj, path);
  return typeof v === "number" && Number.isInteger(v) ? v : fallback;
}

/** Lenient boolean read: the value when it is a boolean, else `fallback`. */
export function boolField(obj: KubeObject, path: readonly string[], fallback: boolean): boolean {
  const v = fieldValue(obj, path);
  return typeof v === "boolean" ? v : fallback;
}

/** Strict string read: undefined when absent, throws MalformedObjectError when not a string. */
export function strictString(obj: KubeObject, path: readonly string[]): string | undefined {
  const { found, value } = walk(obj, path);
  if (!found) return undefined;
  if (typeof value !== "string") throw new MalformedObjectError(`${path.join(".")} is not a string`);
  return value;
}

/** Strict integer read: undefined when absent, throws MalformedObjectError when not an integer. */
export function strictInt(obj: KubeObject, path: readonly string[]): number | undefined {
  const { found, value } = walk(obj, path);
  if (!found) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new MalformedObjectError(`${path.join(".")} is not an integer`);
  }
  return value;
}

/**
 * `status.conditions` as a typed list ([] when absent). Throws MalformedObjectError when the
 * list or an entry has the wrong shape, as kstatus' conversion into its condition struct does.
 */
export function conditionsOf(obj: KubeObject): Condition[] {
  const { found, value } = walk(obj, ["status", "conditions"]);
  if (!found) return [];
  if (!Array.isArray(value)) throw new MalformedObjectError("status.conditions is not a list");
  return value.map((entry, i) => {
    if (!isRecord(entry)) throw new MalformedObjectError(`status.conditions[${i}] is not an object`);
    const text = (key: string): string | undefined => {
      const v = entry[key];
      if (v === undefined || v === null) return undefined;
      if (typeof v !== "string") throw new MalformedObjectError(`status.conditions[${i}].${key} is not a string`);
      return v;
    };
    const c: Condition = { type: text("type") ?? "", status: text("status") ?? "" };
    const reason = text("reason");
    const message = text("message");
    const lastTransitionTime = text("lastTransitionTime");
    if (reason !== undefined) c.reason = reason;
    if (message !== undefined) c.message = message;
    if (lastTransitionTime !== undefined) c.lastTransitionTime = lastTransitionTime;
    return c;
  });
}

/** The first condition of `type` (and, when given, with `status`), or undefined. */
export function findCondition(conds: readonly Condition[], type: string, status?: string): Condition | undefined {
  return conds.find((c) => c.type === type && (status === undefined || c.status === status));
}

/** Lenient conditions read for the fail-fast helpers: [] instead of throwing on a bad shape. */
export function conditionsLenient(obj: KubeObject): Condition[] {
  try {
    return conditionsOf(obj);
  } catch {
    return [];
  }
}

/** `metadata.name` ("" when absent). */
export function nameOf(obj: KubeObject): string {
  return stringField(obj, ["metadata", "name"], "");
}

/** `metadata.namespace` ("" when absent or cluster-scoped). */
export function namespaceOf(obj: KubeObject): string {
  return stringField(obj, ["metadata", "namespace"], "");
}

/** `kind` ("" when absent). */
export function kindOf(obj: KubeObject): string {
  return stringField(obj, ["kind"], "");
}

/** `metadata.labels` as a string map ({} when absent; non-string values dropped). */
export function labelsOf(obj: KubeObject): Record<string, string> {
  const raw = fieldValue(obj, ["metadata", "labels"]);
  const out: Record<string, string> = {};
  if (isRecord(raw)) for (const [k, v] of Object.entries(raw)) if (typeof v === "string") out[k] = v;
  return out;
}

/** Parse an RFC 3339 timestamp to epoch ms; undefined when absent or unparsable. */
export function parseTime(value: unknown): number | undefined {
  if (typeof value !== "string" || value === "") return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** True when `metadata.deletionTimestamp` is set (the object is being deleted). */
export function isTerminating(obj: KubeObject): boolean {
  return stringField(obj, ["metadata", "deletionTimestamp"], "") !== "";
}
