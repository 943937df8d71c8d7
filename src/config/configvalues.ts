import YAML from "yaml";
import type { ConfigValueEntry } from "./model.ts";
import { CONFIG_API_VERSION } from "./schema.ts";

const FIELD_ORDER: Array<keyof ConfigValueEntry> = ["default", "value", "valuePlaintext", "data", "dataPlaintext", "filename", "repeatableItem"];

/**
 * Writes a kots.io/v1beta1 ConfigValues document (configvalues_types.go: spec.values maps an item
 * name to {default, value, valuePlaintext, filename…}); entries keep the given order, fields a
 * fixed one. Multi-line values are written as block scalars, long lines are not folded.
 */
export function writeConfigValues(name: string, entries: Array<[string, ConfigValueEntry]>): string {
  const values: Record<string, Record<string, string>> = {};
  for (const [item, entry] of entries) {
    const out: Record<string, string> = {};
    for (const f of FIELD_ORDER) if (entry[f] !== undefined) out[f] = entry[f]!;
    values[item] = out;
  }
  const doc = { apiVersion: CONFIG_API_VERSION, kind: "ConfigValues", metadata: { name }, spec: { values } };
  return YAML.stringify(doc, { lineWidth: 0 });
}
