/**
 * The bundle's release for the install (issue 14 part 1b): its own `app.tar.gz`, byte for byte
 * (what KOTS uploads to kotsadm, here handed over in a ConfigMap), and its files in a temporary
 * directory, since the release readers (Config, Preflight, Application: src/install/release.ts)
 * take a directory.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { AirgapBundleError, openAirgapBundle, type AirgapBundle } from "../airgap/index.ts";
import { bundleIndex } from "../airgap/open.ts";
import { bundleEntries, bundleError } from "../airgap/source.ts";
import { readEntry, tarEntries } from "../airgap/tar-read.ts";
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

/** The files of a release archive (gzip'd tar) as UTF-8 text, in archive order. Throws UsageError for a damaged archive. */
export async function releaseFilesOf(archive: Uint8Array, file: string): Promise<Array<{ file: string; text: string }>> {
  const out: Array<{ file: string; text: string }> = [];
  const dec = new TextDecoder();
  try {
    const inner = Readable.from([archive]).pipe(createGunzip());
    for await (const e of tarEntries(inner as AsyncIterable<Uint8Array>)) if (e.type === "file") out.push({ file: e.name.replace(/^\.\//, ""), text: dec.decode(await readEntry(e, MAX_RELEASE_ARCHIVE_BYTES * 8)) });
  } catch (err) {
    throw new UsageError(`--airgap-bundle ${file}: its release archive (app.tar.gz) cannot be read (${err instanceof Error ? err.message.split("\n")[0] : String(err)}): build or download the bundle again`);
  }
  return out;
}

/**
 * The release of the bundle `file` (opened and checked, for `appSlug`) in a temporary directory,
 * for the wizard's Config and Preflight steps, which come before the Registry step. Throws
 * UsageError for a bad bundle or another app's.
 */
export async function openBundleRelease(file: string, appSlug: string): Promise<{ dir: string; dispose(): void }> {
  try {
    const bundle = await openAirgapBundle(file, { expectAppSlug: appSlug });
    const dir = writeReleaseDir(await bundle.releaseFiles());
    return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (err) {
    if (err instanceof AirgapBundleError) throw new UsageError(`--airgap-bundle ${err.message}`);
    const code = (err as NodeJS.ErrnoException).code;
    if (code) throw new UsageError(`--airgap-bundle ${file} cannot be read (${code}): give the path of a .airgap bundle`);
    throw err;
  }
}

/** The release files in a new temporary directory (mode 0700): the release readers take a directory. */
export function writeReleaseDir(files: Array<{ file: string; text: string }>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kots-airgap-release-"));
  for (const f of files) {
    const rel = path.normalize(f.file.replace(/^\.\//, ""));
    if (rel.startsWith("..") || path.isAbsolute(rel)) continue; // never outside the directory
    const to = path.join(dir, rel);
    mkdirSync(path.dirname(to), { recursive: true });
    writeFileSync(to, f.text, { mode: 0o600 });
  }
  return dir;
}
