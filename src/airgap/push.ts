/**
 * pushAirgapImages: the push pass. Each selected image goes to the destination `kots pull`
 * rewrites it to (src/pull/rewrite.ts destinationImage). Every blob is HEADed at its destination
 * repository first; the bundle is then streamed once and each missing blob, as its entry comes
 * by, is streamed through the copy engine's sha256 verifier (src/registry/copy/verify.ts) into the
 * first repository that lacks it (a registry commits it only when the digest matches), then
 * mounted into the others. An image's manifests are PUT once all of its blobs are there. Nothing
 * is read when nothing is missing (a re-run), and the read stops once the last missing blob is in.
 * A bundle whose open stopped after its head (openAirgapBundle `presentAt`: the target held every
 * manifest) is asked again by manifest; only when something is gone is the full checking pass made.
 */
import { parseImageRef, formatImageRef, InvalidImageReferenceError, type ImageRef } from "../registry/image.ts";
import { CopyError, type BlobAction } from "../registry/copy/index.ts";
import type { Descriptor } from "../registry/copy/manifest.ts";
import { RegistryRepo } from "../registry/copy/registry-store.ts";
import { verifiedChunks } from "../registry/copy/verify.ts";
import { AirgapBundleError } from "./errors.ts";
import type { AirgapBundle, AirgapPushEvent, AirgapPushTarget, AirgapPushedImage } from "./index.ts";
import { STORAGE_ROOT, storageBlobDigest, type BundleImage, type BundleIndex } from "./model.ts";
import { bundleIndex } from "./open.ts";
import { scanBundle } from "./scan.ts";
import { bundleEntries, bundleError, stampOf } from "./source.ts";
import { allManifestsPresent, destinationOf, destinationText, targetClient, UPLOAD_SIZES } from "./target.ts";
import { tarEntries } from "./tar-read.ts";

/** One image's push. */
interface Job {
  image: BundleImage;
  ref: ImageRef;
  target: string;
  repo: RegistryRepo;
  reference: string;
  /** digests this destination still lacks */
  missing: Set<string>;
  blobsDone: number;
  bytesDone: number;
  bytesCopied: number;
  pushedAny: boolean;
  done: boolean;
  t0: number;
}

/** Passes over the bundle at most (a blob that failed transiently, or a mount refused, is streamed again). */
const MAX_PASSES = 3;

async function pool<T>(items: T[], n: number, f: (t: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (i < items.length) await f(items[i++]!);
  }));
}

function selectImages(index: BundleIndex, wanted: string[] | undefined): BundleImage[] {
  if (!wanted) return index.images;
  return wanted.map((w) => {
    let n: string;
    try {
      n = formatImageRef(parseImageRef(w));
    } catch (err) {
      if (err instanceof InvalidImageReferenceError) throw new AirgapBundleError("missing-image", index.file, `${index.file}: "${w}" is not an image reference: name images as the bundle lists them`);
      throw err;
    }
    const img = index.images.find((i) => i.source === n);
    if (!img) throw new AirgapBundleError("missing-image", index.file, `${index.file} does not hold image ${n}: build the bundle with it, or leave it out`);
    return img;
  });
}

/**
 * The registry check before a push (`GET /v2/`, credentials tried as `docker login` tries them).
 * Throws CopyError `unreachable`, `not-registry`, `unauthorized`, `bad-endpoint`.
 */
export async function checkAirgapTarget(target: AirgapPushTarget): Promise<void> {
  await targetClient(target, () => {}).ping();
}

/**
 * The result of a push with nothing to send (every manifest at the target, found by the re-run
 * check): `image-planned` and `image-done` per image (no blob events: no blob was asked for), every
 * image `skipped`.
 */
