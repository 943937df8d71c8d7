/**
 * The image copy engine: registry → registry, registry → OCI layout (pull to disk), layout →
 * registry (push later), layout → layout.
 *
 * For each image: resolve the source manifest; for an index keep every platform, or with
 * `platform` copy only the matching image manifest (the destination then holds that manifest,
 * not the index). Then, for every distinct blob, in parallel (`parallel`, shared by all images of
 * one `copyImages` call): skip it when the destination has it (HEAD), else mount it from another
 * repository of the same registry that has it (the source's, when source and destination are one
 * registry, or one this run pushed it to), else stream it from the source through a sha256
 * verifier into the destination. Then child manifests by digest, then the top manifest under the
 * destination's tag (or its digest). Everything written is content-addressed, so a re-run copies
 * only what is missing.
 *
 * Units: sizes and counts of bytes are bytes; durations and timestamps are ms.
 */
import { parseImageRef, type ImageRef, InvalidImageReferenceError, formatImageRef } from "../image.ts";
import { RegistryClient, backoffDelay, type EndpointOptions, type RetryPolicy } from "./client.ts";
import { resolveCredentials } from "./credentials.ts";
import { CopyError, isTransientTransport, transportProblem } from "./errors.ts";
import { LayoutImage, formatLayoutRef, type LayoutRef } from "./layout-store.ts";
import {
  formatPlatform,
  indexChildren,
  isIndex,
  manifestBlobs,
  parsePlatform,
  platformMatches,
  type Descriptor,
  type Platform,
  type RawManifest,
} from "./manifest.ts";
import { RegistryRepo } from "./registry-store.ts";
import type { ImageDestination, ImageSource } from "./store.ts";
import { verifiedChunks } from "./verify.ts";

export type { LayoutRef } from "./layout-store.ts";
export type { EndpointOptions } from "./client.ts";

/** Either side of a copy: an image in a registry, or an image in an OCI image layout. */
export type ImageLocation = ImageRef | LayoutRef;

/** Options of a copy. Every field is optional. */
export interface CopyOptions {
  /** How to reach the source / destination registry (TLS, plain HTTP, credentials). */
  src?: EndpointOptions;
  dst?: EndpointOptions;
  /** `os/arch[/variant]`: copy only this platform of an index. Default: every platform, the index as it is. */
  platform?: string;
  /** Blobs transferred at once (all images of the call together). Default 4. */
  parallel?: number;
  /** Blobs up to this many bytes are uploaded in one streamed PUT, larger ones in streamed PATCH chunks. Default 32 MiB. */
  monolithicMax?: number;
  /** PATCH size of chunked uploads, bytes (min 1 MiB). Default 32 MiB. */
  chunkSize?: number;
  /** Retries of a request or blob after a 5xx, 429, timeout or reset. Default 4. */
  retries?: number;
  /** First retry delay, doubled per attempt, ms. Default 250. */
  backoffMs?: number;
  /** Header and body-stall timeout per request, ms. Default 30 000. */
  timeoutMs?: number;
  /** Stops the copy (e.g. on Ctrl-C): transfers end at their next chunk, partial writes are removed, the call rejects. */
  signal?: AbortSignal;
}

/** What happened to one blob. `exists`: the destination had it; `mounted`: cross-repository mount; `copied`: transferred. */
export type BlobAction = "copied" | "exists" | "mounted";

/**
 * Progress events, in order: `image-planned` once per image (after its manifests are read), then
 * `blob-done` per blob and throttled `image-progress`/`total-progress` (at most every 100 ms, and
 * at each blob's end), `retry` before a retry, `image-done` per image. Bytes of blobs that exist
 * or are mounted count as done. `image` is the source as messages name it, `target` the destination.
 */
