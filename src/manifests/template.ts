/**
 * The template language of manifests/*.yaml: plain YAML (one or more documents) whose string
 * scalars may hold `${name}` placeholders, substituted after parsing (so YAML quoting never breaks):
 *   - a scalar that is exactly `"${name}"` becomes the value of `name` as is (string, number, object…);
 *   - `${name}` inside a longer string is replaced by the value's text (string, number or boolean).
 * Map keys are not substituted. Pure: same text and vars, same objects.
 */
import { parseAllDocuments } from "yaml";
import type { K8sObject } from "./types.ts";

export type TemplateVars = Readonly<Record<string, unknown>>;

const WHOLE = /^\$\{([A-Za-z_][\w.]*)\}$/;
const INNER = /\$\{([A-Za-z_][\w.]*)\}/g;

/** Thrown for a malformed template or a placeholder without a value. Message names the template. */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TemplateError";
  }
}

function lookup(vars: TemplateVars, key: string, file: string): unknown {
  if (!Object.hasOwn(vars, key) || vars[key] === undefined) throw new TemplateError(`template ${file}: no value for \${${key}}`);
  return vars[key];
}

function substitute(node: unknown, vars: TemplateVars, file: string): unknown {
  if (typeof node === "string") {
    const whole = WHOLE.exec(node);
    if (whole) return structuredClone(lookup(vars, whole[1]!, file));
    return node.replace(INNER, (_m, key: string) => {
      const v = lookup(vars, key, file);
      if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean")
        throw new TemplateError(`template ${file}: \${${key}} inside a string needs a string, number or boolean`);
      return String(v);
    });
  }
  if (Array.isArray(node)) return node.map((n) => substitute(n, vars, file));
  if (node !== null && typeof node === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = substitute(v, vars, file);
    return out;
  }
  return node;
}

/**
 * Parses template `text` (named `file` in errors) and substitutes `vars`. Returns the documents as
 * Kubernetes objects, in file order; empty documents are skipped. Throws TemplateError on YAML
 * errors, on a missing placeholder value, or when a document lacks apiVersion/kind/metadata.name.
 */
export function renderTemplate(text: string, vars: TemplateVars, file: string): K8sObject[] {
  const out: K8sObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new TemplateError(`template ${file}: ${doc.errors[0]!.message}`);
    const js: unknown = doc.toJS();
    if (js === null || js === undefined) continue;
    const obj = substitute(js, vars, file) as K8sObject;
    if (typeof obj.apiVersion !== "string" || typeof obj.kind !== "string" || typeof obj.metadata?.name !== "string")
      throw new TemplateError(`template ${file}: every document needs apiVersion, kind and metadata.name`);
    out.push(obj);
  }
  return out;
}
