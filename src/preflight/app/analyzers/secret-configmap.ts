/**
 * secret and configMap analyzers (troubleshoot v0.133.0 pkg/analyze/secret.go, configmap.go).
 *
 * Each reads the one file its collector wrote (pkg/collect/secret.go GetSecretFileName,
 * configmap.go GetConfigMapFileName): secrets/<namespace>/<secretName>[/<key>].json or
 * configmaps/<namespace>/<configMapName>[/<key>].json (filepath.Join, so empty parts drop out),
 * a JSON object {namespace, name, key, secretExists|configMapExists, keyExists, value?, data?}.
 * Missing object, or (with `key`) a different key or keyExists false: fail with the LAST fail
 * outcome's message and uri. Otherwise pass with the LAST pass outcome's message and uri (empty
 * when there is none). `when` is never read. Title: checkName, else "Secret <secretName>" /
 * "ConfigMap <configMapName>". One result, strict as the spec says.
 * @throws AnalyzeError "file PATH was not collected" (the collector did not run for it), the JSON
 *   parse error, or — where Go dereferences a missing fail outcome and the whole troubleshoot
 *   process panics — "runtime error: invalid memory address or nil pointer dereference".
 */
import type { CollectedFiles } from "../collected.ts";
import { strictOf } from "../outcomes.ts";
import { AnalyzeError, type AnalyzerDef, type AnalyzerResult, type AnalyzerSpec } from "../types.ts";
import { objOrNil, parseJson, specStr, str, type Obj } from "./workload-files.ts";
import { goJoinPath } from "../../../go/path.ts";
import { NIL_DEREFERENCE } from "./statefulset-status.ts";

interface ObjectKind {
  /** the spec field naming the object */
  nameField: string;
  /** Title() prefix */
  label: string;
  /** the collector's top directory */
  dir: string;
  /** the output's "exists" field */
  existsField: string;
  /** the collector output's Go type */
  goType: string;
}

/** The bundle path of a secret / configMap collector's output (GetSecretFileName / GetConfigMapFileName without includeAllData). */
export function objectDataPath(dir: string, namespace: string, name: string, key: string): string {
  const parts = [dir, namespace, name];
  if (key !== "") parts.push(key);
  return `${goJoinPath(...parts)}.json`;
}

function lastOf(spec: AnalyzerSpec, kind: "fail" | "pass"): Obj | undefined {
  let found: Obj | undefined;
  for (const o of Array.isArray(spec.outcomes) ? spec.outcomes : []) {
    const single = objOrNil(objOrNil(o)?.[kind]);
    if (single) found = single;
  }
  return found;
}

function objectAnalyzer(kind: ObjectKind): AnalyzerDef {
  const title = (spec: AnalyzerSpec) => specStr(spec.checkName) || `${kind.label} ${specStr(spec[kind.nameField])}`;
  return {
    title,
    analyze(spec: AnalyzerSpec, files: CollectedFiles): AnalyzerResult[] {
      const key = specStr(spec.key);
      const path = objectDataPath(kind.dir, specStr(spec.namespace), specStr(spec[kind.nameField]), key);
      const bytes = files.get(path);
      const parsed = parseJson(bytes, "json");
      if (parsed !== null && (typeof parsed !== "object" || Array.isArray(parsed)))
        throw new AnalyzeError(`json: cannot unmarshal ${Array.isArray(parsed) ? "array" : typeof parsed} into Go value of type collect.${kind.goType}`);
      const found = (parsed ?? {}) as Obj;
      const strict = strictOf(spec);
      const failed = found[kind.existsField] !== true || (key !== "" && (str(found.key) !== key || found.keyExists !== true));
      if (failed) {
        const fail = lastOf(spec, "fail");
        if (!fail) throw new AnalyzeError(NIL_DEREFERENCE);
        return [{ title: title(spec), outcome: "fail", message: specStr(fail.message), uri: specStr(fail.uri), strict }];
      }
      const pass = lastOf(spec, "pass");
      return [{ title: title(spec), outcome: "pass", message: specStr(pass?.message), uri: specStr(pass?.uri), strict }];
    },
  };
}

export const secret: AnalyzerDef = objectAnalyzer({
  nameField: "secretName",
  label: "Secret",
  dir: "secrets",
  existsField: "secretExists",
  goType: "SecretOutput",
});

export const configMap: AnalyzerDef = objectAnalyzer({
  nameField: "configMapName",
  label: "ConfigMap",
  dir: "configmaps",
  existsField: "configMapExists",
  goType: "ConfigMapOutput",
});
