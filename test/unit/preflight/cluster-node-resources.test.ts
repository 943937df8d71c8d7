/**
 * nodeResources (troubleshoot v0.133.0 pkg/analyze/node_resources.go): filters, the `when`
 * functions over quantities, the message data, and the error / panic texts. Expected values worked
 * out from the Go source (and, for the panic texts, from troubleshoot's preflight run on the same
 * specs).
 */
import { describe, expect, test } from "bun:test";
import { compareNodeResourceWhen, filtersOf, nodeResources } from "../../../src/preflight/app/analyzers/node-resources.ts";
import { decodeNodeList } from "../../../src/preflight/app/analyzers/cluster-nodes.ts";
import type { AnalyzerSpec } from "../../../src/preflight/app/types.ts";
import { files, node, nodeList, NODES } from "./cluster-helpers.ts";

const cluster = nodeList(
  node({ name: "a", labels: { zone: "z1", pool: "big", gpu: "yes" }, capacity: { cpu: "16", memory: "64Gi", pods: "250", "ephemeral-storage": "500Gi", "nvidia.com/gpu": "2" }, allocatable: { cpu: "15500m", memory: "62Gi", pods: "250", "ephemeral-storage": "450Gi", "nvidia.com/gpu": "2" } }),
  node({ name: "b", labels: { zone: "z1", pool: "small" }, capacity: { cpu: "2", memory: "4Gi", pods: "110", "ephemeral-storage": "20Gi" }, arch: "arm64", taints: [{ key: "dedicated", value: "infra", effect: "NoSchedule" }] }),
  node({ name: "c", labels: { zone: "z2", pool: "small" }, capacity: { cpu: "4", memory: "8Gi", pods: "110", "ephemeral-storage": "40Gi" }, conditions: [{ type: "Ready", status: "False" }, { type: "DiskPressure", status: "True" }] }),
);
const data = files({ [NODES]: cluster });
const nodes = decodeNodeList(JSON.stringify(cluster));

const one = (when: string, extra: AnalyzerSpec = {}, message = "m") => nodeResources.analyze({ ...extra, outcomes: [{ pass: { when, message } }] }, data);
const holds = (when: string, filters?: AnalyzerSpec["filters"]) => one(when, filters ? { filters } : {}).length === 1;

