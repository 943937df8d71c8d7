/**
 * `cluster-resources/nodes.json` (a v1 NodeList, as troubleshoot v0.133.0's clusterResources
 * collector writes it) decoded into the fields the node-reading analyzers use (nodeResources,
 * distribution, containerRuntime), as json.Unmarshal into corev1.NodeList reads them: capacity and
 * allocatable values are resource.Quantity (a malformed one fails the whole decode with the
 * quantity error, as Quantity.UnmarshalJSON does).
 */
import type { CollectedFiles } from "../collected.ts";
import { parseQuantity, type Quantity } from "../quantity.ts";
import { wrap } from "../types.ts";
import { goJsonParse, listField, objectField, specString } from "./cluster-go.ts";
import { goTrimSpace } from "../../../go/strings.ts";

export const NODES_PATH = "cluster-resources/nodes.json";

export interface NodeTaint {
  key: string;
  value: string;
  effect: string;
}

export interface NodeView {
  name: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  providerID: string;
  taints: NodeTaint[];
  capacity: Map<string, Quantity>;
  allocatable: Map<string, Quantity>;
  architecture: string;
  containerRuntimeVersion: string;
  osImage: string;
  conditions: Array<{ type: string; status: string }>;
}

function stringMap(v: unknown): Record<string, string> {
  const o = objectField(v) ?? {};
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, specString(x)]));
}

/** A ResourceList: each value through Quantity.UnmarshalJSON (null is zero; quotes and spaces stripped). */
function resourceList(v: unknown): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const [k, x] of Object.entries(objectField(v) ?? {})) {
    out.set(k, x === null ? parseQuantity("0") : parseQuantity(goTrimSpace(String(x))));
  }
  return out;
}

function nodeView(item: unknown): NodeView {
  const node = objectField(item) ?? {};
  const meta = objectField(node.metadata) ?? {};
  const spec = objectField(node.spec) ?? {};
  const status = objectField(node.status) ?? {};
  const info = objectField(status.nodeInfo) ?? {};
  return {
    name: specString(meta.name),
    labels: stringMap(meta.labels),
    annotations: stringMap(meta.annotations),
    providerID: specString(spec.providerID),
    taints: listField(spec.taints).map((t) => {
      const o = objectField(t) ?? {};
      return { key: specString(o.key), value: specString(o.value), effect: specString(o.effect) };
    }),
    capacity: resourceList(status.capacity),
    allocatable: resourceList(status.allocatable),
    architecture: specString(info.architecture),
    containerRuntimeVersion: specString(info.containerRuntimeVersion),
    osImage: specString(info.osImage),
    conditions: listField(status.conditions).map((c) => {
      const o = objectField(c) ?? {};
      return { type: specString(o.type), status: specString(o.status) };
    }),
  };
}

/** Decodes NodeList JSON text; throws the decode error (unwrapped). */
export function decodeNodeList(text: string): NodeView[] {
  const list = objectField(goJsonParse(text)) ?? {};
  return listField(list.items).map(nodeView);
}

/**
 * The collected nodes, in list order.
 * @throws AnalyzeError "<getMsg>: file cluster-resources/nodes.json was not collected" when absent,
 *   "failed to unmarshal node list: <cause>" when it does not decode.
 */
export function readNodes(files: CollectedFiles, getMsg: string): NodeView[] {
  let text: string;
  try {
    text = files.text(NODES_PATH);
  } catch (err) {
    throw wrap(getMsg, err);
  }
  try {
    return decodeNodeList(text);
  } catch (err) {
    throw wrap("failed to unmarshal node list", err);
  }
}
