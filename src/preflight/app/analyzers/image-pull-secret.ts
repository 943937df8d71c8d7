/**
 * The imagePullSecret analyzer (troubleshoot v0.133.0 pkg/analyze/image_pull_secret.go): the
 * files its getChildCollectedFileContents gives for `cluster-resources/image-pull-secrets` (each
 * {"<registry>": "<username>"}) are searched for the key `registryName`. Found: pass, with the
 * last pass outcome's message; not found: fail, with the last fail outcome's (an outcome holding
 * fail is not also read as pass). An empty message becomes "Credentials to pull from: NAME found"
 * / "… not found".
 *
 * The lookup is troubleshoot's `preflight` CLI one (pkg/analyze/download.go, CollectedFiles.glob):
 * the pattern names the directory itself, so with no dockerconfigjson Secret collected it finds
 * nothing (a fail), and with any it fails to read a directory (an error, which the CLI leaves out
 * of its output). KOTS's in-cluster run (pkg/preflight/analyze.go) matches by prefix instead
 * (CollectedFiles.find: the `<ns>/<secret>.json` files and image-pull-secrets-errors.json).
 */
import type { CollectedFiles } from "../collected.ts";
import { outcomeCases, strictOf } from "../outcomes.ts";
import { type AnalyzerDef, type AnalyzerResult, type AnalyzerSpec, wrap } from "../types.ts";
import { goJsonParse, objectField, specString } from "./cluster-go.ts";

export const IMAGE_PULL_SECRETS_PREFIX = "cluster-resources/image-pull-secrets";

/** Title(): the checkName, else "Image Pull Secrets". */
function title(spec: AnalyzerSpec): string {
  return specString(spec.checkName) || "Image Pull Secrets";
}

/** json.Unmarshal into map[string]string: the keys; a non-object or a non-string value is Go's error. */
function registryKeys(text: string): string[] {
  const v = goJsonParse(text);
  const o = objectField(v);
  if (v === null) return [];
  if (!o) throw new Error(`json: cannot unmarshal ${Array.isArray(v) ? "array" : typeof v === "string" ? "string" : typeof v === "boolean" ? "bool" : "number"} into Go value of type map[string]string`);
  for (const x of Object.values(o)) {
    if (x !== null && typeof x !== "string") throw new Error(`json: cannot unmarshal ${Array.isArray(x) ? "array" : typeof x === "object" ? "object" : typeof x === "boolean" ? "bool" : "number"} into Go value of type string`);
  }
  return Object.keys(o);
}

/**
 * @throws AnalyzeError "failed to get file contents for image pull secrets: read
 *   \"cluster-resources/image-pull-secrets\": read …: is a directory", "failed to parse registry
 *   secret: …"
 */
function analyze(spec: AnalyzerSpec, files: CollectedFiles): AnalyzerResult[] {
  let found: Map<string, Uint8Array>;
  try {
    found = files.glob(IMAGE_PULL_SECRETS_PREFIX, []);
  } catch (err) {
    throw wrap("failed to get file contents for image pull secrets", err);
  }
  let fail: { message: string; uri: string } | undefined;
  let pass: { message: string; uri: string } | undefined;
  for (const c of outcomeCases(spec)) {
    if (c?.outcome === "fail") fail = c;
    else if (c?.outcome === "pass") pass = c;
  }
  const registry = specString(spec.registryName);
  let isPass = false;
  let message = fail?.message ?? "";
  let uri = fail?.uri ?? "";
  for (const bytes of found.values()) {
    let keys: string[];
    try {
      keys = registryKeys(new TextDecoder().decode(bytes));
    } catch (err) {
      throw wrap("failed to parse registry secret", err);
    }
    if (keys.includes(registry)) {
      isPass = true;
      if (pass) ({ message, uri } = pass);
    }
  }
  if (message === "") message = `Credentials to pull from: ${registry} ${isPass ? "found" : "not found"}`;
  return [{ title: title(spec), outcome: isPass ? "pass" : "fail", message, uri, strict: strictOf(spec) }];
}

export const imagePullSecret: AnalyzerDef = { title, analyze };