export type CopyEvent =
  | { type: "image-planned"; image: string; target: string; digest: string; manifests: number; blobs: number; bytes: number }
  | { type: "blob-done"; image: string; target: string; digest: string; bytes: number; action: BlobAction }
  | { type: "image-progress"; image: string; target: string; bytesDone: number; bytesTotal: number; blobsDone: number; blobsTotal: number }
  | { type: "total-progress"; bytesDone: number; bytesTotal: number; imagesDone: number; imagesTotal: number }
  /** A retry: `what` names the request or blob; `image` is set for blob transfers (request retries name only the registry in `what`). */
  | { type: "retry"; image?: string; what: string; attempt: number; delayMs: number; reason: string }
  | { type: "image-done"; image: string; target: string; digest: string; bytesCopied: number; ms: number };

/** The outcome of one image's copy. */
export interface CopyResult {
  image: string;
  target: string;
  /** Digest of what the destination's reference now names (the index, or the one platform's manifest). */
  digest: string;
  mediaType: string;
  /** Sum of the blob sizes of the image, bytes. */
  bytes: number;
  /** Bytes actually transferred. */
  bytesCopied: number;
  blobs: Record<BlobAction, number>;
  ms: number;
}

/** One copy of a `copyImages` call. */
export interface CopyJob {
  src: ImageLocation | string;
  dst: ImageLocation | string;
}

/**
 * Parses a copy location: `oci:<dir>:<name>` (an OCI image layout; the name is everything after
 * the second colon) or an image reference (`[registry/]repository[:tag][@digest]`). Throws
 * CopyError bad-reference.
 */
export function parseLocation(s: string): ImageLocation {
  if (s.startsWith("oci:")) {
    const rest = s.slice(4);
    const i = rest.indexOf(":");
    if (i <= 0 || i === rest.length - 1) throw new CopyError("bad-reference", `"${s}" is not an image layout location (oci:<dir>:<name>)`);
    return { layout: rest.slice(0, i), name: rest.slice(i + 1) };
  }
  try {
    return parseImageRef(s);
  } catch (err) {
    if (err instanceof InvalidImageReferenceError) throw new CopyError("bad-reference", err.message);
    throw err;
  }
}

/** How messages name a location. */
export function formatLocation(l: ImageLocation): string {
  return "layout" in l ? formatLayoutRef(l) : formatImageRef(l);
}

class Semaphore {
  private waiters: (() => void)[] = [];
  constructor(private free: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((r) => this.waiters.push(r));
    try {
      return await fn();
    } finally {
      const next = this.waiters.shift();
      if (next) next();
      else this.free++;
    }
  }
}

interface Plan {
  src: ImageSource;
  dst: ImageDestination;
  top: RawManifest;
  /** Child manifests (pushed by digest first). */
  children: RawManifest[];
  blobs: Descriptor[];
  bytes: number;
  reference: string;
}

/** Shared state of one `copyImages` call: clients per registry, blob transfers and where blobs live. */
class Session {
  private readonly clients = new Map<string, RegistryClient>();
  readonly sem: Semaphore;
  readonly inflight = new Map<string, Promise<BlobAction>>();
  /** `host|digest` → repositories of that registry known to hold the blob. */
  readonly holders = new Map<string, Set<string>>();
  /** `host|digest` → a transfer of that blob into some repository of that registry, under way. */
  readonly hostInflight = new Map<string, { repository: string; job: Promise<BlobAction> }>();
  readonly sizes: { monolithicMax: number; chunkSize: number };
  readonly policy: RetryPolicy;
  readonly platform?: Platform;
  /** Aborted on the first failure (or the caller's signal): the other transfers stop and clean up. */
  readonly stop = new AbortController();

  constructor(
    readonly opts: CopyOptions,
    readonly emit: (e: CopyEvent) => void,
  ) {
    if (opts.signal) {
      if (opts.signal.aborted) this.stop.abort();
      else opts.signal.addEventListener("abort", () => this.stop.abort(), { once: true });
    }
    this.sem = new Semaphore(Math.max(1, opts.parallel ?? 4));
    this.sizes = { monolithicMax: opts.monolithicMax ?? 32 * 1024 * 1024, chunkSize: Math.max(1024 * 1024, opts.chunkSize ?? 32 * 1024 * 1024) };
    this.policy = { retries: opts.retries ?? 4, backoffMs: opts.backoffMs ?? 250, timeoutMs: opts.timeoutMs ?? 30_000 };
    if (opts.platform) this.platform = parsePlatform(opts.platform);
  }

