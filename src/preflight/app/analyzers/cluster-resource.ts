/**
 * troubleshoot v0.133.0 pkg/analyze/kube_resource.go: the `clusterResource` analyzer — one
 * object of a collected cluster-resources list, one field of it (`yamlPath`, GetAtPath:
 * "spec.replicas", "spec.containers.[0].image"), checked one of four ways:
 *
 * - `expectedValue` (YAML, yaml.v2): DeepEqual with the field, `when` "true"/"false";
 * - else `regex`: a Go regexp over the field written as YAML (yaml.v2 Marshal), see analyzeRegexPattern;
 * - else `regexGroups`: named groups of that match compared by `when`, see analyzeRegexGroups;
 * - else each entry's `when` compared with the field itself ("OP N"): an integer field as an
 *   integer, a string field as a resource quantity ("> 5Gi"); the first entry without `when`, or
 *   whose `when` holds, wins (fail, then warn, then pass within one entry).
 *
 * The object: `kind` (case-insensitive; deployment daemonset statefulset networkpolicy pod ingress
 * service resourcequota job persistentvolumeclaim/pvc replicaset configmap are read from
 * cluster-resources/<dir>/<namespace>.json, namespace default when empty; with `clusterScoped:
 * true` — needed for validatingwebhookconfiguration mutatingwebhookconfiguration namespace
 * persistentvolume/pv node storageclass — from cluster-resources/<file>.json), `name` matched
 * against metadata.name of the list's items. A kind not in that list, a file not collected or no
 * such object gives a fail "KIND NAME in namespace NS does not exist" (cluster-scoped: "KIND NAME
 * does not exist"); a path that cannot be followed gives a fail "YAML path provided is invalid";
 * nothing matching gives a fail "Invalid analyzer". Only regexGroups messages are templates (with
 * the named groups as dot), and results are never strict (troubleshoot does not copy `strict`
 * onto them; its errors are).
 * @throws AnalyzeError "failed to parse expected value as yaml doc: …", "failed to process when
 *   statement: W: …", the regex errors; GoPanic where troubleshoot's code panics (a `when` on a
 *   warn in an entry without fail, an index outside a list, "> 5Gi" written without the space)
 */
import type { CollectedFiles } from "../collected.ts";
import { parseQuantity } from "../quantity.ts";
import type { AnalyzerDef, AnalyzerResult, AnalyzerSpec } from "../types.ts";
import { compareActualToWhen } from "./compare.ts";
import { goJoinPath } from "../../../go/path.ts";
import { getAtPath } from "./data-get-at-path.ts";
import { equalOutcomes } from "./data-equal-outcomes.ts";
import { type Draft, INVALID_ANALYZER, type RawOutcome, draftOf, rawOutcomes, toResult } from "./data-outcomes.ts";
import { analyzeRegexGroups, analyzeRegexPattern } from "./data-regex-outcomes.ts";
import { type DataValue, dataTypeName, goDeepEqual } from "./data-value.ts";
import { GoPanic, wrapped } from "./data-wrap.ts";
import { yamlV2Unmarshal } from "./data-yaml-decode.ts";
import { yamlV2Marshal } from "./data-yaml-encode.ts";
import { goTrimSpace } from "../../../go/strings.ts";

const INT64_MAX = (1n << 63n) - 1n;
const s = (v: unknown): string => (v === undefined || v === null ? "" : String(v));

/** kind (lower case) → its place under cluster-resources/ (troubleshoot's Filemap). */
export const CLUSTER_RESOURCE_FILES: Readonly<Record<string, string>> = {
  deployment: "deployments",
  daemonset: "daemonsets",
  statefulset: "statefulsets",
  networkpolicy: "network-policy",
  pod: "pods",
  ingress: "ingress",
  service: "services",
  resourcequota: "resource-quota",
  job: "jobs",
  persistentvolumeclaim: "pvcs",
  pvc: "pvcs",
  replicaset: "replicasets",
  configmap: "configmaps",
  validatingwebhookconfiguration: "validating-webhook-configurations.json",
  mutatingwebhookconfiguration: "mutating-webhook-configurations.json",
  namespace: "namespaces.json",
  persistentvolume: "pvs.json",
  pv: "pvs.json",
  node: "nodes.json",
  storageclass: "storage-classes.json",
};

function title(spec: AnalyzerSpec): string {
  return s(spec.checkName) || s(spec.collectorName);
}

/**
 * FindResource: the list item named `name`, null when there is none.
 * @throws Error when the kind is unknown or the file is missing or unreadable (troubleshoot's
 *   caller turns every such error into "does not exist"); GoPanic when the file has no `items` list
 */
export function findResource(kind: string, clusterScoped: boolean, namespace: string, name: string, files: CollectedFiles): DataValue {
  const location = CLUSTER_RESOURCE_FILES[kind.toLowerCase()];
  if (location === undefined) throw new Error("failed to find resource");
  const path = clusterScoped ? goJoinPath("cluster-resources", location) : goJoinPath("cluster-resources", location, `${namespace || "default"}.json`);
  const bytes = wrapped("failed to read collected resources", () => files.get(path));
  const resource = wrapped("failed to parse data as yaml doc", () => yamlV2Unmarshal(new TextDecoder().decode(bytes)));
  const items = wrapped("failed to get items from file", () => getAtPath(resource, "items"));
  if (!Array.isArray(items)) throw new GoPanic(`interface conversion: interface {} is ${items === null ? "nil" : dataTypeName(items, true)}, not []interface {}`);
  for (const item of items) {
    const itemName = wrapped(`Failed to find resource with name: ${name}`, () => getAtPath(item, "metadata.name"));
    if (itemName === name) return item;
  }
  return null;
}

