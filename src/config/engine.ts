/**
 * The config side's access to the Go template engine (src/templates): TemplateContext → the JSON
 * Context, and renderTemplate/analyzeTemplate over the "render"/"analyze" ops.
 */
import { TemplateEngineError, templateOp, type GoConfigValue, type GoContext } from "../templates/index.ts";
import type { TemplateContext } from "./context.ts";
import { TemplateError, templateErrorFromGo } from "./template-error.ts";

/** License spec fields KOTS's LicenseFieldValue reads from the spec itself (license_context.go); other names are entitlements. */
const LICENSE_SPEC_FIELDS = new Set([
  "isSnapshotSupported", "isGitOpsSupported", "isSupportBundleUploadSupported", "isIdentityServiceSupported", "isGeoaxisSupported",
  "isAirgapSupported", "isSemverRequired", "licenseType", "licenseSequence", "signature", "appSlug", "channelID", "channelName",
  "customerName", "endpoint", "licenseID",
]);

/**
 * The kots.io/v1beta1 License the Go engine reads, from flat license fields: spec fields by name,
 * every other name an entitlement. A float entitlement is sent as its text (KOTS's
 * EntitlementValue has no float; the text prints the same).
 */
function licenseObject(fields: NonNullable<TemplateContext["license"]>): unknown {
  const spec: Record<string, unknown> = {};
  const entitlements: Record<string, { value: unknown }> = {};
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    const key = k === "licenseId" ? "licenseID" : k;
    if (LICENSE_SPEC_FIELDS.has(key)) spec[key] = v;
    else entitlements[k] = { value: typeof v === "number" && !Number.isInteger(v) ? String(v) : v === null ? "" : v };
  }
  spec.entitlements = entitlements;
  return { apiVersion: "kots.io/v1beta1", kind: "License", spec };
}

/** templates/go/context.go Context for `ctx`, with `configValues` for ConfigOption*. */
export function toGoContext(ctx: TemplateContext, configValues?: Record<string, GoConfigValue>): GoContext {
  const out: GoContext = {
    namespace: ctx.namespace ?? "",
    appSlug: ctx.appSlug ?? "",
    kotsVersion: ctx.kotsVersion ?? "",
    localRegistry: ctx.localRegistry ? { namespace: "", username: "", password: "", readOnly: false, ...ctx.localRegistry } : { host: "" },
  };
  if (ctx.licenseDocument !== undefined && ctx.licenseDocument !== null) out.license = ctx.licenseDocument;
  else if (ctx.license) out.license = licenseObject(ctx.license);
  if (ctx.proxy) out.proxy = ctx.proxy;
  if (ctx.randomSeed !== undefined) out.randomSeed = ctx.randomSeed;
  if (ctx.now) out.now = ctx.now().toISOString();
  if (ctx.version) out.version = ctx.version;
  if (ctx.cluster) out.cluster = ctx.cluster;
  if (configValues) out.configValues = configValues;
  return out;
}

/** Names a template may pass to ConfigOption*: its string literals ("x" and `x`). */
function literalNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/"((?:[^"\\\n]|\\.)*)"|`([^`]*)`/g)) {
    if (m[2] !== undefined) names.add(m[2]);
    else {
      try {
        names.add(JSON.parse(`"${m[1]}"`) as string);
      } catch {
        names.add(m[1]!);
      }
    }
  }
  return names;
}

/** ConfigValues for a ConfigLookup: the items the template names by literal (a lookup cannot be listed). */
function lookupValues(ctx: TemplateContext, text: string): Record<string, GoConfigValue> | undefined {
  if (!ctx.config) return undefined;
  const out: Record<string, GoConfigValue> = {};
  for (const name of literalNames(text)) {
    const value = ctx.config.value(name);
    if (value === undefined) continue;
    out[name] = { value, filename: ctx.config.filename(name) ?? "" };
  }
  return out;
}

export interface RenderOptions {
  /** name used in error messages (a file path, or "kots-config.yaml" for a Config field) */
  file?: string;
  /** line number of the text's first line within that file (default 1) */
  line?: number;
  /** the ConfigOption* items as values (instead of ctx.config) */
  configValues?: Record<string, GoConfigValue>;
}

/** Runs an op whose errors are template errors of `file`: TemplateEngineError → TemplateError. */
export function templateCall<T>(op: string, input: unknown, file: string, line = 1): T {
  try {
    return templateOp<T>(op, input);
  } catch (e) {
    if (e instanceof TemplateEngineError && e.op !== "load") throw templateErrorFromGo(e.message, file, line);
    throw e;
  }
}

/**
 * Renders `text` as KOTS does (pkg/template/builder.go RenderTemplate): every `{{repl …}}`, then
 * every `repl{{ … }}` of that output, with Go's text/template, sprig v3 and the KOTS functions
 * (templates/go render.go). `{{ … }}` without `repl` (Helm) passes through.
 * With `ctx.config` (a lookup), ConfigOption* see the items the text names by a string literal.
 * @throws TemplateError (Go's message: file, line, function) — TemplateEngineError if the engine cannot load.
 */
export function renderTemplate(text: string, ctx: TemplateContext, opts: RenderOptions = {}): string {
  const file = opts.file ?? "<template>";
  if (!text.includes("repl")) return text;
  const context = toGoContext(ctx, opts.configValues ?? lookupValues(ctx, text));
  return templateCall<{ text: string }>("render", { context, text, file, line: opts.line ?? 1 }, file, opts.line).text;
}

/**
 * Parses `text` with both delimiter pairs without executing it and returns the names of the
 * functions it calls (templates/go ParseCheck). @throws TemplateError for syntax errors and unknown functions.
 */
export function analyzeTemplate(text: string, opts: RenderOptions = {}): { functions: Set<string> } {
  const file = opts.file ?? "<template>";
  if (!text.includes("repl")) return { functions: new Set() };
  const r = templateCall<{ functions: string[] }>("analyze", { text, file, line: opts.line ?? 1 }, file, opts.line);
  return { functions: new Set(r.functions) };
}

/**
 * LocalImageName's rewrite of `image` to `host`/`namespace` (KOTS config_context.go
 * localImageName with a local registry), or null when `image` is not a valid reference.
 */
export function localRegistryImage(host: string, namespace: string, image: string): string | null {
  const out = renderTemplate("{{repl LocalImageName .}}".replace(".", JSON.stringify(image)), { localRegistry: { host, namespace } }, { file: "<image>" });
  return out === "" ? null : out;
}

export { TemplateError };
