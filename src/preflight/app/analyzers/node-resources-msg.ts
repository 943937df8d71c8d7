/**
 * The data nodeResources executes its message templates with (troubleshoot v0.133.0
 * pkg/analyze/node_resources.go NodeResourceMsg): a struct embedding *NodeResourceFilters (so
 * `.CPUCapacity`, `.Selector`, `.Taint` … are promoted) plus `NodeCount int`, built by Go itself
 * (templates/go/gotypes/analyzer) from the JSON here.
 */
import { GoTyped } from "../message.ts";

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

/**
 * NodeResourceMsg{filters, nodeCount} as the template's dot. With no `filters:` the embedded
 * pointer is nil (Go then fails on a promoted field: "reflect: indirection through nil pointer to
 * embedded struct field NodeResourceFilters"); with filters every key is sent, so encoding/json
 * allocates it even when all are "". A nil *Taint prints "nil" ((*Taint).String handles nil).
 */
export function nodeResourceMsg(filters: NodeFiltersSpec | undefined, nodeCount: number): GoTyped {
  return new GoTyped("analyzer.NodeResourceMsg", filters ? { ...filters, NodeCount: nodeCount } : { NodeCount: nodeCount });
}