describe("nodeResources when", () => {
  test("count() and its shorthands", () => {
    expect(holds("count() == 3")).toBe(true);
    expect(holds("count() === 3")).toBe(true);
    expect(holds("count() = 3")).toBe(true);
    expect(holds("count() > 2")).toBe(true);
    expect(holds("count() < 3")).toBe(false);
    expect(holds("== 3")).toBe(true);
    expect(holds(">= 4")).toBe(false);
    // a first word that is not a call is count() too
    expect(holds("nodes <= 3")).toBe(true);
    // integers as Atoi reads them
    expect(holds("count() == +3")).toBe(true);
    expect(holds("count() == 003")).toBe(true);
  });

  test("sum / min / max over quantity properties", () => {
    expect(holds("sum(cpuCapacity) == 22")).toBe(true);
    expect(holds("sum(cpuAllocatable) == 21500m")).toBe(true);
    expect(holds("sum(memoryCapacity) >= 76Gi")).toBe(true);
    expect(holds("sum(memoryCapacity) > 76Gi")).toBe(false);
    expect(holds("min(memoryCapacity) < 5Gi")).toBe(true);
    expect(holds("min(cpuCapacity) == 2")).toBe(true);
    expect(holds("max(cpuCapacity) == 16")).toBe(true);
    expect(holds("max(memoryAllocatable) == 62Gi")).toBe(true);
    expect(holds("min(podCapacity) == 110")).toBe(true);
    expect(holds("max(podAllocatable) >= 250")).toBe(true);
    expect(holds("sum(ephemeralStorageCapacity) == 560Gi")).toBe(true);
    expect(holds("min(ephemeralStorageAllocatable) == 20Gi")).toBe(true);
    // 1G (10^9) is less than 1Gi; quantities compare exactly
    expect(holds("min(memoryCapacity) > 4G")).toBe(true);
    expect(holds("sum(cpuCapacity) <= 22000m")).toBe(true);
  });

  test("countDistinct of a label, nodeCondition", () => {
    expect(holds("countDistinct(zone) == 2")).toBe(true);
    expect(holds("countDistinct(gpu) == 1")).toBe(true);
    expect(holds("countDistinct(missing) == 0")).toBe(true);
    expect(holds("nodeCondition(DiskPressure) == True")).toBe(true);
    expect(holds("nodeCondition(Ready) == False")).toBe(true);
    expect(holds("nodeCondition(MemoryPressure) == True")).toBe(false);
    // any operator holding "=" is an equality for nodeCondition
    expect(holds("nodeCondition(DiskPressure) != True")).toBe(true);
    // an integer VALUE never equals a status string
    expect(holds("nodeCondition(Ready) == 1")).toBe(false);
  });

  test("resourceCapacity / resourceAllocatable of filters.resourceName", () => {
    const gpu = { resourceName: "nvidia.com/gpu" };
    expect(holds("sum(resourceCapacity) == 2", gpu)).toBe(true);
    expect(holds("count() == 1", gpu)).toBe(true);
    expect(holds("min(resourceAllocatable) >= 2", gpu)).toBe(true);
    expect(holds("count() == 1", { resourceName: "nvidia.com/gpu", resourceCapacity: "2", resourceAllocatable: "1" })).toBe(true);
    expect(holds("count() == 0", { resourceName: "nvidia.com/gpu", resourceCapacity: "3" })).toBe(true);
  });

  test("Go panics become failed-to-evaluate errors (VALUE is parsed before the type assertion)", () => {
    const err = (w: string) => () => compareNodeResourceWhen(w, nodes, undefined);
    const re = "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    expect(err("count() == 10Gi")).toThrow('failed to evaluate "count() == 10Gi": interface conversion: interface {} is int, not *resource.Quantity');
    expect(err("count() == abc")).toThrow(`failed to evaluate "count() == abc": cannot parse 'abc': quantities must match the regular expression ${re}`);
    expect(err("foo(x) == 5")).toThrow('failed to evaluate "foo(x) == 5": interface conversion: interface {} is nil, not *resource.Quantity');
    expect(err("min(nonexistent) == 5")).toThrow('failed to evaluate "min(nonexistent) == 5": runtime error: invalid memory address or nil pointer dereference');
    expect(err("min(nonexistent) == abc")).toThrow(`failed to evaluate "min(nonexistent) == abc": cannot parse 'abc'`);
    expect(err("sum(cpuCapacity) >= 1e")).toThrow(`failed to evaluate "sum(cpuCapacity) >= 1e": cannot parse '1e': unable to parse quantity's suffix`);
    // sum() of an unknown property is zero, not nil
    expect(compareNodeResourceWhen("sum(nonexistent) == 0", nodes, undefined)).toBe(true);
  });

  test("parse errors", () => {
    const err = (w: string) => () => compareNodeResourceWhen(w, nodes, undefined);
    expect(err("count()")).toThrow(/^unable to parse nodeResources conditional$/);
    expect(err("count() == 2 3")).toThrow(/^unable to parse nodeResources conditional$/);
    expect(err("count() ~ 5")).toThrow(/^unexpected conditional in nodeResources$/);
    expect(err("count() constructor 5")).toThrow(/^unexpected conditional in nodeResources$/);
    expect(err("nodeCondition(Ready) > True")).toThrow(/^nodeCondition function can only be compared using equals expression\.$/);
    expect(err("nodeCondition() == True")).toThrow(/^value function parameter missing\.$/);
    expect(compareNodeResourceWhen("", nodes, undefined)).toBe(true);
  });
});

