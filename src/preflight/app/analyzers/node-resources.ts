/**
 * The nodeResources analyzer (troubleshoot v0.133.0 pkg/analyze/node_resources.go): the nodes of
 * `cluster-resources/nodes.json` that pass the spec's `filters`, checked against each outcome's
 * `when` (first match wins; no match gives no result).
 *
 * `when` grammar: "FUNCTION(PROPERTY) OP VALUE", or "OP VALUE" (= "count() OP VALUE"), or
 * "NAME OP VALUE" with NAME not a call (also count). FUNCTION: count, countDistinct (label key),
 * min, max, sum (a quantity property: cpuCapacity, cpuAllocatable, memoryCapacity,
 * memoryAllocatable, podCapacity, podAllocatable, ephemeralStorageCapacity,
 * ephemeralStorageAllocatable, resourceCapacity / resourceAllocatable of filters.resourceName),
 * nodeCondition (condition type; VALUE the status, OP any operator holding "="). OP: = == === < >
 * <= >=. VALUE: an integer, else a quantity ("16Gi", "500m").
 */
import { renderGoTemplate } from "../message.ts";
import { outcomeCases, strictOf } from "../outcomes.ts";
import { mustParseQuantity, parseQuantity, Quantity } from "../quantity.ts";
import type { CollectedFiles } from "../collected.ts";
import { type AnalyzerDef, type AnalyzerResult, type AnalyzerSpec, wrap } from "../types.ts";
import { goQuote } from "../../../go/strings.ts";
import { listField, objectField, specString } from "./cluster-go.ts";
import { readNodes, type NodeView } from "./cluster-nodes.ts";
import { labelSelectorAsSelector, type LabelMatcher } from "./cluster-selector.ts";
import { nodeResourceMsg, type NodeFiltersSpec } from "./node-resources-msg.ts";
import { goAtoiOrUndefined } from "../../../go/strconv.ts";
import { goFields } from "../../../go/strings.ts";

/** Title(): the checkName, else "Node Resources". */
function title(spec: AnalyzerSpec): string {
  return specString(spec.checkName) || "Node Resources";
}

/** The spec's `filters:` (undefined when absent, as Go's nil pointer). */
export function filtersOf(spec: AnalyzerSpec): NodeFiltersSpec | undefined {
  const f = objectField(spec.filters);
  if (!f) return undefined;
  const s = (k: string) => specString(f[k]);
  const sel = objectField(f.selector);
  const taint = objectField(f.taint);
  return {
    cpuArchitecture: s("cpuArchitecture"),
    cpuCapacity: s("cpuCapacity"),
    cpuAllocatable: s("cpuAllocatable"),
    memoryCapacity: s("memoryCapacity"),
    memoryAllocatable: s("memoryAllocatable"),
    podCapacity: s("podCapacity"),
    podAllocatable: s("podAllocatable"),
    ephemeralStorageCapacity: s("ephemeralStorageCapacity"),
    ephemeralStorageAllocatable: s("ephemeralStorageAllocatable"),
    selector: sel
      ? {
          matchLabel: Object.fromEntries(Object.entries(objectField(sel.matchLabel) ?? {}).map(([k, v]) => [k, specString(v)])),
          matchExpressions: listField(sel.matchExpressions).map((e) => {
            const o = objectField(e) ?? {};
            return { key: specString(o.key), operator: specString(o.operator), values: listField(o.values).map(specString) };
          }),
        }
      : undefined,
    resourceName: s("resourceName"),
    resourceAllocatable: s("resourceAllocatable"),
    resourceCapacity: s("resourceCapacity"),
    taint: taint ? { key: specString(taint.key), value: specString(taint.value), effect: specString(taint.effect) } : undefined,
  };
}

/** ResourceList.Cpu() etc.: the named quantity, else zero. */
const listValue = (list: Map<string, Quantity>, name: string): Quantity => list.get(name) ?? Quantity.zero();

/** strings.EqualFold for the (ASCII) architecture names, rune by rune with simple case folding. */
function equalFold(a: string, b: string): boolean {
  const ra = [...a];
  const rb = [...b];
  if (ra.length !== rb.length) return false;
  return ra.every((c, i) => {
    const d = rb[i]!;
    if (c === d) return true;
    const lc = c.toLowerCase();
    const ld = d.toLowerCase();
    return [...lc].length === 1 && lc === ld;
  });
}

function parseFilterQuantity(value: string, what: string): Quantity {
  try {
    return parseQuantity(value);
  } catch (err) {
    throw wrap(`failed to parse ${what}`, err);
  }
}

/**
 * nodeMatchesFilters: every filter given must hold; the label selector is built (and may fail)
 * only for nodes that got past the resource filter; a taint filter decides on its own.
 * @throws AnalyzeError "failed to parse cpu capacity: …", "failed to create label selector: …", …
 */
