/**
 * `kots pull --airgap-bundle FILE` (issue 14): the release comes from the bundle's `app.tar.gz`
 * and, with --rewrite-images, the images are pushed from the bundle itself (no registry pull).
 * KOTS v1.88 pkg/pull/pull.go (AirgapRoot: app.tar.gz extracted to a temp dir, the images copied
 * from the bundle to the configured registry when rewriting).
 */
import { AirgapBundleError, openAirgapBundle, pushAirgapImages, type AirgapBundle, type AirgapPushEvent, type AirgapPushTarget, type AirgapPushedImage } from "../airgap/index.ts";
import { extractRelease } from "../airgap/release-bytes.ts";
import { UsageError } from "../errors.ts";
import { licenseFileAppSlug } from "../install/seeds.ts";
import { formatImageRef, parseImageRef } from "../registry/image.ts";
import type { ImagesJson } from "./copy-plan.ts";

/** An opened, checked bundle and its release in a temporary directory (remove it with dispose). */
export interface PullBundle {
  bundle: AirgapBundle;
  /** the release directory (a temporary `<dir>/<appSlug>/`) */
  releaseDir: string;
  appSlug: string;
  dispose(): void;
}

/**
 * Opens and checks `file` (every blob hashed: src/airgap/open.ts), checks that the license's
 * appSlug (when `licenseFile` is given) and `appName` (APP when it is neither the bundle path nor
 * replicated://SLUG naming the bundle's app) match the bundle's, and extracts its release byte for
 * byte. Throws UsageError (exit 2), one line naming the bundle: not a bundle, truncated, corrupt,
 * checksum, another app's, the Admin Console bundle, unreadable. Nothing is written outside the
 * system temp directory.
 */
export async function openPullBundle(file: string, licenseFile: string | undefined, appName?: string): Promise<PullBundle> {
  let bundle: AirgapBundle;
  const licenseSlug = licenseFileAppSlug(licenseFile);
  try {
    bundle = await openAirgapBundle(file, { expectAppSlug: licenseSlug });
    if (bundle.meta.adminConsole) throw new UsageError(`--airgap-bundle ${file} is KOTS's Admin Console bundle (kotsadm.tar.gz), not an app's: give the app's .airgap bundle (push this one with kots admin-console push-images)`);
    const slug = appName?.replace(/^replicated:\/\//, "").split("/")[0];
    if (slug !== undefined && slug !== bundle.meta.appSlug)
      throw new UsageError(`--airgap-bundle ${file} is a bundle of app ${bundle.meta.appSlug}, not ${slug}: give the ${slug} bundle, or name the app ${bundle.meta.appSlug}`);
    const { dir, dispose } = await extractRelease(bundle, bundle.meta.appSlug);
    return { bundle, releaseDir: dir, appSlug: bundle.meta.appSlug, dispose };
  } catch (err) {
    throw pullBundleError(file, err);
  }
}

/** AirgapBundleError and file errors as one UsageError line naming --airgap-bundle; others unchanged. */
export function pullBundleError(file: string, err: unknown): unknown {
  if (err instanceof UsageError) return err;
  if (err instanceof AirgapBundleError) return new UsageError(`--airgap-bundle ${err.message}`);
  const code = (err as NodeJS.ErrnoException)?.code;
  if (typeof code === "string" && /^E[A-Z]+$/.test(code)) return new UsageError(`--airgap-bundle ${file} cannot be read (${code}): give the path of a .airgap bundle`);
  return err;
}

/** Normalised reference (`docker.io/library/redis:7.2`) for matching images.json against the bundle. */
const norm = (ref: string) => formatImageRef(parseImageRef(ref));

/**
 * Which images of images.json to push from the bundle: every app image (each must be in the
 * bundle: else UsageError naming it), and the Admin Console images the bundle holds; `missing`
 * lists the Admin Console images it does not hold (KOTS ships those in kotsadm.tar.gz).
 */
export function bundlePushPlan(bundle: AirgapBundle, doc: ImagesJson): { images: string[]; missing: string[] } {
  const held = new Set(bundle.images.map(norm));
  const images: string[] = [];
  for (const i of doc.images) {
    if (!held.has(norm(i.source))) throw new UsageError(`--airgap-bundle ${bundle.file} does not hold image ${i.source}, which the release uses: build the bundle from this release again`);
    images.push(i.source);
  }
  const missing: string[] = [];
  for (const i of doc.adminConsoleImages) (held.has(norm(i.source)) ? images : missing).push(i.source);
  return { images: [...new Set(images)], missing };
}

/**
 * Pushes `images` (original references) from the bundle to `target` (src/airgap/push.ts: each at
 * the destination kots pull rewrites it to; the caller checked the target with checkAirgapTarget
 * before the bundle was opened). Throws AirgapBundleError or CopyError (docs/image-copy.md).
 */
export async function pushFromBundle(bundle: AirgapBundle, target: AirgapPushTarget, images: string[], onEvent: (e: AirgapPushEvent) => void, signal?: AbortSignal): Promise<AirgapPushedImage[]> {
  if (images.length === 0) return [];
  return (await pushAirgapImages(bundle, target, { images, onEvent, signal })).images;
}
