/**
 * A Config as the Go engine reads it (templates/go config_spec.go, kots.io/v1beta1 field names)
 * and the results of its config.analyze / config.render ops (config_render.go).
 */
import type { GoConfigValue } from "../templates/index.ts";
import type { TemplateContext } from "./context.ts";
import { toGoContext, templateCall } from "./engine.ts";
import type { Config } from "./model.ts";

/** A field error of config.render: Go's error text for `field` of an item or group. */
export interface GoFieldError {
  field: string;
  error: string;
}

/** One item of config.render (ResolvedItem). */
export interface GoResolvedItem {
  name: string;
  group: string;
  type: string;
  value: string;
  default: string;
  filename: string;
  title: string;
  helpText: string;
  when: string;
  visible: boolean;
  editable: boolean;
  options: { name: string; title: string; recommended: boolean }[];
  errors?: GoFieldError[];
}

/** One group of config.render (ResolvedGroup). */
export interface GoResolvedGroup {
  name: string;
  title: string;
  description: string;
  when: string;
  visible: boolean;
  errors?: GoFieldError[];
}

/** config.render's result (ResolvedConfig). */
export interface GoResolvedConfig {
  name: string;
  groups: GoResolvedGroup[];
  items: GoResolvedItem[];
  random: string[];
  generated: Record<string, string>;
}

/** The kots.io/v1beta1 Config object of a parsed Config, and each templated field's line ("item/field", "group:NAME/field"). */
export function configForEngine(config: Config): { object: unknown; lines: Record<string, number> } {
  const lines: Record<string, number> = {};
  const groups = config.groups.map((g) => {
    lines[`group:${g.name}`] = g.line;
    for (const [f, l] of Object.entries(g.lines)) lines[`group:${g.name}/${f}`] = l!;
    return {
      name: g.name,
      title: g.title,
      description: g.description,
      when: g.when,
      items: g.items.map((it) => {
        lines[it.name] = it.line;
        for (const [f, l] of Object.entries(it.lines)) lines[`${it.name}/${f}`] = l!;
        return {
          name: it.name,
          type: it.type,
          title: it.title,
          help_text: it.helpText,
          recommended: it.recommended,
          default: it.default,
          value: it.value,
          readonly: it.readonly,
          hidden: it.hidden,
          required: it.required,
          when: it.when,
          filename: it.filename,
          items: it.options.map((o) => ({ name: o.name, title: o.title, recommended: o.recommended })),
        };
      }),
    };
  });
  return { object: { apiVersion: "kots.io/v1beta1", kind: "Config", metadata: { name: config.name }, spec: { groups } }, lines };
}

export interface EngineConfig {
  object: unknown;
  lines: Record<string, number>;
  file: string;
}

/**
 * config.analyze: parses every templated field; returns the "item/field" keys of defaults/values
 * calling RandomString/RandomBytes. @throws TemplateError for the first parse error (file:line).
 */
export function analyzeConfig(cfg: EngineConfig, ctx: Omit<TemplateContext, "config">): string[] {
  const context = { ...toGoContext(ctx), config: cfg.object };
  return templateCall<{ random: string[] }>("config.analyze", { context, options: { file: cfg.file, lines: cfg.lines } }, cfg.file).random;
}

/**
 * config.render: every item resolved in dependency order with `values` (the operator's entries of
 * editable items), then every field rendered; `fixed` holds earlier generated random fields.
 */
export function renderConfig(
  cfg: EngineConfig,
  ctx: Omit<TemplateContext, "config">,
  values: Record<string, GoConfigValue>,
  fixed: Record<string, string>,
): GoResolvedConfig {
  const context = { ...toGoContext(ctx, values), config: cfg.object };
  return templateCall<GoResolvedConfig>("config.render", { context, options: { file: cfg.file, lines: cfg.lines, fixed } }, cfg.file);
}
