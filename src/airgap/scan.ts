/**
 * The checking pass over a bundle (one streamed read, nothing extracted): airgap.yaml, the
 * release archive's presence, and the image tree of the bundle's format with the sha256 of every
 * blob/layer checked against its digest. Manifests and configs (JSON up to 4 MiB) are kept in
 * memory; layers are only hashed. Sources of the layouts: KOTS v1.88 pkg/kotsadm/push_images.go
 * (docker-archive paths, RewriteDockerArchiveImage), pkg/docker/registry/temp_registry.go (the
 * registry-storage tree, repositories named by the image's last path segment).
 */
import { parseImageRef, formatImageRef, imageBaseName, InvalidImageReferenceError } from "../registry/image.ts";
import { detectMediaType, indexChildren, isIndex, manifestBlobs, MAX_MANIFEST_BYTES, OCI_MANIFEST, sha256Digest, type Descriptor, type RawManifest } from "../registry/copy/manifest.ts";
import { CopyError } from "../registry/copy/errors.ts";
import { AirgapBundleError } from "./errors.ts";
import type { AirgapMeta } from "./index.ts";
import { parseAirgapYaml } from "./meta.ts";
import { ARCHIVE_ROOT, KOTSADM_ARCHIVE_RE, STORAGE_ROOT, storageBlobDigest, type BundleImage, type BundleIndex } from "./model.ts";
import { bundleEntries, bundleError, stampOf } from "./source.ts";
import { readEntry, tarEntries, type TarEntry } from "./tar-read.ts";

/** A hashed entry: digest, size, the bytes when JSON of at most 4 MiB, whether gzip data. */
interface Hashed {
  digest: string;
  size: number;
  json?: Uint8Array;
  gzip: boolean;
}

async function hashEntry(e: TarEntry): Promise<Hashed> {
  const h = new Bun.CryptoHasher("sha256");
  const keep = e.size <= MAX_MANIFEST_BYTES;
  const parts: Uint8Array[] = [];
  let first: number | undefined;
  let second: number | undefined;
  let json = keep;
  for await (const c of e.body()) {
    if (c.byteLength === 0) continue;
    if (first === undefined) {
      first = c[0];
      second = c[1];
      json = keep && (first === 0x7b || first === 0x5b); // { or [
    }
    h.update(c);
    if (json) parts.push(c.slice());
  }
  const out: Hashed = { digest: "sha256:" + h.digest("hex"), size: e.size, gzip: first === 0x1f && second === 0x8b };
  if (json) out.json = Buffer.concat(parts);
  return out;
}

const miss = (file: string, what: string) => new AirgapBundleError("missing-image", file, `${file}: ${what}: the bundle is incomplete; build or download it again`);
const bad = (file: string, code: "corrupt" | "checksum", what: string) => new AirgapBundleError(code, file, `${file}: ${what}: download or copy the bundle again`);

function normalise(file: string, ref: string, where: string): string {
  try {
    return formatImageRef(parseImageRef(ref));
  } catch (err) {
    if (err instanceof InvalidImageReferenceError) throw bad(file, "corrupt", `${where} names "${ref}", which is not an image reference`);
    throw err;
  }
}

/** Manifest → its blobs, children; CopyError of a malformed manifest → corrupt. */
function describe(file: string, image: string, top: RawManifest, manifestOf: (d: Descriptor) => RawManifest | undefined, haveBlob: (d: Descriptor) => boolean): BundleImage {
  try {
    const children: RawManifest[] = [];
    const blobs = new Map<string, Descriptor>();
    const add = (m: RawManifest) => {
      for (const b of manifestBlobs(m, image)) {
        if (!haveBlob(b)) throw miss(file, `image ${image} lacks blob ${b.digest} (${b.size} bytes)`);
        blobs.set(b.digest, b);
      }
    };
    if (isIndex(top.mediaType)) {
      for (const k of indexChildren(top, image)) {
        const m = manifestOf(k);
        if (!m) throw miss(file, `image ${image} lacks manifest ${k.digest}`);
        if (isIndex(m.mediaType)) throw bad(file, "corrupt", `image ${image} nests an index in an index`);
        children.push(m);
        add(m);
      }
    } else add(top);
    const list = [...blobs.values()];
    return { source: image, top, children, blobs: list, bytes: list.reduce((a, b) => a + b.size, 0) };
  } catch (err) {
    if (err instanceof CopyError) throw bad(file, "corrupt", `image ${image}: ${err.message}`);
    throw err;
  }
}

