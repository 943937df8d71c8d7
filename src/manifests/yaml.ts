/**
 * Multi-document YAML of a rendered object set, for `--dry-run` (stdout, which may land in logs):
 * Secret values are never printed.
 */
import { stringify } from "yaml";
import type { K8sObject } from "./types.ts";

/** The placeholder printed instead of every Secret value. */
export const REDACTED = "<redacted>";

/**
 * Copies of `objects` with every value of a Secret's `data` and `stringData` replaced by REDACTED
 * (keys kept, so the shape stays reviewable). Other objects are returned as deep copies unchanged.
 */
export function redactSecrets(objects: readonly K8sObject[]): K8sObject[] {
  return objects.map((o) => {
    const copy = structuredClone(o);
    if (copy.kind !== "Secret") return copy;
    for (const field of ["data", "stringData"] as const) {
      const values = copy[field] as Record<string, unknown> | undefined;
      if (values && typeof values === "object") for (const k of Object.keys(values)) values[k] = REDACTED;
    }
    return copy;
  });
}

/**
 * `objects` as multi-document YAML (`---` before each document, in the given order), with Secret
 * values redacted (see redactSecrets). Emitted with the YAML 1.1 schema so strings that a YAML 1.1
 * reader (kubectl, sigs.k8s.io/yaml) would take for booleans or numbers ("on", "off", "0644") are
 * quoted. Empty input gives "".
 */
export function renderYaml(objects: readonly K8sObject[]): string {
  return redactSecrets(objects)
    .map((o) => `---\n${stringify(o, { lineWidth: 0, version: "1.1" })}`)
    .join("");
}
