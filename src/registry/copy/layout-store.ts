/**
 * An OCI image layout (image-spec `image-layout.md`) as copy source and destination:
 * `<dir>/oci-layout` (`{"imageLayoutVersion":"1.0.0"}`), `<dir>/index.json` (an OCI index whose
 * entries carry the image's name in `org.opencontainers.image.ref.name`), and content-addressed
 * `<dir>/blobs/sha256/<hex>` (manifests too). Blobs are written to a temporary file next to their
 * place and renamed only after their digest is verified, so a file under its digest is always
 * whole and right: a re-run skips what exists. `index.json` is rewritten atomically.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { open, rename, unlink } from "node:fs/promises";
import path from "node:path";
import { CopyError, fileProblem } from "./errors.ts";
import { detectMediaType, MAX_MANIFEST_BYTES, OCI_INDEX, sha256Digest, type Descriptor, type RawManifest } from "./manifest.ts";
import type { BlobBody, ImageDestination, ImageSource } from "./store.ts";

/** An image in an OCI image layout: its directory and its name there (`org.opencontainers.image.ref.name`). */
export interface LayoutRef {
  layout: string;
  name: string;
}

/** The annotation that names an image in index.json. */
export const REF_NAME = "org.opencontainers.image.ref.name";

interface IndexJson {
  schemaVersion: 2;
  mediaType?: string;
  manifests: Descriptor[];
}

/** `oci:<dir>:<name>`, how messages name a layout image. */
export function formatLayoutRef(r: LayoutRef): string {
  return `oci:${r.layout}:${r.name}`;
}

// Writers of index.json in this process, per directory, one at a time.
const indexLocks = new Map<string, Promise<void>>();

/** An image of an OCI image layout, as both sides of a copy. */
export class LayoutImage implements ImageSource, ImageDestination {
  readonly label: string;
  readonly storeKey: string;
  private readonly dir: string;

  constructor(readonly ref: LayoutRef) {
    this.dir = path.resolve(ref.layout);
    this.label = formatLayoutRef(ref);
    this.storeKey = `layout:${this.dir}`;
    if (!ref.name || /[\n\r]/.test(ref.name)) throw new CopyError("bad-reference", `image layout ${ref.layout} needs an image name`);
  }

  private blobPath(digest: string): string {
    const [alg, hex] = digest.split(":");
    if (alg !== "sha256" || !/^[0-9a-f]{64}$/.test(hex ?? "")) throw new CopyError("protocol", `${digest} is not a sha256 digest (in ${this.label})`);
    return path.join(this.dir, "blobs", "sha256", hex!);
  }

  private readIndex(): IndexJson {
    const p = path.join(this.dir, "index.json");
    let text: string;
    try {
      text = readFileSync(p, "utf8");
    } catch (err) {
      if ((err as { code?: string }).code === "ENOENT") return { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [] };
      throw fileProblem(err, `reading ${p}`);
    }
    try {
      const j = JSON.parse(text) as IndexJson;
      if (!Array.isArray(j.manifests)) throw new Error("no manifests");
      return j;
    } catch {
      throw new CopyError("protocol", `${p} is not an OCI image index`);
    }
  }

  /** Creates the layout's directories and `oci-layout` when missing (destination use). */
  private ensureLayout(): void {
    try {
      mkdirSync(path.join(this.dir, "blobs", "sha256"), { recursive: true });
      const marker = path.join(this.dir, "oci-layout");
      if (!existsSync(marker)) writeFileSync(marker, JSON.stringify({ imageLayoutVersion: "1.0.0" }) + "\n");
    } catch (err) {
      throw fileProblem(err, `creating the image layout ${this.dir}`);
    }
  }

  private readManifestBlob(d: { digest: string; mediaType?: string }): RawManifest {
    const p = this.blobPath(d.digest);
    let bytes: Uint8Array;
    try {
      if (statSync(p).size > MAX_MANIFEST_BYTES) throw new CopyError("protocol", `manifest ${d.digest} of ${this.label} is larger than ${MAX_MANIFEST_BYTES} bytes`);
      bytes = readFileSync(p);
    } catch (err) {
      if (err instanceof CopyError) throw err;
      throw (err as { code?: string }).code === "ENOENT" ? new CopyError("not-found", `${this.label} has no manifest ${d.digest}`) : fileProblem(err, `reading manifest ${d.digest} of ${this.label}`);
    }
    const digest = sha256Digest(bytes);
    if (digest !== d.digest) {
      try {
        unlinkSync(p);
      } catch {
        /* already gone */
      }
      throw new CopyError("digest-mismatch", `manifest ${d.digest} of ${this.label} does not match its digest (deleted from the layout)`);
    }
    return { bytes, digest, mediaType: d.mediaType || detectMediaType(bytes, null) };
  }