/** Registry-storage bookkeeping of the pass. */
class Storage {
  readonly blobs = new Map<string, Hashed>();
  /** repository → tag → digest */
  readonly tags = new Map<string, Map<string, string>>();
  seen = false;
  /** a blob that cannot be a manifest (not JSON, or over 4 MiB) was seen */
  nonManifest = false;

  async entry(file: string, e: TarEntry, rel: string): Promise<void> {
    this.seen = true;
    if (e.type !== "file") return;
    const digest = storageBlobDigest(rel);
    if (digest) {
      const h = await hashEntry(e);
      if (h.digest !== digest) throw bad(file, "checksum", `blob ${digest} does not match its digest (its bytes hash to ${h.digest})`);
      this.blobs.set(digest, h);
      if (!h.json) this.nonManifest = true;
      return;
    }
    const tag = /^repositories\/(.+)\/_manifests\/tags\/([^/]+)\/current\/link$/.exec(rel);
    if (tag) {
      const link = new TextDecoder().decode(await readEntry(e, 1024)).trim();
      if (!/^sha256:[0-9a-f]{64}$/.test(link)) throw bad(file, "corrupt", `tag link ${tag[1]}:${tag[2]} holds "${link.slice(0, 80)}", not a digest`);
      let m = this.tags.get(tag[1]!);
      if (!m) this.tags.set(tag[1]!, (m = new Map()));
      m.set(tag[2]!, link);
    }
  }

  manifest(digest: string): RawManifest | undefined {
    const h = this.blobs.get(digest);
    if (!h?.json) return undefined;
    return { bytes: h.json, digest, mediaType: detectMediaType(h.json, null) };
  }

  /**
   * The images of `saved` from what was read so far, blobs taken from the manifests unseen, or
   * undefined while a tag link or manifest is still to come (or something is wrong: the full
   * pass then reports it). Used by the early stop of scanBundle.
   */
  headImages(file: string, saved: string[]): BundleImage[] | undefined {
    try {
      return this.images(file, saved, false);
    } catch {
      return undefined;
    }
  }

  /** Every blob read so far is a manifest or index of `images` (no config or layer came yet). */
  onlyManifestsOf(images: BundleImage[]): boolean {
    const manifests = new Set(images.flatMap((i) => [i.top.digest, ...i.children.map((c) => c.digest)]));
    return [...this.blobs.keys()].every((d) => manifests.has(d));
  }

  images(file: string, saved: string[], checkBlobs = true): BundleImage[] {
    const out: BundleImage[] = [];
    for (const raw of saved) {
      const source = normalise(file, raw, "savedImages");
      if (out.some((i) => i.source === source)) continue; // the same image written twice
      const ref = parseImageRef(source);
      const repo = imageBaseName(ref);
      const digest = ref.digest ?? this.tags.get(repo)?.get(ref.tag ?? "latest");
      if (!digest) throw miss(file, `image ${source} (savedImages) is not in images/ (no ${repo}:${ref.tag ?? "latest"} in the registry tree)`);
      const top = this.manifest(digest);
      if (!top) throw miss(file, `image ${source} (savedImages) is not in images/ (no manifest ${digest})`);
      out.push(describe(file, source, top, (d) => this.manifest(d.digest), (d) => !checkBlobs || this.blobs.get(d.digest)?.size === d.size));
      // configs and layers need not stay in memory
    }
    if (!checkBlobs) return out;
    for (const h of this.blobs.values()) if (h.json && !out.some((i) => i.top.digest === h.digest || i.children.some((c) => c.digest === h.digest))) delete h.json;
    return out;
  }
}

