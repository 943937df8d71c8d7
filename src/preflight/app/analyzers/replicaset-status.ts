/**
 * replicasetStatus (troubleshoot v0.133.0 pkg/analyze/replicaset_status.go).
 *
 * With `name`: cluster-resources/replicasets/<namespace>.json, the FIRST replicaset of that name
 * (`selector` unused). Missing: a fail "<name> ReplicaSet Status" /
 * "The replicaset \"<name>\" was not found". Found, with outcomes: the first outcome whose `when`
 * ("ready|available <op> <int>", or empty) holds, titled "<name> Status". Found, no outcomes: the
 * default check.
 * Without `name`: every replicaset of <namespace>.json, each of `namespaces`, or *.json when
 * neither is set, whose labels match `selector` (its entries joined with "," and parsed as a
 * Kubernetes label selector; empty matches all): the outcomes per replicaset as above, or the
 * default check when there are none.
 * Default check: nothing when spec.replicas is unset and status.availableReplicas is 1, or when it
 * equals status.availableReplicas; else a fail "NS/NAME ReplicaSet Status" /
 * "The replicaset NS/NAME is not ready".
 */
import type { CollectedFiles } from "../collected.ts";
import { wrap, type AnalyzerDef, type AnalyzerSpec } from "../types.ts";
import { goQuote } from "../../../go/strings.ts";
import { hasOutcomes, namespacedStatusAnalyzer, type Draft } from "./workload-status.ts";
import { fieldStatus } from "./workload-field-when.ts";
import { dig, globFiles, int, listedItems, listItems, objOrNil, specStr, str, strList, type Obj } from "./workload-files.ts";
import { goJoinPath } from "../../../go/path.ts";
import { namespaceFiles } from "./deployment-status.ts";
import { parseLabelSelector } from "./label-selector.ts";

const DIR = "cluster-resources/replicasets";

function defaultResult(rs: Obj): Draft | null {
  const replicas = dig(rs, "spec", "replicas");
  const available = int(dig(rs, "status", "availableReplicas"));
  const hasReplicas = replicas !== undefined && replicas !== null;
  if (!hasReplicas && available === 1) return null;
  if (hasReplicas && int(replicas) === available) return null;
  const id = `${str(dig(rs, "metadata", "namespace"))}/${str(dig(rs, "metadata", "name"))}`;
  return { title: `${id} ReplicaSet Status`, outcome: "fail", message: `The replicaset ${id} is not ready`, uri: "" };
}

function withOutcomes(spec: AnalyzerSpec, rs: Obj): Draft {
  try {
    return fieldStatus(spec, str(dig(rs, "metadata", "name")), {
      ready: int(dig(rs, "status", "readyReplicas")),
      available: int(dig(rs, "status", "availableReplicas")),
    });
  } catch (e) {
    throw wrap("failed to process status", e);
  }
}

function analyzeOne(spec: AnalyzerSpec, files: CollectedFiles): Draft[] {
  const name = specStr(spec.name);
  let draft: Draft | null = null;
  for (const [, bytes] of globFiles(files, goJoinPath(DIR, `${specStr(spec.namespace)}.json`))) {
    // (sic) troubleshoot's text for this case says "deployment list"
    const rs = listItems(bytes, "failed to unmarshal deployment list", "v1.ReplicaSetList").find((r) => str(dig(r, "metadata", "name")) === name);
    if (!rs) draft = { title: `${name} ReplicaSet Status`, outcome: "fail", message: `The replicaset ${goQuote(name)} was not found`, uri: "" };
    else draft = hasOutcomes(spec) ? withOutcomes(spec, rs) : defaultResult(rs);
  }
  return draft ? [draft] : [];
}

function labelsOf(rs: Obj): Record<string, string> {
  const out: Record<string, string> = {};
  const labels = objOrNil(dig(rs, "metadata", "labels"));
  if (labels) for (const [k, v] of Object.entries(labels)) out[k] = typeof v === "string" ? v : String(v);
  return out;
}

function analyzeAll(spec: AnalyzerSpec, files: CollectedFiles): Draft[] {
  let selector;
  try {
    selector = parseLabelSelector(strList(spec.selector).join(","));
  } catch (e) {
    throw wrap("failed to parse selector", e);
  }
  const drafts: Draft[] = [];
  for (const rs of listedItems(files, namespaceFiles(DIR, spec), "failed to unmarshal replicaset list", "v1.ReplicaSetList")) {
    if (!selector.matches(labelsOf(rs))) continue;
    const d = hasOutcomes(spec) ? withOutcomes(spec, rs) : defaultResult(rs);
    if (d) drafts.push(d);
  }
  return drafts;
}

export const replicasetStatus: AnalyzerDef = namespacedStatusAnalyzer("ReplicaSet", analyzeOne, analyzeAll);