function nodeMatches(node: NodeView, filters: NodeFiltersSpec | undefined, selector: () => LabelMatcher): boolean {
  if (!filters) return true;
  if (filters.resourceName !== "") {
    const capacity = node.capacity.get(filters.resourceName);
    const allocatable = node.allocatable.get(filters.resourceName);
    if (!capacity && !allocatable) return false;
    if (filters.resourceCapacity !== "") {
      const want = parseFilterQuantity(filters.resourceCapacity, "resource capacity");
      if ((capacity ?? Quantity.zero()).cmp(want) === -1) return false;
    }
    if (filters.resourceAllocatable !== "") {
      const want = parseFilterQuantity(filters.resourceAllocatable, "resource allocatable");
      if ((allocatable ?? Quantity.zero()).cmp(want) === -1) return false;
    }
  }
  if (filters.selector && !selector()(node.labels)) return false;
  if (filters.taint) {
    const t = filters.taint;
    return node.taints.some((n) => n.key === t.key && n.effect === t.effect);
  }
  if (filters.cpuArchitecture !== "" && !equalFold(node.architecture, filters.cpuArchitecture)) return false;
  const checks: Array<[string, Map<string, Quantity>, string, string]> = [
    [filters.cpuCapacity, node.capacity, "cpu", "cpu capacity"],
    [filters.cpuAllocatable, node.allocatable, "cpu", "cpu allocatable"],
    [filters.memoryCapacity, node.capacity, "memory", "memory capacity"],
    [filters.memoryAllocatable, node.allocatable, "memory", "memory allocatable"],
    [filters.podCapacity, node.capacity, "pods", "pod capacity"],
    [filters.podAllocatable, node.allocatable, "pods", "pod allocatable"],
    [filters.ephemeralStorageCapacity, node.capacity, "ephemeral-storage", "ephemeralstorage capacity"],
    [filters.ephemeralStorageAllocatable, node.allocatable, "ephemeral-storage", "ephemeralstorage allocatable"],
  ];
  for (const [want, list, name, what] of checks) {
    if (want === "") continue;
    const parsed = parseFilterQuantity(want, what);
    if (listValue(list, name).cmp(parsed) === -1) return false;
  }
  return true;
}

/** getQuantity: the node's quantity for a property; null (Go's nil) for an unknown property or an absent resourceCapacity/Allocatable. */
function propertyQuantity(node: NodeView, property: string, resourceName: string): Quantity | null {
  switch (property) {
    case "cpuCapacity":
      return listValue(node.capacity, "cpu");
    case "cpuAllocatable":
      return listValue(node.allocatable, "cpu");
    case "memoryCapacity":
      return listValue(node.capacity, "memory");
    case "memoryAllocatable":
      return listValue(node.allocatable, "memory");
    case "podCapacity":
      return listValue(node.capacity, "pods");
    case "podAllocatable":
      return listValue(node.allocatable, "pods");
    case "ephemeralStorageCapacity":
      return listValue(node.capacity, "ephemeral-storage");
    case "ephemeralStorageAllocatable":
      return listValue(node.allocatable, "ephemeral-storage");
    case "resourceCapacity":
      return node.capacity.get(resourceName) ?? null;
    case "resourceAllocatable":
      return node.allocatable.get(resourceName) ?? null;
  }
  return null;
}

/** What Go's `actualValue interface{}` holds: an int, a *resource.Quantity (maybe nil), or nil. */
type Actual = { int: bigint } | { qty: Quantity | null } | null;

/** A Go runtime panic inside the comparison, recovered into "failed to evaluate …". */
class Panic extends Error {}

const assertQuantity = (a: Actual): Quantity | null => {
  if (a === null) throw new Panic("interface conversion: interface {} is nil, not *resource.Quantity");
  if ("int" in a) throw new Panic("interface conversion: interface {} is int, not *resource.Quantity");
  return a.qty;
};

const mustParse = (s: string): Quantity => {
  try {
    return mustParseQuantity(s);
  } catch (err) {
    throw new Panic((err as Error).message);
  }
};

/** (*Quantity).Cmp on a possibly nil receiver. */
const cmpPtr = (q: Quantity | null, other: Quantity): number => {
  if (q === null) throw new Panic("runtime error: invalid memory address or nil pointer dereference");
  return q.cmp(other);
};

const WHEN_CALL = /(.*)\((.*)\)/;
const OPERATORS: Record<string, (c: number) => boolean> = {
  "=": (c) => c === 0,
  "==": (c) => c === 0,
  "===": (c) => c === 0,
  "<": (c) => c === -1,
  ">": (c) => c === 1,
  "<=": (c) => c === 0 || c === -1,
  ">=": (c) => c === 0 || c === 1,
};