describe("nodeResources filters", () => {
  test("selector matchLabel and matchExpressions", () => {
    expect(holds("count() == 2", { selector: { matchLabel: { zone: "z1" } } })).toBe(true);
    expect(holds("count() == 1", { selector: { matchLabel: { zone: "z1", pool: "big" } } })).toBe(true);
    expect(holds("count() == 2", { selector: { matchExpressions: [{ key: "pool", operator: "In", values: ["small"] }] } })).toBe(true);
    expect(holds("count() == 1", { selector: { matchExpressions: [{ key: "pool", operator: "NotIn", values: ["small"] }] } })).toBe(true);
    expect(holds("count() == 1", { selector: { matchExpressions: [{ key: "gpu", operator: "Exists" }] } })).toBe(true);
    expect(holds("count() == 2", { selector: { matchExpressions: [{ key: "gpu", operator: "DoesNotExist" }] } })).toBe(true);
    // matchLabels (plural) is not troubleshoot's key: no requirement, every node
    expect(holds("count() == 3", { selector: { matchLabels: { zone: "z2" } } })).toBe(true);
  });

  test("capacity / allocatable minimums, architecture (case-insensitive), taint", () => {
    expect(holds("count() == 2", { cpuCapacity: "4" })).toBe(true);
    expect(holds("count() == 1", { cpuAllocatable: "15" })).toBe(true);
    expect(holds("count() == 2", { memoryCapacity: "8Gi" })).toBe(true);
    expect(holds("count() == 1", { memoryAllocatable: "16Gi" })).toBe(true);
    expect(holds("count() == 1", { podCapacity: "111" })).toBe(true);
    expect(holds("count() == 3", { podAllocatable: "110" })).toBe(true);
    expect(holds("count() == 2", { ephemeralStorageCapacity: "40Gi" })).toBe(true);
    expect(holds("count() == 1", { ephemeralStorageAllocatable: "100Gi" })).toBe(true);
    expect(holds("count() == 1", { cpuArchitecture: "ARM64" })).toBe(true);
    expect(holds("count() == 1", { taint: { key: "dedicated", effect: "NoSchedule" } })).toBe(true);
    expect(holds("count() == 0", { taint: { key: "dedicated", effect: "NoExecute" } })).toBe(true);
    // a taint filter decides alone: later filters are not applied
    expect(holds("count() == 1", { taint: { key: "dedicated", effect: "NoSchedule" }, cpuCapacity: "100" })).toBe(true);
    expect(holds("count() == 0", { cpuCapacity: "4", cpuArchitecture: "arm64" })).toBe(true);
  });

  test("filter errors", () => {
    const re = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    expect(() => one("count() == 1", { filters: { cpuCapacity: "1.5.5" } })).toThrow(`failed to check if node matches filter: failed to parse cpu capacity: ${re}`);
    expect(() => one("count() == 1", { filters: { ephemeralStorageAllocatable: "lots" } })).toThrow(`failed to check if node matches filter: failed to parse ephemeralstorage allocatable: ${re}`);
    expect(() => one("count() == 1", { filters: { resourceName: "nvidia.com/gpu", resourceCapacity: "x" } })).toThrow(`failed to check if node matches filter: failed to parse resource capacity: ${re}`);
    expect(() => one("count() == 1", { filters: { selector: { matchLabel: { "bad key!": "x" } } } })).toThrow(
      "failed to check if node matches filter: failed to create label selector: key: Invalid value: \"bad key!\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
    );
    expect(() => one("count() == 1", { filters: { selector: { matchExpressions: [{ key: "a", operator: "In" }, { key: "b", operator: "Foo" }] } } })).toThrow(
      "failed to check if node matches filter: failed to create label selector: values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty",
    );
    expect(() => one("count() == 1", { filters: { selector: { matchExpressions: [{ key: "b", operator: "Foo" }] } } })).toThrow(
      'failed to check if node matches filter: failed to create label selector: "Foo" is not a valid label selector operator',
    );
    expect(() => one("count() == 1", { filters: { selector: { matchExpressions: [{ key: "-a", operator: "In" }] } } })).toThrow(
      "failed to create label selector: [key: Invalid value: \"-a\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'), values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty]",
    );
    // a bad filter is only read for a node that reaches it: no nodes, no error
    expect(nodeResources.analyze({ filters: { cpuCapacity: "1.5.5" }, outcomes: [{ pass: { when: "count() == 0", message: "none" } }] }, files({ [NODES]: nodeList() }))[0]?.message).toBe("none");
  });

  test("filtersOf keeps Go's field shapes", () => {
    expect(filtersOf({})).toBeUndefined();
    expect(filtersOf({ filters: { selector: { matchLabel: { a: "b" }, matchExpressions: [{ key: "k", operator: "In", values: ["v"] }] } } })?.selector).toEqual({
      matchLabel: { a: "b" },
      matchExpressions: [{ key: "k", operator: "In", values: ["v"] }],
    });
  });
});

