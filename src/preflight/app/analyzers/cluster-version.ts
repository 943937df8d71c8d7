/**
 * The clusterVersion analyzer (troubleshoot v0.133.0 pkg/analyze/cluster_version.go): the
 * Kubernetes version of `cluster-info/cluster_version.json` checked against each outcome's `when`,
 * a blang/semver range (see ../semver-range.ts); the first outcome whose range holds (or that has
 * no `when`) gives the result.
 */
import { outcomeCases, strictOf } from "../outcomes.ts";
import { parseSemver, parseSemverRange, type SemVersion } from "../semver-range.ts";
import { AnalyzeError, type AnalyzerDef, type AnalyzerResult, type AnalyzerSpec, wrap } from "../types.ts";
import { goJsonParse, objectField, specString } from "./cluster-go.ts";

export const CLUSTER_VERSION_PATH = "cluster-info/cluster_version.json";

/** Title(): the checkName, else "Required Kubernetes Version". */
function title(spec: AnalyzerSpec): string {
  return specString(spec.checkName) || "Required Kubernetes Version";
}

/**
 * parseK8sVersionString: an EKS pre-release gitVersion ("v1.25.16-eks-8cb36c9") keeps only what
 * precedes its first "-"; every leading "v" is trimmed; the rest must be strict semver.
 * @throws Error with blang's text (e.g. "No Major.Minor.Patch elements found" for "v1.17")
 */
export function parseK8sVersion(version: string): SemVersion {
  let v = version;
  if (v.includes("-eks-")) v = v.split("-")[0]!;
  return parseSemver(v.replace(/^v+/, ""));
}

/**
 * @throws AnalyzeError "failed to get contents of cluster_version.json: …", "failed to parse
 *   cluster_version.json: …", "failed to parse semver from cluster_version.json: …", "empty
 *   outcome", "failed to parse semver range: …"
 */
function analyze(spec: AnalyzerSpec, files: Parameters<AnalyzerDef["analyze"]>[1]): AnalyzerResult[] {
  let text: string;
  try {
    text = files.text(CLUSTER_VERSION_PATH);
  } catch (err) {
    throw wrap("failed to get contents of cluster_version.json", err);
  }
  let versionString: string;
  try {
    const parsed = goJsonParse(text);
    const s = objectField(parsed)?.string;
    if (s !== undefined && s !== null && typeof s !== "string") throw new Error(`json: cannot unmarshal ${typeof s === "number" ? "number" : typeof s === "boolean" ? "bool" : Array.isArray(s) ? "array" : "object"} into Go struct field ClusterVersion.string of type string`);
    versionString = specString(s);
  } catch (err) {
    throw wrap("failed to parse cluster_version.json", err);
  }
  let version: SemVersion;
  try {
    version = parseK8sVersion(versionString);
  } catch (err) {
    throw wrap("failed to parse semver from cluster_version.json", err);
  }
  for (const c of outcomeCases(spec)) {
    if (!c) throw new AnalyzeError("empty outcome");
    const result: AnalyzerResult = { title: title(spec), outcome: c.outcome, message: c.message, uri: c.uri, strict: strictOf(spec) };
    if (c.when === "") return [result];
    let range;
    try {
      range = parseSemverRange(c.when);
    } catch (err) {
      throw wrap("failed to parse semver range", err);
    }
    if (range(version)) return [result];
  }
  return [];
}

export const clusterVersion: AnalyzerDef = { title, analyze };
