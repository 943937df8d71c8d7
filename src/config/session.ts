import { writeConfigValues } from "./configvalues.ts";
import { ConfigError } from "./errors.ts";
import type { Config, ConfigGroup, ConfigItem, ConfigValueEntry, TemplatedField } from "./model.ts";
import { EDITABLE_TYPES, type ItemType } from "./schema.ts";
import type { ConfigLookup, TemplateContext } from "./template/context.ts";
import { TemplateError } from "./template/errors.ts";
import { NONDETERMINISTIC_FUNCTIONS } from "./template/registry.ts";
import { analyzeTemplate, renderTemplate } from "./template/render.ts";
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

class CycleError extends Error {
  constructor(readonly path: string[]) {
    super(`dependency cycle: ${path.join(" → ")}`);
  }
}

type Resolved = { value: string; default: string };

/**
 * Creates a session over `config` with the operator's earlier `values`.
 * Semantics follow KOTS pkg/template/config_context.go and pkg/kotsadmconfig:
 * - effective value = value if non-empty else default; for an editable item with an entry in the
 *   values, the entry's value replaces the item's `value` template; readonly items, labels and
 *   headings always use their templates;
 * - `when` renders per read; a group or item is hidden when it renders to "false";
 * - `required` and regex validation apply only to visible, non-hidden items of visible groups;
 * - a default or value template that calls RandomString/RandomBytes is generated once per session
 *   and written to the ConfigValues, and a value found there is kept, so re-runs don't rotate it.
 * @throws TemplateError at once when a Config template has a syntax error or unknown function.
 */
export function newConfigSession(config: Config, opts: ConfigSessionOptions = {}): ConfigSession {
  return new Session(config, opts);
}

const fieldKey = (owner: string, field: TemplatedField) => `${owner}/${field}`;
const hasTemplate = (text: string) => text.includes("{{repl") || text.includes("repl{{");

class Session implements ConfigSession {
  private readonly items = new Map<string, ConfigItem>();
  private readonly groups = new Map<string, ConfigGroup>();
  private readonly user = new Map<string, { value: string; filename?: string }>();
  private readonly unknown: string[] = [];
  private readonly randomFields = new Set<string>();
  private readonly generated = new Map<string, string>();
  private readonly ctx: TemplateContext;
  private resolved = new Map<string, Resolved>();
  private fields = new Map<string, string>();
  private fieldErrors = new Map<string, ConfigError>();
  private evaluating: string[] = [];

