/**
 * The app's template context, as KOTS renders every release file with it (pkg/template builder:
 * the Config context with the ConfigValues, license fields, namespace, app slug, local registry).
 * One renderer for the app's manifests (kots pull) and its Preflight (app preflights).
 */
import path from "node:path";
import YAML from "yaml";
import { newConfigSession, parseConfig, parseConfigValues, renderTemplate, type TemplateContext } from "../config/index.ts";
import { parseLicense } from "../license/index.ts";
import { releaseConfig } from "./release.ts";

export interface AppTemplateInputs {
  /** the release directory, for its kots.io Config (none: no ConfigOption context) */
  releaseDir?: string;
  /** ConfigValues YAML (the operator's answers) */
  configValues?: string;
  /** the verified license YAML, for LicenseFieldValue */
  license?: string;
  namespace?: string;
  appSlug?: string;
  localRegistry?: TemplateContext["localRegistry"];
  /** the Replicated proxy registry and the images found private (kots pull with a license, no local registry; src/registry/proxy.ts) */
  proxy?: { host: string; replicatedHost?: string; privateImages: string[] };
  /** cluster facts for Distribution, NodeCount, IsKurl, KubernetesVersion and Lookup (none: offline, zero values) */
  cluster?: TemplateContext["cluster"];
}

/**
 * License fields by name: the spec's scalars, then entitlement values (the proxy-registry step's
 * view of the license, src/pull/private-step.ts; templates get the document, licenseTemplateDocument).
 */
export function licenseTemplateFields(text: string | undefined): TemplateContext["license"] {
  if (!text) return undefined;
  const spec = parseLicense(text).spec as Record<string, unknown> & { entitlements?: Record<string, { value?: unknown }> };
  const out: NonNullable<TemplateContext["license"]> = {};
  const scalar = (v: unknown): v is string | number | boolean | null => v === null || ["string", "number", "boolean"].includes(typeof v);
  for (const [k, v] of Object.entries(spec)) if (scalar(v)) out[k] = v;
  for (const [k, e] of Object.entries(spec.entitlements ?? {})) if (scalar(e?.value)) out[k] = e.value;
  return out;
}

/**
 * The license document LicenseFieldValue and LicenseDockerCfg read: the verified license YAML
 * parsed, as the kots.io License object (KOTS passes the License itself to its license context,
 * pkg/template/license_context.go; the Go side decodes it as kotskinds LicenseSpec, entitlements
 * as {name: {value, valueType, …}}). undefined without a license.
 * @throws LicenseParseError when the text is not a kots.io License
 */
export function licenseTemplateDocument(text: string | undefined): unknown {
  if (!text) return undefined;
  parseLicense(text); // the same checks as every other reader of the license
  return YAML.parse(text) as unknown;
}

/**
 * The template context of the app without its Config: namespace, slug, the license document, the
 * local or proxy registry and the cluster facts, as appTemplateRenderer sends them.
 */
export function appTemplateContext(inputs: AppTemplateInputs): Omit<TemplateContext, "config"> {
  const context: Omit<TemplateContext, "config"> = { namespace: inputs.namespace, appSlug: inputs.appSlug };
  const doc = licenseTemplateDocument(inputs.license);
  if (doc !== undefined) context.licenseDocument = doc;
  if (inputs.localRegistry) context.localRegistry = inputs.localRegistry;
  if (inputs.proxy) context.proxy = inputs.proxy;
  if (inputs.cluster) context.cluster = inputs.cluster;
  return context;
}

/**
 * `render(text, file)` for release files with the app's template context: through a session of the
 * release's Config (ConfigOption and friends) when it has one, else the bare context; rendered by
 * the Go engine (src/templates: text/template, sprig, the KOTS functions). `file` names the text in
 * errors. render throws TemplateError (Go's message: file, line, function); this function throws
 * ConfigParseError for a Config or ConfigValues that does not parse, TemplateError for a Config
 * template that does not parse.
 */
export function appTemplateRenderer(inputs: AppTemplateInputs): (text: string, file: string) => string {
  const context = appTemplateContext(inputs);
  const config = inputs.releaseDir ? releaseConfig(inputs.releaseDir) : undefined;
  const values = inputs.configValues ? parseConfigValues(inputs.configValues).values : undefined;
  const session = config ? newConfigSession(parseConfig(config.yaml, path.basename(config.file)), { values, context }) : undefined;
  return (text, file) => (session ? session.render(text, file) : renderTemplate(text, context, { file }));
}
