/**
 * The two sides of a copy, as interfaces: a source of manifests and blob streams, and a
 * destination that tells what it has and takes blobs and manifests. A registry repository
 * (registry-store.ts) and an OCI image layout (layout-store.ts) are both.
 */
import type { Descriptor, RawManifest } from "./manifest.ts";

/** A blob body being read, with the means to bound stalls. */
export interface BlobBody {
  stream: ReadableStream<Uint8Array>;
  /** Called on each chunk (restarts the idle timeout). */
  idle(): void;
  /** Called when reading ends or is abandoned. */
  done(): void;
}

/** Where images come from. */
export interface ImageSource {
  /** The image as messages name it, e.g. `127.0.0.1:5000/app/web:1.0` or `oci:/dir:name`. */
  readonly label: string;
  /** Registry host and repository, when the source is a registry (for cross-repository mounts). */
  readonly registry?: { host: string; repository: string };
  /** The manifest (or index) the reference names, its digest checked against a digest reference. */
  resolve(): Promise<RawManifest>;
  /** A manifest by digest, verified. */
  manifest(d: Descriptor): Promise<RawManifest>;
  /** A blob's bytes (unverified: the engine verifies while streaming). */
  blob(d: Descriptor): Promise<BlobBody>;
  /** A blob that failed verification: a store of our own deletes it (a registry's is left alone). */
  discardBad?(d: Descriptor): Promise<void>;
}

/** Where images go. */
export interface ImageDestination {
  readonly label: string;
  /** Identity of the blob store, for de-duplicating transfers in one run (registry host, or layout dir). */
  readonly storeKey: string;
  readonly registry?: { host: string; repository: string };
  hasBlob(d: Descriptor): Promise<boolean>;
  /** Cross-repository mount from `fromRepository` of the same registry; true when mounted. */
  mount?(d: Descriptor, fromRepository: string): Promise<boolean>;
  /** Stores a blob from verified chunks; on any failure nothing of it remains. */
  putBlob(d: Descriptor, chunks: AsyncIterable<Uint8Array>): Promise<void>;
  hasManifest(digest: string): Promise<boolean>;
  /** Stores a manifest under `reference` (a tag, layout name, or its digest). */
  putManifest(m: RawManifest, reference: string): Promise<void>;
}
