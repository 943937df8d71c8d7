/**
 * The app's own preflight, as KOTS ships it: every troubleshoot `kind: Preflight` document of the
 * release, rendered with the app's template context first (KOTS renders a Preflight like any
 * release file, with the Config context: `exclude: '{{repl ConfigOptionEquals …}}'`), then read
 * by spec.ts. A standalone spec file (kots preflight SPEC) goes through the same rendering.
 */
import path from "node:path";
import { appTemplateRenderer, type AppTemplateInputs } from "../../install/app-templates.ts";
import { releaseFiles } from "../../install/release.ts";
import { plainErrno } from "../../read-file.ts";
import { parsePreflightSpec, PreflightSpecError, type PreflightSpec } from "./spec.ts";

export interface PreflightSource {
  /** the file the text came from ("-" for stdin) */
  file: string;
  text: string;
}

export type PreflightTemplateInputs = Omit<AppTemplateInputs, "localRegistry">;

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

/**
 * Renders each source with the app's template context (the release's Config with the ConfigValues,
 * the license, namespace and slug) and reads the result as one Preflight spec.
 * Throws PreflightSpecError naming the file for a template error or a bad spec.
 */
export function renderPreflightSpec(sources: PreflightSource[], inputs: PreflightTemplateInputs = {}): PreflightSpec {
  const render = appTemplateRenderer(inputs);
  const rendered = sources.map((s) => {
    try {
      return render(s.text, path.basename(s.file));
    } catch (err) {
      throw new PreflightSpecError(`${s.file}: ${(err as Error).message.split("\n")[0]}`);
    }
  });
  return parsePreflightSpec(rendered.join("\n---\n"), sources.map((s) => s.file).join(", "));
}
