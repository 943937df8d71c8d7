/**
 * jobStatus (troubleshoot v0.133.0 pkg/analyze/job_status.go).
 *
 * With `name`: cluster-resources/jobs/<namespace>.json, the FIRST job of that name. Missing: a fail
 * "<name> Job Status" / "The job \"<name>\" was not found" (whatever the outcomes). Found, with
 * outcomes: the first outcome whose `when` ("succeeded|failed <op> <int>", or empty) holds,
 * titled "<name> Status". Found, no outcomes: the default check.
 * Without `name`: the default check for every job of <namespace>.json and of each of
 * `namespaces`, plus — whenever `namespaces` is empty, even with `namespace` set — of every
 * namespace (*.json), so a job can be reported twice. Outcomes are not used.
 * Default check: nothing when spec.completions is unset and status.succeeded > 1, when it equals
 * status.succeeded, or when status.failed is 0; else a fail "NS/NAME Job Status" /
 * "The job NS/NAME is not complete".
 */
import type { CollectedFiles } from "../collected.ts";
import { wrap, type AnalyzerDef, type AnalyzerSpec } from "../types.ts";
import { goQuote } from "../../../go/strings.ts";
import { hasOutcomes, namespacedStatusAnalyzer, type Draft } from "./workload-status.ts";
import { fieldStatus } from "./workload-field-when.ts";
import { dig, globFiles, int, listedItems, listItems, specStr, str, strList, type Obj } from "./workload-files.ts";
import { goJoinPath } from "../../../go/path.ts";

const DIR = "cluster-resources/jobs";

function defaultResult(job: Obj): Draft | null {
  const completions = dig(job, "spec", "completions");
  const succeeded = int(dig(job, "status", "succeeded"));
  const hasCompletions = completions !== undefined && completions !== null;
  if (!hasCompletions && succeeded > 1) return null;
  if (hasCompletions && int(completions) === succeeded) return null;
  if (int(dig(job, "status", "failed")) === 0) return null;
  const id = `${str(dig(job, "metadata", "namespace"))}/${str(dig(job, "metadata", "name"))}`;
  return { title: `${id} Job Status`, outcome: "fail", message: `The job ${id} is not complete`, uri: "" };
}

function analyzeOne(spec: AnalyzerSpec, files: CollectedFiles): Draft[] {
  const name = specStr(spec.name);
  let draft: Draft | null = null;
  for (const [, bytes] of globFiles(files, goJoinPath(DIR, `${specStr(spec.namespace)}.json`))) {
    const job = listItems(bytes, "failed to unmarshal job list", "v1.JobList").find((j) => str(dig(j, "metadata", "name")) === name);
    if (!job) {
      draft = { title: `${name} Job Status`, outcome: "fail", message: `The job ${goQuote(name)} was not found`, uri: "" };
    } else if (hasOutcomes(spec)) {
      try {
        draft = fieldStatus(spec, str(dig(job, "metadata", "name")), {
          succeeded: int(dig(job, "status", "succeeded")),
          failed: int(dig(job, "status", "failed")),
        });
      } catch (e) {
        throw wrap("failed to process status", e);
      }
    } else {
      draft = defaultResult(job);
    }
  }
  return draft ? [draft] : [];
}

function analyzeAll(spec: AnalyzerSpec, files: CollectedFiles): Draft[] {
  // analyzeAllJobStatuses adds *.json whenever `namespaces` is empty: not namespaceFiles (deployment_status.go, statefulset_status.go).
  const patterns: string[] = [];
  const ns = specStr(spec.namespace);
  const namespaces = strList(spec.namespaces);
  if (ns !== "") patterns.push(goJoinPath(DIR, `${ns}.json`));
  for (const n of namespaces) patterns.push(goJoinPath(DIR, `${n}.json`));
  if (namespaces.length === 0) patterns.push(goJoinPath(DIR, "*.json"));
  const drafts: Draft[] = [];
  for (const job of listedItems(files, patterns, "failed to unmarshal job list", "v1.JobList")) {
    const d = defaultResult(job);
    if (d) drafts.push(d);
  }
  return drafts;
}

export const jobStatus: AnalyzerDef = namespacedStatusAnalyzer("Job", analyzeOne, analyzeAll);