/** One docker-archive tarball (docker save): its entries hashed, manifest.json and configs kept. */
async function scanArchive(file: string, e: TarEntry, rel: string): Promise<{ image: BundleImage; layers: Map<string, Descriptor> }> {
  const parts = rel.split("/").filter((p) => p !== "");
  if (parts.length < 2) throw bad(file, "corrupt", `${e.name} is not images/docker-archive/<registry>/<repository>/<tag>`);
  const byDigest = parts.length >= 3 && parts[parts.length - 2] === "sha256";
  const name = parts.slice(0, byDigest ? -2 : -1).join("/");
  const source = normalise(file, byDigest ? `${name}@sha256:${parts[parts.length - 1]}` : `${name}:${parts[parts.length - 1]}`, e.name);
  const inner = new Map<string, Hashed>();
  for await (const x of tarEntries(e.body())) if (x.type === "file") inner.set(x.name, await hashEntry(x));
  const mj = inner.get("manifest.json")?.json;
  if (!mj) throw bad(file, "corrupt", `${e.name} is not a docker-archive (no manifest.json)`);
  let entries: Array<{ Config?: string; Layers?: string[] }>;
  try {
    entries = JSON.parse(new TextDecoder().decode(mj));
  } catch {
    throw bad(file, "corrupt", `${e.name}: manifest.json is not JSON`);
  }
  const first = Array.isArray(entries) ? entries[0] : undefined;
  if (!first?.Config || !Array.isArray(first.Layers)) throw bad(file, "corrupt", `${e.name}: manifest.json names no Config and Layers`);
  const cfg = inner.get(first.Config);
  if (!cfg?.json) throw miss(file, `image ${source} lacks its config ${first.Config}`);
  const named = /([0-9a-f]{64})(?:\.json)?$/.exec(first.Config);
  if (named && `sha256:${named[1]}` !== cfg.digest) throw bad(file, "checksum", `the config of ${source} does not match its digest (its bytes hash to ${cfg.digest})`);
  let diffIds: unknown[] = [];
  try {
    const c = JSON.parse(new TextDecoder().decode(cfg.json));
    diffIds = Array.isArray(c?.rootfs?.diff_ids) ? c.rootfs.diff_ids : [];
  } catch {
    throw bad(file, "corrupt", `the config of ${source} is not JSON`);
  }
  const layers = new Map<string, Descriptor>();
  const layerDescs: Descriptor[] = [];
  first.Layers.forEach((ln, i) => {
    const h = inner.get(ln);
    if (!h) throw miss(file, `image ${source} lacks layer ${ln}`);
    const byName = /blobs\/sha256\/([0-9a-f]{64})$/.exec(ln);
    if (byName && `sha256:${byName[1]}` !== h.digest) throw bad(file, "checksum", `layer ${ln} of ${source} does not match its digest (its bytes hash to ${h.digest})`);
    if (!h.gzip && diffIds[i] !== undefined && diffIds[i] !== h.digest) throw bad(file, "checksum", `layer ${ln} of ${source} does not match its diff_id ${String(diffIds[i])} (its bytes hash to ${h.digest})`);
    const d: Descriptor = { mediaType: h.gzip ? "application/vnd.oci.image.layer.v1.tar+gzip" : "application/vnd.oci.image.layer.v1.tar", digest: h.digest, size: h.size };
    layers.set(ln, d);
    layerDescs.push(d);
  });
  const config: Descriptor = { mediaType: "application/vnd.oci.image.config.v1+json", digest: cfg.digest, size: cfg.size };
  layers.set(first.Config, config);
  const bytes = new TextEncoder().encode(JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: layerDescs }));
  const top: RawManifest = { bytes, digest: sha256Digest(bytes), mediaType: OCI_MANIFEST };
  const blobs = [...new Map([config, ...layerDescs].map((d) => [d.digest, d])).values()];
  return { image: { source, top, children: [], blobs, bytes: blobs.reduce((a, b) => a + b.size, 0) }, layers };
}

/**
 * The checking pass (see the file comment). `onRead` gets compressed bytes read; `signal` stops
 * the read between two entries (rejecting with its reason). Throws
 * AirgapBundleError (`not-a-bundle`, `truncated`, `corrupt`, `checksum`, `missing-image`).
 *
 * `early` (the re-run check): in a registry-storage bundle whose head holds airgap.yaml,
 * app.tar.gz, the repository links and every image's manifests before any config or layer (the
 * order `kots airgap build` writes), it is called once, as soon as every image of savedImages has
 * its manifest (and index children) read and hashed, with the images (blobs as the manifests name
 * them, not seen). When it resolves true the pass stops there and returns `partial: true`; else
 * (and in any other order or layout) the pass goes on as without it.
 * Errors of `early` propagate.
 */
