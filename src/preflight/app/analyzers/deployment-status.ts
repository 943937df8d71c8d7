/**
 * deploymentStatus (troubleshoot v0.133.0 pkg/analyze/deployment_status.go).
 *
 * With `name`: reads cluster-resources/deployments/<namespace>.json (a DeploymentList), takes the
 * LAST item of that name, and applies the common status rules (workload-status.ts) to its
 * status.readyReplicas; one result titled "<name> Status" (checkName does not change it).
 * Without `name`: every deployment in <namespace>.json, in each of `namespaces`, or in all
 * namespaces (*.json) when neither is set, whose status.replicas differs from
 * status.availableReplicas gives a fail "NS/NAME Deployment Status" with
 * "The deployment NS/NAME has READY/REPLICAS replicas"; outcomes are not used.
 */
import type { CollectedFiles } from "../collected.ts";
import { wrap, type AnalyzerDef, type AnalyzerSpec } from "../types.ts";
import { commonStatus, namespacedStatusAnalyzer, type Draft } from "./workload-status.ts";
import { dig, globFiles, int, listedItems, listItems, specStr, str, strList, type Obj } from "./workload-files.ts";
import { goJoinPath } from "../../../go/path.ts";

const DIR = "cluster-resources/deployments";

/** The files an all-deployments check reads: <namespace>.json, then each of `namespaces`, else *.json. */
export function namespaceFiles(dir: string, spec: AnalyzerSpec): string[] {
  const names: string[] = [];
  const ns = specStr(spec.namespace);
  if (ns !== "") names.push(goJoinPath(dir, `${ns}.json`));
  for (const n of strList(spec.namespaces)) names.push(goJoinPath(dir, `${n}.json`));
  if (names.length === 0) names.push(goJoinPath(dir, "*.json"));
  return names;
}

function analyzeOne(spec: AnalyzerSpec, files: CollectedFiles): Draft[] {
  const name = specStr(spec.name);
  let draft: Draft | undefined;
  for (const [, bytes] of globFiles(files, goJoinPath(DIR, `${specStr(spec.namespace)}.json`))) {
    let found: Obj | undefined;
    for (const d of listItems(bytes, "failed to unmarshal deployment list", "v1.DeploymentList")) {
      if (str(dig(d, "metadata", "name")) === name) found = d;
    }
    const ready = found ? int(dig(found, "status", "readyReplicas")) : 0;
    try {
      draft = commonStatus(spec, name, ready, found !== undefined, "deployment");
    } catch (e) {
      throw wrap("failed to process status", e);
    }
  }
  return draft ? [draft] : [];
}

function analyzeAll(spec: AnalyzerSpec, files: CollectedFiles): Draft[] {
  const drafts: Draft[] = [];
  for (const d of listedItems(files, namespaceFiles(DIR, spec), "failed to unmarshal deployment list", "v1.DeploymentList")) {
    const replicas = int(dig(d, "status", "replicas"));
    if (replicas === int(dig(d, "status", "availableReplicas"))) continue;
    const id = `${str(dig(d, "metadata", "namespace"))}/${str(dig(d, "metadata", "name"))}`;
    drafts.push({
      title: `${id} Deployment Status`,
      outcome: "fail",
      message: `The deployment ${id} has ${int(dig(d, "status", "readyReplicas"))}/${replicas} replicas`,
      uri: "",
    });
  }
  return drafts;
}

export const deploymentStatus: AnalyzerDef = namespacedStatusAnalyzer("Deployment", analyzeOne, analyzeAll);
