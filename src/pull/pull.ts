/**
 * `kots pull APP` (issue 13 parts 1 and 2; seed 003; KOTS v1.88 pkg/pull): a release directory
 * rendered into KOTS's tree under `<rootDir>/<appSlug>/`:
 *
 *   upstream/                          the release as given + userdata/license.yaml, userdata/config.yaml
 *   base/                              rendered files (HelmCharts: charts/<dirName>/…) + kustomization.yaml (resources)
 *   overlays/midstream/                kustomization.yaml (bases ../../base, images:, patchesStrategicMerge),
 *                                      secret.yaml (<appSlug>-registry), pullsecrets.yaml,
 *                                      kustomizeconfig-images.yaml (ephemeralContainers for images:)
 *   overlays/downstreams/this-cluster/ kustomization.yaml (bases ../../midstream)
 *   admin-console/                     the Admin Console's objects + kustomization.yaml (unless excluded)
 *   additional-namespaces/             the pull Secret (and Namespace) for each Application additionalNamespaces entry
 *   images.json                        every image found and where it goes (the image copy's input)
 *   images/                            the images, an OCI image layout (kots pull without --skip-images)
 *
 * Every input is read and checked first (nothing is written when one is bad: UsageError, exit 2);
 * then the tree is written into a temporary directory next to its destination and renamed into
 * place. An existing tree is replaced, keeping its `overlays/downstreams/` (the operator's own).
 * Images are copied by the caller's `beforeWrite` step (the CLI: src/pull/images.ts, into
 * `images/`, an OCI image layout kept across re-pulls as `overlays/downstreams/` is).
 */
import { realpathSync, statSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../errors.ts";
import { LABEL_VALUE, DNS1123_LABEL } from "../install/options.ts";
import { appSlugOf, isReleaseDir } from "../install/release.ts";
import { licenseFileAppSlug, loadSeeds } from "../install/seeds.ts";
import { licenseTemplateFields } from "../install/app-templates.ts";
import { InvalidImageReferenceError, parseImageRef } from "../registry/image.ts";
import { keptWarnings, type ProxyPlan } from "../registry/proxy.ts";
import { ADDITIONAL_NAMESPACES_DIR, additionalNamespaceFiles, additionalNamespacesOf } from "./additional-namespaces.ts";
import { pullSecretObject } from "./pullsecrets.ts";
import { adminConsoleFiles } from "./admin-console.ts";
import type { ImagesJson } from "./copy-plan.ts";
import { renderRelease, ReleaseRenderError, type RenderedFile } from "./base.ts";
import { withHelmCharts } from "./helm-charts.ts";
import { distinctImages, imagesOfDocument, type FoundImage } from "./discover.ts";
import { privateImagesStep } from "./private-step.ts";
import { baseFiles, downstreamFile, midstreamFiles } from "./overlays.ts";
import { imageMappings, type ImageMapping, type RewriteTarget } from "./rewrite.ts";
import { writeTree, type TreeFile } from "./tree.ts";
import type { ClusterFacts } from "../templates/cluster-facts.ts";

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
  /** PEM CA file trusted when checking which images are private */
  caFile?: string;
  /**
   * From an airgap bundle (src/pull/airgap-source.ts): the app slug of its airgap.yaml (used
   * instead of the release's Application name), and no network for images: which images are
   * private is not asked and nothing goes through the proxy registry (the bundle holds them).
   */
  airgap?: { appSlug: string };
  /** the cluster facts for Distribution, NodeCount, IsKurl, KubernetesVersion, Lookup (src/templates/cluster-facts.ts); none: zero values */
  clusterFacts?: ClusterFacts;
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
  /** additional-namespaces/ when written (the pull Secret in the Application's additionalNamespaces) */
  additionalNamespacesDir?: string;
  /** the proxy registry host private images were rewritten to (a license and no --rewrite-images) */
  proxyHost?: string;
  warnings: string[];
}

/**
 * A step run after every input is checked and before the tree is written (kots pull's image
 * copy): given `<rootDir>/<appSlug>` and the images.json document. It may return a directory to
 * move into the tree as `images/` (a fresh image layout). When it throws, nothing is written and
 * the error is rethrown.
 */
export type BeforeWrite = (appDir: string, doc: ImagesJson, proxySource?: ProxySource) => Promise<{ imagesDir?: string } | void>;