export async function scanBundle(
  file: string,
  onRead?: (bytesRead: number, bytesTotal: number) => void,
  signal?: AbortSignal,
  early?: (images: BundleImage[]) => Promise<boolean>,
): Promise<BundleIndex> {
  const stamp = stampOf(file);
  let yamlText: string | undefined;
  let releaseEntry: string | undefined;
  const storage = new Storage();
  const archives = new Map<string, Map<string, Descriptor>>();
  const archived: BundleImage[] = [];
  const adminConsole: BundleImage[] = [];
  let entries = 0;
  let earlyOff = !early;
  let earlyMeta: AirgapMeta | undefined;
  /** The head's images once the re-run check says the target holds them all; else undefined. */
  const tryEarly = async (): Promise<BundleImage[] | undefined> => {
    if (earlyOff || yamlText === undefined || releaseEntry === undefined) return undefined;
    if (storage.nonManifest || archived.length > 0 || adminConsole.length > 0) {
      earlyOff = true;
      return undefined;
    }
    if (!earlyMeta) {
      try {
        earlyMeta = parseAirgapYaml(yamlText, file);
      } catch {
        earlyOff = true; // the full pass reports it
        return undefined;
      }
      if (earlyMeta.format !== "docker") {
        earlyOff = true;
        return undefined;
      }
    }
    const images = storage.headImages(file, earlyMeta.savedImages);
    if (!images) return undefined;
    earlyOff = true; // asked once
    if (!storage.onlyManifestsOf(images)) return undefined;
    return (await early!(images)) ? images : undefined;
  };
  try {
    for await (const e of bundleEntries(file, onRead && ((n) => onRead(n, stamp.size)))) {
      entries++;
      if (signal?.aborted) throw signal.reason ?? new Error("cancelled");
      if (e.name === "airgap.yaml" && e.type === "file") yamlText = new TextDecoder().decode(await readEntry(e, 1024 * 1024));
      else if (e.name === "app.tar.gz" && e.type === "file") releaseEntry = e.name;
      else if (e.name.startsWith(STORAGE_ROOT)) await storage.entry(file, e, e.name.slice(STORAGE_ROOT.length));
      else if (e.name.startsWith(ARCHIVE_ROOT) && e.type === "file") {
        const { image, layers } = await scanArchive(file, e, e.name.slice(ARCHIVE_ROOT.length));
        archives.set(e.name, layers);
        archived.push(image);
      } else if (KOTSADM_ARCHIVE_RE.test(e.name) && e.type === "file") {
        // the Admin Console bundle: `<image>/<tag>`, no registry in the path (read as Docker Hub)
        const { image, layers } = await scanArchive(file, e, `docker.io/${e.name.slice("docker-archive/".length)}`);
        archives.set(e.name, layers);
        adminConsole.push(image);
      }
      if (!earlyOff) {
        const head = await tryEarly();
        if (head) return { file, stamp, meta: earlyMeta!, images: head, archives, releaseEntry: releaseEntry!, partial: true };
      }
    }
  } catch (err) {
    throw bundleError(file, err);
  }
  if (entries === 0) throw new AirgapBundleError("not-a-bundle", file, `${file} is an empty archive: give a .airgap bundle`);
  if (yamlText === undefined && adminConsole.length > 0 && archived.length === 0 && !storage.seen)
    return { file, stamp, meta: { appSlug: "", versionLabel: "", updateCursor: "", format: "docker-archive", savedImages: [], adminConsole: true }, images: adminConsole, archives };
  if (yamlText === undefined) throw new AirgapBundleError("not-a-bundle", file, `${file} has no airgap.yaml, so it is not a .airgap app bundle: give the app's bundle from the vendor portal or kots airgap build`);
  const meta = parseAirgapYaml(yamlText, file);
  let images: BundleImage[];
  if (meta.format === "docker") images = storage.images(file, meta.savedImages);
  else {
    if (storage.seen) throw bad(file, "corrupt", `airgap.yaml says format docker-archive but images/ holds a registry tree`);
    images = archived;
    for (const raw of meta.savedImages) {
      const s = normalise(file, raw, "savedImages");
      if (!images.some((i) => i.source === s)) throw miss(file, `image ${s} (savedImages) is not in images/docker-archive/`);
    }
  }
  return { file, stamp, meta, images, archives, ...(releaseEntry ? { releaseEntry } : {}) };
}
