/**
 * `kots install APP --airgap-bundle FILE --kotsadm-registry HOST/NS` (issue 14 part 1; KOTS v1.88
 * cmd/kots/cli/install.go, pkg/kotsadm/main.go Deploy): the preparation opens and checks the
 * bundle (H4's reader, src/airgap) and the registry login before anything changes; the engine's
 * `push-images` step pushes the bundle's images (Admin Console and app) and then checks, by
 * manifest HEAD, that every image the install names is in the registry, before the first apply.
 */
import { AirgapBundleError, checkAirgapTarget, openAirgapBundle, pushAirgapImages, type AirgapBundle, type AirgapPushTarget } from "../airgap/index.ts";
import { formatAirgapYaml } from "../airgap/meta.ts";
import { CliError, UsageError } from "../errors.ts";
import type { K8sObject } from "../kube/apply.ts";
import { podTemplateOf } from "../manifests/pod.ts";
import { destinationImage, kustomizeImages, type RewriteTarget } from "../pull/rewrite.ts";
import { CopyError } from "../registry/copy/errors.ts";
import { splitRegistryLocation } from "../registry/image.ts";
import { airgapConfigMaps, markAirgapped, type AirgapHandOver } from "./airgap-objects.ts";
import { originalReleaseArchive } from "./airgap-release.ts";
import { extractReleaseArchive } from "../airgap/release-bytes.ts";
import type { ImagePushEvent } from "./events.ts";
import { missingImages } from "./image-check.ts";
import type { InstallOptions } from "./options.ts";
import { licenseFileAppSlug } from "./seeds.ts";

/** An opened bundle, ready for the engine's push-images step. */
export interface AirgapPreparation {
  bundle: AirgapBundle;
  /** The bundle's release files, written to a temporary directory (the release readers take a directory). */
  releaseDir: string;
  /** What the airgap ConfigMaps hand to kotsadm. */
  handOver: AirgapHandOver;
  target: AirgapPushTarget;
  /** `host/namespace` for messages */
  registry: string;
  /** The app images as the registry will hold them. */
  appImages: string[];
  /** Removes the temporary release directory. */
  dispose(): void;
}

/** The push target of the install's --kotsadm-registry, credentials and CA. */
export function pushTargetOf(o: Pick<InstallOptions, "kotsadmRegistry" | "registryUsername" | "registryPassword" | "registryCaFile">): AirgapPushTarget {
  const { host, namespace } = splitRegistryLocation(o.kotsadmRegistry!);
  return { host, namespace: namespace ?? "", username: o.registryUsername, password: o.registryPassword, caFile: o.registryCaFile };
}

/** A registry problem as bad input (exit 2) naming the flag, or a failure (exit 1) for protocol/io errors. */
function registryFailure(err: CopyError, registry: string): CliError {
  const hint =
    err.code === "unauthorized"
      ? ": check --registry-username and the password"
      : err.code === "unreachable" && /TLS|certificate/i.test(err.message)
        ? ": pass the registry's CA with --registry-ca-file"
        : "";
  const code = err.code === "protocol" || err.code === "io" ? 1 : 2;
  return new CliError(`--kotsadm-registry ${registry}: ${err.message}${hint}`, code);
}

/**
 * Logs in to the registry (a `/v2/` ping with the credentials), opens the bundle of
 * `options.airgapBundle` (checked: format, checksums, the license's app via `expectAppSlug`), writes the
 * release files to a temporary directory and builds the hand-over to kotsadm (the bundle's own
 * app.tar.gz, airgap.yaml, the pushed images). Pushes and applies
 * nothing. Throws UsageError (exit 2) for a bad bundle, another app's bundle, a release too large
 * for a ConfigMap, a registry that refuses the login or cannot be reached; CliError(1) for a
 * registry protocol failure.
 */
