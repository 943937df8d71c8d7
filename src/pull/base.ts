/**
 * The base of `kots pull` (issue 13 part 1; KOTS v1.88 pkg/base renderReplicated and
 * ShouldBeIncludedInBaseKustomization): every YAML file of the release rendered with the app's
 * template context (Config + ConfigValues, license, namespace, slug, and the private registry when
 * images are rewritten, so LocalImageName and HasLocalRegistry answer as in KOTS), then the
 * documents KOTS leaves out of the base are dropped: the KOTS kinds (kots.io/v1beta1,
 * troubleshoot.sh/v1beta2, troubleshoot.replicated.com/v1beta1, kurl, app.k8s.io/v1beta1, velero
 * Backup), and documents whose `kots.io/exclude` is true or `kots.io/when` is false.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { goParseBool } from "../go/strconv.ts";
import { appTemplateRenderer, type AppTemplateInputs } from "../install/app-templates.ts";
import { plainErrno } from "../read-file.ts";

/** A bad release file: the message names the file and what is wrong (one line). */
export class ReleaseRenderError extends Error {
  override name = "ReleaseRenderError";
}

/** One rendered release file: its path relative to the release, and its documents. */
export interface RenderedFile {
  path: string;
  /** every document as parsed JS, in file order (KOTS kinds and excluded ones included) */
  docs: Record<string, unknown>[];
  /** the documents that go into the base, as YAML text each */
  baseDocs: string[];
  /** parsed form of baseDocs */
  baseObjects: Record<string, unknown>[];
}

export interface BaseInputs {
  releaseDir: string;
  configValues?: string;
  license?: string;
  namespace: string;
  appSlug: string;
  /** the rewrite target: makes HasLocalRegistry true and LocalImageName rewrite (password: LocalRegistryImagePullSecret) */
  localRegistry?: { host: string; namespace?: string; username?: string; password?: string };
  /** the proxy registry and the private images (a license, no rewrite target): LocalImageName proxies those */
  proxy?: { host: string; replicatedHost?: string; privateImages: string[] };
  /** cluster facts (Distribution, NodeCount, IsKurl, KubernetesVersion, Lookup); none: zero values */
  cluster?: AppTemplateInputs["cluster"];
}

const KOTS_API_VERSIONS = new Set(["kots.io/v1beta1", "troubleshoot.sh/v1beta2", "troubleshoot.replicated.com/v1beta1", "cluster.kurl.sh/v1beta1", "kurl.sh/v1beta1", "app.k8s.io/v1beta1"]);

/** Whether a document is a KOTS kind that KOTS keeps out of the base (pkg/base iskotsAPIVersionKind). */
export function isKotsKind(doc: Record<string, unknown>): boolean {
  return (doc.apiVersion === "velero.io/v1" && doc.kind === "Backup") || KOTS_API_VERSIONS.has(String(doc.apiVersion));
}

/**
 * Whether the annotations exclude a document (KOTS isExcludedByAnnotation): `kots.io/exclude`
 * true, or `kots.io/when` false; each a bool or a string Go's strconv.ParseBool reads. Throws
 * ReleaseRenderError for any other value (KOTS fails the render too).
 */
export function isExcludedByAnnotation(doc: Record<string, unknown>, where: string): boolean {
  const ann = (doc.metadata as { annotations?: Record<string, unknown> } | undefined)?.annotations;
  if (!ann || typeof ann !== "object") return false;
  for (const [key, excludeWhen] of [["kots.io/exclude", true], ["kots.io/when", false]] as const) {
    if (!(key in ann)) continue;
    const v = ann[key];
    const b = typeof v === "boolean" ? v : typeof v === "string" ? goParseBool(v) : undefined;
    if (b === undefined) throw new ReleaseRenderError(`${where}: annotation ${key} is ${JSON.stringify(v)}, not true or false after rendering`);
    return b === excludeWhen;
  }
  return false;
}

/**
 * The files of a release directory whose base name matches `pattern`: relative paths with `/`,
 * recursively, sorted per directory, leaving out the top-level `userdata/` (KOTS's own data).
 * @throws the fs error (ENOENT, EACCES) of a directory that cannot be listed
 */
export function releaseFilesMatching(dir: string, pattern: RegExp, sub = ""): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(dir, sub)).sort()) {
    const rel = sub === "" ? name : `${sub}/${name}`;
    if (rel === "userdata") continue;
    const st = statSync(path.join(dir, rel));
    if (st.isDirectory()) out.push(...releaseFilesMatching(dir, pattern, rel));
    else if (pattern.test(name)) out.push(rel);
  }
  return out;
}

/** The release's YAML files (recursively, sorted, relative paths), leaving out `userdata/`. */
export function releaseYamlFiles(dir: string): string[] {
  return releaseFilesMatching(dir, /\.ya?ml$/i);
}

/**
 * Renders every YAML file of the release with `inputs` (see the module comment). Files that render
 * to nothing but comments are kept with no documents. Throws ReleaseRenderError naming the file
 * for a file that cannot be read, a template error, or YAML that does not parse after rendering.
 */
export function renderRelease(inputs: BaseInputs): RenderedFile[] {
  const render = appTemplateRenderer(inputs);
  const out: RenderedFile[] = [];
  for (const rel of releaseYamlFiles(inputs.releaseDir)) {
    const where = `${inputs.releaseDir.replace(/\/+$/, "")}/${rel}`;
    let text: string;
    try {
      text = readFileSync(path.join(inputs.releaseDir, rel), "utf8");
    } catch (err) {
      throw new ReleaseRenderError(`${where} cannot be read: ${plainErrno((err as NodeJS.ErrnoException).code)}`);
    }
    let rendered: string;
    try {
      rendered = render(text, path.basename(rel));
    } catch (err) {
      throw new ReleaseRenderError(`${where}: ${(err as Error).message.split("\n")[0]}`);
    }
    const file: RenderedFile = { path: rel, docs: [], baseDocs: [], baseObjects: [] };
    for (const d of parseAllDocuments(rendered, { logLevel: "error" })) {
      if (d.errors.length > 0) throw new ReleaseRenderError(`${where}: not YAML after rendering: ${d.errors[0]!.message.split("\n")[0]}`);
      const js = d.toJS({ maxAliasCount: 100 }) as unknown;
      if (js === null || js === undefined) continue;
      if (typeof js !== "object" || Array.isArray(js) || !("apiVersion" in js) || !("kind" in js))
        throw new ReleaseRenderError(`${where}: a document is not a Kubernetes object (no apiVersion and kind)`);
      const doc = js as Record<string, unknown>;
      file.docs.push(doc);
      if (isKotsKind(doc) || isExcludedByAnnotation(doc, where)) continue;
      file.baseDocs.push(d.toString({ lineWidth: 0 }));
      file.baseObjects.push(doc);
    }
    out.push(file);
  }
  return out;
}