/**
 * compareNodeResourceConditionalToActual.
 * @throws Error "unable to parse nodeResources conditional", "unexpected conditional in
 *   nodeResources", the nodeCondition errors, or "failed to evaluate \"WHEN\": PANIC" where Go
 *   panics (e.g. a quantity compared with count(), an unknown function, min() of no value)
 */
export function compareNodeResourceWhen(conditional: string, nodes: NodeView[], filters: NodeFiltersSpec | undefined): boolean {
  try {
    return compare(conditional, nodes, filters);
  } catch (err) {
    if (err instanceof Panic) throw new Error(`failed to evaluate ${goQuote(conditional)}: ${err.message}`);
    throw err;
  }
}

function compare(conditional: string, nodes: NodeView[], filters: NodeFiltersSpec | undefined): boolean {
  if (conditional === "") return true;
  let parts = goFields(conditional);
  if (parts.length === 2) parts = ["count", ...parts];
  if (parts.length !== 3) throw new Error("unable to parse nodeResources conditional");
  const operator = parts[1]!;
  const desiredInt = goAtoiOrUndefined(parts[2]!);
  const desired: bigint | string = desiredInt ?? parts[2]!;
  const match = WHEN_CALL.exec(parts[0]!) ?? WHEN_CALL.exec(`count() == ${parts[0]}`)!;
  const fn = match[1]!;
  const property = match[2]!;
  const resourceName = filters?.resourceName ?? "";

  let actual: Actual = null;
  switch (fn) {
    case "count":
      actual = { int: BigInt(nodes.length) };
      break;
    case "countDistinct":
      actual = { int: BigInt(new Set(nodes.filter((n) => Object.hasOwn(n.labels, property)).map((n) => n.labels[property])).size) };
      break;
    case "min":
    case "max": {
      let best: Quantity | null = null;
      for (const n of nodes) {
        const q = propertyQuantity(n, property, resourceName);
        if (q && (best === null || q.cmp(best) === (fn === "min" ? -1 : 1))) best = q;
      }
      actual = { qty: best };
      break;
    }
    case "sum": {
      let sum = Quantity.zero();
      for (const n of nodes) {
        const q = propertyQuantity(n, property, resourceName);
        if (q) sum = sum.add(q);
      }
      actual = { qty: sum };
      break;
    }
    case "nodeCondition":
      if (!/={1,3}/.test(operator)) throw new Error("nodeCondition function can only be compared using equals expression.");
      if (property === "") throw new Error("value function parameter missing.");
      return typeof desired === "string" && nodes.some((n) => n.conditions.some((c) => c.type === property && c.status === desired));
  }

  const op = Object.hasOwn(OPERATORS, operator) ? OPERATORS[operator] : undefined;
  if (!op) throw new Error("unexpected conditional in nodeResources");
  if (actual !== null && "int" in actual && typeof desired === "bigint") {
    return op(actual.int === desired ? 0 : actual.int < desired ? -1 : 1);
  }
  // Go evaluates the parsed VALUE before asserting the actual value is a quantity, then compares.
  const want = mustParse(typeof desired === "string" ? desired : desired.toString());
  const have = assertQuantity(actual);
  return op(cmpPtr(have, want));
}

/**
 * @throws AnalyzeError "failed to get contents of nodes.json: …", "failed to unmarshal node list:
 *   …", "failed to check if node matches filter: …", "failed to parse when: …", "failed to render
 *   message template: …"
 */
function analyze(spec: AnalyzerSpec, files: CollectedFiles): AnalyzerResult[] {
  const nodes = readNodes(files, "failed to get contents of nodes.json");
  const filters = filtersOf(spec);
  let matcher: LabelMatcher | undefined;
  const selector = (): LabelMatcher => {
    if (!matcher) {
      try {
        matcher = labelSelectorAsSelector(filters!.selector!.matchLabel, filters!.selector!.matchExpressions);
      } catch (err) {
        throw wrap("failed to create label selector", err);
      }
    }
    return matcher;
  };
  const matching: NodeView[] = [];
  for (const node of nodes) {
    let ok: boolean;
    try {
      ok = nodeMatches(node, filters, selector);
    } catch (err) {
      throw wrap("failed to check if node matches filter", err);
    }
    if (ok) matching.push(node);
  }
  for (const c of outcomeCases(spec)) {
    if (!c) continue;
    let hit: boolean;
    try {
      hit = compareNodeResourceWhen(c.when, matching, filters);
    } catch (err) {
      throw wrap("failed to parse when", err);
    }
    if (!hit) continue;
    let message: string;
    try {
      message = renderGoTemplate(c.message, nodeResourceMsg(filters, matching.length));
    } catch (err) {
      throw wrap("failed to render message template", err);
    }
    return [{ title: title(spec), outcome: c.outcome, message, uri: c.uri, strict: strictOf(spec) }];
  }
  return [];
}

export const nodeResources: AnalyzerDef = { title, analyze };