describe("nodeResources results", () => {
  const spec: AnalyzerSpec = {
    checkName: "Cluster capacity",
    outcomes: [
      { fail: { when: "sum(memoryCapacity) < 32Gi", message: "need 32Gi, have less", uri: "https://example.com/mem" } },
      { warn: { when: "count() < 3", message: "only {{ .NodeCount }} nodes" } },
      { pass: { message: "{{ .NodeCount }} nodes with at least {{ .CPUCapacity }} cpu" } },
    ],
  };

  test("fail / warn / pass with templated messages", () => {
    const withFilters = { ...spec, filters: { cpuCapacity: "3" } };
    expect(nodeResources.analyze(withFilters, data)).toEqual([{ title: "Cluster capacity", outcome: "warn", message: "only 2 nodes", uri: "", strict: false }]);
    const small = files({ [NODES]: nodeList(node({ name: "x", capacity: { cpu: "2", memory: "4Gi", pods: "110" } })) });
    expect(nodeResources.analyze(withFilters, small)).toEqual([{ title: "Cluster capacity", outcome: "fail", message: "need 32Gi, have less", uri: "https://example.com/mem", strict: false }]);
    expect(nodeResources.analyze({ ...spec, filters: { cpuCapacity: "1" }, strict: true }, data)).toEqual([{ title: "Cluster capacity", outcome: "pass", message: "3 nodes with at least 1 cpu", uri: "", strict: true }]);
  });

  test("default title; no matching outcome gives no result; outcome entries with no kind are skipped", () => {
    expect(nodeResources.title({})).toBe("Node Resources");
    expect(nodeResources.analyze({ outcomes: [{}, { fail: { when: "count() > 5", message: "x" } }] }, data)).toEqual([]);
  });

  test("promoted filter fields print as strings; a field of no filters at all is a template error", () => {
    expect(one("count() == 3", { filters: {} }, "[{{ .CPUCapacity }}] {{ .Selector }} {{ .NodeCount }}")[0]?.message).toBe("[] <nil> 3");
    expect(one("count() == 1", { filters: { selector: { matchLabel: { pool: "big" } } } }, "{{ .Selector.MatchLabel.pool }}")[0]?.message).toBe("big");
    // (*Taint).String(), also for a nil *Taint; the selector struct printed through its pointer
    expect(one("count() == 1", { filters: { taint: { key: "dedicated", effect: "NoSchedule" } } }, "{{ .Taint }} {{ .Taint.Key }} {{ .Selector }}")[0]?.message).toBe(
      "&Taint{Key:dedicated,Value:,Effect:NoSchedule,TimeAdded:<nil>,} dedicated <nil>",
    );
    expect(one("count() == 1", { filters: { selector: { matchExpressions: [{ key: "pool", operator: "In", values: ["big"] }] } } }, "{{ .Selector }} | {{ .Taint }}")[0]?.message).toBe(
      "{map[] [{pool In [big]}]} | nil",
    );
    expect(() => one("count() == 3", {}, "{{ .CPUCapacity }}")).toThrow(
      'failed to render message template: template: data:1:3: executing "data" at <.CPUCapacity>: reflect: indirection through nil pointer to embedded struct field NodeResourceFilters',
    );
    expect(one("count() == 3", {}, "{{ .NodeResourceFilters }} {{ .NodeCount }}")[0]?.message).toBe("<nil> 3");
  });

  test("nodes.json missing or malformed", () => {
    expect(() => nodeResources.analyze(spec, files({}))).toThrow("failed to get contents of nodes.json: file cluster-resources/nodes.json was not collected");
    expect(() => nodeResources.analyze(spec, files({ [NODES]: "" }))).toThrow("failed to unmarshal node list: unexpected end of JSON input");
    expect(() => nodeResources.analyze(spec, files({ [NODES]: nodeList(node({ name: "x", capacity: { cpu: "lots" } })) }))).toThrow(
      "failed to unmarshal node list: quantities must match the regular expression",
    );
  });
});
