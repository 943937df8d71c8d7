/**
 * Public API of the airgap bundle (`.airgap`) reader, pusher and writer (issue 14 part 1;
 * docs/airgap.md). A bundle is KOTS's: a gzip'd tar holding `airgap.yaml` (kots.io/v1beta1
 * Airgap), the release archive `app.tar.gz`, and `images/` in one of the two layouts KOTS has
 * used (KOTS v1.88 pkg/kotsadm/push_images.go, pkg/docker/types):
 *   - `format: docker` — the registry-storage tree a docker-distribution filesystem driver writes,
 *     under `images/docker/registry/v2/` (repositories named by the image's last path segment);
 *   - `format: docker-archive` (or none) — one `docker save` tarball per image at
 *     `images/docker-archive/<registry>/<repository…>/<tag>` (or `…/sha256/<hex>`).
 *
 * Reading streams the file (gunzip and tar parsed as a stream, never extracted, never held in
 * memory): `openAirgapBundle` makes one pass that checks the structure and hashes every blob,
 * `pushAirgapImages` a second that streams each missing blob, verified, to the registry.
 */
import type { CopyEvent } from "../registry/copy/index.ts";

export { AirgapBundleError, type AirgapErrorCode } from "./errors.ts";

/** `spec` of the bundle's airgap.yaml (kotskinds apis/kots/v1beta1 airgap_types.go). */
export interface AirgapMeta {
  appSlug: string;
  versionLabel: string;
  updateCursor: string;
  channelID?: string;
  channelName?: string;
  releaseNotes?: string;
  /** `docker` (registry-storage tree) or `docker-archive`; KOTS treats a missing format as docker-archive. */
  format: "docker" | "docker-archive";
  /** base64 of `spec.signature` as written (not verified: KOTS v1.88 verifies none), if any. */
  signature?: string;
  isRequired?: boolean;
  /** `spec.savedImages` as written (the docker format lists its images here). */
  savedImages: string[];
  /**
   * True for KOTS's Admin Console bundle (`kotsadm.tar.gz`: no airgap.yaml and no release, only
   * `docker-archive/<image>/<tag>` tarballs, pushed to `<host>/<namespace>/<image>:<tag>`);
   * `appSlug` is then "".
   */
  adminConsole?: boolean;
}

/** An opened, checked bundle. */
export interface AirgapBundle {
  /** The bundle path as given. */
  file: string;
  meta: AirgapMeta;
  /** The original image references in the bundle, normalised, e.g. `docker.io/library/redis:7.2`. */
  images: string[];
  /**
   * The release files of `app.tar.gz`, paths relative to the archive's root (`./` stripped),
   * text as UTF-8, in archive order. Streams the bundle again up to that entry. Throws
   * AirgapBundleError (`corrupt`, `truncated`) when the archive cannot be read or holds a path
   * that is absolute or has a `..` segment.
   */
  releaseFiles(): Promise<Array<{ file: string; text: string }>>;
}

/** Where `pushAirgapImages` pushes. */
export interface AirgapPushTarget {
  /** registry host[:port] */
  host: string;
  /** namespace path inside the registry ("" or absent: none) */
  namespace?: string;
  username?: string;
  password?: string;
  /** PEM CA file that signs the registry's certificate */
  caFile?: string;
  /** speak plain HTTP (no TLS) to the registry */
  insecure?: boolean;
}

/**
 * Progress of a push: the copy engine's event shapes (docs/image-copy.md; `image` is the
 * original reference, `target` the rewritten one), and `bundle-read` while the bundle is
 * streamed (`bytesRead`/`bytesTotal`: compressed bytes of the file).
 */
export type AirgapPushEvent = CopyEvent | { type: "bundle-read"; file: string; bytesRead: number; bytesTotal: number };

/** One pushed image. `skipped`: every blob and the manifest were there already (a re-run). */
export interface AirgapPushedImage {
  source: string;
  target: string;
  digest: string;
  skipped: boolean;
}

/**
 * Opens `file` and makes the checking pass: gzip (CRC-32 and length), tar headers and sizes,
 * `airgap.yaml` (kots.io/v1beta1 Airgap), the image tree of its format, and the sha256 of every
 * blob (registry-storage) or layer and config (docker-archive) against its digest; every image of
 * `savedImages` must be complete. With `expectAppSlug` (the license's `appSlug`), a bundle of
 * another app is refused. Memory stays bounded by the manifests and configs kept (JSON up to
 * 4 MiB each). Throws AirgapBundleError: `not-a-bundle`, `truncated`, `corrupt`, `checksum`,
 * `wrong-app`, `missing-image` (one line naming `file` and the fix). `opts.onEvent` gets
 * `bundle-read` events (at most every 100 ms); `opts.signal` stops the pass (rejects with its reason).
 *
 * `opts.presentAt` (the push target, for a re-run): in a bundle whose head holds airgap.yaml,
 * app.tar.gz and every image's manifests before any config or layer (as `kots airgap build`
 * writes it), the target is asked, once those are read, whether it already holds every image's
 * manifest at its destination (tag/digest GET, children HEAD by digest). When it does, the pass
 * stops there: the configs and layers are neither read nor hashed, and pushAirgapImages (which
 * asks again) pushes nothing without reading the file. In any other case — other order or layout,
 * something missing, the registry not answering — the pass is the full one. See docs/airgap.md.
 */
export { openAirgapBundle } from "./open.ts";

/**
 * Pushes the bundle's images (all, or `opts.images`, original references as in `bundle.images`)
 * to `target`, each at the destination `kots pull` rewrites it to (src/pull/rewrite.ts
 * destinationImage: `<host>/<namespace>/<last segment>` keeping tag or digest). Streams the bundle
 * once more (`opts.parallel` reads at once, default 1, each pushing its share of the missing
 * blobs): each blob the registry lacks (HEAD) is streamed through a sha256 verifier into it
 * (or mounted from another repository the push put it in); a manifest is PUT only after every
 * blob it names is there. A re-run pushes only what is missing. A bundle whose open stopped after
 * its head (`presentAt`) is first asked again by manifest: all there → every image `skipped`,
 * nothing read; else the full checking pass runs before anything is pushed. `signal` stops it (the upload in
 * flight is cancelled). Resolves in the order of `bundle.images`. Throws AirgapBundleError
 * (`missing-image` for an unknown entry of `opts.images`, `checksum`/`corrupt`/`truncated` when
 * the file changed since it was opened) or CopyError (registry problems, docs/image-copy.md).
 */
export { pushAirgapImages } from "./push.ts";

/**
 * Checks a push target before anything is read or pushed: `GET /v2/` with the credentials.
 * Throws CopyError `unreachable`, `not-registry`, `unauthorized`, `bad-endpoint`.
 */
export { checkAirgapTarget } from "./push.ts";

/**
 * Writes a bundle (registry-storage layout, `format: docker`) from a release directory and images
 * pulled with the copy engine; see build.ts.
 */
export { buildAirgapBundle, type BuildAirgapOptions, type BuildAirgapResult } from "./build.ts";
