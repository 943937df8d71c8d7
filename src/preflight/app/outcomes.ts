/**
 * Outcome lists and bool-or-string fields of troubleshoot analyzer specs (troubleshoot v0.133.0
 * pkg/apis/troubleshoot/v1beta2/outcome.go and pkg/multitype/boolorstring.go).
 */
import type { AnalyzerSpec, Outcome } from "./types.ts";
import { goParseBool } from "../../go/strconv.ts";

/** One entry of `outcomes:`, as the single outcome it holds (fail wins over warn over pass, as Go's if/else). */
export interface OutcomeCase {
  outcome: Outcome;
  /** "" when absent: always matches */
  when: string;
  message: string;
  uri: string;
}

interface SingleOutcome {
  when?: unknown;
  message?: unknown;
  uri?: unknown;
}

const str = (v: unknown): string => (v === undefined || v === null ? "" : String(v));

/**
 * The spec's `outcomes` in order; an entry holding none of fail/warn/pass gives `null` (Go's
 * "empty outcome" cases are the analyzer's to report).
 */
export function outcomeCases(spec: AnalyzerSpec): Array<OutcomeCase | null> {
  const list = Array.isArray(spec.outcomes) ? (spec.outcomes as Array<Record<string, SingleOutcome | null | undefined>>) : [];
  return list.map((o) => {
    for (const outcome of ["fail", "warn", "pass"] as const) {
      const single = o?.[outcome];
      if (single) return { outcome, when: str(single.when), message: str(single.message), uri: str(single.uri) };
    }
    return null;
  });
}

/** BoolOrString.BoolOrDefaultFalse: a bool as is, a string parsed by ParseBool, else false. */
export function boolOrDefaultFalse(v: unknown): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "string") return goParseBool(v) ?? false;
  return false;
}

/** The spec's `strict` (BoolOrDefaultFalse). */
export function strictOf(spec: AnalyzerSpec): boolean {
  return boolOrDefaultFalse(spec.strict);
}
