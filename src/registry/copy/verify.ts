/**
 * Digest verification while streaming: chunks pass through a sha256 hasher and a byte counter; the
 * last one is followed by the check, so a bad blob throws before any store commits it.
 */
import { CopyError } from "./errors.ts";
import type { Descriptor } from "./manifest.ts";
import type { BlobBody } from "./store.ts";

/**
 * Yields the body's chunks unchanged and throws CopyError("digest-mismatch") naming `image` and
 * the blob when the bytes do not hash to `d.digest` or their count is not `d.size` (checked early:
 * more bytes than `d.size` stop the read at once). `onBytes(n)` is called per chunk.
 */
export async function* verifiedChunks(body: BlobBody, d: Descriptor, image: string, onBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
  const hasher = new Bun.CryptoHasher("sha256");
  let n = 0;
  const reader = body.stream.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      body.idle();
      n += value.byteLength;
      if (n > d.size) throw mismatch(d, image, `more than the ${d.size} bytes its descriptor gives`);
      hasher.update(value);
      onBytes(value.byteLength);
      yield value;
    }
  } finally {
    body.done();
    reader.releaseLock();
    await body.stream.cancel().catch(() => undefined);
  }
  const got = "sha256:" + hasher.digest("hex");
  if (n !== d.size) throw mismatch(d, image, `${n} bytes instead of ${d.size}`);
  if (got !== d.digest) throw mismatch(d, image, `its bytes hash to ${got}`);
}

function mismatch(d: Descriptor, image: string, why: string): CopyError {
  return new CopyError("digest-mismatch", `blob ${d.digest} of ${image} does not match its digest: ${why}`);
}
