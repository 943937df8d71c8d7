/**
 * Runs an app preflight: collect once (collect.ts), then each analyzer in spec order, as
 * troubleshoot v0.133.0 pkg/preflight/analyze.go doAnalyze (KOTS's in-cluster run) does. An
 * analyzer error becomes a fail result titled by the analyzer (strict as its spec says), where
 * troubleshoot's CLI (pkg/analyze/download.go AnalyzeLocal) only logs it; an analyzer kind or a
 * collector we do not run becomes a warn naming it. Neither is ever a silent pass.
 */
import type { Cluster } from "../../kube/cluster.ts";
import { ANALYZERS } from "./analyzers/index.ts";
import { collect } from "./collect.ts";
import { preloadEngineFor } from "./engine-preload.ts";
import type { CollectedFiles } from "./collected.ts";
import { strictOf } from "./outcomes.ts";
import type { PreflightSpec } from "./spec.ts";
import { AnalyzeError, type AnalyzerResult, type AnalyzerSpec } from "./types.ts";
import { goParseBool } from "../../go/strconv.ts";

/** One check of an app preflight: troubleshoot's result plus the analyzer kind that gave it. */
export interface AppCheckResult extends AnalyzerResult {
  /** the spec key, e.g. "nodeResources" */
  analyzer: string;
  /**
   * Set on results troubleshoot's `preflight` CLI would not print: "analyzer-error" (the analyzer
   * returned an error: a fail, as KOTS's in-cluster run reports it; the CLI drops it silently),
   * "not-run" (an analyzer or collector kots-tui does not run: a warn), "collect-denied" (the API
   * server refused a collector's read, 403: a warn naming what was not read).
   */
  note?: "analyzer-error" | "not-run" | "collect-denied";
}

export interface AppPreflightOptions {
  /** the run's namespace (`-n`); clusterResources without namespaces then reads only it */
  namespace?: string;
  /** --skip-preflights: run only the strict analyzers */
  strictOnly?: boolean;
  signal?: AbortSignal;
}

export interface AppPreflightRun {
  results: AppCheckResult[];
  /** wall time of the collect phase, ms */
  collectMs: number;
  /** wall time of the analyze phase, ms */
  analyzeMs: number;
}

/** troubleshoot's isExcluded: a bool; a string ParseBool accepts ("" = not excluded); else the Go error text. */
function excludedOf(spec: AnalyzerSpec): boolean {
  const v = spec.exclude;
  if (v === undefined || v === null) return false;
  if (typeof v === "boolean") return v;
  const s = String(v);
  if (s === "") return false;
  const parsed = goParseBool(s);
  if (parsed === undefined) throw new AnalyzeError(`failed to parse bool string: strconv.ParseBool: parsing ${JSON.stringify(s)}: invalid syntax`);
  return parsed;
}

/** The analyzer kind key of one `analyzers:` entry and its spec (the first key holding an object). */
function entryOf(entry: Record<string, AnalyzerSpec>): [string, AnalyzerSpec] | undefined {
  for (const [k, v] of Object.entries(entry)) if (v !== null && typeof v === "object") return [k, v];
  const first = Object.keys(entry)[0];
  return first === undefined ? undefined : [first, {}];
}

/**
 * Analyzes already collected files with every analyzer of `spec` (pure: no I/O). With
 * `strictOnly`, non-strict analyzers are not run (--skip-preflights).
 */
export function analyzeCollected(spec: PreflightSpec, files: CollectedFiles, opts: { strictOnly?: boolean } = {}): AppCheckResult[] {
  const out: AppCheckResult[] = [];
  for (const entry of spec.analyzers) {
    const found = entryOf(entry);
    if (!found) continue;
    const [kind, analyzerSpec] = found;
    const strict = strictOf(analyzerSpec);
    if (opts.strictOnly && !strict) continue;
    const def = ANALYZERS[kind];
    if (!def) {
      out.push({ analyzer: kind, title: kind, outcome: "warn", message: `kots-tui does not run the ${kind} analyzer: this check was not made`, uri: "", strict, note: "not-run" });
      continue;
    }
    try {
      if (excludedOf(analyzerSpec)) continue;
      for (const r of def.analyze(analyzerSpec, files)) out.push({ ...r, analyzer: kind });
    } catch (err) {
      let title = kind;
      try {
        title = def.title(analyzerSpec);
      } catch {
        /* keep the kind as title */
      }
      const message = err instanceof AnalyzeError ? err.message : `${(err as Error).message ?? String(err)}`;
      out.push({ analyzer: kind, title, outcome: "fail", message, uri: "", strict, note: "analyzer-error" });
    }
  }
  return out;
}

/**
 * --collect-without-permissions, reported: the reads the API server refused (403, recorded by the
 * collectors in troubleshoot's `*-errors.json` files) as one warn naming each, so a check whose
 * data could not be read is never a silent pass. Not-found reads (a missing named object) are data.
 * Returns [] when nothing was refused.
 */
export function deniedReads(files: CollectedFiles): AppCheckResult[] {
  const what: string[] = [];
  const messages = new Set<string>();
  for (const [path, bytes] of [...files.files].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const name = /^(.*)-errors\.json$/.exec(path)?.[1] ?? /^(.*)\/errors\.json$/.exec(path)?.[1] ?? /^(secrets|configmaps)-errors\/(.*)\.json$/.exec(path)?.slice(1).join("/");
    if (!name) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      continue;
    }
    const entries: Array<[string, unknown]> = Array.isArray(parsed) ? parsed.map((m) => ["", m]) : Object.entries(parsed ?? {});
    for (const [ns, m] of entries) {
      if (typeof m !== "string" || !/ is forbidden: /.test(m)) continue;
      what.push(ns ? `${name} in ${ns}` : name);
      messages.add(m);
    }
  }
  if (what.length === 0) return [];
  const first = [...messages][0]!;
  return [
    {
      analyzer: "collector",
      title: "Data the API server refused",
      outcome: "warn",
      message: `${what.length} read${what.length === 1 ? " was" : "s were"} refused (403), so the checks of that data could not be made: ${what.join(", ")} (e.g. ${first})`,
      uri: "",
      strict: false,
      note: "collect-denied",
    },
  ];
}

/**
 * Collects from `cluster` and analyzes. Collectors we do not run are reported as warns first.
 * Throws only API-independent failures of our own (abort); collector failures are data.
 */
export async function runAppPreflight(cluster: Cluster, spec: PreflightSpec, opts: AppPreflightOptions = {}): Promise<AppPreflightRun> {
  const started = performance.now();
  // the Go template engine loads while the collectors wait on the API server
  const engineLoaded = preloadEngineFor(spec);
  const collected = await collect(cluster, spec.collectors, { namespace: opts.namespace, signal: opts.signal });
  await engineLoaded;
  const collectMs = performance.now() - started;
  const results: AppCheckResult[] = collected.unsupported.map((key) => ({
    analyzer: key,
    title: `${key} collector`,
    outcome: "warn",
    message: `kots-tui does not run the ${key} collector (it needs a pod or the host): analyzers of its data report it missing`,
    uri: "",
    strict: false,
    note: "not-run",
  }));
  for (const p of collected.problems) results.push({ analyzer: "collector", title: "collector failed", outcome: "warn", message: p, uri: "", strict: false, note: "not-run" });
  results.push(...deniedReads(collected.files));
  const t = performance.now();
  results.push(...analyzeCollected(spec, collected.files, { strictOnly: opts.strictOnly }));
  return { results, collectMs, analyzeMs: performance.now() - t };
}