function nothingToPush(images: BundleImage[], target: AirgapPushTarget, emit: (e: AirgapPushEvent) => void): { images: AirgapPushedImage[] } {
  const out = images.map((image) => ({ source: image.source, target: destinationText(image, target), digest: image.top.digest, skipped: true }));
  images.forEach((image, i) => emit({ type: "image-planned", image: image.source, target: out[i]!.target, digest: image.top.digest, manifests: 1 + image.children.length, blobs: image.blobs.length, bytes: image.bytes }));
  const total = images.reduce((a, i) => a + i.bytes, 0);
  emit({ type: "total-progress", bytesDone: 0, bytesTotal: total, imagesDone: 0, imagesTotal: images.length });
  images.forEach((image, i) => emit({ type: "image-done", image: image.source, target: out[i]!.target, digest: image.top.digest, bytesCopied: 0, ms: 0 }));
  emit({ type: "total-progress", bytesDone: total, bytesTotal: total, imagesDone: images.length, imagesTotal: images.length });
  return { images: out };
}

/** {@inheritDoc index.pushAirgapImages} */
export async function pushAirgapImages(
  bundle: AirgapBundle,
  target: AirgapPushTarget,
  opts: { images?: string[]; onEvent?: (e: AirgapPushEvent) => void; signal?: AbortSignal; parallel?: number } = {},
): Promise<{ images: AirgapPushedImage[] }> {
  let index = bundleIndex(bundle);
  const parallel = Math.max(1, opts.parallel ?? 1);
  const file = index.file;
  const emit = opts.onEvent ?? (() => {});
  const stamp = stampOf(file);
  const changed = () => new AirgapBundleError("corrupt", file, `${file} changed since it was opened: open the bundle again`);
  if (stamp.size !== index.stamp.size || stamp.mtimeMs !== index.stamp.mtimeMs) throw changed();
  let selected = selectImages(index, opts.images);
  if (index.partial) {
    // the open stopped after the bundle's head because the target held every manifest: ask again
    // (time may have passed), and when something is gone now, make the full checking pass first
    if (await allManifestsPresent(selected, target, emit)) return nothingToPush(selected, target, emit);
    index = await scanBundle(file, undefined, opts.signal);
    if (index.stamp.size !== stamp.size || index.stamp.mtimeMs !== stamp.mtimeMs) throw changed();
    selected = selectImages(index, opts.images);
  }
  const client = targetClient(target, emit);
  const sizes = UPLOAD_SIZES;
  let failed = false;
  const aborted = () => {
    if (opts.signal?.aborted || failed) throw new CopyError("io", "the push was cancelled");
  };
  /** Waits for every read; the first failure stops the others (at their next chunk) and is thrown once all ended. */
  const settle = async (tasks: Promise<void>[]) => {
    let first: unknown;
    await Promise.all(
      tasks.map((t) =>
        t.catch((err) => {
          if (first === undefined) first = err;
          failed = true;
        }),
      ),
    );
    if (first !== undefined) throw first;
  };

  const jobs: Job[] = selected.map((image) => {
    const ref = destinationOf(image, target);
    return {
      image,
      ref,
      target: formatImageRef(ref),
      repo: new RegistryRepo(client, ref, sizes),
      reference: ref.digest ?? ref.tag ?? "latest",
      missing: new Set(),
      blobsDone: 0,
      bytesDone: 0,
      bytesCopied: 0,
      pushedAny: false,
      done: false,
      t0: performance.now(),
    };
  });

  // what is there already
  const checks = jobs.flatMap((j) => j.image.blobs.map((d) => ({ j, d })));
  const present = new Map<Job, Set<string>>();
  await pool(checks, 8, async ({ j, d }) => {
    aborted();
    if (await j.repo.hasBlob(d)) {
      let s = present.get(j);
      if (!s) present.set(j, (s = new Set()));
      s.add(d.digest);
    } else j.missing.add(d.digest);
  });

  const totalBytes = jobs.reduce((a, j) => a + j.image.bytes, 0);
  let totalDone = 0;
  let imagesDone = 0;
  let lastTotal = 0;
  const total = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastTotal < 100) return;
    lastTotal = now;
    emit({ type: "total-progress", bytesDone: totalDone, bytesTotal: totalBytes, imagesDone, imagesTotal: jobs.length });
  };
  const lastImage = new Map<Job, number>();
  const progress = (j: Job, force: boolean) => {
    const now = Date.now();
    if (force || now - (lastImage.get(j) ?? 0) >= 100) {
      lastImage.set(j, now);
      emit({ type: "image-progress", image: j.image.source, target: j.target, bytesDone: j.bytesDone, bytesTotal: j.image.bytes, blobsDone: j.blobsDone, blobsTotal: j.image.blobs.length });
    }
    total(force);
  };
  for (const j of jobs)
    emit({ type: "image-planned", image: j.image.source, target: j.target, digest: j.image.top.digest, manifests: 1 + j.image.children.length, blobs: j.image.blobs.length, bytes: j.image.bytes });
  total(true);

  const blobDone = (j: Job, d: Descriptor, action: BlobAction) => {
    j.blobsDone++;
    if (action !== "copied") {
      j.bytesDone += d.size;
      totalDone += d.size;
    }
    emit({ type: "blob-done", image: j.image.source, target: j.target, digest: d.digest, bytes: d.size, action });
    progress(j, true);
  };

  const finish = async (j: Job) => {
    if (j.done || j.missing.size > 0) return;
    aborted();
    let skipped = !j.pushedAny;
    if (skipped) {
      try {
        skipped = (await j.repo.resolve()).digest === j.image.top.digest;
      } catch (err) {
        if (!(err instanceof CopyError) || (err.code !== "not-found" && err.code !== "digest-mismatch")) throw err;
        skipped = false;
      }
    }
    if (!skipped) {
      for (const m of j.image.children) if (!(await j.repo.hasManifest(m.digest))) await j.repo.putManifest(m, m.digest);
      await j.repo.putManifest(j.image.top, j.reference);
    }
    j.done = true;
    j.pushedAny ||= !skipped;
    imagesDone++;
    emit({ type: "image-done", image: j.image.source, target: j.target, digest: j.image.top.digest, bytesCopied: j.bytesCopied, ms: Math.round(performance.now() - j.t0) });
    total(true);
  };

  for (const j of jobs) for (const d of j.image.blobs) if (present.get(j)?.has(d.digest)) blobDone(j, d, "exists");
  for (const j of jobs) await finish(j);

  let lastTransient: CopyError | undefined;
  let transientFailures = 0;

  /** Streams one blob into the first job lacking it, then mounts it into the others. */
  const pushBlob = async (d: Descriptor, chunks: AsyncGenerator<Uint8Array>) => {
    const want = jobs.filter((j) => j.missing.has(d.digest));
    if (want.length === 0) return;
    aborted();
    const first = want[0]!;
    const it = chunks[Symbol.asyncIterator]();
    const stream = new ReadableStream<Uint8Array>({
      async pull(c) {
        const r = await it.next();
        if (r.done) c.close();
        else c.enqueue(r.value);
      },
    });
    let sent = 0;
    try {
      await first.repo.putBlob(
        d,
        verifiedChunks({ stream, idle: () => {}, done: () => {} }, d, first.image.source, (n) => {
          aborted();
          sent += n;
          first.bytesDone += n;
          first.bytesCopied += n;
          totalDone += n;
          progress(first, false);
        }),
      );
    } catch (err) {
      if (err instanceof CopyError && err.code === "digest-mismatch")
        throw new AirgapBundleError("checksum", file, `${file}: blob ${d.digest} of ${first.image.source} no longer matches its digest (the file changed since it was opened): open the bundle again`);
      const e = err instanceof CopyError ? err : bundleError(file, err);
      // a registry hiccup mid-upload: the blob is streamed again in the next pass
      if (e instanceof CopyError && (e.transient || e.code === "unreachable") && !opts.signal?.aborted) {
        lastTransient = e;
        first.bytesDone -= sent;
        first.bytesCopied -= sent;
        totalDone -= sent;
        emit({ type: "retry", image: first.image.source, what: `blob ${d.digest} to ${first.target}`, attempt: ++transientFailures, delayMs: 0, reason: e.message });
        return;
      }
      throw e;
    }
    first.missing.delete(d.digest);
    first.pushedAny = true;
    blobDone(first, d, "copied");
    await finish(first);
    const holders = new Set([first.ref.repository]);
    for (const j of want.slice(1)) {
      const same = holders.has(j.ref.repository);
      if (!same && !(await j.repo.mount(d, first.ref.repository))) continue; // streamed again in the next pass
      j.missing.delete(d.digest);
      j.pushedAny = true;
      holders.add(j.ref.repository);
      blobDone(j, d, same ? "exists" : "mounted");
      await finish(j);
    }
  };

  const stillMissing = () => jobs.some((j) => j.missing.size > 0);
  let lastRead = 0;
  const onRead = (bytesRead: number) => {
    const now = Date.now();
    if (now - lastRead < 100) return;
    lastRead = now;
    emit({ type: "bundle-read", file, bytesRead, bytesTotal: stamp.size });
  };
  const missingNow = (digest: string) => jobs.some((j) => j.missing.has(digest));
  const descriptors = new Map(jobs.flatMap((j) => j.image.blobs).map((d) => [d.digest, d]));
  /** One streamed read of the bundle that pushes the blobs of `want` as they come by (and stops when they are in). */
  const streamPass = async (want: Set<string>, reportRead: boolean) => {
    const wanted = (digest: string | undefined) => digest !== undefined && want.has(digest) && missingNow(digest);
    const left = () => [...want].some(missingNow);
    try {
      for await (const e of bundleEntries(file, reportRead ? onRead : undefined)) {
        aborted();
        if (index.meta.format === "docker" && e.name.startsWith(STORAGE_ROOT)) {
          const digest = storageBlobDigest(e.name.slice(STORAGE_ROOT.length));
          if (wanted(digest)) await pushBlob(descriptors.get(digest!)!, e.body());
        } else if (index.archives.has(e.name)) {
          const layers = index.archives.get(e.name)!;
          if (![...layers.values()].some((d) => wanted(d.digest))) continue;
          for await (const x of tarEntries(e.body())) {
            const d = layers.get(x.name);
            if (d && wanted(d.digest)) await pushBlob(d, x.body());
            if (!left()) break;
          }
        }
        if (!left()) break;
      }
    } catch (err) {
      throw bundleError(file, err);
    }
  };
  for (let pass = 0; pass < MAX_PASSES && stillMissing(); pass++) {
    // the missing blobs split into `parallel` groups of about equal bytes, each pushed by its own
    // streamed read of the bundle (the tar is one stream: one upload at a time per read)
    const missing = [...new Set(jobs.flatMap((j) => [...j.missing]))].map((d) => descriptors.get(d)!).sort((a, b) => b.size - a.size);
    const groups = Array.from({ length: Math.max(1, Math.min(parallel, missing.length)) }, () => ({ want: new Set<string>(), bytes: 0 }));
    for (const d of missing) {
      const g = groups.reduce((a, b) => (b.bytes < a.bytes ? b : a));
      g.want.add(d.digest);
      g.bytes += d.size;
    }
    await settle(groups.map((g, i) => streamPass(g.want, i === 0)));
  }
  if (lastTransient && stillMissing()) throw lastTransient;
  for (const j of jobs)
    if (j.missing.size > 0) throw new CopyError("protocol", `${target.host} did not take blob ${[...j.missing][0]} of ${j.target} (neither upload nor mount stuck after ${MAX_PASSES} passes)`);
  return { images: jobs.map((j) => ({ source: j.image.source, target: j.target, digest: j.image.top.digest, skipped: !j.pushedAny })) };
}
