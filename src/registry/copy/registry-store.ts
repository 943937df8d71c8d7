/**
 * A registry repository as copy source and destination (OCI distribution spec endpoints):
 * manifests GET/HEAD/PUT `/v2/<name>/manifests/<ref>`, blobs GET/HEAD `/v2/<name>/blobs/<digest>`,
 * uploads POST `/v2/<name>/blobs/uploads/` then one PUT `?digest=` (monolithic, blobs up to
 * `monolithicMax` bytes) or PATCHes of `chunkSize` bytes with Content-Range then PUT (chunked);
 * mounts POST `…/uploads/?mount=<digest>&from=<repo>`. A failed upload is cancelled (DELETE).
 */
import type { ImageRef } from "../image.ts";
import { formatImageRef } from "../image.ts";
import { repositoryScope } from "./challenge.ts";
import type { RegistryClient } from "./client.ts";
import { CopyError } from "./errors.ts";
import { detectMediaType, MANIFEST_ACCEPT, MAX_MANIFEST_BYTES, sha256Digest, type Descriptor, type RawManifest } from "./manifest.ts";
import type { BlobBody, ImageDestination, ImageSource } from "./store.ts";

/** Upload sizes (bytes). */
export interface UploadSizes {
  /** Blobs up to this size go in one streamed PUT. Default 32 MiB. */
  monolithicMax: number;
  /** PATCH size of chunked uploads (each a streamed slice of the source). Default 32 MiB. */
  chunkSize: number;
}

async function readBounded(res: Response, max: number, what: string, host: string): Promise<Uint8Array> {
  const len = Number(res.headers.get("content-length") ?? "0");
  if (len > max) throw new CopyError("protocol", `${host} sent ${what} of ${len} bytes (more than ${max})`);
  const buf = new Uint8Array(await res.arrayBuffer());
  if (buf.byteLength > max) throw new CopyError("protocol", `${host} sent ${what} of more than ${max} bytes`);
  return buf;
}

/** A repository of a registry, as both sides of a copy. */
export class RegistryRepo implements ImageSource, ImageDestination {
  readonly label: string;
  readonly storeKey: string;
  readonly registry: { host: string; repository: string };
  private readonly name: string;

  constructor(
    private readonly client: RegistryClient,
    readonly ref: ImageRef,
    private readonly sizes: UploadSizes,
  ) {
    this.label = formatImageRef(ref);
    this.storeKey = `registry:${client.host}`;
    this.registry = { host: client.host, repository: ref.repository };
    this.name = ref.repository;
  }

  private pull = () => [repositoryScope(this.name, "pull")];
  private push = () => [repositoryScope(this.name, "pull,push")];

  private async getManifest(reference: string, what: string): Promise<RawManifest> {
    const r = await this.client.request(`/v2/${this.name}/manifests/${reference}`, { headers: { accept: MANIFEST_ACCEPT }, scopes: this.pull(), what, accept: [200, 404] });
    try {
      if (r.res.status === 404) throw new CopyError("not-found", `${this.client.host} has no ${what}`);
      const bytes = await readBounded(r.res, MAX_MANIFEST_BYTES, what, this.client.host);
      return { bytes, digest: sha256Digest(bytes), mediaType: detectMediaType(bytes, r.res.headers.get("content-type")) };
    } finally {
      r.done();
    }
  }

  /** {@inheritDoc ImageSource.resolve} */
  async resolve(): Promise<RawManifest> {
    const reference = this.ref.digest ?? this.ref.tag ?? "latest";
    const m = await this.getManifest(reference, `manifest ${this.label}`);
    if (this.ref.digest && m.digest !== this.ref.digest)
      throw new CopyError("digest-mismatch", `manifest of ${this.label} from ${this.client.host} hashes to ${m.digest}, not the digest of its reference`);
    return m;
  }

  /** {@inheritDoc ImageSource.manifest} */
  async manifest(d: Descriptor): Promise<RawManifest> {
    const m = await this.getManifest(d.digest, `manifest ${d.digest} of ${this.label}`);
    if (m.digest !== d.digest) throw new CopyError("digest-mismatch", `manifest ${d.digest} of ${this.label} from ${this.client.host} hashes to ${m.digest}`);
    return { ...m, mediaType: d.mediaType || m.mediaType };
  }

