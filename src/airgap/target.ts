/**
 * The push target as the pusher and the re-run check see it: the registry client of a target,
 * each image's destination reference, and whether the target already holds every manifest of a
 * set of images (the re-run check of openAirgapBundle's `presentAt` and of pushAirgapImages).
 */
import { formatImageRef, parseImageRef, type ImageRef } from "../registry/image.ts";
import { RegistryClient, type RetryPolicy } from "../registry/copy/client.ts";
import { resolveCredentials } from "../registry/copy/credentials.ts";
import { CopyError } from "../registry/copy/errors.ts";
import { RegistryRepo } from "../registry/copy/registry-store.ts";
import { destinationImage } from "../pull/rewrite.ts";
import type { AirgapPushEvent, AirgapPushTarget } from "./index.ts";
import type { BundleImage } from "./model.ts";

const policy: RetryPolicy = { retries: 4, backoffMs: 250, timeoutMs: 30_000 };

/** Chunk sizes of uploads (bytes). */
export const UPLOAD_SIZES = { monolithicMax: 32 * 1024 * 1024, chunkSize: 32 * 1024 * 1024 };

/** The registry client for a push target (plain HTTP with `insecure`, its CA, explicit or Docker-config credentials). */
export function targetClient(target: AirgapPushTarget, emit: (e: AirgapPushEvent) => void): RegistryClient {
  const creds = resolveCredentials(target.host, { username: target.username, password: target.password });
  return new RegistryClient(target.host, { plainHttp: Boolean(target.insecure), caFile: target.caFile }, creds, {
    ...policy,
    onRetry: (what, attempt, delayMs, reason) => emit({ type: "retry", what, attempt, delayMs, reason }),
  });
}

/**
 * Where `image` goes on `target`: the reference `kots pull` rewrites it to (src/pull/rewrite.ts
 * destinationImage), except that a docker-archive image named by digest is pushed by the digest
 * of the manifest the bundle reader made for it (docker save keeps no manifest).
 */
export function destinationOf(image: BundleImage, target: AirgapPushTarget): ImageRef {
  const rt = { host: target.host, namespace: (target.namespace ?? "").replace(/^\/+|\/+$/g, "") };
  const ref = parseImageRef(destinationImage(image.source, rt));
  return ref.digest && ref.digest !== image.top.digest ? { ...ref, digest: image.top.digest } : ref;
}

/** `repo` names `image`'s manifest at its reference (tag or digest) and holds every child manifest. */
export async function holdsManifests(repo: RegistryRepo, image: BundleImage): Promise<boolean> {
  try {
    if ((await repo.resolve()).digest !== image.top.digest) return false;
  } catch (err) {
    if (err instanceof CopyError && (err.code === "not-found" || err.code === "digest-mismatch")) return false;
    throw err;
  }
  for (const c of image.children) if (!(await repo.hasManifest(c.digest))) return false;
  return true;
}

/**
 * True when `target` already holds every image of `images` at its destination: the reference
 * (tag or digest) names the image's manifest (or index) digest, and every child manifest of an
 * index is there by digest. Blobs are not asked for: a registry accepts a manifest only once
 * every blob it names is in the repository (distribution spec, "Pushing Manifests"). At most 8
 * requests at once. Throws CopyError for registry failures other than a missing manifest.
 */
export async function allManifestsPresent(images: readonly BundleImage[], target: AirgapPushTarget, emit: (e: AirgapPushEvent) => void = () => {}): Promise<boolean> {
  const client = targetClient(target, emit);
  let all = true;
  let i = 0;
  await Promise.all(
    Array.from({ length: Math.min(8, images.length) }, async () => {
      while (all && i < images.length) {
        const image = images[i++]!;
        const repo = new RegistryRepo(client, destinationOf(image, target), UPLOAD_SIZES);
        if (!(await holdsManifests(repo, image))) all = false;
      }
    }),
  );
  return all;
}

/** The destination reference of `image` on `target` as text (for events). */
export function destinationText(image: BundleImage, target: AirgapPushTarget): string {
  return formatImageRef(destinationOf(image, target));
}
