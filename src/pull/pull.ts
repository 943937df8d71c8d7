/**
 * `kots pull APP` (issue 13 parts 1 and 2; seed 003; KOTS v1.88 pkg/pull): a release directory
 * rendered into KOTS's tree under `<rootDir>/<appSlug>/`:
 *
 *   upstream/                          the release as given + userdata/license.yaml, userdata/config.yaml
 *   base/                              rendered files + kustomization.yaml (resources)
 *   overlays/midstream/                kustomization.yaml (bases ../../base, images:, patchesStrategicMerge),
 *                                      secret.yaml (<appSlug>-registry), pullsecrets.yaml,
 *                                      kustomizeconfig-images.yaml (ephemeralContainers for images:)
 *   overlays/downstreams/this-cluster/ kustomization.yaml (bases ../../midstream)
 *   admin-console/                     the Admin Console's objects + kustomization.yaml (unless excluded)
 *   images.json                        every image found and where it goes (the image copy's input)
 *
 * Every input is read and checked first (nothing is written when one is bad: UsageError, exit 2);
 * then the tree is written into a temporary directory next to its destination and renamed into
 * place. An existing tree is replaced, keeping its `overlays/downstreams/` (the operator's own).
 * Images are not copied here: `images.json` is the hand-over to the copy engine (src/registry/copy/;
 * copy-plan.ts turns it into the engine's jobs).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { UsageError } from "../errors.ts";
import { InstallOptionsSchema, LABEL_VALUE, DNS1123_LABEL } from "../install/options.ts";
import { appSlugOf, isReleaseDir } from "../install/release.ts";
import { loadSeeds } from "../install/seeds.ts";
import { parseLicense } from "../license/index.ts";
import { NAMES } from "../manifests/constants.ts";
import { upstreamImages } from "../manifests/images.ts";
import { renderAdminConsole } from "../manifests/render.ts";
import { generateSecrets } from "../manifests/secrets.ts";
import type { K8sObject } from "../manifests/types.ts";
import { MAX_SECRET_BYTES } from "../read-file.ts";
import { InvalidImageReferenceError, parseImageRef } from "../registry/image.ts";
import { renderRelease, ReleaseRenderError, type RenderedFile } from "./base.ts";
import { distinctImages, imagesOfDocument, isWorkloadKind, type FoundImage } from "./discover.ts";
import { pullSecretName, pullSecretObject, pullSecretPatchesYaml, type WorkloadHeader } from "./pullsecrets.ts";
import { imageMappings, kustomizeImages, type ImageMapping, type RewriteTarget } from "./rewrite.ts";

/** Checked inputs of one pull (the CLI builds them from flags; secrets only in memory). */
export interface PullOptions {
  /** the release directory */
  app: string;
  /** where `<appSlug>/` is written (must be given absolute or relative to the cwd; ~ already expanded) */
  rootDir: string;
  /** the namespace the app is rendered for (template Namespace; the Admin Console's namespace) */
  namespace: string;
  /** true when the operator gave --namespace: the downstream kustomization then sets it */
  namespaceGiven: boolean;
  licenseFile?: string;
  licensePublicKey?: string;
  configValuesFile?: string;
  /** --rewrite-images with --registry-endpoint / --image-namespace */
  rewrite?: RewriteTarget;
  /** credentials for the pull Secret (with rewrite only) */
  registry?: { username: string; password: string };
  /** the Docker config file the credentials came from, when not from the flags */
  registryFrom?: string;
  excludeAdminConsole: boolean;
}

/** What a pull wrote and found. */
export interface PullResult {
  appSlug: string;
  /** `<rootDir>/<appSlug>` */
  appDir: string;
  images: ImageMapping[];
  adminConsoleImages: ImageMapping[];
  /** the directory to `kubectl apply -k` */
  applyDir: string;
  /** admin-console/ when written */
  adminConsoleDir?: string;
  warnings: string[];
}

/** A file of the tree: relative path, text, and whether it holds a secret (mode 0600). */
interface TreeFile {
  path: string;
  text: string;
  secret?: boolean;
}

/** The midstream's kustomize transformer configuration: where else the images transformer looks. */
const IMAGES_CONFIG = "kustomizeconfig-images.yaml";
const EPHEMERAL_IMAGE_FIELDS = {
  images: [
    { path: "spec/ephemeralContainers[]/image", kind: "Pod" },
    { path: "spec/template/spec/ephemeralContainers[]/image" },
    { path: "spec/jobTemplate/spec/template/spec/ephemeralContainers[]/image", kind: "CronJob" },
  ],
};

