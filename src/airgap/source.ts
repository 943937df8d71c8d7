/**
 * The bundle file as a stream of uncompressed bytes: read in 1 MiB pieces, gunzipped (CRC-32
 * and length checked at the end, as Go's compress/gzip does for KOTS), errors turned into
 * AirgapBundleError naming the file. Never more than a few chunks in memory.
 */
import { closeSync, createReadStream, openSync, readSync, statSync } from "node:fs";
import { createGunzip } from "node:zlib";
import { AirgapBundleError } from "./errors.ts";
import { ByteReader, tarEntries, TarError, type TarEntry } from "./tar-read.ts";

/** Size and modification time of the file, to notice a bundle replaced between two passes. */
export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/** The stamp of `file`; throws AirgapBundleError `not-a-bundle` when it cannot be read. */
export function stampOf(file: string): FileStamp {
  try {
    const st = statSync(file);
    if (!st.isFile()) throw new AirgapBundleError("not-a-bundle", file, `${file} is not a file: give the path of a .airgap bundle`);
    return { size: st.size, mtimeMs: Math.floor(st.mtimeMs) };
  } catch (err) {
    if (err instanceof AirgapBundleError) throw err;
    throw new AirgapBundleError("not-a-bundle", file, `cannot read ${file}: check the path of the .airgap bundle`);
  }
}

/** Throws `not-a-bundle` unless the file starts with the gzip magic bytes. */
function checkMagic(file: string): void {
  const fd = openSync(file, "r");
  try {
    const b = Buffer.alloc(2);
    const n = readSync(fd, b, 0, 2, 0);
    if (n < 2 || b[0] !== 0x1f || b[1] !== 0x8b)
      throw new AirgapBundleError("not-a-bundle", file, `${file} is not a .airgap bundle (not gzip data): give the file downloaded from the vendor portal or made by kots airgap build`);
  } finally {
    closeSync(fd);
  }
}

/** Maps a zlib or tar failure to the bundle error (codes and one-line messages naming `file`). */
export function bundleError(file: string, err: unknown): unknown {
  if (err instanceof AirgapBundleError) return err;
  const redownload = "download or copy the bundle again";
  if (err instanceof TarError)
    return err.code === "truncated"
      ? new AirgapBundleError("truncated", file, `${file} is truncated (${err.message}): ${redownload}`)
      : new AirgapBundleError("corrupt", file, `${file} is corrupt (${err.message}): ${redownload}`);
  const e = err as { code?: string; message?: string };
  if (e?.code === "Z_BUF_ERROR") return new AirgapBundleError("truncated", file, `${file} is truncated (the gzip stream ends early): ${redownload}`);
  if (e?.code === "Z_DATA_ERROR" && /data check/.test(e.message ?? ""))
    return new AirgapBundleError("checksum", file, `${file} fails its gzip CRC-32 check: ${redownload}`);
  if (e?.code?.startsWith("Z_")) return new AirgapBundleError("corrupt", file, `${file} is corrupt (bad gzip data: ${e.message}): ${redownload}`);
  return err;
}

/**
 * The uncompressed bytes of `file`. `onRead(bytesRead)` gets the compressed bytes read so far
 * (at most every 1 MiB). Throws AirgapBundleError (`not-a-bundle`, `truncated`, `corrupt`,
 * `checksum`) while iterating.
 */
export async function* bundleBytes(file: string, onRead?: (bytesRead: number) => void): AsyncGenerator<Uint8Array> {
  stampOf(file);
  checkMagic(file);
  const input = createReadStream(file, { highWaterMark: 1024 * 1024 });
  let read = 0;
  if (onRead) input.on("data", (c) => onRead((read += c.length)));
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  const piped = input.pipe(gunzip);
  input.on("error", (err) => gunzip.destroy(err));
  try {
    for await (const c of piped) yield c as Uint8Array;
  } catch (err) {
    throw bundleError(file, err);
  } finally {
    input.destroy();
    gunzip.destroy();
  }
}

/**
 * The tar entries of `file` (see bundleBytes, tarEntries); errors as AirgapBundleError. After the
 * archive's end the rest of the file is read too, so that the gzip CRC-32 and length are checked.
 */
export async function* bundleEntries(file: string, onRead?: (bytesRead: number) => void): AsyncGenerator<TarEntry> {
  try {
    const r = new ByteReader(bundleBytes(file, onRead));
    yield* tarEntries(r);
    await r.drain();
  } catch (err) {
    throw bundleError(file, err);
  }
}