function analyze(spec: AnalyzerSpec, files: CollectedFiles): AnalyzerResult[] {
  const r = analyzeResource(spec, files);
  return r ? [r] : [];
}

function fail(t: string, message: string): AnalyzerResult {
  return toResult(t, draftOf("fail", message), false)!;
}

/** The one result; null for a regex draft with no flag set (Go's empty result, left out of the output). */
function analyzeResource(spec: AnalyzerSpec, files: CollectedFiles): AnalyzerResult | null {
  const t = title(spec);
  const kind = s(spec.kind);
  const name = s(spec.name);
  const namespace = s(spec.namespace);
  const clusterScoped = spec.clusterScoped === true;
  let selected: DataValue = null;
  try {
    selected = findResource(kind, clusterScoped, namespace, name, files);
  } catch (err) {
    if (err instanceof GoPanic) throw err;
  }
  if (selected === null) return fail(t, clusterScoped ? `${kind} ${name} does not exist` : `${kind} ${name} in namespace ${namespace} does not exist`);
  let actual: DataValue;
  try {
    actual = getAtPath(selected, s(spec.yamlPath));
  } catch (err) {
    if (err instanceof GoPanic) throw err;
    return fail(t, "YAML path provided is invalid");
  }
  const expectedValue = s(spec.expectedValue);
  const expected = wrapped("failed to parse expected value as yaml doc", () => yamlV2Unmarshal(expectedValue));
  const actualYaml = yamlV2Marshal(actual);
  const outcomes = rawOutcomes(spec);
  let d: Draft | null;
  if (expectedValue !== "") d = equalOutcomes(goDeepEqual(actual, expected), outcomes);
  else if (s(spec.regex) !== "") d = analyzeRegexPattern(s(spec.regex), actualYaml, outcomes);
  else if (s(spec.regexGroups) !== "") d = analyzeRegexGroups(s(spec.regexGroups), actualYaml, outcomes);
  else d = analyzeWhenField(actual, outcomes);
  return toResult(t, d ?? draftOf("fail", INVALID_ANALYZER), false);
}

/**
 * analyzeWhenField: per entry, fail, then warn, then pass; one without `when` wins outright, one
 * whose `when` holds (compareWhenToResource) wins. troubleshoot compares a warn's `when` by its
 * entry's FAIL `when` (a panic when the entry has no fail). No winner: "Invalid analyzer".
 */
function analyzeWhenField(actual: DataValue, outcomes: RawOutcome[]): Draft {
  for (const o of outcomes) {
    if (o.fail) {
      if (o.fail.when === "" || whenHolds(o.fail.when, o.fail.when, actual)) return draftOf("fail", o.fail.message, o.fail.uri);
    }
    if (o.warn) {
      if (o.warn.when === "") return draftOf("warn", o.warn.message, o.warn.uri);
      if (!o.fail) throw new GoPanic("runtime error: invalid memory address or nil pointer dereference");
      if (whenHolds(o.fail.when, o.warn.when, actual)) return draftOf("warn", o.warn.message, o.warn.uri);
    }
    if (o.pass) {
      if (o.pass.when === "" || whenHolds(o.pass.when, o.pass.when, actual)) return draftOf("pass", o.pass.message, o.pass.uri);
    }
  }
  return draftOf("fail", INVALID_ANALYZER);
}

function whenHolds(when: string, shown: string, actual: DataValue): boolean {
  return wrapped(`failed to process when statement: ${shown}`, () => compareWhenToResource(when, actual));
}

/**
 * compareWhentoResource: `w` must hold one of ! = < >; an integer `actual` is compared by
 * compareActualToWhen; a string that parses as a quantity is compared with the quantity after the
 * operator (both as whole numbers, rounded up).
 * @throws Error "no operators found", "could not cast found value as string", "Cannot compare size
 *   with not size", "could not match comparison method for result", compareActualToWhen's errors
 */
export function compareWhenToResource(w: string, actual: DataValue): boolean {
  if (!/[!=<>]/.test(w)) throw new Error("no operators found");
  const split = goTrimSpace(w).split(" ");
  // yaml.v2 gives int up to int64's range (uint64 beyond, which is no int and no string).
  if (typeof actual === "bigint" && actual <= INT64_MAX) return compareActualToWhen(w, actual);
  if (typeof actual !== "string") throw new Error("could not cast found value as string");
  let actualValue: bigint;
  try {
    actualValue = quantityValue(actual);
  } catch {
    throw new Error("could not match comparison method for result");
  }
  if (split.length < 2) throw new GoPanic(`runtime error: index out of range [1] with length ${split.length}`);
  let whenValue: bigint;
  try {
    whenValue = quantityValue(split[1]);
  } catch {
    throw new Error("Cannot compare size with not size");
  }
  return compareActualToWhen(`${split[0]} ${whenValue}`, actualValue);
}

/** Quantity.Value(): the quantity as a whole number, rounded away from zero, as int64 (wrapping). */
function quantityValue(text: string): bigint {
  const q = parseQuantity(text);
  let v: bigint;
  if (q.exp >= 0) v = q.mantissa * 10n ** BigInt(q.exp);
  else {
    const div = 10n ** BigInt(-q.exp);
    const mag = q.mantissa < 0n ? -q.mantissa : q.mantissa;
    const whole = mag / div + (mag % div === 0n ? 0n : 1n);
    v = q.mantissa < 0n ? -whole : whole;
  }
  return BigInt.asIntN(64, v);
}

export const clusterResource: AnalyzerDef = { title, analyze };
