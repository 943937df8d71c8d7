/**
 * The outcome plumbing shared by the data analyzers (troubleshoot v0.133.0 pkg/analyze
 * kube_resource.go, yaml_compare.go, json_compare.go, text_analyze.go): the spec's `outcomes`
 * entries as Go holds them (each may carry fail, warn and pass at once), and a result being
 * built with Go's three flags, which preflight's output reads pass first, then warn, then fail.
 */
import type { AnalyzerResult, AnalyzerSpec } from "../types.ts";

/** One of fail/warn/pass in an `outcomes` entry (Go's *SingleOutcome); strings as Go reads them. */
export interface Single {
  when: string;
  message: string;
  uri: string;
}

/** One `outcomes` entry; a key that is absent or null in the YAML is undefined (Go's nil pointer). */
export interface RawOutcome {
  fail?: Single;
  warn?: Single;
  pass?: Single;
}

const str = (v: unknown): string => (v === undefined || v === null ? "" : String(v));

/** The spec's `outcomes` entries in order. */
export function rawOutcomes(spec: AnalyzerSpec): RawOutcome[] {
  const list = Array.isArray(spec.outcomes) ? (spec.outcomes as unknown[]) : [];
  return list.map((o) => {
    const entry: RawOutcome = {};
    if (typeof o !== "object" || o === null) return entry;
    for (const k of ["fail", "warn", "pass"] as const) {
      const s = (o as Record<string, unknown>)[k];
      if (typeof s === "object" && s !== null) {
        const r = s as Record<string, unknown>;
        entry[k] = { when: str(r.when), message: str(r.message), uri: str(r.uri) };
      }
    }
    return entry;
  });
}

/** The first of fail, warn, pass an entry holds (Go's `if Fail … else if Warn … else if Pass`). */
export function firstOf(o: RawOutcome): ["fail" | "warn" | "pass", Single] | undefined {
  if (o.fail) return ["fail", o.fail];
  if (o.warn) return ["warn", o.warn];
  if (o.pass) return ["pass", o.pass];
  return undefined;
}

/** An AnalyzeResult being built: Go's IsPass/IsWarn/IsFail flags, message and URI. */
export interface Draft {
  isPass: boolean;
  isWarn: boolean;
  isFail: boolean;
  message: string;
  uri: string;
}

export function emptyDraft(): Draft {
  return { isPass: false, isWarn: false, isFail: false, message: "", uri: "" };
}

/** A draft with one flag set. */
export function draftOf(outcome: "fail" | "warn" | "pass", message: string, uri = ""): Draft {
  return { isPass: outcome === "pass", isWarn: outcome === "warn", isFail: outcome === "fail", message, uri };
}

/**
 * The result preflight prints for a draft: pass if IsPass, else warn if IsWarn, else fail if
 * IsFail (troubleshoot v0.133.0 pkg/preflight/text_results.go); null when no flag is set (an
 * empty result, which preflight's output leaves out).
 */
export function toResult(title: string, d: Draft, strict: boolean): AnalyzerResult | null {
  const outcome = d.isPass ? "pass" : d.isWarn ? "warn" : d.isFail ? "fail" : null;
  if (!outcome) return null;
  return { title, outcome, message: d.message, uri: d.uri, strict };
}

/** Go's "Invalid analyzer" result (no outcome matched). */
export const INVALID_ANALYZER = "Invalid analyzer";
