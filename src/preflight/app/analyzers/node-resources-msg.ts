/**
 * The data nodeResources executes its message templates with (troubleshoot v0.133.0
 * pkg/analyze/node_resources.go NodeResourceMsg): a struct embedding *NodeResourceFilters (so
 * `.CPUCapacity`, `.Selector`, `.Taint` … are promoted) plus `NodeCount int`, as Go values for
 * ../message.ts. Field order and type names are Go's (pkg/apis/troubleshoot/v1beta2
 * analyzer_shared.go, k8s.io/api core/v1 Taint, apimachinery meta/v1 LabelSelectorRequirement).
 */
import {
  GO_INT,
  GO_STRING,
  GoMap,
  GoNamed,
  GoPointer,
  GoStruct,
  goSlice,
  type GoField,
  type GoStructType,
  type GoType,
  type GoValue,
} from "../../../config/template/values.ts";

/** The spec's `filters:` as read (strings; absent is ""). */
export interface NodeFiltersSpec {
  cpuArchitecture: string;
  cpuCapacity: string;
  cpuAllocatable: string;
  memoryCapacity: string;
  memoryAllocatable: string;
  podCapacity: string;
  podAllocatable: string;
  ephemeralStorageCapacity: string;
  ephemeralStorageAllocatable: string;
  selector?: { matchLabel: Record<string, string>; matchExpressions: Array<{ key: string; operator: string; values: string[] }> };
  resourceName: string;
  resourceAllocatable: string;
  resourceCapacity: string;
  taint?: { key: string; value: string; effect: string };
}

const named = (name: string): GoType => ({ kind: "basic", name, base: "string" });
const MAP_STRING: GoType = { kind: "map", key: GO_STRING, elem: GO_STRING };
const SLICE_STRING = { kind: "slice", elem: GO_STRING } as const;

const LSR_T: GoStructType = {
  kind: "struct",
  name: "v1.LabelSelectorRequirement",
  fields: () => [
    { name: "Key", type: GO_STRING },
    { name: "Operator", type: named("v1.LabelSelectorOperator") },
    { name: "Values", type: SLICE_STRING },
  ],
};
const SLICE_LSR = { kind: "slice", elem: LSR_T } as const;

const SELECTORS_T: GoStructType = {
  kind: "struct",
  name: "v1beta2.NodeResourceSelectors",
  fields: () => [
    { name: "MatchLabel", type: MAP_STRING },
    { name: "MatchExpressions", type: SLICE_LSR },
  ],
};

const TIME_T: GoStructType = { kind: "struct", name: "v1.Time", fields: () => [] };

// (*Taint).String() from k8s.io/api's generated.pb.go: "&Taint{Key:…,Value:…,Effect:…,TimeAdded:<nil>,}".
const TAINT_T: GoStructType = {
  kind: "struct",
  name: "v1.Taint",
  fields: () => [
    { name: "Key", type: GO_STRING },
    { name: "Value", type: GO_STRING },
    { name: "Effect", type: named("v1.TaintEffect") },
    { name: "TimeAdded", type: { kind: "ptr", elem: TIME_T } },
  ],
  ptrStringer: (s) => `&Taint{Key:${String(s.get(0))},Value:${String(s.get(1))},Effect:${String(unwrap(s.get(2)))},TimeAdded:<nil>,}`,
  nilPointerString: "nil",
};

const unwrap = (v: GoValue): unknown => (v instanceof GoNamed ? v.value : v);

const FILTER_STRINGS = [
  ["CPUArchitecture", "cpuArchitecture"],
  ["CPUCapacity", "cpuCapacity"],
  ["CPUAllocatable", "cpuAllocatable"],
  ["MemoryCapacity", "memoryCapacity"],
  ["MemoryAllocatable", "memoryAllocatable"],
  ["PodCapacity", "podCapacity"],
  ["PodAllocatable", "podAllocatable"],
  ["EphemeralStorageCapacity", "ephemeralStorageCapacity"],
  ["EphemeralStorageAllocatable", "ephemeralStorageAllocatable"],
] as const;

const FILTERS_T: GoStructType = {
  kind: "struct",
  name: "v1beta2.NodeResourceFilters",
  fields: () => [
    ...FILTER_STRINGS.map(([n]) => ({ name: n, type: GO_STRING })),
    { name: "Selector", type: { kind: "ptr", elem: SELECTORS_T } },
    { name: "ResourceName", type: GO_STRING },
    { name: "ResourceAllocatable", type: GO_STRING },
    { name: "ResourceCapacity", type: GO_STRING },
    { name: "Taint", type: { kind: "ptr", elem: TAINT_T } },
  ],
};

const FILTERS_PTR = { kind: "ptr", elem: FILTERS_T } as const;

const MSG_FIELDS: GoField[] = [
  { name: "NodeResourceFilters", type: FILTERS_PTR, embedded: true },
  { name: "NodeCount", type: GO_INT },
];
const MSG_T: GoStructType = { kind: "struct", name: "analyzer.NodeResourceMsg", fields: () => MSG_FIELDS };

function struct(type: GoStructType, values: GoValue[]): GoStruct {
  return new GoStruct(type, (_f, i) => values[i] ?? null);
}

function selectorValue(sel: NonNullable<NodeFiltersSpec["selector"]>): GoStruct {
  const labels = new GoMap({ kind: "map", key: GO_STRING, elem: GO_STRING }, new Map(Object.entries(sel.matchLabel)));
  const exprs = goSlice(
    SLICE_LSR,
    sel.matchExpressions.map((e) => struct(LSR_T, [e.key, namedValue("v1.LabelSelectorOperator", e.operator), goSlice(SLICE_STRING, [...e.values])])),
  );
  return struct(SELECTORS_T, [labels, exprs]);
}

/** A value of a named string type (v1.LabelSelectorOperator, v1.TaintEffect). */
function namedValue(name: string, v: string): GoNamed {
  return new GoNamed({ kind: "basic", name, base: "string" }, v);
}

/**
 * NodeResourceMsg{filters, nodeCount} as a Go value. With no `filters:` the embedded pointer is
 * nil (Go then fails on a promoted field: "reflect: indirection through nil pointer to embedded
 * struct field NodeResourceFilters"). A nil *Taint prints "nil" ((*Taint).String handles nil).
 */
export function nodeResourceMsg(filters: NodeFiltersSpec | undefined, nodeCount: number): GoStruct {
  if (!filters) return struct(MSG_T, [new GoPointer(FILTERS_PTR, null), BigInt(nodeCount)]);
  const values: GoValue[] = [
    ...FILTER_STRINGS.map(([, k]) => filters[k]),
    filters.selector ? new GoPointer({ kind: "ptr", elem: SELECTORS_T }, selectorValue(filters.selector)) : new GoPointer({ kind: "ptr", elem: SELECTORS_T }, null),
    filters.resourceName,
    filters.resourceAllocatable,
    filters.resourceCapacity,
    filters.taint
      ? new GoPointer({ kind: "ptr", elem: TAINT_T }, struct(TAINT_T, [filters.taint.key, filters.taint.value, namedValue("v1.TaintEffect", filters.taint.effect), new GoPointer({ kind: "ptr", elem: TIME_T }, null)]))
      : new GoPointer({ kind: "ptr", elem: TAINT_T }, null),
  ];
  return struct(MSG_T, [new GoPointer(FILTERS_PTR, struct(FILTERS_T, values)), BigInt(nodeCount)]);
}