  /** {@inheritDoc ImageSource.resolve} */
  async resolve(): Promise<RawManifest> {
    if (!existsSync(path.join(this.dir, "oci-layout"))) throw new CopyError("not-found", `${this.ref.layout} is not an OCI image layout (no oci-layout file)`);
    const entry = this.readIndex().manifests.find((m) => m.annotations?.[REF_NAME] === this.ref.name);
    if (!entry) throw new CopyError("not-found", `image layout ${this.ref.layout} has no image named ${this.ref.name}`);
    return this.readManifestBlob(entry);
  }

  /** {@inheritDoc ImageSource.manifest} */
  async manifest(d: Descriptor): Promise<RawManifest> {
    return this.readManifestBlob(d);
  }

  /** {@inheritDoc ImageSource.blob} */
  async blob(d: Descriptor): Promise<BlobBody> {
    const p = this.blobPath(d.digest);
    if (!existsSync(p)) throw new CopyError("not-found", `${this.label} has no blob ${d.digest}`);
    return { stream: Bun.file(p).stream() as ReadableStream<Uint8Array>, idle: () => {}, done: () => {} };
  }

  /** {@inheritDoc ImageSource.discardBad} */
  async discardBad(d: Descriptor): Promise<void> {
    await unlink(this.blobPath(d.digest)).catch(() => undefined);
  }

  /** {@inheritDoc ImageDestination.hasBlob} */
  async hasBlob(d: Descriptor): Promise<boolean> {
    try {
      return statSync(this.blobPath(d.digest)).size === d.size;
    } catch {
      return false;
    }
  }

  /** {@inheritDoc ImageDestination.putBlob} */
  async putBlob(d: Descriptor, chunks: AsyncIterable<Uint8Array>): Promise<void> {
    this.ensureLayout();
    const final = this.blobPath(d.digest);
    const tmp = `${path.dirname(final)}/.${path.basename(final)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    const what = `writing blob ${d.digest} of ${this.label}`;
    let fh: Awaited<ReturnType<typeof open>> | undefined;
    let ok = false;
    try {
      try {
        fh = await open(tmp, "w", 0o644);
      } catch (err) {
        throw fileProblem(err, what);
      }
      for await (const c of chunks) {
        try {
          await fh.write(c);
        } catch (err) {
          throw fileProblem(err, what);
        }
      }
      try {
        await fh.close();
        fh = undefined;
        await rename(tmp, final);
      } catch (err) {
        throw fileProblem(err, what);
      }
      ok = true;
    } finally {
      if (fh) await fh.close().catch(() => undefined);
      if (!ok) await unlink(tmp).catch(() => undefined);
    }
  }

  /** {@inheritDoc ImageDestination.hasManifest} */
  async hasManifest(digest: string): Promise<boolean> {
    return existsSync(this.blobPath(digest));
  }

  /**
   * Stores the manifest blob; when `reference` is not the manifest's own digest, also points the
   * image name at it in index.json (replacing an older entry of the same name).
   */
  async putManifest(m: RawManifest, reference: string): Promise<void> {
    this.ensureLayout();
    const p = this.blobPath(m.digest);
    const what = `writing manifest ${m.digest} of ${this.label}`;
    if (!existsSync(p)) {
      const tmp = `${p}.${process.pid}.tmp`;
      try {
        writeFileSync(tmp, m.bytes);
        renameSync(tmp, p);
      } catch (err) {
        try {
          unlinkSync(tmp);
        } catch {
          /* not written */
        }
        throw fileProblem(err, what);
      }
    }
    if (reference === m.digest) return;
    const prev = indexLocks.get(this.dir) ?? Promise.resolve();
    const next = prev.then(() => this.writeIndexEntry(m, reference));
    indexLocks.set(this.dir, next.catch(() => undefined));
    await next;
  }

  private writeIndexEntry(m: RawManifest, name: string): void {
    const idx = this.readIndex();
    idx.manifests = idx.manifests.filter((e) => e.annotations?.[REF_NAME] !== name);
    idx.manifests.push({ mediaType: m.mediaType, digest: m.digest, size: m.bytes.byteLength, annotations: { [REF_NAME]: name } });
    const p = path.join(this.dir, "index.json");
    const tmp = `${p}.${process.pid}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: idx.manifests }, null, 2) + "\n");
      renameSync(tmp, p);
    } catch (err) {
      try {
        unlinkSync(tmp);
      } catch {
        /* not written */
      }
      throw fileProblem(err, `writing ${p}`);
    }
  }
}