  /** {@inheritDoc ImageSource.blob} */
  async blob(d: Descriptor): Promise<BlobBody> {
    const r = await this.client.request(`/v2/${this.name}/blobs/${d.digest}`, { scopes: this.pull(), what: `blob ${d.digest} of ${this.label}`, accept: [200] });
    if (!r.res.body) throw new CopyError("protocol", `${this.client.host} sent blob ${d.digest} of ${this.label} without a body`);
    return { stream: r.res.body as ReadableStream<Uint8Array>, idle: r.idle, done: r.done };
  }

  /** {@inheritDoc ImageDestination.hasBlob} */
  async hasBlob(d: Descriptor): Promise<boolean> {
    const r = await this.client.request(`/v2/${this.name}/blobs/${d.digest}`, { method: "HEAD", scopes: this.push(), what: `HEAD blob ${d.digest} of ${this.label}`, accept: [200, 404] });
    r.done();
    return r.res.status === 200;
  }

  /** {@inheritDoc ImageDestination.mount} */
  async mount(d: Descriptor, fromRepository: string): Promise<boolean> {
    const q = `mount=${encodeURIComponent(d.digest)}&from=${encodeURIComponent(fromRepository)}`;
    const r = await this.client.request(`/v2/${this.name}/blobs/uploads/?${q}`, {
      method: "POST",
      headers: { "content-length": "0" },
      scopes: [...this.push(), repositoryScope(fromRepository, "pull")],
      what: `mount of blob ${d.digest} from ${fromRepository} into ${this.label}`,
      accept: [201, 202],
    });
    r.done();
    if (r.res.status === 202) await this.cancel(r.res.headers.get("location"));
    return r.res.status === 201;
  }

  private location(loc: string | null, what: string): string {
    if (!loc) throw new CopyError("protocol", `${this.client.host} gave no upload location for ${what}`);
    return new URL(loc, this.client.base + "/").toString();
  }

  private withDigest(loc: string, digest: string): string {
    const u = new URL(loc);
    u.searchParams.set("digest", digest);
    return u.toString();
  }

  private async cancel(loc: string | null): Promise<void> {
    if (!loc) return;
    try {
      const r = await this.client.request(new URL(loc, this.client.base + "/").toString(), { method: "DELETE", scopes: this.push(), what: `cancel of an upload to ${this.label}`, accept: [204, 404, 400, 200] });
      r.done();
    } catch {
      /* best effort: the registry purges stale uploads itself */
    }
  }

