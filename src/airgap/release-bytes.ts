/**
 * The release files of a bundle's `app.tar.gz` as bytes (a chart `.tgz` survives; the text reader
 * `bundle.releaseFiles()` decodes UTF-8 and would corrupt it), and those files written into a new
 * directory. Used by `kots pull --airgap-bundle` (src/pull/airgap-source.ts), the install and the
 * wizard (src/install/airgap.ts, airgap-release.ts); KOTS v1.88
 * pkg/pull/pull.go extracts app.tar.gz into a temporary directory the same way.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { AirgapBundleError } from "./errors.ts";
import type { AirgapBundle } from "./index.ts";
import { bundleIndex } from "./open.ts";
import { bundleEntries, bundleError } from "./source.ts";
import { readEntry, tarEntries } from "./tar-read.ts";

/** Largest release file read (bytes), as the text reader's limit. */
const MAX_RELEASE_FILE = 64 * 1024 * 1024;

/**
 * The regular files of the bundle's `app.tar.gz`: `file` relative to the archive root (`./`
 * stripped), `bytes` exactly as archived, in archive order. Streams the bundle again up to that
 * entry. Throws AirgapBundleError: `missing-image` (no app.tar.gz), `corrupt` (a path that is
 * absolute or has a `..` segment; a damaged archive), `truncated` (the file changed since it was opened).
 */
export async function releaseFileBytes(bundle: AirgapBundle): Promise<Array<{ file: string; bytes: Uint8Array }>> {
  const index = bundleIndex(bundle);
  const file = index.file;
  if (!index.releaseEntry) throw new AirgapBundleError("missing-image", file, `${file} has no app.tar.gz (the release): build or download the bundle again`);
  try {
    for await (const e of bundleEntries(file)) if (e.name === index.releaseEntry) return await archiveFiles(e.body(), file);
  } catch (err) {
    throw bundleError(file, err);
  }
  throw new AirgapBundleError("truncated", file, `${file} changed since it was opened (app.tar.gz is gone): open it again`);
}

/** The regular files of a release archive (gzip'd tar) `archive` of bundle `file`, as releaseFileBytes returns them. */
async function archiveFiles(archive: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, file: string): Promise<Array<{ file: string; bytes: Uint8Array }>> {
  const out: Array<{ file: string; bytes: Uint8Array }> = [];
  const inner = Readable.from(archive).pipe(createGunzip());
  for await (const f of tarEntries(inner as AsyncIterable<Uint8Array>)) {
    if (f.type !== "file") continue;
    const name = f.name.replace(/^\.\//, "");
    if (name.startsWith("/") || name.split("/").includes(".."))
      throw new AirgapBundleError("corrupt", file, `${file}: app.tar.gz holds the path "${f.name}", which leaves the release directory: the bundle is not a vendor's, get it again`);
    out.push({ file: name, bytes: await readEntry(f, MAX_RELEASE_FILE) });
  }
  return out;
}

/**
 * Writes the bundle's release into `<new temp dir>/<dirName>/` (directories 0700, files 0600) and
 * returns that directory and a dispose that removes the temp dir. Throws as releaseFileBytes; the
 * temp dir is removed when writing fails.
 */
export async function extractRelease(bundle: AirgapBundle, dirName: string): Promise<{ dir: string; dispose(): void }> {
  return writeRelease(await releaseFileBytes(bundle), dirName);
}

/**
 * extractRelease for a release archive already read (`archive`: the bytes of bundle `file`'s
 * app.tar.gz). Throws AirgapBundleError `corrupt` for a damaged archive or a path that leaves the
 * directory.
 */
export async function extractReleaseArchive(archive: Uint8Array, file: string, dirName: string): Promise<{ dir: string; dispose(): void }> {
  let files: Array<{ file: string; bytes: Uint8Array }>;
  try {
    files = await archiveFiles([archive], file);
  } catch (err) {
    if (err instanceof AirgapBundleError) throw err;
    throw new AirgapBundleError("corrupt", file, `${file}: its release archive (app.tar.gz) cannot be read (${err instanceof Error ? err.message.split("\n")[0] : String(err)}): build or download the bundle again`);
  }
  return writeRelease(files, dirName);
}

function writeRelease(files: Array<{ file: string; bytes: Uint8Array }>, dirName: string): { dir: string; dispose(): void } {
  const top = mkdtempSync(path.join(os.tmpdir(), "kots-airgap-release-"));
  const dispose = () => rmSync(top, { recursive: true, force: true });
  try {
    const dir = path.join(top, path.basename(dirName) || "release");
    mkdirSync(dir, { mode: 0o700 });
    for (const f of files) {
      const to = path.join(dir, path.normalize(f.file));
      if (!to.startsWith(dir + path.sep)) continue; // checked above; never outside
      mkdirSync(path.dirname(to), { recursive: true, mode: 0o700 });
      writeFileSync(to, f.bytes, { mode: 0o600 });
    }
    return { dir, dispose };
  } catch (err) {
    dispose();
    throw err;
  }
}
