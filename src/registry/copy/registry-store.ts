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
  /** Blobs up to this size go in one PUT. Default 8 MiB. */
  monolithicMax: number;
  /** PATCH size of chunked uploads. Default 8 MiB. */
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

  /** {@inheritDoc ImageDestination.putBlob} */
  async putBlob(d: Descriptor, chunks: AsyncIterable<Uint8Array>): Promise<void> {
    const what = `upload of blob ${d.digest} of ${this.label}`;
    const start = await this.client.request(`/v2/${this.name}/blobs/uploads/`, { method: "POST", headers: { "content-length": "0" }, scopes: this.push(), what, accept: [202] });
    start.done();
    let loc: string | null = this.location(start.res.headers.get("location"), what);
    try {
      if (d.size <= this.sizes.monolithicMax) {
        const parts: Uint8Array[] = [];
        for await (const c of chunks) parts.push(c);
        const body = Buffer.concat(parts);
        const r = await this.client.request(this.withDigest(loc, d.digest), {
          method: "PUT",
          headers: { "content-type": "application/octet-stream", "content-length": String(body.byteLength) },
          body,
          scopes: this.push(),
          what,
          accept: [201],
        });
        r.done();
        loc = null;
        return;
      }
      let offset = 0;
      let pending: Promise<void> | undefined;
      const patch = async (body: Uint8Array) => {
        const from = offset;
        offset += body.byteLength;
        const r = await this.client.request(loc!, {
          method: "PATCH",
          headers: { "content-type": "application/octet-stream", "content-length": String(body.byteLength), "content-range": `${from}-${from + body.byteLength - 1}` },
          body,
          scopes: this.push(),
          what,
          accept: [202],
        });
        r.done();
        loc = this.location(r.res.headers.get("location"), what);
      };
      let parts: Uint8Array[] = [];
      let have = 0;
      try {
        for await (const c of chunks) {
          parts.push(c);
          have += c.byteLength;
          if (have >= this.sizes.chunkSize) {
            const body = Buffer.concat(parts, have);
            parts = [];
            have = 0;
            if (pending) await pending; // one PATCH in flight while the next chunk is read
            pending = patch(body);
            pending.catch(() => undefined); // awaited below; never an unhandled rejection
          }
        }
      } catch (err) {
        // the source failed (or its digest did not match): let the PATCH in flight end before the cancel
        if (pending) await pending.catch(() => undefined);
        throw err;
      }
      if (pending) await pending;
      if (have > 0) await patch(Buffer.concat(parts, have));
      const r = await this.client.request(this.withDigest(loc, d.digest), { method: "PUT", headers: { "content-length": "0" }, scopes: this.push(), what, accept: [201] });
      r.done();
      loc = null;
    } finally {
      if (loc) await this.cancel(loc);
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
