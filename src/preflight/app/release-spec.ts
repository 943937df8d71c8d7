/**
 * The app's own preflight, as KOTS ships it: every troubleshoot `kind: Preflight` document of the
 * release, rendered with the app's template context first (KOTS renders a Preflight like any
 * release file, with the Config context: `exclude: '{{repl ConfigOptionEquals …}}'`), then read
 * by spec.ts. A standalone spec file (kots preflight SPEC) goes through the same rendering.
 */
import path from "node:path";
import { newConfigSession, parseConfig, parseConfigValues, renderTemplate, type TemplateContext } from "../../config/index.ts";
import { releaseConfig, releaseFiles } from "../../install/release.ts";
import { plainErrno } from "../../read-file.ts";
import { parseLicense } from "../../license/index.ts";
import { parsePreflightSpec, PreflightSpecError, type PreflightSpec } from "./spec.ts";

export interface PreflightSource {
  /** the file the text came from ("-" for stdin) */
  file: string;
  text: string;
}

export interface PreflightTemplateInputs {
  /** the release directory, for its kots.io Config */
  releaseDir?: string;
  /** ConfigValues YAML (the operator's answers) */
  configValues?: string;
  /** the verified license YAML, for LicenseFieldValue */
  license?: string;
  namespace?: string;
  appSlug?: string;
}

/**
 * The release files that hold a `kind: Preflight` document, whole and unparsed (none: []): they are
 * rendered first and parsed after, as KOTS does, so a file that is not YAML is reported by
 * renderPreflightSpec rather than skipped. Throws PreflightSpecError for a file it cannot read.
 */
export function releasePreflightSources(dir: string): PreflightSource[] {
  return releaseFiles(dir, ["Preflight"], (file, err) => {
    throw new PreflightSpecError(`${file}: cannot be read (${plainErrno(err.code)})`);
  });
}

/** License fields by name as LicenseFieldValue reads them (spec fields, then entitlement values). */
function licenseFields(text: string | undefined): TemplateContext["license"] {
  if (!text) return undefined;
  const spec = parseLicense(text).spec as Record<string, unknown> & { entitlements?: Record<string, { value?: unknown }> };
  const out: NonNullable<TemplateContext["license"]> = {};
  for (const [k, v] of Object.entries(spec)) if (v === null || ["string", "number", "boolean"].includes(typeof v)) out[k] = v as string | number | boolean | null;
  for (const [k, e] of Object.entries(spec.entitlements ?? {})) {
    const v = e?.value;
    if (v === null || ["string", "number", "boolean"].includes(typeof v)) out[k] = v as string | number | boolean | null;
  }
  return out;
}

/**
 * Renders each source with the app's template context (the release's Config with the ConfigValues,
 * the license, namespace and slug) and reads the result as one Preflight spec.
 * Throws PreflightSpecError naming the file for a template error or a bad spec.
 */
export function renderPreflightSpec(sources: PreflightSource[], inputs: PreflightTemplateInputs = {}): PreflightSpec {
  const context: Omit<TemplateContext, "config"> = { namespace: inputs.namespace, appSlug: inputs.appSlug, license: licenseFields(inputs.license) };
  const config = inputs.releaseDir ? releaseConfig(inputs.releaseDir) : undefined;
  const values = inputs.configValues ? parseConfigValues(inputs.configValues).values : undefined;
  const session = config ? newConfigSession(parseConfig(config.yaml, path.basename(config.file)), { values, context }) : undefined;
  const rendered = sources.map((s) => {
    try {
      return session ? session.render(s.text, path.basename(s.file)) : renderTemplate(s.text, context, { file: path.basename(s.file) });
    } catch (err) {
      throw new PreflightSpecError(`${s.file}: ${(err as Error).message.split("\n")[0]}`);
    }
  });
  return parsePreflightSpec(rendered.join("\n---\n"), sources.map((s) => s.file).join(", "));
}
