/**
 * The containerRuntime analyzer (troubleshoot v0.133.0 pkg/analyze/container_runtime.go): each
 * node's status.nodeInfo.containerRuntimeVersion ("containerd://1.7.2") read as a URL; an outcome
 * whose `when` is "== SCHEME" (also "=" or "===") matches when any node's runtime has that scheme
 * (lower-cased by the URL parser); an outcome without `when` always matches. First match wins; no
 * match gives no result. Any other operator never matches.
 */
import type { CollectedFiles } from "../collected.ts";
import { outcomeCases, strictOf } from "../outcomes.ts";
import { type AnalyzerDef, type AnalyzerResult, type AnalyzerSpec, wrap } from "../types.ts";
import { specString } from "./cluster-go.ts";
import { readNodes } from "./cluster-nodes.ts";
import { goUrlScheme } from "./cluster-url.ts";
import { goTrimSpace } from "../../../go/strings.ts";

/** Title(): the checkName, else "Container Runtime". */
function title(spec: AnalyzerSpec): string {
  return specString(spec.checkName) || "Container Runtime";
}

/**
 * compareRuntimeConditionalToActual.
 * @throws Error "unable to parse conditional" (not exactly two space-separated words), "failed to
 *   parse url: parse \"…\": …"
 */
export function compareRuntimeWhen(conditional: string, actual: string): boolean {
  const parts = goTrimSpace(conditional).split(" ");
  if (parts.length !== 2) throw new Error("unable to parse conditional");
  let scheme: string;
  try {
    scheme = goUrlScheme(actual);
  } catch (err) {
    throw wrap("failed to parse url", err);
  }
  switch (parts[0]) {
    case "=":
    case "==":
    case "===":
      return parts[1] === scheme;
  }
  return false;
}

/**
 * @throws AnalyzeError "failed to get contents of nodes.json: …", "failed to unmarshal node list:
 *   …", "failed to compare runtime conditional: …"
 */
function analyze(spec: AnalyzerSpec, files: CollectedFiles): AnalyzerResult[] {
  const runtimes = readNodes(files, "failed to get contents of nodes.json").map((n) => n.containerRuntimeVersion);
  for (const c of outcomeCases(spec)) {
    if (!c) continue;
    const result: AnalyzerResult = { title: title(spec), outcome: c.outcome, message: c.message, uri: c.uri, strict: strictOf(spec) };
    if (c.when === "") return [result];
    for (const runtime of runtimes) {
      let hit: boolean;
      try {
        hit = compareRuntimeWhen(c.when, runtime);
      } catch (err) {
        throw wrap("failed to compare runtime conditional", err);
      }
      if (hit) return [result];
    }
  }
  return [];
}

export const containerRuntime: AnalyzerDef = { title, analyze };