/**
 * Where the images marked `proxied` in images.json are pulled from, and with what (KOTS
 * rewriteOneImage: a private image's source is the proxy registry, the license ID as username and
 * password). A secret: never printed, never in images.json.
 */
export interface ProxySource {
  host: string;
  username: string;
  password: string;
}

/**
 * Runs the pull (see the module comment). With a license, which images are private is checked
 * (src/registry/private-images.ts) unless --rewrite-images is given and nothing is copied; without
 * --rewrite-images those go through the proxy registry (src/registry/proxy.ts). Throws UsageError
 * (exit 2) for bad input, naming the input: APP not a release directory, an unreadable or invalid
 * license/ConfigValues, a release file that does not render or parse, an image reference that does
 * not parse (file, object, field), an Application additionalNamespaces entry that is no namespace,
 * a custom registry domain that is no host. Throws other errors for write failures (the temporary
 * directory is removed first).
 */
export async function pull(opts: PullOptions, beforeWrite?: BeforeWrite): Promise<PullResult> {
  if (!DNS1123_LABEL.test(opts.namespace) || opts.namespace.length > 63)
    throw new UsageError(`--namespace ${opts.namespace} is not a valid namespace name: use a DNS-1123 label (lower-case letters, digits and '-')`);
  if (!isReleaseDir(opts.app)) throw new UsageError(`${opts.app} is not a release directory: give the directory that holds the app's YAML`);
  const release = realpathSync(opts.app);
  const root = path.resolve(opts.rootDir);
  if (root === release || root.startsWith(release + path.sep))
    throw new UsageError(`--rootdir ${opts.rootDir} is inside the release directory ${opts.app}: choose a --rootdir outside it (the pulled tree would become part of the release)`);
  const licenseSlug = licenseFileAppSlug(opts.licenseFile);
  const appSlug = opts.airgap?.appSlug ?? appSlugOf(opts.app, licenseSlug);
  if (!LABEL_VALUE.test(appSlug) || !DNS1123_LABEL.test(appSlug))
    throw new UsageError(`the app slug "${appSlug}" (from ${licenseSlug ? "the license" : opts.app}) is not a DNS-1123 label: name the release's kots.io Application in lower case`);
  // the one license and ConfigValues check, as the install makes it
  const seeds = await loadSeeds({ licenseFile: opts.licenseFile, configValuesFile: opts.configValuesFile, appSlug, namespace: opts.namespace }, opts.licensePublicKey, opts.app, opts.clusterFacts);

  const baseInputs = { releaseDir: opts.app, configValues: seeds.configValues, license: seeds.license, namespace: opts.namespace, appSlug, cluster: opts.clusterFacts };
  const renderOrFail = (inputs: Parameters<typeof renderRelease>[0]) => {
    try {
      return renderRelease(inputs);
    } catch (err) {
      if (err instanceof ReleaseRenderError) throw new UsageError(`${err.message}: fix the release file`);
      throw err;
    }
  };
  // The source images (LocalImageName unresolved) for images.json and the images: entries.
  const sourcesRender = await withHelmCharts(renderOrFail(baseInputs), baseInputs);
  const found = findReleaseImages(sourcesRender);
  for (const f of found) checkImage(f);
  const sources = distinctImages(found);
  const application = applicationOf(sourcesRender);
  const warnings = [...seeds.warnings];

  // Which images are private (a license: KOTS proxies them without a rewrite target, and pulls
  // them through the proxy when copying them to one).
  const licenseFields = licenseTemplateFields(seeds.license);
  let plan: ProxyPlan | undefined;
  let privateSet: Set<string> | undefined;
  if (licenseFields && !opts.airgap && (!opts.rewrite || beforeWrite)) {
    const step = await privateImagesStep({ releaseDir: opts.app, appSlug, sources, license: licenseFields, application: application?.spec, caFile: opts.caFile });
    ({ plan, privateImages: privateSet } = step);
    warnings.push(...step.warnings);
    if (!opts.rewrite) warnings.push(...keptWarnings(plan));
  }
  const proxying = plan !== undefined && !opts.rewrite;

  let rendered: RenderedFile[] = sourcesRender;
  const renderWithCharts = (inputs: Parameters<typeof renderRelease>[0]) => withHelmCharts(renderOrFail(inputs), inputs);
  if (opts.rewrite) rendered = await renderWithCharts({ ...baseInputs, localRegistry: { host: opts.rewrite.host, namespace: opts.rewrite.namespace || undefined, username: opts.registry?.username, password: opts.registry?.password } });
  else if (proxying) rendered = await renderWithCharts({ ...baseInputs, proxy: { host: plan!.info.host, replicatedHost: plan!.info.replicatedHost, privateImages: [...plan!.proxied.keys()] } });
  if (rendered !== sourcesRender) for (const f of findReleaseImages(rendered)) checkImage(f);
  const images = imageMappings(sources, opts.rewrite, plan && privateSet ? { isPrivate: (i) => privateSet!.has(i), proxied: plan.proxied } : undefined);

  const files: TreeFile[] = [];
  if (seeds.license !== undefined) files.push({ path: "upstream/userdata/license.yaml", text: seeds.license, secret: true });
  if (seeds.configValues !== undefined) files.push({ path: "upstream/userdata/config.yaml", text: seeds.configValues, secret: true });
  const base = baseFiles(rendered);
  files.push(...base.files);
  const licenseID = licenseFields ? String(licenseFields.licenseID ?? "") : "";
  const midstream = midstreamFiles({ appSlug, sources, workloads: base.workloads, rewrite: opts.rewrite, registry: opts.registry, proxy: proxying ? { plan: plan!, licenseID } : undefined });
  files.push(...midstream.files, downstreamFile(opts.namespaceGiven ? opts.namespace : undefined));
  warnings.push(...midstream.warnings);

  // the pull Secret in the Application's additionalNamespaces (when there is one)
  const secretFor: ((ns: string) => Record<string, unknown>) | undefined = opts.rewrite
    ? opts.registry
      ? (ns) => pullSecretObject(appSlug, opts.rewrite!.host, opts.registry!.username, opts.registry!.password, ns)
      : undefined
    : proxying
      ? (ns) => pullSecretObject(appSlug, [plan!.info.host, plan!.info.replicatedHost], licenseID, licenseID, ns)
      : undefined;
  let additionalNamespacesDir: string | undefined;
  if (secretFor && application) {
    const extra = additionalNamespaceFiles(appSlug, additionalNamespacesOf(application.spec, application.file), opts.namespace, secretFor);
    files.push(...extra.files);
    warnings.push(...extra.warnings);
    if (extra.files.length > 0) additionalNamespacesDir = path.join(opts.rootDir, appSlug, ADDITIONAL_NAMESPACES_DIR);
  }

  let adminConsoleImages: ImageMapping[] = [];
  if (!opts.excludeAdminConsole) {
    const ac = await adminConsoleFiles(appSlug, opts, seeds);
    files.push(...ac.files);
    adminConsoleImages = ac.images;
  }
  const imagesJson: ImagesJson = { app: appSlug, registry: opts.rewrite ? { host: opts.rewrite.host, namespace: opts.rewrite.namespace } : null, images, adminConsoleImages };
  if (plan) {
    imagesJson.proxy = plan.info.host;
    imagesJson.replicatedRegistry = plan.info.replicatedHost;
  }
  files.push({ path: "images.json", text: JSON.stringify(imagesJson, null, 2) + "\n" });

  const appDir = path.join(opts.rootDir, appSlug);
  const proxySource: ProxySource | undefined = plan && (plan.proxied.size > 0 || plan.kept.size > 0) ? { host: plan.info.host, username: licenseID, password: licenseID } : undefined;
  const step = beforeWrite ? await beforeWrite(appDir, imagesJson, proxySource) : undefined;
  writeTree(opts.app, appDir, files, `--rootdir ${opts.rootDir}`, step?.imagesDir);
  return {
    appSlug,
    appDir,
    images,
    adminConsoleImages,
    applyDir: path.join(appDir, "overlays", "downstreams", "this-cluster"),
    adminConsoleDir: opts.excludeAdminConsole ? undefined : path.join(appDir, "admin-console"),
    additionalNamespacesDir,
    proxyHost: proxying ? plan!.info.host : undefined,
    warnings,
  };
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

/** The release's kots.io/v1beta1 Application: its spec and the file it is in (undefined when it has none). */
function applicationOf(files: readonly RenderedFile[]): { spec: Record<string, unknown>; file: string } | undefined {
  for (const f of files)
    for (const o of f.docs)
      if (o.kind === "Application" && o.apiVersion === "kots.io/v1beta1") return { spec: (typeof o.spec === "object" && o.spec !== null ? o.spec : {}) as Record<string, unknown>, file: f.path };
  return undefined;
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