  client(side: "src" | "dst", host: string): RegistryClient {
    const key = `${side}|${host}`;
    let c = this.clients.get(key);
    if (!c) {
      const ep = (side === "src" ? this.opts.src : this.opts.dst) ?? {};
      const creds = resolveCredentials(host, { username: ep.username, password: ep.password }, ep.dockerConfig);
      c = new RegistryClient(host, ep, creds, this.policy);
      this.clients.set(key, c);
    }
    return c;
  }

  open(side: "src" | "dst", l: ImageLocation): ImageSource & ImageDestination {
    if ("layout" in l) return new LayoutImage(l);
    return new RegistryRepo(this.client(side, l.registry), l, this.sizes);
  }

  noteHolder(host: string, digest: string, repository: string): void {
    const k = `${host}|${digest}`;
    let s = this.holders.get(k);
    if (!s) this.holders.set(k, (s = new Set()));
    s.add(repository);
  }
}

async function plan(s: Session, srcLoc: ImageLocation, dstLoc: ImageLocation): Promise<Plan> {
  const src = s.open("src", srcLoc);
  const dst = s.open("dst", dstLoc);
  let top = await src.resolve();
  const children: RawManifest[] = [];
  const blobs = new Map<string, Descriptor>();
  const addBlobs = (m: RawManifest) => {
    for (const b of manifestBlobs(m, src.label)) if (!blobs.has(b.digest)) blobs.set(b.digest, b);
  };
  if (isIndex(top.mediaType)) {
    const kids = indexChildren(top, src.label);
    if (s.platform) {
      const want = s.platform;
      const pick = kids.find((k) => platformMatches(k.platform, want));
      if (!pick)
        throw new CopyError("not-found", `${src.label} has no ${formatPlatform(want)} image (it has ${kids.map((k) => formatPlatform(k.platform)).join(", ") || "none"})`);
      top = await src.manifest(pick);
      if (isIndex(top.mediaType)) throw new CopyError("protocol", `the ${formatPlatform(want)} entry of ${src.label} is itself an index`);
      addBlobs(top);
    } else {
      for (const k of kids) {
        const m = await src.manifest(k);
        if (isIndex(m.mediaType)) throw new CopyError("protocol", `${src.label} nests an index in an index (not supported)`);
        children.push(m);
        addBlobs(m);
      }
    }
  } else addBlobs(top);
  let reference: string;
  if ("layout" in dstLoc) reference = dstLoc.name;
  else {
    if (dstLoc.digest && dstLoc.digest !== top.digest)
      throw new CopyError("digest-mismatch", `${dst.label} names digest ${dstLoc.digest} but ${src.label} is ${top.digest}`);
    reference = dstLoc.tag ?? ("layout" in srcLoc || srcLoc.digest ? top.digest : (srcLoc.tag ?? "latest"));
  }
  const list = [...blobs.values()];
  return { src, dst, top, children, blobs: list, bytes: list.reduce((a, b) => a + b.size, 0), reference };
}

/** Thrown into transfers that are stopped because another failed (never surfaces to the caller). */
class Stopped extends Error {}

function checkStopped(s: Session): void {
  if (s.stop.signal.aborted) throw new Stopped("stopped");
}

/**
 * Runs every task to its end, then rejects with the first real failure (a `Stopped` only when
 * the caller's signal stopped everything), so that no transfer is still writing when the call
 * rejects. The first failure aborts the session, which stops the others at their next chunk.
 */