  /**
   * {@inheritDoc ImageDestination.putBlob}
   * Streams: a blob up to `monolithicMax` bytes is the body of the one PUT; a larger one goes in
   * PATCHes of `chunkSize` bytes (Content-Range, Content-Length), each body a slice of the source
   * stream, then an empty PUT `?digest=`. Nothing is buffered beyond the chunk being read. The
   * source's verification runs (and must pass) before the final PUT.
   */
  async putBlob(d: Descriptor, chunks: AsyncIterable<Uint8Array>): Promise<void> {
    const what = `upload of blob ${d.digest} of ${this.label}`;
    const start = await this.client.request(`/v2/${this.name}/blobs/uploads/`, { method: "POST", headers: { "content-length": "0" }, scopes: this.push(), what, accept: [202] });
    start.done();
    let loc: string | null = this.location(start.res.headers.get("location"), what);
    const it = chunks[Symbol.asyncIterator]();
    let leftover: Uint8Array | undefined;
    let sourceError: unknown;
    // a stream of exactly `len` bytes taken from the source; its failure is kept in sourceError
    const slice = (len: number) => (idle: () => void) => {
      let left = len;
      return new ReadableStream<Uint8Array>({
        async pull(c) {
          try {
            let v = leftover;
            leftover = undefined;
            if (!v) {
              const r = await it.next();
              if (r.done) throw new CopyError("digest-mismatch", `blob ${d.digest} of ${what.replace(/^upload of blob \S+ of /, "")} ended before its ${d.size} bytes`);
              v = r.value;
            }
            if (v.byteLength > left) {
              leftover = v.subarray(left);
              v = v.subarray(0, left);
            }
            left -= v.byteLength;
            idle();
            c.enqueue(v);
            if (left === 0) c.close();
          } catch (err) {
            sourceError ??= err;
            c.error(err);
          }
        },
      });
    };
    const send = async (url: string, method: "PUT" | "PATCH", len: number, extra: Record<string, string>, accept: number[]) => {
      try {
        const r = await this.client.request(url, {
          method,
          headers: { "content-type": "application/octet-stream", "content-length": String(len), ...extra },
          body: len === 0 ? new Uint8Array(0) : slice(len),
          scopes: this.push(),
          what,
          accept,
        });
        r.done();
        return r.res;
      } catch (err) {
        throw sourceError ?? err;
      }
    };
    // the source must end exactly here, with its digest verified
    const finish = async () => {
      try {
        const r = await it.next();
        if (!r.done) throw new CopyError("digest-mismatch", `blob ${d.digest} of ${this.label}: the source sent more than ${d.size} bytes`);
      } catch (err) {
        throw sourceError ?? err;
      }
    };
    try {
      if (d.size <= this.sizes.monolithicMax) {
        // One streamed PUT: the registry checks `?digest=` itself and refuses other bytes (400
        // DIGEST_INVALID); our own check then names the blob. Should a registry commit bytes
        // that do not match, the blob is deleted again.
        const res = await send(this.withDigest(loc, d.digest), "PUT", d.size, {}, [201, 400]);
        if (res.status === 201) loc = null;
        try {
          await finish();
        } catch (err) {
          if (res.status === 201) await this.deleteBlob(d);
          throw err;
        }
        if (res.status === 400) throw new CopyError("protocol", `${this.client.host} refused blob ${d.digest} of ${this.label} (HTTP 400, DIGEST_INVALID)`);
        return;
      }
      let offset = 0;
      while (offset < d.size) {
        const len = Math.min(this.sizes.chunkSize, d.size - offset);
        const res = await send(loc, "PATCH", len, { "content-range": `${offset}-${offset + len - 1}` }, [202]);
        loc = this.location(res.headers.get("location"), what);
        offset += len;
      }
      await finish();
      await send(this.withDigest(loc, d.digest), "PUT", 0, {}, [201]);
      loc = null;
    } finally {
      if (loc) await this.cancel(loc);
      await it.return?.(undefined).catch(() => undefined);
    }
  }

  private async deleteBlob(d: Descriptor): Promise<void> {
    try {
      const r = await this.client.request(`/v2/${this.name}/blobs/${d.digest}`, { method: "DELETE", scopes: this.push(), what: `DELETE of bad blob ${d.digest} of ${this.label}`, accept: [202, 404, 405] });
      r.done();
    } catch {
      /* best effort */
    }
  }

  /** {@inheritDoc ImageDestination.hasManifest} */
  async hasManifest(digest: string): Promise<boolean> {
    const r = await this.client.request(`/v2/${this.name}/manifests/${digest}`, { method: "HEAD", headers: { accept: MANIFEST_ACCEPT }, scopes: this.push(), what: `HEAD manifest ${digest} of ${this.label}`, accept: [200, 404] });
    r.done();
    return r.res.status === 200;
  }

  /** {@inheritDoc ImageDestination.putManifest} */
  async putManifest(m: RawManifest, reference: string): Promise<void> {
    const r = await this.client.request(`/v2/${this.name}/manifests/${reference}`, {
      method: "PUT",
      headers: { "content-type": m.mediaType, "content-length": String(m.bytes.byteLength) },
      body: m.bytes,
      scopes: this.push(),
      what: `PUT manifest ${reference} of ${this.label}`,
      accept: [201, 200],
    });
    r.done();
    const got = r.res.headers.get("docker-content-digest");
    if (got && got !== m.digest) throw new CopyError("protocol", `${this.client.host} stored manifest ${reference} of ${this.label} as ${got}, not ${m.digest}`);
  }
}
