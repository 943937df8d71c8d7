/**
 * Manifest media types and the parts of manifests the copy needs: Docker v2 schema 2 and OCI image
 * manifests (config + layers), Docker manifest lists and OCI image indexes (child manifests with
 * their platforms), and the `--platform os/arch[/variant]` filter.
 */
import { CopyError } from "./errors.ts";

export const DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
export const DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
export const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
export const OCI_INDEX = "application/vnd.oci.image.index.v1+json";

/** The Accept header of a manifest GET/HEAD: every type the engine copies. */
export const MANIFEST_ACCEPT = [OCI_INDEX, DOCKER_MANIFEST_LIST, OCI_MANIFEST, DOCKER_MANIFEST].join(", ");

/** Largest manifest accepted (bytes); the OCI spec lets registries refuse above 4 MiB. */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** A content descriptor (OCI image spec): media type, digest, size in bytes. */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  platform?: Platform;
  urls?: string[];
  annotations?: Record<string, string>;
}

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** A manifest's raw bytes with its media type and sha256 digest. */
export interface RawManifest {
  bytes: Uint8Array;
  mediaType: string;
  digest: string;
}

/** True for manifest lists / image indexes. */
export function isIndex(mediaType: string): boolean {
  return mediaType === OCI_INDEX || mediaType === DOCKER_MANIFEST_LIST;
}

/** True for any manifest or index media type the engine copies. */
export function isManifestType(mediaType: string): boolean {
  return mediaType === OCI_INDEX || mediaType === DOCKER_MANIFEST_LIST || mediaType === OCI_MANIFEST || mediaType === DOCKER_MANIFEST;
}

/** `sha256:<hex>` of bytes. */
export function sha256Digest(bytes: Uint8Array): string {
  return "sha256:" + new Bun.CryptoHasher("sha256").update(bytes).digest("hex");
}

function parseJson(raw: RawManifest, image: string): Record<string, unknown> {
  try {
    const j = JSON.parse(new TextDecoder().decode(raw.bytes));
    if (j && typeof j === "object") return j as Record<string, unknown>;
  } catch {
    /* below */
  }
  throw new CopyError("protocol", `manifest ${raw.digest} of ${image} is not JSON`);
}

function descriptor(d: unknown, image: string, where: string): Descriptor {
  const x = d as Partial<Descriptor> | null;
  if (!x || typeof x.digest !== "string" || !/^sha256:[0-9a-f]{64}$/.test(x.digest) || typeof x.size !== "number" || x.size < 0 || typeof x.mediaType !== "string")
    throw new CopyError("protocol", `${where} of ${image} has a descriptor without a sha256 digest, size and media type`);
  return x as Descriptor;
}

/**
 * The media type of a manifest: the `mediaType` field, else the Content-Type the registry sent,
 * else OCI by shape (`manifests` → index, else image manifest).
 */
export function detectMediaType(bytes: Uint8Array, contentType: string | null): string {
  let field: unknown;
  let j: Record<string, unknown> | undefined;
  try {
    j = JSON.parse(new TextDecoder().decode(bytes));
    field = j?.mediaType;
  } catch {
    /* not JSON: left to the caller */
  }
  if (typeof field === "string" && isManifestType(field)) return field;
  const ct = contentType?.split(";")[0]!.trim();
  if (ct && isManifestType(ct)) return ct;
  return j && Array.isArray(j.manifests) ? OCI_INDEX : OCI_MANIFEST;
}

/** Children of an index: every manifest descriptor (with its platform when given). */
export function indexChildren(raw: RawManifest, image: string): Descriptor[] {
  const j = parseJson(raw, image);
  if (!Array.isArray(j.manifests)) throw new CopyError("protocol", `index ${raw.digest} of ${image} has no manifests list`);
  return j.manifests.map((d) => descriptor(d, image, `index ${raw.digest}`));
}

/** Blobs of an image manifest: the config, then each layer (non-distributable layers with `urls` are left out). */
export function manifestBlobs(raw: RawManifest, image: string): Descriptor[] {
  const j = parseJson(raw, image);
  if (j.schemaVersion !== 2) throw new CopyError("protocol", `manifest ${raw.digest} of ${image} is not schema version 2 (Docker schema 1 is not supported)`);
  const out = [descriptor(j.config, image, `manifest ${raw.digest}`)];
  if (!Array.isArray(j.layers)) throw new CopyError("protocol", `manifest ${raw.digest} of ${image} has no layers list`);
  for (const l of j.layers) {
    const d = descriptor(l, image, `manifest ${raw.digest}`);
    if (d.urls?.length && /nondistributable|foreign/.test(d.mediaType)) continue;
    out.push(d);
  }
  return out;
}

/** Parses `os/arch[/variant]`; throws CopyError bad-reference otherwise. */
export function parsePlatform(s: string): Platform {
  const parts = s.split("/");
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !/^[a-z0-9._-]+$/.test(p)))
    throw new CopyError("bad-reference", `"${s}" is not a platform (os/arch[/variant], e.g. linux/amd64)`);
  return parts.length === 3 ? { os: parts[0]!, architecture: parts[1]!, variant: parts[2]! } : { os: parts[0]!, architecture: parts[1]! };
}

/** True when `p` matches the wanted platform (variant compared only when the filter has one; arm64 defaults to v8). */
export function platformMatches(p: Platform | undefined, want: Platform): boolean {
  if (!p || p.os !== want.os || p.architecture !== want.architecture) return false;
  if (!want.variant) return true;
  const v = p.variant ?? (p.architecture === "arm64" ? "v8" : undefined);
  return v === want.variant;
}

/** `os/arch[/variant]` of a platform, for messages. */
export function formatPlatform(p: Platform | undefined): string {
  return p ? `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ""}` : "unknown";
}
