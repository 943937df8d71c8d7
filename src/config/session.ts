import { writeConfigValues } from "./configvalues.ts";
import { ConfigError } from "./errors.ts";
import type { GoConfigValue } from "../templates/index.ts";
import { analyzeConfig, configForEngine, renderConfig, type EngineConfig, type GoFieldError, type GoResolvedConfig, type GoResolvedItem } from "./config-engine.ts";
import type { ConfigLookup, TemplateContext } from "./context.ts";
import { renderTemplate } from "./engine.ts";
import type { Config, ConfigGroup, ConfigItem, ConfigValueEntry } from "./model.ts";
import { EDITABLE_TYPES, type ItemType } from "./schema.ts";
import { templateErrorFromGo } from "./template-error.ts";
import { checkRegex, checkValueType, itemError, itemLabel } from "./validate.ts";

/** A group as the wizard shows it (title and description rendered). */
export interface GroupView {
  name: string;
  title: string;
  description: string;
}

/** An item as the wizard shows it: everything rendered against the current values. */
export interface ItemView {
  name: string;
  group: string;
  type: ItemType;
  title: string;
  helpText: string;
  /** effective value: the value if non-empty, else the default (what ConfigOption returns) */
  value: string;
  /** rendered default */
  default: string;
  /** the operator's value, undefined when not set */
  userValue: string | undefined;
  required: boolean;
  /** the operator cannot change it (readonly, label, heading) */
  readonly: boolean;
  recommended: boolean;
  /** options of select_one / radio */
  options: { name: string; title: string; recommended: boolean }[];
  /** file name of a file item */
  filename: string;
  /** the first validation problem of this item (ConfigError.detail), if any */
  error?: string;
}

export interface ConfigSessionOptions {
  /** ConfigValues spec.values (parseConfigValues(text).values): the operator's earlier answers */
  values?: Record<string, ConfigValueEntry>;
  /** license, namespace, registry, random source… for templates (config is supplied by the session) */
  context?: Omit<TemplateContext, "config">;
}

/**
 * The state of a Config being filled in. Pure: no I/O; every call returns fresh data, so an Ink
 * view can re-render from it after each `set`. Templates (`when`, defaults, titles) are
 * re-evaluated against the current values on every read.
 */
export interface ConfigSession {
  /** groups whose `when` is true and that have at least one visible item, in Config order */
  visibleGroups(): GroupView[];
  /** visible items of a group (`when` true, not hidden); [] when the group itself is not visible */
  itemsOf(group: string | GroupView): ItemView[];
  /** an item's view whether or not it is visible; throws ConfigError unknown-item */
  item(name: string): ItemView;
  /** effective value of an item (value if non-empty, else default); throws ConfigError unknown-item */
  get(name: string): string;
  /** sets the operator's value; throws ConfigError (unknown-item, readonly). Invalid values show up in validate(). */
  set(name: string, value: string, filename?: string): void;
  /** forgets the operator's value: the item falls back to its `value` template / default */
  unset(name: string): void;
  /** every problem, in Config order (unknown items from the values first) */
  validate(): ConfigError[];
  /** effective values of all items, by name */
  values(): Record<string, string>;
  /** the template context with these config values, for rendering the app's manifests */
  templateContext(): TemplateContext;
  /** renders a manifest file with these values (renderTemplate); throws TemplateError */
  render(text: string, file?: string): string;
  /**
   * kind: ConfigValues YAML: for each item its rendered default, the operator's value
   * (valuePlaintext for passwords, plus filename for files) and every generated random value;
   * metadata.name is `opts.name`, else the Config's name.
   */
  toConfigValues(opts?: { name?: string }): string;
}

/**
 * Creates a session over `config` with the operator's earlier `values`.
 * Rendering is the Go engine's (templates/go config_render.go, after KOTS
 * pkg/template/config_context.go newConfigContext and the Config templated with its values):
 * - items resolve in dependency order (ConfigOption* references); effective value = value if
 *   non-empty else default; for an editable item with an entry in the values, the entry's value
 *   replaces the item's `value` template; readonly items, labels and headings always use theirs;
 * - `when` renders per change; a group or item is hidden only when it renders to exactly "false";
 * - `required` and regex validation (Go's regexp) apply only to visible, non-hidden items of visible groups;
 * - a default or value template that calls RandomString/RandomBytes is generated once per session
 *   and written to the ConfigValues, and a value found there is kept, so re-runs don't rotate it.
 * The whole Config is rendered once per change (one engine call) and cached until the next set/unset.
 * @throws TemplateError at once when a Config template has a syntax error or unknown function.
 */
export function newConfigSession(config: Config, opts: ConfigSessionOptions = {}): ConfigSession {
  return new Session(config, opts);
}

const fieldKey = (owner: string, field: string) => `${owner}/${field}`;

