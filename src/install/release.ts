/**
 * APP as KOTS takes it (design §1): a local release directory (the YAML of the app: its kots.io
 * Application, Config, Preflight and manifests), `replicated://slug[/channel]`, or a slug. The slug
 * comes from the license's spec.appSlug when there is a license, as KOTS takes it; only a
 * kots.io/v1beta1 Application names the app (an app.k8s.io Application is one of its manifests).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";

export interface ReleaseDocument {
  file: string;
  /** the whole file's text */
  text: string;
  apiVersion?: string;
  kind?: string;
  name?: string;
  /** this document alone, as YAML */
  yaml: string;
}

/**
 * YAML documents of a local release directory (top level *.yaml / *.yml), tolerant of bad files.
 * With `kinds`, only files that mention one of them in a `kind:` line are parsed (the wizard's
 * first frame waits for the app slug: parsing every manifest would delay it).
 */
export function releaseDocuments(dir: string, kinds?: readonly string[]): ReleaseDocument[] {
  const out: ReleaseDocument[] = [];
  for (const { file, text } of releaseFiles(dir, kinds)) {
    try {
      // Only the header is read: manifests hold `{{repl …}}` keys that a full toJS() warns about.
      for (const d of parseAllDocuments(text, { logLevel: "error" })) {
        if (d.errors.length > 0 || !d.contents) continue;
        const str = (v: unknown) => (typeof v === "string" ? v : undefined);
        out.push({ file, text, apiVersion: str(d.get("apiVersion")), kind: str(d.get("kind")), name: str(d.getIn(["metadata", "name"])), yaml: d.toString() });
      }
    } catch {
      // not YAML: not part of the release we read
    }
  }
  return out;
}

/**
 * The top-level *.yaml / *.yml files of a release directory, in name order, whole and unparsed;
 * with `kinds`, only those with a `kind:` line naming one of them. A file that cannot be read is
 * skipped, or, with `onUnreadable`, reported to it.
 */
export function releaseFiles(dir: string, kinds?: readonly string[], onUnreadable?: (file: string, err: NodeJS.ErrnoException) => void): Array<{ file: string; text: string }> {
  const wanted = kinds && new RegExp(`^kind:\\s*["']?(${kinds.join("|")})["']?\\s*$`, "m");
  const out: Array<{ file: string; text: string }> = [];
  for (const f of readdirSync(dir).sort()) {
    if (!/\.ya?ml$/i.test(f)) continue;
    const file = path.join(dir, f);
    let text: string;
    try {
      text = readFileSync(file, "utf8");
    } catch (err) {
      onUnreadable?.(file, err as NodeJS.ErrnoException);
      continue;
    }
    if (!wanted || wanted.test(text)) out.push({ file, text });
  }
  return out;
}

/** Whether APP names a local release directory. */
export function isReleaseDir(app: string): boolean {
  try {
    return existsSync(app) && statSync(app).isDirectory();
  } catch {
    return false;
  }
}

const isKots = (d: ReleaseDocument, kind: string) => d.kind === kind && d.apiVersion === "kots.io/v1beta1";

/** The release's kots.io/v1beta1 Application document as YAML, or undefined (no release, or none in it). */
export function releaseApplicationYaml(app: string): string | undefined {
  if (!isReleaseDir(app)) return undefined;
  return releaseDocuments(app, ["Application"]).find((d) => isKots(d, "Application"))?.yaml;
}

/** The release's kots.io/v1beta1 Config document (its own YAML and file), or undefined. */
export function releaseConfig(app: string): { yaml: string; file: string } | undefined {
  if (!isReleaseDir(app)) return undefined;
  const d = releaseDocuments(app, ["Config"]).find((x) => isKots(x, "Config"));
  return d && { yaml: d.yaml, file: d.file };
}

/**
 * The app slug for APP: the license's spec.appSlug when given (KOTS's source of the slug); else,
 * for a release directory, the name of its kots.io/v1beta1 Application (or the directory's base
 * name); `replicated://slug[/channel]` gives slug; anything else is the slug itself.
 */
export function appSlugOf(app: string, licenseAppSlug?: string): string {
  if (licenseAppSlug && (isReleaseDir(app) || app.startsWith("replicated://"))) return licenseAppSlug;
  if (isReleaseDir(app)) {
    const application = releaseDocuments(app, ["Application"]).find((d) => isKots(d, "Application") && d.name);
    return application?.name ?? path.basename(path.resolve(app));
  }
  const m = /^replicated:\/\/([^/]+)/.exec(app);
  return m ? m[1]! : app;
}
