import YAML, { LineCounter, Scalar, type Document } from "yaml";
import type { z } from "zod";
import { ConfigParseError } from "./errors.ts";
import type { Config, ConfigValues, FieldLines, TemplatedField } from "./model.ts";
import { CONFIG_API_VERSION, ConfigSchema, ConfigValuesSchema } from "./schema.ts";

/**
 * Parses a kots.io/v1beta1 Config (the document of `text` whose kind is Config; a release file may
 * hold several documents). Templates are kept as text; each templated field remembers its line in
 * `file` so template errors point at it.
 * @throws ConfigParseError naming the problem: "not valid YAML: …", "no kind: Config document",
 *   "spec.groups[0].items[2] (db_port).type: …", "config item \"x\" is defined twice …".
 */
export function parseConfig(text: string, file = "kots-config.yaml"): Config {
  const { doc, data, lines } = findDocument(text, "Config");
  const parsed = checked(ConfigSchema, data, "Config");
  const seen = new Map<string, string>();
  const fieldLines = (path: (string | number)[], fields: TemplatedField[]): FieldLines => {
    const out: FieldLines = {};
    for (const f of fields) {
      const line = lineOf(doc, lines, [...path, f]);
      if (line !== undefined) out[f] = line;
    }
    return out;
  };
  const groups = parsed.spec.groups.map((g, gi) => {
    const gPath = ["spec", "groups", gi];
    return {
      name: g.name,
      title: g.title,
      description: g.description,
      when: g.when,
      line: lineOf(doc, lines, gPath) ?? 1,
      lines: fieldLines(gPath, ["title", "description", "when"]),
      items: g.items.map((it, ii) => {
        const prev = seen.get(it.name);
        if (prev !== undefined) throw new ConfigParseError(`config item "${it.name}" is defined twice (groups "${prev}" and "${g.name}")`);
        seen.set(it.name, g.name);
        const iPath = [...gPath, "items", ii];
        return {
          name: it.name,
          type: it.type,
          title: it.title,
          helpText: it.help_text,
          recommended: it.recommended,
          default: it.default,
          value: it.value,
          readonly: it.readonly,
          hidden: it.hidden,
          required: it.required,
          when: it.when,
          options: it.items.map((o) => ({ name: o.name, title: o.title, recommended: o.recommended ?? false })),
          filename: it.filename,
          validation: it.validation?.regex ? { pattern: it.validation.regex.pattern, message: it.validation.regex.message } : undefined,
          group: g.name,
          line: lineOf(doc, lines, iPath) ?? 1,
          lines: fieldLines(iPath, ["title", "help_text", "default", "value", "when", "filename"]),
        };
      }),
    };
  });
  return { name: parsed.metadata.name, file, groups };
}

/**
 * Parses a kots.io/v1beta1 ConfigValues (spec.values: item name → {value, default, valuePlaintext,
 * filename, …}). YAML numbers and bools in values are taken as text (true → "1").
 * @throws ConfigParseError naming the problem.
 */
export function parseConfigValues(text: string): ConfigValues {
  const { data } = findDocument(text, "ConfigValues");
  const parsed = checked(ConfigValuesSchema, data, "ConfigValues");
  return { name: parsed.metadata.name, values: parsed.spec.values };
}

function findDocument(text: string, kind: string): { doc: Document; data: unknown; lines: LineCounter } {
  const lines = new LineCounter();
  const docs = YAML.parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true });
  if (!Array.isArray(docs)) throw new ConfigParseError(`no kind: ${kind} document (the text is empty)`);
  const kinds: string[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      const e = doc.errors[0];
      throw new ConfigParseError(`not valid YAML: ${e.message.split("\n")[0]}`);
    }
    const data: unknown = doc.toJS();
    if (data === null || data === undefined) continue;
    const k = typeof data === "object" && !Array.isArray(data) ? (data as Record<string, unknown>).kind : undefined;
    if (k === kind) {
      const apiVersion = (data as Record<string, unknown>).apiVersion;
      if (apiVersion !== CONFIG_API_VERSION) {
        throw new ConfigParseError(`not a kots.io ${kind}: apiVersion is ${JSON.stringify(apiVersion)} (expected ${CONFIG_API_VERSION})`);
      }
      return { doc, data, lines };
    }
    kinds.push(typeof k === "string" ? k : "(no kind)");
  }
  throw new ConfigParseError(`no kind: ${kind} document${kinds.length ? ` (found ${kinds.join(", ")})` : ""}`);
}

function checked<T extends z.ZodType>(schema: T, data: unknown, kind: string): z.output<T> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new ConfigParseError(`invalid ${kind}: ${describePath(issue.path as (string | number)[], data)}: ${issue.message}`);
}

/** "spec.groups[0].items[2] (db_port).type" — indices plus the item/group name when there is one. */
function describePath(path: (string | number)[], data: unknown): string {
  let out = "";
  let cur: unknown = data;
  for (const p of path) {
    cur = cur && typeof cur === "object" ? (cur as Record<string | number, unknown>)[p] : undefined;
    out += typeof p === "number" ? `[${p}]` : `${out ? "." : ""}${p}`;
    const name = typeof p === "number" && cur && typeof cur === "object" ? (cur as Record<string, unknown>).name : undefined;
    if (typeof name === "string" && name) out += ` (${name})`;
  }
  return out || "(document)";
}

/** Line of the node at `path`; for block scalars (| or >) the line of their first content line. */
function lineOf(doc: Document, lines: LineCounter, path: (string | number)[]): number | undefined {
  const node = doc.getIn(path, true) as { range?: [number, number, number] } | undefined;
  if (!node || typeof node !== "object" || !node.range) return undefined;
  const line = lines.linePos(node.range[0]).line;
  const block = node instanceof Scalar && (node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED);
  return block ? line + 1 : line;
}