const KUSTOMIZATION = { apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization" };
const yamlText = (v: unknown) => stringify(v, { lineWidth: 0, version: "1.1" });

/**
 * Runs the pull (see the module comment). Throws UsageError (exit 2) for bad input, naming the
 * input: APP not a release directory, an unreadable or invalid license/ConfigValues, a release
 * file that does not render or parse, an image reference that does not parse (file, object, field).
 * Throws other errors for write failures (the temporary directory is removed first).
 */
export async function pull(opts: PullOptions): Promise<PullResult> {
  if (!DNS1123_LABEL.test(opts.namespace) || opts.namespace.length > 63)
    throw new UsageError(`--namespace ${opts.namespace} is not a valid namespace name: use a DNS-1123 label (lower-case letters, digits and '-')`);
  if (!isReleaseDir(opts.app)) throw new UsageError(`${opts.app} is not a release directory: give the directory that holds the app's YAML`);
  const release = realpathSync(opts.app);
  const root = path.resolve(opts.rootDir);
  if (root === release || root.startsWith(release + path.sep))
    throw new UsageError(`--rootdir ${opts.rootDir} is inside the release directory ${opts.app}: choose a --rootdir outside it (the pulled tree would become part of the release)`);
  const licenseSlug = opts.licenseFile ? licenseAppSlug(opts.licenseFile) : undefined;
  const appSlug = appSlugOf(opts.app, licenseSlug);
  if (!LABEL_VALUE.test(appSlug) || !DNS1123_LABEL.test(appSlug))
    throw new UsageError(`the app slug "${appSlug}" (from ${licenseSlug ? "the license" : opts.app}) is not a DNS-1123 label: name the release's kots.io Application in lower case`);
  const seeds = await loadSeeds({ licenseFile: opts.licenseFile, configValuesFile: opts.configValuesFile, appSlug } as Parameters<typeof loadSeeds>[0], opts.licensePublicKey, opts.app);

  const baseInputs = { releaseDir: opts.app, configValues: seeds.configValues, license: seeds.license, namespace: opts.namespace, appSlug };
  let rendered: RenderedFile[];
  let sourcesRender: RenderedFile[];
  try {
    rendered = renderRelease(opts.rewrite ? { ...baseInputs, localRegistry: { host: opts.rewrite.host, namespace: opts.rewrite.namespace || undefined, username: opts.registry?.username } } : baseInputs);
    // The source images (LocalImageName unresolved) for images.json and the images: entries.
    sourcesRender = opts.rewrite ? renderRelease(baseInputs) : rendered;
  } catch (err) {
    if (err instanceof ReleaseRenderError) throw new UsageError(`${err.message}: fix the release file`);
    throw err;
  }
  const found = findReleaseImages(sourcesRender);
  for (const f of [...found, ...findReleaseImages(rendered)]) checkImage(f);
  const sources = distinctImages(found);
  const images = imageMappings(sources, opts.rewrite);

  const files: TreeFile[] = [];
  // upstream/userdata
  if (seeds.license !== undefined) files.push({ path: "upstream/userdata/license.yaml", text: seeds.license, secret: true });
  if (seeds.configValues !== undefined) files.push({ path: "upstream/userdata/config.yaml", text: seeds.configValues, secret: true });
  // base/
  const resources: string[] = [];
  const workloads: WorkloadHeader[] = [];
  for (const f of rendered) {
    if (f.baseDocs.length === 0) continue;
    files.push({ path: `base/${f.path}`, text: f.baseDocs.map((d) => `---\n${d}`).join(""), secret: f.baseObjects.some((o) => o.kind === "Secret") });
    resources.push(f.path);
    for (const o of f.baseObjects) {
      if (!isWorkloadKind(o.kind)) continue;
      const md = (o.metadata ?? {}) as { name?: string; namespace?: string };
      workloads.push({ apiVersion: String(o.apiVersion), kind: String(o.kind), name: String(md.name ?? ""), namespace: md.namespace });
    }
  }
  files.push({ path: "base/kustomization.yaml", text: yamlText({ ...KUSTOMIZATION, resources }) });
  // overlays/midstream
  const warnings = [...seeds.warnings];
  const midstream: Record<string, unknown> = { ...KUSTOMIZATION, bases: ["../../base"], resources: [] as string[], patchesStrategicMerge: [] as string[] };
  if (opts.rewrite) {
    midstream.images = kustomizeImages(sources, opts.rewrite);
    // kustomize's images transformer skips ephemeralContainers: these field specs add them.
    files.push({ path: `overlays/midstream/${IMAGES_CONFIG}`, text: yamlText(EPHEMERAL_IMAGE_FIELDS) });
    midstream.configurations = [IMAGES_CONFIG];
    if (opts.registry) {
      const secret = pullSecretObject(appSlug, opts.rewrite.host, opts.registry.username, opts.registry.password);
      files.push({ path: "overlays/midstream/secret.yaml", text: yamlText(secret), secret: true });
      (midstream.resources as string[]).push("secret.yaml");
      if (workloads.length > 0) {
        files.push({ path: "overlays/midstream/pullsecrets.yaml", text: pullSecretPatchesYaml(workloads, pullSecretName(appSlug)) });
        (midstream.patchesStrategicMerge as string[]).push("pullsecrets.yaml");
      }
    } else {
      warnings.push(`no --registry-username and no docker login for ${opts.rewrite.host}: no pull Secret ${pullSecretName(appSlug)} was written; the cluster must already be able to pull from ${opts.rewrite.host}`);
    }
  }
  midstream.commonAnnotations = { "kots.io/app-slug": appSlug };
  for (const k of ["resources", "patchesStrategicMerge"]) if ((midstream[k] as string[]).length === 0) delete midstream[k];
  files.push({ path: "overlays/midstream/kustomization.yaml", text: yamlText(midstream) });
  // overlays/downstreams/this-cluster
  const downstream: Record<string, unknown> = { ...KUSTOMIZATION, bases: ["../../midstream"] };
  if (opts.namespaceGiven) downstream.namespace = opts.namespace;
  files.push({ path: "overlays/downstreams/this-cluster/kustomization.yaml", text: yamlText(downstream) });
  // admin-console/
  let adminConsoleImages: ImageMapping[] = [];
  if (!opts.excludeAdminConsole) {
    const objects = await adminConsoleObjects(appSlug, opts, seeds);
    const names: string[] = [];
    objects.forEach((o, i) => {
      const name = `${String(i).padStart(2, "0")}-${o.kind.toLowerCase()}-${o.metadata.name}.yaml`;
      names.push(name);
      files.push({ path: `admin-console/${name}`, text: yamlText(o), secret: o.kind === "Secret" });
    });
    files.push({ path: "admin-console/kustomization.yaml", text: yamlText({ ...KUSTOMIZATION, resources: names }) });
    adminConsoleImages = imageMappings(Object.values(upstreamImages()), opts.rewrite);
  }
  files.push({
    path: "images.json",
    text: JSON.stringify({ app: appSlug, registry: opts.rewrite ? { host: opts.rewrite.host, namespace: opts.rewrite.namespace } : null, images, adminConsoleImages }, null, 2) + "\n",
  });

  const appDir = path.join(opts.rootDir, appSlug);
  writeTree(opts.app, appDir, files, `--rootdir ${opts.rootDir}`);
  return {
    appSlug,
    appDir,
    images,
    adminConsoleImages,
    applyDir: path.join(appDir, "overlays", "downstreams", "this-cluster"),
    adminConsoleDir: opts.excludeAdminConsole ? undefined : path.join(appDir, "admin-console"),
    warnings,
  };
}

/** spec.appSlug of a license file, or undefined when it cannot be read (loadSeeds reports why). */
function licenseAppSlug(file: string): string | undefined {
  try {
    if (statSync(file).size > MAX_SECRET_BYTES) return undefined; // refused with its size by loadSeeds
    return parseLicense(readFileSync(file, "utf8")).spec.appSlug;
  } catch {
    return undefined;
  }
}

/** Images of the base documents plus the kots.io Application's additionalImages. */
function findReleaseImages(files: readonly RenderedFile[]): FoundImage[] {
  const out: FoundImage[] = [];
  for (const f of files) {
    for (const o of f.baseObjects) out.push(...imagesOfDocument(o, f.path));
    for (const o of f.docs) if (o.kind === "Application" && o.apiVersion === "kots.io/v1beta1") out.push(...imagesOfDocument(o, f.path));
  }
  return out;
}

/** UsageError naming where an image reference that does not parse was found. */
function checkImage(f: FoundImage): void {
  try {
    parseImageRef(f.image);
  } catch (err) {
    if (err instanceof InvalidImageReferenceError) throw new UsageError(`${f.file}: ${f.object} ${f.field}: ${err.message}: fix the image in the release`);
    throw err;
  }
}

/**
 * The Admin Console's objects for the namespace (renderAdminConsole), images at the rewrite target
 * with the `kotsadm-private-registry` pull secret when credentials are given, the license and
 * ConfigValues seeds. Left out: the Namespace (often the operator's own) and `kotsadm-password`
 * (no admin password is asked for here: `kots reset-password NAMESPACE` sets it once kotsadm runs).
 */
async function adminConsoleObjects(appSlug: string, opts: PullOptions, seeds: { license?: string; configValues?: string }): Promise<K8sObject[]> {
  const placeholder = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
  const location = opts.rewrite ? [opts.rewrite.host, opts.rewrite.namespace].filter((p) => p !== "").join("/") : undefined;
  const parsed = InstallOptionsSchema.safeParse({
    appSlug,
    namespace: opts.namespace,
    sharedPassword: placeholder,
    kotsadmRegistry: location,
    registryUsername: location ? opts.registry?.username : undefined,
    registryPassword: location ? opts.registry?.password : undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = issue.path[0] === "namespace" ? "--namespace" : issue.path[0] === "kotsadmRegistry" ? "--registry-endpoint/--image-namespace" : String(issue.path[0]);
    throw new UsageError(`${flag} ${flag === "--namespace" ? opts.namespace + " " : ""}${issue.message}`);
  }
  const secrets = await generateSecrets(placeholder);
  return renderAdminConsole(parsed.data, secrets, { license: seeds.license, configValues: seeds.configValues }).filter(
    (o) => o.kind !== "Namespace" && !(o.kind === "Secret" && o.metadata.name === NAMES.passwordSecret),
  );
}

/**
 * Writes `files` and a copy of the release (upstream/) into a temporary directory beside `appDir`,
 * then renames it to `appDir`. An existing `appDir` keeps its overlays/downstreams and is replaced
 * (renamed aside, then removed; put back if the swap fails). On any failure the temporary
 * directory, and the directories this call created for it, are removed. A full disk (ENOSPC,
 * EDQUOT), a read-only or forbidden --rootdir (EROFS, EACCES, EPERM) are UsageError (exit 2)
 * naming `rootDirFlag`; other errors are rethrown.
 */
function writeTree(releaseDir: string, appDir: string, files: readonly TreeFile[], rootDirFlag: string): void {
  const parent = path.dirname(appDir);
  let created: string | undefined;
  let tmp: string | undefined;
  try {
    created = mkdirSync(parent, { recursive: true });
    tmp = mkdtempSync(path.join(parent, `.${path.basename(appDir)}.pull-`));
    cpSync(releaseDir, path.join(tmp, "upstream"), { recursive: true, filter: (src) => path.relative(releaseDir, src) !== "userdata" });
    for (const f of files) {
      const target = path.join(tmp, f.path);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, f.text, { mode: f.secret ? 0o600 : 0o644 });
    }
    const oldDownstreams = path.join(appDir, "overlays", "downstreams");
    if (existsSync(oldDownstreams)) {
      rmSync(path.join(tmp, "overlays", "downstreams"), { recursive: true, force: true });
      cpSync(oldDownstreams, path.join(tmp, "overlays", "downstreams"), { recursive: true });
    }
    if (existsSync(appDir)) {
      const aside = `${tmp}.old`;
      renameSync(appDir, aside);
      try {
        renameSync(tmp, appDir);
      } catch (err) {
        renameSync(aside, appDir);
        throw err;
      }
      rmSync(aside, { recursive: true, force: true });
    } else renameSync(tmp, appDir);
  } catch (err) {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
    if (created) rmSync(created, { recursive: true, force: true });
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOSPC" || code === "EDQUOT") throw new UsageError(`${rootDirFlag}: the disk is full (no space left on device): free some space or choose another --rootdir; nothing was written`);
    if (code === "EROFS" || code === "EACCES" || code === "EPERM") throw new UsageError(`${rootDirFlag} cannot be written (${code === "EROFS" ? "read-only file system" : "permission denied"}): choose another --rootdir; nothing was written`);
    throw err;
  }
}
