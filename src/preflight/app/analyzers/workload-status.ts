/**
 * The rules deploymentStatus and statefulsetStatus share (troubleshoot v0.133.0
 * pkg/analyze/common_status.go): the `when` grammar "<op> <int>" over the ready replica count
 * (compareActualToWhen, in compare.ts),
 * "absent", a missing object's default fail, and the title pattern of the namespaced status kinds.
 */
import { outcomeCases, strictOf } from "../outcomes.ts";
import type { CollectedFiles } from "../collected.ts";
import { AnalyzeError, type AnalyzerDef, type AnalyzerResult, type AnalyzerSpec, type Outcome } from "../types.ts";
import { goQuote } from "../../../go/strings.ts";
import { specStr } from "./workload-files.ts";
import { compareActualToWhen } from "./compare.ts";

/** A result before `strict` is applied; `outcome` null when no outcome matched (Go's empty AnalyzeResult). */
export interface Draft {
  title: string;
  outcome: Outcome | null;
  message: string;
  uri: string;
}

/**
 * commonStatus: the first outcome (in spec order) that applies wins. A missing object fails every
 * outcome whose `when` is not "absent" with "The RESOURCETYPE \"NAME\" was not found" (the outcome's
 * uri kept); "absent" outcomes apply only when it is missing; an empty `when` always applies.
 * Title "NAME Status". No outcome applying gives outcome null.
 * @throws AnalyzeError "failed to parse fail|warn|pass range: …" (before the caller's own wrap).
 */
export function commonStatus(spec: AnalyzerSpec, name: string, readyReplicas: number, exists: boolean, resourceType: string): Draft {
  const draft: Draft = { title: `${name} Status`, outcome: null, message: "", uri: "" };
  for (const c of outcomeCases(spec)) {
    if (!c) continue;
    if (!exists && c.when !== "absent") {
      return { ...draft, outcome: "fail", message: `The ${resourceType} ${goQuote(name)} was not found`, uri: c.uri };
    }
    if (c.when === "") return { ...draft, outcome: c.outcome, message: c.message, uri: c.uri };
    if (c.when === "absent") {
      if (!exists) return { ...draft, outcome: c.outcome, message: c.message, uri: c.uri };
      continue;
    }
    let match: boolean;
    try {
      match = compareActualToWhen(c.when, readyReplicas);
    } catch (e) {
      throw new AnalyzeError(`failed to parse ${c.outcome} range: ${(e as Error).message}`);
    }
    if (match) return { ...draft, outcome: c.outcome, message: c.message, uri: c.uri };
  }
  return draft;
}

/**
 * Title() of deploymentStatus / statefulsetStatus / jobStatus / replicaSetStatus: checkName, else
 * "NS/NAME KIND Status", "NAME KIND Status", "NS KIND Status", or "KIND Status".
 */
export function namespacedStatusTitle(spec: AnalyzerSpec, kind: string): string {
  const checkName = specStr(spec.checkName);
  if (checkName !== "") return checkName;
  const name = specStr(spec.name);
  const ns = specStr(spec.namespace);
  if (name !== "" && ns !== "") return `${ns}/${name} ${kind} Status`;
  if (name !== "") return `${name} ${kind} Status`;
  if (ns !== "") return `${ns} ${kind} Status`;
  return `${kind} Status`;
}

/** Drafts with a matched outcome, as results carrying `strict`. */
export function finish(drafts: Draft[], strict: boolean): AnalyzerResult[] {
  const out: AnalyzerResult[] = [];
  for (const d of drafts) if (d.outcome) out.push({ title: d.title, outcome: d.outcome, message: d.message, uri: d.uri, strict });
  return out;
}

/** Whether the spec has any `outcomes` (Go's len(analyzer.Outcomes) > 0). */
export function hasOutcomes(spec: AnalyzerSpec): boolean {
  return Array.isArray(spec.outcomes) && spec.outcomes.length > 0;
}

/**
 * The Analyze() of deploymentStatus / statefulsetStatus / jobStatus / replicaSetStatus: title per
 * namespacedStatusTitle(KIND); with `name` the one-object check, without it the all-objects check;
 * the drafts with an outcome become results carrying `strict`.
 */
export function namespacedStatusAnalyzer(
  kind: string,
  analyzeOne: (spec: AnalyzerSpec, files: CollectedFiles) => Draft[],
  analyzeAll: (spec: AnalyzerSpec, files: CollectedFiles) => Draft[],
): AnalyzerDef {
  return {
    title: (spec) => namespacedStatusTitle(spec, kind),
    analyze(spec: AnalyzerSpec, files: CollectedFiles): AnalyzerResult[] {
      const drafts = specStr(spec.name) === "" ? analyzeAll(spec, files) : analyzeOne(spec, files);
      return finish(drafts, strictOf(spec));
    },
  };
}
