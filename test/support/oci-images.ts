/**
 * Small images built in code (no network), written to an OCI image layout: random (incompressible)
 * layers with gzip media types, a config per platform, Docker v2 schema 2 or OCI manifests, and an
 * index / manifest list for multi-arch images. Layers are written in 1 MiB pieces, so a 500 MB
 * image never sits in memory.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, openSync, writeSync, closeSync, renameSync, writeFileSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";

export interface BuiltDescriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: { os: string; architecture: string; variant?: string };
}

export interface BuiltImage {
  /** Digest of the top manifest / index, and its media type. */
  digest: string;
  mediaType: string;
  /** Every manifest digest (index and children). */
  manifests: string[];
  /** Every blob (configs and layers) with its size. */
  blobs: BuiltDescriptor[];
}

const hex = (d: string) => d.slice("sha256:".length);

function writeBlobBytes(dir: string, bytes: Uint8Array): string {
  const digest = "sha256:" + new Bun.CryptoHasher("sha256").update(bytes).digest("hex");
  writeFileSync(path.join(dir, "blobs/sha256", hex(digest)), bytes);
  return digest;
}

/** A random layer of `size` bytes written in pieces; returns its digest. `seed` makes layers distinct. */
function writeRandomLayer(dir: string, size: number): string {
  const tmp = path.join(dir, "blobs/sha256", `.layer-${crypto.randomUUID()}`);
  const fd = openSync(tmp, "w");
  const h = new Bun.CryptoHasher("sha256");
  for (let left = size; left > 0; ) {
    const piece = randomBytes(Math.min(left, 1 << 20));
    h.update(piece);
    writeSync(fd, piece);
    left -= piece.byteLength;
  }
  closeSync(fd);
  const digest = "sha256:" + h.digest("hex");
  renameSync(tmp, path.join(dir, "blobs/sha256", hex(digest)));
  return digest;
}

export interface ImageSpec {
  /** Name in the layout's index.json. */
  name: string;
  /** Layer sizes in bytes, per platform (the same sizes, different random bytes per platform unless `sharedLayers`). */
  layers: number[];
  platforms?: { os: string; architecture: string; variant?: string }[];
  /** "oci" (default) or "docker" media types. */
  format?: "oci" | "docker";
  /** Layers whose bytes every platform shares (indexes into `layers`), e.g. a common base. */
  sharedLayers?: number[];
  /** Re-use these existing layer digests (in this layout) as the first layers, e.g. a base shared by two images. */
  baseLayers?: BuiltDescriptor[];
}

/** Builds an image (multi-arch when `platforms` has more than one) into the layout at `dir`. */
export function buildImage(dir: string, spec: ImageSpec): BuiltImage {
  mkdirSync(path.join(dir, "blobs/sha256"), { recursive: true });
  if (!existsSync(path.join(dir, "oci-layout"))) writeFileSync(path.join(dir, "oci-layout"), '{"imageLayoutVersion":"1.0.0"}\n');
  const docker = spec.format === "docker";
  const types = docker
    ? { layer: "application/vnd.docker.image.rootfs.diff.tar.gzip", config: "application/vnd.docker.container.image.v1+json", manifest: "application/vnd.docker.distribution.manifest.v2+json", index: "application/vnd.docker.distribution.manifest.list.v2+json" }
    : { layer: "application/vnd.oci.image.layer.v1.tar+gzip", config: "application/vnd.oci.image.config.v1+json", manifest: "application/vnd.oci.image.manifest.v1+json", index: "application/vnd.oci.image.index.v1+json" };
  const platforms = spec.platforms ?? [{ os: "linux", architecture: "amd64" }];
  const blobs = new Map<string, BuiltDescriptor>();
  const shared = new Map<number, string>();
  const children: BuiltDescriptor[] = [];
  for (const p of platforms) {
    const layers: BuiltDescriptor[] = [...(spec.baseLayers ?? [])];
    spec.layers.forEach((size, i) => {
      let d = spec.sharedLayers?.includes(i) ? shared.get(i) : undefined;
      if (!d) {
        d = writeRandomLayer(dir, size);
        if (spec.sharedLayers?.includes(i)) shared.set(i, d);
      }
      layers.push({ mediaType: types.layer, digest: d, size });
    });
    const config = new TextEncoder().encode(
      JSON.stringify({ architecture: p.architecture, os: p.os, ...(p.variant ? { variant: p.variant } : {}), rootfs: { type: "layers", diff_ids: layers.map((l) => l.digest) }, config: {}, created: "2026-01-01T00:00:00Z" }),
    );
    const configD = { mediaType: types.config, digest: writeBlobBytes(dir, config), size: config.byteLength };
    const manifest = new TextEncoder().encode(JSON.stringify({ schemaVersion: 2, mediaType: types.manifest, config: configD, layers }));
    const md = { mediaType: types.manifest, digest: writeBlobBytes(dir, manifest), size: manifest.byteLength, platform: p };
    children.push(md);
    for (const b of [configD, ...layers]) blobs.set(b.digest, b);
  }
  let top: { digest: string; mediaType: string; size: number };
  if (platforms.length === 1 && !spec.platforms) top = children[0]!;
  else {
    const idx = new TextEncoder().encode(JSON.stringify({ schemaVersion: 2, mediaType: types.index, manifests: children }));
    top = { mediaType: types.index, digest: writeBlobBytes(dir, idx), size: idx.byteLength };
  }
  const indexPath = path.join(dir, "index.json");
  const index = existsSync(indexPath) ? JSON.parse(readFileSync(indexPath, "utf8")) : { schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json", manifests: [] };
  index.manifests = index.manifests.filter((m: { annotations?: Record<string, string> }) => m.annotations?.["org.opencontainers.image.ref.name"] !== spec.name);
  index.manifests.push({ ...top, annotations: { "org.opencontainers.image.ref.name": spec.name } });
  writeFileSync(indexPath, JSON.stringify(index));
  return {
    digest: top.digest,
    mediaType: top.mediaType,
    manifests: top.digest === children[0]!.digest ? [top.digest] : [top.digest, ...children.map((c) => c.digest)],
    blobs: [...blobs.values()],
  };
}
