/**
 * What the checking pass learns about a bundle and the push pass needs: each image's manifests
 * and blobs, and where each blob sits in the tar (by entry name). Sizes in bytes.
 */
import type { Descriptor, RawManifest } from "../registry/copy/manifest.ts";
import type { AirgapMeta } from "./index.ts";
import type { FileStamp } from "./source.ts";

/** One image of a bundle, ready to push. */
export interface BundleImage {
  /** Original reference, normalised (docker.io/library/redis:7.2). */
  source: string;
  /** The manifest (or index) the reference names. */
  top: RawManifest;
  /** Child manifests of an index (pushed by digest before the top). */
  children: RawManifest[];
  /** Distinct blobs (configs and layers) of the image. */
  blobs: Descriptor[];
  bytes: number;
}

/** The checked structure of a bundle. */
export interface BundleIndex {
  file: string;
  stamp: FileStamp;
  meta: AirgapMeta;
  images: BundleImage[];
  /**
   * docker-archive bundles: outer entry name → inner entry name → the blob it holds. Registry-
   * storage bundles name blobs by path (`…/blobs/sha256/<2>/<hex>/data`), so this is empty.
   */
  archives: Map<string, Map<string, Descriptor>>;
  /** Name of the release archive entry (`app.tar.gz`), if the bundle has one. */
  releaseEntry?: string;
  /**
   * True when the pass stopped after the bundle's head (airgap.yaml, app.tar.gz, the repository
   * links and every manifest blob, before any config or layer) because the push target already
   * held every manifest (scan.ts `early`): the images' `blobs` are then the manifests'
   * descriptors, neither seen nor hashed, and the rest of the file was not read.
   */
  partial?: boolean;
}

/** Entry-name prefix of the registry-storage tree (KOTS runs its temp registry on `images/`). */
export const STORAGE_ROOT = "images/docker/registry/v2/";
/** Entry-name prefix of docker-archive images. */
export const ARCHIVE_ROOT = "images/docker-archive/";
/**
 * KOTS's Admin Console bundle (kotsadm.tar.gz of a KOTS release): no airgap.yaml, one docker-archive
 * tarball per image at `docker-archive/<image>/<tag>` (KOTS v1.88 pkg/kotsadm/push_images.go
 * pushKotsadmImagesFromPath pushes each to `<endpoint>/<image>:<tag>`).
 */
export const KOTSADM_ARCHIVE_RE = /^docker-archive\/([^/]+)\/([^/]+)$/;

const BLOB_RE = /^blobs\/sha256\/([0-9a-f]{2})\/([0-9a-f]{64})\/data$/;

/** The digest a registry-storage blob path holds, or undefined (path relative to STORAGE_ROOT). */
export function storageBlobDigest(rel: string): string | undefined {
  const m = BLOB_RE.exec(rel);
  return m && m[2]!.startsWith(m[1]!) ? `sha256:${m[2]}` : undefined;
}

/** `blobs/sha256/<2>/<hex>/data` for a digest (relative to STORAGE_ROOT). */
export function storageBlobPath(digest: string): string {
  const hex = digest.slice("sha256:".length);
  return `blobs/sha256/${hex.slice(0, 2)}/${hex}/data`;
}