class Session implements ConfigSession {
  private readonly items = new Map<string, ConfigItem>();
  private readonly groups = new Map<string, ConfigGroup>();
  private readonly user = new Map<string, { value: string; filename?: string }>();
  private readonly unknown: string[] = [];
  private readonly randomFields: Set<string>;
  private readonly generated = new Map<string, string>();
  private readonly baseCtx: Omit<TemplateContext, "config">;
  private readonly ctx: TemplateContext;
  private readonly engine: EngineConfig;
  private rendered: { cfg: GoResolvedConfig; items: Map<string, GoResolvedItem>; groups: Map<string, GoResolvedConfig["groups"][number]> } | undefined;

  constructor(
    private readonly config: Config,
    opts: ConfigSessionOptions,
  ) {
    this.baseCtx = { ...opts.context };
    const lookup: ConfigLookup = {
      value: (name) => (this.items.has(name) ? this.effective(name) : undefined),
      filename: (name) => (this.items.has(name) ? this.resolved(name).filename : undefined),
    };
    this.ctx = { ...opts.context, config: lookup };
    for (const g of config.groups) {
      this.groups.set(g.name, g);
      for (const it of g.items) this.items.set(it.name, it);
    }
    this.engine = { ...configForEngine(config), file: config.file };
    this.randomFields = new Set(analyzeConfig(this.engine, this.baseCtx));
    for (const [name, entry] of Object.entries(opts.values ?? {})) {
      const item = this.items.get(name);
      if (!item) {
        this.unknown.push(name);
        continue;
      }
      if (this.editable(item)) {
        // an entry replaces the item's value template even without a value (config_context.go)
        const v = item.type === "password" ? (entry.valuePlaintext ?? entry.value) : (entry.value ?? entry.valuePlaintext);
        this.user.set(name, { value: v ?? "", filename: entry.filename });
      }
      if (this.randomFields.has(fieldKey(name, "default")) && entry.default) this.generated.set(fieldKey(name, "default"), entry.default);
      if (this.randomFields.has(fieldKey(name, "value")) && !this.editable(item)) {
        const v = entry.value || entry.valuePlaintext;
        if (v) this.generated.set(fieldKey(name, "value"), v);
      }
    }
  }

  private editable(item: ConfigItem): boolean {
    return !item.readonly && EDITABLE_TYPES.has(item.type);
  }

  private invalidate() {
    this.rendered = undefined;
  }

  /** The whole Config rendered with the current values (one engine call per change). */
  private current() {
    if (this.rendered) return this.rendered;
    const values: Record<string, GoConfigValue> = {};
    for (const [name, u] of this.user) values[name] = { value: u.value, filename: u.filename ?? "" };
    const cfg = renderConfig(this.engine, this.baseCtx, values, Object.fromEntries(this.generated));
    for (const [key, v] of Object.entries(cfg.generated ?? {})) if (!this.generated.has(key)) this.generated.set(key, v);
    this.rendered = { cfg, items: new Map(cfg.items.map((i) => [i.name, i])), groups: new Map(cfg.groups.map((g) => [g.name, g])) };
    return this.rendered;
  }

  private resolved(name: string): GoResolvedItem {
    return this.current().items.get(name)!;
  }

  private effective(name: string): string {
    const r = this.resolved(name);
    return r.value !== "" ? r.value : r.default;
  }

  /** ConfigError of a field's template error: "<label>: <field>: <file:line: detail>". */
  private fieldError(e: GoFieldError, line: number, who: { label: string; item?: string; group?: string }): ConfigError {
    const text = e.error.startsWith("template: ") ? templateErrorFromGo(e.error, this.config.file, line).message : e.error;
    const detail = `${e.field}: ${text}`;
    return new ConfigError("template", `${who.label}: ${detail}`, detail, who.item, who.group);
  }

  private itemErrors(it: ConfigItem): ConfigError[] {
    const r = this.resolved(it.name);
    return (r.errors ?? []).map((e) => this.fieldError(e, it.lines[e.field as keyof ConfigItem["lines"]] ?? it.line, { label: itemLabel(it), item: it.name, group: it.group }));
  }

  private groupVisible(g: ConfigGroup): boolean {
    return this.current().groups.get(g.name)!.visible;
  }

  private itemVisible(item: ConfigItem): boolean {
    return this.resolved(item.name).visible;
  }

  private mustItem(name: string): ConfigItem {
    const item = this.items.get(name);
    if (!item) throw new ConfigError("unknown-item", `unknown config item "${name}"`, "unknown config item", name);
    return item;
  }

  visibleGroups(): GroupView[] {
    return this.config.groups
      .filter((g) => this.groupVisible(g) && g.items.some((it) => this.itemVisible(it)))
      .map((g) => {
        const r = this.current().groups.get(g.name)!;
        return { name: g.name, title: r.title, description: r.description };
      });
  }

