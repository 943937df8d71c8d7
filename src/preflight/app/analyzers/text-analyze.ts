/**
 * troubleshoot v0.133.0 pkg/analyze/text_analyze.go: the `textAnalyze` analyzer — a regular
 * expression over collected files.
 *
 * Spec: checkName (title; else collectorName), collectorName + fileName (joined as Go's
 * filepath.Join; a glob or a prefix of bundle paths; a name ending -stdout.txt, -stderr.txt or
 * -errors.json without wildcards is looked for two directories deeper, where exec collectors put
 * it: COLLECTOR/*\/*\/NAME), excludeFiles (globs, joined the same way), regex and/or regexGroups,
 * ignoreIfNoFiles, outcomes, strict.
 *
 * One result per matching file and per regex kind (regex results first, then regexGroups); files
 * go in path order (Go's map order is random). Entries that match no outcome are left out. With
 * neither regex nor regexGroups the result is a fail "Invalid analyzer" (not strict).
 * @throws AnalyzeError "failed to read collected file name: PATH: File not found: PATH" when no
 *   file matches (troubleshoot's file finder fails before ignoreIfNoFiles is looked at)
 */
import type { CollectedFiles } from "../collected.ts";
import { strictOf } from "../outcomes.ts";
import { type AnalyzerDef, type AnalyzerResult, type AnalyzerSpec, wrap } from "../types.ts";
import { goJoinPath } from "../../../go/path.ts";
import { INVALID_ANALYZER, draftOf, rawOutcomes, toResult } from "./data-outcomes.ts";
import { analyzeRegexGroups, analyzeRegexPattern } from "./data-regex-outcomes.ts";

const s = (v: unknown): string => (v === undefined || v === null ? "" : String(v));

function title(spec: AnalyzerSpec): string {
  return s(spec.checkName) || s(spec.collectorName);
}

const isLikelyExecOutput = (name: string) => name.endsWith("-stdout.txt") || name.endsWith("-stderr.txt") || name.endsWith("-errors.json");
const hasWildcards = (p: string) => p.includes("*") || p.includes("?") || p.includes("[");

/** The bundle path (or glob) textAnalyze reads for `fileName` under `collectorName`. */
export function textAnalyzePath(collectorName: string, fileName: string): string {
  const full = goJoinPath(collectorName, fileName);
  if (isLikelyExecOutput(fileName) && !hasWildcards(fileName) && !hasWildcards(full)) return goJoinPath(collectorName, "*", "*", fileName);
  return full;
}

function analyze(spec: AnalyzerSpec, files: CollectedFiles): AnalyzerResult[] {
  const t = title(spec);
  const collectorName = s(spec.collectorName);
  const fullPath = textAnalyzePath(collectorName, s(spec.fileName));
  const excludes = (Array.isArray(spec.excludeFiles) ? spec.excludeFiles : []).map((e) => textAnalyzePath(collectorName, s(e)));
  let collected: Map<string, Uint8Array>;
  try {
    collected = files.find(fullPath, excludes);
  } catch (err) {
    throw wrap(`failed to read collected file name: ${fullPath}`, err);
  }
  if (collected.size === 0) {
    if (spec.ignoreIfNoFiles === true) return [];
    return [toResult(t, draftOf("warn", "No matching files"), false)!];
  }
  const strict = strictOf(spec);
  const outcomes = rawOutcomes(spec);
  const regex = s(spec.regex);
  const regexGroups = s(spec.regexGroups);
  const paths = [...collected.keys()].sort();
  const texts = paths.map((p) => new TextDecoder().decode(collected.get(p)));
  const drafts = [];
  if (regex !== "") for (const text of texts) drafts.push(analyzeRegexPattern(regex, text, outcomes));
  if (regexGroups !== "") for (const text of texts) drafts.push(analyzeRegexGroups(regexGroups, text, outcomes));
  if (drafts.length === 0) return [toResult(t, draftOf("fail", INVALID_ANALYZER), false)!];
  return drafts.map((d) => toResult(t, d, strict)).filter((r): r is AnalyzerResult => r !== null);
}

export const textAnalyze: AnalyzerDef = { title, analyze };
