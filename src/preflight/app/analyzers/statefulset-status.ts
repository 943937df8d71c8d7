/**
 * statefulsetStatus (troubleshoot v0.133.0 pkg/analyze/statefulset_status.go).
 *
 * With `name`: cluster-resources/statefulsets/<namespace>.json, the FIRST item of that name. With
 * outcomes: the common status rules (workload-status.ts) on status.readyReplicas, title
 * "<name> Status". Without outcomes: the default check below.
 * Without `name`: the default check for every statefulset of <namespace>.json, each of
 * `namespaces`, or *.json when neither is set (outcomes unused).
 * Default check: status.replicas == status.readyReplicas gives nothing, else a fail
 * "NS/NAME Statefulset Status" / "The statefulset NS/NAME has READY/REPLICAS replicas".
 */
import type { CollectedFiles } from "../collected.ts";
import { AnalyzeError, wrap, type AnalyzerDef, type AnalyzerSpec } from "../types.ts";
import { commonStatus, hasOutcomes, namespacedStatusAnalyzer, type Draft } from "./workload-status.ts";
import { dig, globFiles, int, listedItems, listItems, specStr, str, type Obj } from "./workload-files.ts";
import { goJoinPath } from "../../../go/path.ts";
import { namespaceFiles } from "./deployment-status.ts";

const DIR = "cluster-resources/statefulsets";

/**
 * Go dereferences a nil pointer here (a named statefulset that is missing, with no outcomes) and
 * the whole `preflight` process panics; we report it as this analyzer's error instead.
 */
export const NIL_DEREFERENCE = "runtime error: invalid memory address or nil pointer dereference";

function defaultResult(s: Obj): Draft | null {
  const replicas = int(dig(s, "status", "replicas"));
  const ready = int(dig(s, "status", "readyReplicas"));
  if (replicas === ready) return null;
  const id = `${str(dig(s, "metadata", "namespace"))}/${str(dig(s, "metadata", "name"))}`;
  return { title: `${id} Statefulset Status`, outcome: "fail", message: `The statefulset ${id} has ${ready}/${replicas} replicas`, uri: "" };
}

function analyzeOne(spec: AnalyzerSpec, files: CollectedFiles): Draft[] {
  const name = specStr(spec.name);
  let draft: Draft | null = null;
  for (const [, bytes] of globFiles(files, goJoinPath(DIR, `${specStr(spec.namespace)}.json`))) {
    const items = listItems(bytes, "failed to unmarshal statefulset list", "v1.StatefulSetList");
    const found = items.find((s) => str(dig(s, "metadata", "name")) === name);
    if (hasOutcomes(spec)) {
      try {
        draft = commonStatus(spec, name, found ? int(dig(found, "status", "readyReplicas")) : 0, found !== undefined, "statefulset");
      } catch (e) {
        throw wrap("failed to process status", e);
      }
    } else {
      if (!found) throw new AnalyzeError(NIL_DEREFERENCE);
      draft = defaultResult(found);
    }
  }
  return draft ? [draft] : [];
}

function analyzeAll(spec: AnalyzerSpec, files: CollectedFiles): Draft[] {
  const drafts: Draft[] = [];
  for (const s of listedItems(files, namespaceFiles(DIR, spec), "failed to unmarshal statefulset list", "v1.StatefulSetList")) {
    const d = defaultResult(s);
    if (d) drafts.push(d);
  }
  return drafts;
}

export const statefulsetStatus: AnalyzerDef = namespacedStatusAnalyzer("Statefulset", analyzeOne, analyzeAll);