  itemsOf(group: string | GroupView): ItemView[] {
    const name = typeof group === "string" ? group : group.name;
    const g = this.groups.get(name);
    if (!g) throw new ConfigError("unknown-group", `unknown config group "${name}"`, "unknown config group", undefined, name);
    if (!this.groupVisible(g)) return [];
    const errors = this.validate();
    return g.items.filter((it) => this.itemVisible(it)).map((it) => this.view(it, errors));
  }

  item(name: string): ItemView {
    return this.view(this.mustItem(name), this.validate());
  }

  private view(it: ConfigItem, errors: ConfigError[]): ItemView {
    const r = this.resolved(it.name);
    const error = errors.find((e) => e.item === it.name);
    return {
      name: it.name,
      group: it.group,
      type: it.type,
      title: r.title,
      helpText: r.helpText,
      value: r.value !== "" ? r.value : r.default,
      default: r.default,
      userValue: this.editable(it) ? this.user.get(it.name)?.value : undefined,
      required: it.required,
      readonly: !this.editable(it),
      recommended: it.recommended,
      options: r.options.map((o) => ({ ...o })),
      filename: r.filename,
      ...(error ? { error: error.detail } : {}),
    };
  }

  get(name: string): string {
    this.mustItem(name);
    return this.effective(name);
  }

  set(name: string, value: string, filename?: string): void {
    const item = this.mustItem(name);
    if (!this.editable(item)) throw itemError("readonly", item, "is read-only");
    this.user.set(name, { value, filename: filename ?? this.user.get(name)?.filename });
    this.invalidate();
  }

  unset(name: string): void {
    this.mustItem(name);
    this.user.delete(name);
    this.invalidate();
  }

  validate(): ConfigError[] {
    const out: ConfigError[] = this.unknown.map(
      (n) => new ConfigError("unknown-item", `unknown config item "${n}" (the Config has no item of that name)`, "unknown config item", n),
    );
    for (const g of this.config.groups) {
      const gVisible = this.groupVisible(g);
      for (const it of g.items) {
        const r = this.resolved(it.name);
        const title = r.title;
        const active = gVisible && r.visible;
        const problems: Array<ConfigError | null> = [...this.itemErrors(it)];
        const u = this.editable(it) ? this.user.get(it.name) : undefined;
        if (u) problems.push(checkValueType(it, u.value, title));
        if (active) {
          if (it.required && r.value === "" && r.default === "") problems.push(itemError("required", it, "is required", title));
          problems.push(checkRegex(it, r.value, title));
        }
        out.push(...problems.filter((p): p is ConfigError => p !== null));
      }
      const rg = this.current().groups.get(g.name)!;
      for (const e of rg.errors ?? []) {
        out.push(this.fieldError(e, g.lines[e.field as keyof ConfigGroup["lines"]] ?? g.line, { label: `config group "${g.name}"`, group: g.name }));
      }
    }
    return dedupe(out);
  }

  values(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const name of this.items.keys()) out[name] = this.effective(name);
    return out;
  }

  templateContext(): TemplateContext {
    return this.ctx;
  }

  /** The resolved items as ConfigValues for the engine's render op (value, default, filename). */
  private itemValues(): Record<string, GoConfigValue> {
    const out: Record<string, GoConfigValue> = {};
    for (const r of this.current().cfg.items) out[r.name] = { value: r.value, default: r.default, filename: r.filename };
    return out;
  }

  render(text: string, file?: string): string {
    return renderTemplate(text, this.baseCtx, { file, configValues: this.itemValues() });
  }

  toConfigValues(opts: { name?: string } = {}): string {
    const entries: Array<[string, ConfigValueEntry]> = [];
    for (const it of this.items.values()) {
      if (it.type === "label" || it.type === "heading") continue;
      const r = this.resolved(it.name);
      const entry: ConfigValueEntry = {};
      if (r.default !== "") entry.default = r.default;
      const key = it.type === "password" ? "valuePlaintext" : "value";
      const u = this.editable(it) ? this.user.get(it.name) : undefined;
      if (u) {
        if (u.value !== "") entry[key] = u.value;
        if (it.type === "file" && u.filename) entry.filename = u.filename;
      } else if (this.randomFields.has(fieldKey(it.name, "value")) && r.value !== "") {
        entry[key] = r.value;
      } else if (this.randomFields.has(fieldKey(it.name, "default")) && r.value === "" && r.default !== "") {
        // kept as the value too: KOTS re-renders defaults but keeps an existing value (config_context.go)
        entry[key] = r.default;
      }
      if (u || Object.keys(entry).length > 0) entries.push([it.name, entry]);
    }
    return writeConfigValues(opts.name || this.config.name || "config-values", entries);
  }
}

function dedupe(errors: ConfigError[]): ConfigError[] {
  const seen = new Set<string>();
  return errors.filter((e) => (seen.has(e.message) ? false : (seen.add(e.message), true)));
}