async function settleAll<T>(s: Session, tasks: Promise<T>[]): Promise<T[]> {
  let first: unknown;
  const guarded = tasks.map((t) =>
    t.catch((err) => {
      if (first === undefined && !(err instanceof Stopped)) first = err;
      s.stop.abort();
      throw err;
    }),
  );
  const settled = await Promise.allSettled(guarded);
  if (first !== undefined) throw first;
  const stopped = settled.find((r) => r.status === "rejected");
  if (stopped) throw new CopyError("io", "the copy was cancelled");
  return settled.map((r) => (r as PromiseFulfilledResult<T>).value);
}

/** Transfers one blob (with retries of the whole transfer on transient failures). */
async function transferBlob(s: Session, p: Plan, d: Descriptor, onBytes: (n: number) => void): Promise<BlobAction> {
  checkStopped(s);
  if (await p.dst.hasBlob(d)) return "exists";
  const dreg = p.dst.registry;
  if (dreg && p.dst.mount) {
    const other = s.hostInflight.get(`${dreg.host}|${d.digest}`);
    const candidates = new Set<string>();
    if (p.src.registry && p.src.registry.host === dreg.host && p.src.registry.repository !== dreg.repository) candidates.add(p.src.registry.repository);
    for (const r of s.holders.get(`${dreg.host}|${d.digest}`) ?? []) if (r !== dreg.repository) candidates.add(r);
    if (other && other.repository !== dreg.repository && (await other.job.catch(() => undefined)) !== undefined) candidates.add(other.repository);
    for (const from of candidates) if (await p.dst.mount(d, from)) return "mounted";
  }
  for (let attempt = 0; ; attempt++) {
    let sent = 0;
    try {
      checkStopped(s);
      const body = await p.src.blob(d);
      await p.dst.putBlob(
        d,
        verifiedChunks(body, d, p.src.label, (n) => {
          checkStopped(s);
          sent += n;
          onBytes(n);
        }),
      );
      return "copied";
    } catch (err) {
      onBytes(-sent);
      if (err instanceof Stopped) throw err;
      if (err instanceof CopyError && err.code === "digest-mismatch") {
        await p.src.discardBad?.(d);
        const where = p.src.discardBad ? "deleted from both stores" : `not stored in ${p.dst.label}`;
        throw new CopyError("digest-mismatch", `${err.message} (${where})`);
      }
      const transient = err instanceof CopyError ? err.transient || err.code === "unreachable" : isTransientTransport(err);
      if (!transient || attempt >= s.policy.retries) {
        if (err instanceof CopyError) throw err;
        throw new CopyError("unreachable", `blob ${d.digest} of ${p.src.label}: ${transportProblem(err)}`);
      }
      const delay = backoffDelay(s.policy, attempt + 1);
      s.emit({ type: "retry", image: p.src.label, what: `blob ${d.digest} to ${p.dst.label}`, attempt: attempt + 1, delayMs: delay, reason: err instanceof CopyError ? err.message : transportProblem(err) });
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/**
 * Copies several images with one pool of `parallel` blob transfers, one client (and token cache)
 * per registry, and cross-repository mounts between them. Manifests of every image are read
 * first (so totals are known), then images are copied concurrently. Resolves with one result per
 * job, in order; rejects with the first CopyError (its message names registry, image and blob).
 * `onEvent` receives the CopyEvent stream.
 */
export async function copyImages(jobs: CopyJob[], opts: CopyOptions = {}, onEvent: (e: CopyEvent) => void = () => {}): Promise<CopyResult[]> {
  const s = new Session(opts, onEvent);
  s.policy.onRetry = (what, attempt, delayMs, reason) => onEvent({ type: "retry", what, attempt, delayMs, reason });
  const locs = jobs.map((j) => ({
    src: typeof j.src === "string" ? parseLocation(j.src) : j.src,
    dst: typeof j.dst === "string" ? parseLocation(j.dst) : j.dst,
  }));
  // manifests of all images first (so that totals are known), `parallel` images at a time
  const planPool = new Semaphore(Math.max(1, opts.parallel ?? 4));
  const plans = await settleAll(
    s,
    locs.map((l) => planPool.run(() => plan(s, l.src, l.dst))),
  );
  const totalBytes = plans.reduce((a, p) => a + p.bytes, 0);
  let totalDone = 0;
  let imagesDone = 0;
  let lastTotal = 0;
  const emitTotal = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastTotal < 100) return;
    lastTotal = now;
    onEvent({ type: "total-progress", bytesDone: totalDone, bytesTotal: totalBytes, imagesDone, imagesTotal: plans.length });
  };
  for (const p of plans)
    onEvent({ type: "image-planned", image: p.src.label, target: p.dst.label, digest: p.top.digest, manifests: 1 + p.children.length, blobs: p.blobs.length, bytes: p.bytes });
  emitTotal(true);

  const one = async (p: Plan): Promise<CopyResult> => {
    const t0 = performance.now();
    let done = 0;
    let blobsDone = 0;
    let copied = 0;
    let last = 0;
    const counts: Record<BlobAction, number> = { copied: 0, exists: 0, mounted: 0 };
    const progress = (force: boolean) => {
      const now = Date.now();
      if (force || now - last >= 100) {
        last = now;
        onEvent({ type: "image-progress", image: p.src.label, target: p.dst.label, bytesDone: done, bytesTotal: p.bytes, blobsDone, blobsTotal: p.blobs.length });
      }
      emitTotal(force);
    };
    await settleAll(
      s,
      p.blobs.map(async (d) => {
        const key = `${p.dst.storeKey}|${p.dst.registry?.repository ?? ""}|${d.digest}`;
        let job = s.inflight.get(key);
        let mine = false;
        if (!job) {
          mine = true;
          const other = p.dst.registry && s.hostInflight.get(`${p.dst.registry.host}|${d.digest}`);
          // a transfer of the same blob into another repository of this registry: wait for it
          // (outside the pool, so that it can finish) and mount from there
          const before = other ? other.job.catch(() => undefined) : Promise.resolve();
          job = before.then(() =>
            s.sem.run(() =>
              transferBlob(s, p, d, (n) => {
                done += n;
                totalDone += n;
                copied += n;
                progress(false);
              }),
            ),
          );
          s.inflight.set(key, job);
          if (p.dst.registry) {
            const hk = `${p.dst.registry.host}|${d.digest}`;
            if (!s.hostInflight.has(hk)) s.hostInflight.set(hk, { repository: p.dst.registry.repository, job });
          }
        }
        const action = await job;
        if (!mine || action !== "copied") {
          done += d.size;
          totalDone += d.size;
        }
        if (p.dst.registry) s.noteHolder(p.dst.registry.host, d.digest, p.dst.registry.repository);
        counts[mine ? action : "exists"]++;
        blobsDone++;
        onEvent({ type: "blob-done", image: p.src.label, target: p.dst.label, digest: d.digest, bytes: d.size, action: mine ? action : "exists" });
        progress(true);
      }),
    );
    checkStopped(s);
    for (const m of p.children) if (!(await p.dst.hasManifest(m.digest))) await p.dst.putManifest(m, m.digest);
    await p.dst.putManifest(p.top, p.reference);
    imagesDone++;
    const ms = Math.round(performance.now() - t0);
    onEvent({ type: "image-done", image: p.src.label, target: p.dst.label, digest: p.top.digest, bytesCopied: copied, ms });
    emitTotal(true);
    return { image: p.src.label, target: p.dst.label, digest: p.top.digest, mediaType: p.top.mediaType, bytes: p.bytes, bytesCopied: copied, blobs: counts, ms };
  };
  return settleAll(s, plans.map(one));
}

/**
 * Copies one image (see copyImages). `src`/`dst`: an ImageRef (parseImageRef), a LayoutRef
 * (`{layout: dir, name}`), or a string either way (`oci:<dir>:<name>` or an image reference).
 * Throws CopyError.
 */
export async function copyImage(src: ImageLocation | string, dst: ImageLocation | string, opts: CopyOptions = {}, onEvent?: (e: CopyEvent) => void): Promise<CopyResult> {
  const [r] = await copyImages([{ src, dst }], opts, onEvent);
  return r!;
}
