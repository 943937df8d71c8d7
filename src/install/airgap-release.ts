/**
 * The bundle's release for the install (issue 14 part 1b): its own `app.tar.gz`, byte for byte
 * (what KOTS uploads to kotsadm, here handed over in a ConfigMap), and its files in a temporary
 * directory, since the release readers (Config, Preflight, Application: src/install/release.ts)
 * take a directory.
 */
import { AirgapBundleError, openAirgapBundle, type AirgapBundle } from "../airgap/index.ts";
import { bundleIndex } from "../airgap/open.ts";
import { bundleEntries, bundleError } from "../airgap/source.ts";
import { readEntry } from "../airgap/tar-read.ts";
import { extractRelease } from "../airgap/release-bytes.ts";
import { UsageError } from "../errors.ts";
import { MAX_RELEASE_ARCHIVE_BYTES } from "./airgap-objects.ts";

/**
 * The bundle's own `app.tar.gz`, byte for byte (what KOTS uploads to kotsadm), read by streaming
 * the bundle once more. Throws UsageError when it is larger than a ConfigMap can hold, or the
 * bundle changed since it was opened.
 */
export async function originalReleaseArchive(bundle: AirgapBundle): Promise<Uint8Array> {
  const entry = bundleIndex(bundle).releaseEntry;
  try {
    for await (const e of bundleEntries(bundle.file)) {
      if (e.name !== entry) continue;
      if (e.size > MAX_RELEASE_ARCHIVE_BYTES)
        throw new UsageError(`--airgap-bundle ${bundle.file}: its release archive is ${e.size} bytes, more than the ${MAX_RELEASE_ARCHIVE_BYTES} a ConfigMap can hand to kotsadm`);
      return await readEntry(e, MAX_RELEASE_ARCHIVE_BYTES);
    }
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const e = bundleError(bundle.file, err);
    throw e instanceof AirgapBundleError ? new UsageError(`--airgap-bundle ${e.message}`) : e;
  }
  throw new UsageError(`--airgap-bundle ${bundle.file} changed since it was opened (app.tar.gz is gone): run the install again`);
}

/**
 * The release of the bundle `file` (opened and checked, for `appSlug`) in a temporary directory,
 * for the wizard's Config and Preflight steps, which come before the Registry step. Throws
 * UsageError for a bad bundle or another app's.
 */
export async function openBundleRelease(file: string, appSlug: string): Promise<{ dir: string; dispose(): void }> {
  try {
    const bundle = await openAirgapBundle(file, { expectAppSlug: appSlug });
    return await extractRelease(bundle, appSlug);
  } catch (err) {
    if (err instanceof AirgapBundleError) throw new UsageError(`--airgap-bundle ${err.message}`);
    const code = (err as NodeJS.ErrnoException).code;
    if (code) throw new UsageError(`--airgap-bundle ${file} cannot be read (${code}): give the path of a .airgap bundle`);
    throw err;
  }
}