  constructor(
    private readonly config: Config,
    opts: ConfigSessionOptions,
  ) {
    const lookup: ConfigLookup = {
      value: (name) => (this.items.has(name) ? this.effective(name) : undefined),
      filename: (name) => (this.items.has(name) ? this.filenameOf(this.items.get(name)!) : undefined),
    };
    this.ctx = { ...opts.context, config: lookup };
    for (const g of config.groups) {
      this.groups.set(g.name, g);
      for (const f of ["title", "description", "when"] as const) this.analyze(`group:${g.name}`, f, g[f], g.lines[f] ?? g.line);
      for (const it of g.items) {
        this.items.set(it.name, it);
        const fields: Array<[TemplatedField, string]> = [
          ["title", it.title],
          ["help_text", it.helpText],
          ["default", it.default],
          ["value", it.value],
          ["when", it.when],
          ["filename", it.filename],
        ];
        for (const [f, text] of fields) this.analyze(it.name, f, text, it.lines[f] ?? it.line);
      }
    }
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

  private analyze(owner: string, field: TemplatedField, text: string, line: number) {
    if (!hasTemplate(text)) return;
    const { functions } = analyzeTemplate(text, { file: this.config.file, line });
    if ((field === "default" || field === "value") && [...functions].some((f) => NONDETERMINISTIC_FUNCTIONS.has(f))) {
      this.randomFields.add(fieldKey(owner, field));
    }
  }

  private editable(item: ConfigItem): boolean {
    return !item.readonly && EDITABLE_TYPES.has(item.type);
  }

  private invalidate() {
    this.resolved = new Map();
    this.fields = new Map();
    this.fieldErrors = new Map();
  }

  /** Renders one templated field (cached until the next change); errors are recorded, "" returned. */
  private field(owner: string, field: TemplatedField, text: string, line: number, who: { label: string; item?: string; group?: string }): string {
    if (!hasTemplate(text)) return text;
    const key = fieldKey(owner, field);
    const cached = this.fields.get(key);
    if (cached !== undefined) return cached;
    const random = this.randomFields.has(key);
    let out = random ? this.generated.get(key) : undefined;
    if (out === undefined) {
      try {
        out = renderTemplate(text, this.ctx, { file: this.config.file, line });
        if (random) this.generated.set(key, out);
      } catch (e) {
        if (!(e instanceof TemplateError || e instanceof CycleError)) throw e;
        const detail = `${field}: ${e.message}`;
        this.fieldErrors.set(key, new ConfigError("template", `${who.label}: ${detail}`, detail, who.item, who.group));
        out = "";
      }
    }
    this.fields.set(key, out);
    return out;
  }

  private itemField(item: ConfigItem, field: TemplatedField): string {
    const text = { title: item.title, help_text: item.helpText, default: item.default, value: item.value, when: item.when, filename: item.filename, description: "" }[
      field
    ];
    return this.field(item.name, field, text, item.lines[field] ?? item.line, { label: itemLabel(item), item: item.name, group: item.group });
  }

  private groupField(group: ConfigGroup, field: "title" | "description" | "when"): string {
    return this.field(`group:${group.name}`, field, group[field], group.lines[field] ?? group.line, { label: `config group "${group.name}"`, group: group.name });
  }

  private resolve(name: string): Resolved {
    const done = this.resolved.get(name);
    if (done) return done;
    const at = this.evaluating.indexOf(name);
    if (at >= 0) throw new CycleError([...this.evaluating.slice(at), name]);
    const item = this.items.get(name)!;
    this.evaluating.push(name);
    try {
      const def = this.itemField(item, "default");
      const u = this.user.get(name);
      const value = u !== undefined && this.editable(item) ? u.value : this.itemField(item, "value");
      const r = { value, default: def };
      this.resolved.set(name, r);
      return r;
    } finally {
      this.evaluating.pop();
    }
  }

  private effective(name: string): string {
    const r = this.resolve(name);
    return r.value !== "" ? r.value : r.default;
  }

  private filenameOf(item: ConfigItem): string {
    return this.user.get(item.name)?.filename || this.itemField(item, "filename");
  }

  private whenTrue(rendered: string): boolean {
    return rendered.trim() !== "false";
  }

  private groupVisible(g: ConfigGroup): boolean {
    return this.whenTrue(this.groupField(g, "when"));
  }

  private itemVisible(item: ConfigItem): boolean {
    return !item.hidden && this.whenTrue(this.itemField(item, "when"));
  }

  private mustItem(name: string): ConfigItem {
    const item = this.items.get(name);
    if (!item) throw new ConfigError("unknown-item", `unknown config item "${name}"`, "unknown config item", name);
    return item;
  }

  visibleGroups(): GroupView[] {
    return this.config.groups
      .filter((g) => this.groupVisible(g) && g.items.some((it) => this.itemVisible(it)))
      .map((g) => ({ name: g.name, title: this.groupField(g, "title"), description: this.groupField(g, "description") }));
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
    const r = this.resolve(it.name);
    const error = errors.find((e) => e.item === it.name);
    return {
      name: it.name,
      group: it.group,
      type: it.type,
      title: this.itemField(it, "title"),
      helpText: this.itemField(it, "help_text"),
      value: r.value !== "" ? r.value : r.default,
      default: r.default,
      userValue: this.editable(it) ? this.user.get(it.name)?.value : undefined,
      required: it.required,
      readonly: !this.editable(it),
      recommended: it.recommended,
      options: it.options.map((o) => ({ ...o })),
      filename: this.filenameOf(it),
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
      this.groupField(g, "title");
      for (const it of g.items) {
        const r = this.resolve(it.name);
        const title = this.itemField(it, "title");
        const active = gVisible && this.itemVisible(it);
        this.itemField(it, "filename");
        const problems: Array<ConfigError | null> = [];
        const u = this.editable(it) ? this.user.get(it.name) : undefined;
        if (u) problems.push(checkValueType(it, u.value, title));
        if (active) {
          if (it.required && r.value === "" && r.default === "") problems.push(itemError("required", it, "is required", title));
          problems.push(checkRegex(it, r.value, title));
        }
        for (const [key, err] of this.fieldErrors) if (key.startsWith(`${it.name}/`)) problems.unshift(err);
        out.push(...problems.filter((p): p is ConfigError => p !== null));
      }
      for (const [key, err] of this.fieldErrors) if (key.startsWith(`group:${g.name}/`)) out.push(err);
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

  render(text: string, file?: string): string {
    return renderTemplate(text, this.ctx, { file });
  }

  toConfigValues(opts: { name?: string } = {}): string {
    const entries: Array<[string, ConfigValueEntry]> = [];
    for (const it of this.items.values()) {
      if (it.type === "label" || it.type === "heading") continue;
      const r = this.resolve(it.name);
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