export async function prepareAirgap(
  options: Pick<InstallOptions, "airgapBundle" | "appSlug" | "licenseFile" | "kotsadmRegistry" | "registryUsername" | "registryPassword" | "registryCaFile">,
  onEvent?: (e: ImagePushEvent) => void,
): Promise<AirgapPreparation> {
  const file = options.airgapBundle!;
  const target = pushTargetOf(options);
  const registry = options.kotsadmRegistry!;
  // the login first: a refused password fails at once, not after a checking pass over a large bundle
  try {
    await checkAirgapTarget(target);
  } catch (err) {
    if (err instanceof CopyError) {
      const f = registryFailure(err, registry);
      throw f.exitCode === 2 ? new UsageError(f.message) : f;
    }
    throw err;
  }
  let bundle: AirgapBundle;
  try {
    bundle = await openAirgapBundle(file, {
      // the license's app (KOTS's source of the slug); loadSeeds then checks the license itself
      expectAppSlug: licenseFileAppSlug(options.licenseFile) ?? options.appSlug,
      onEvent: (e) => onEvent?.({ ...e, at: Date.now(), phase: "push" }),
      // a re-run whose registry holds every manifest reads only the bundle's head (docs/airgap.md)
      presentAt: target,
    });
  } catch (err) {
    if (err instanceof AirgapBundleError) throw new UsageError(`--airgap-bundle ${err.message}`);
    const code = (err as NodeJS.ErrnoException).code;
    if (code) throw new UsageError(`--airgap-bundle ${file} cannot be read (${code}): give the path of a .airgap bundle`);
    throw err;
  }
  const archive = await originalReleaseArchive(bundle);
  const release = await extractReleaseArchive(archive, file, bundle.meta.appSlug).catch((err: unknown) => {
    throw err instanceof AirgapBundleError ? new UsageError(`--airgap-bundle ${err.message}`) : err;
  });
  const rewrite: RewriteTarget = { host: target.host, namespace: target.namespace ?? "" };
  const releaseDir = release.dir;
  return {
    bundle,
    releaseDir,
    target,
    registry,
    appImages: bundle.images.map((i) => destinationImage(i, rewrite)),
    handOver: { airgapYaml: formatAirgapYaml(bundle.meta), releaseArchive: archive, images: kustomizeImages(bundle.images, rewrite) },
    dispose: release.dispose,
  };
}

/** The airgap edit of a rendered plan (airgap-objects.ts): the ConfigMaps for kotsadm and the airgap marks. */
export function airgapPlan(objects: K8sObject[], options: InstallOptions, prep: Pick<AirgapPreparation, "handOver">): K8sObject[] {
  return markAirgapped(objects, airgapConfigMaps(options.namespace, options.appSlug, prep.handOver, { labels: options.additionalLabels, annotations: options.additionalAnnotations }));
}

/** Every container image (init and main) of the pod templates of `objects`, each once, in order. */
export function podImages(objects: readonly K8sObject[]): string[] {
  const out = new Set<string>();
  for (const o of objects) {
    const spec = podTemplateOf(o)?.spec as { containers?: { image?: string }[]; initContainers?: { image?: string }[] } | undefined;
    for (const c of [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])]) if (c.image) out.add(c.image);
  }
  return [...out];
}

/**
 * The engine's `push-images` step for a prepared bundle: `phase-started`, the push with its
 * progress (re-runs push only what is missing), then one manifest HEAD per image of `objects`'
 * pods and of the app, and `images-verified`. Throws CliError exit 2 naming every image still
 * missing (the bundle lacks it: operator input), exit 2 for registry and bundle problems, exit 1
 * for registry protocol failures; the caller has applied nothing yet.
 */
export async function pushAndVerify(prep: AirgapPreparation, objects: readonly K8sObject[], signal: AbortSignal, emit: (e: ImagePushEvent) => void): Promise<void> {
  emit({ type: "phase-started", at: Date.now(), phase: "push", images: prep.bundle.images.length, to: prep.registry });
  const wanted = [...new Set([...podImages(objects), ...prep.appImages])];
  let missing: string[];
  try {
    await pushAirgapImages(prep.bundle, prep.target, {
      signal,
      onEvent: (e) => emit({ ...e, at: Date.now(), phase: "push" } as ImagePushEvent),
    });
    missing = await missingImages(wanted, { username: prep.target.username, password: prep.target.password, caFile: prep.target.caFile });
  } catch (err) {
    if (signal.aborted) throw err;
    if (err instanceof AirgapBundleError) throw new CliError(`--airgap-bundle ${err.message}`, 2);
    if (err instanceof CopyError) throw registryFailure(err, prep.registry);
    throw err;
  }
  if (missing.length > 0)
    throw new CliError(
      `not in ${prep.registry} after the push, so nothing was applied: ${missing.join(", ")}: push them (kots admin-console push-images BUNDLE ${prep.registry} for the Admin Console's) or build the bundle with them`,
      2,
    );
  emit({ type: "images-verified", at: Date.now(), images: wanted.length, registry: prep.registry });
}
