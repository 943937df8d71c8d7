/**
 * The one error the airgap bundle reader and pusher throw for a bad bundle or a bad use of one.
 * Every message is one line that names the bundle file and says what to do about it; it never
 * carries a password, token or upload URL.
 */

/**
 * Why a bundle was refused:
 * - `not-a-bundle`: not a gzip'd tar, or no `airgap.yaml` of kind kots.io/v1beta1 Airgap;
 * - `truncated`: the gzip or tar stream ends early (a partial download or copy);
 * - `corrupt`: bad gzip data, a bad tar header, an image tree that does not hold together;
 * - `checksum`: a blob or layer whose bytes do not hash to its digest, or the gzip CRC-32 fails;
 * - `signature`: reserved: KOTS v1.88 does not verify `spec.signature` (see docs/airgap.md);
 * - `wrong-app`: the bundle's `appSlug` is not the license's;
 * - `missing-image`: an image listed in `savedImages` (or asked for) is not in `images/`.
 */
export type AirgapErrorCode = "corrupt" | "truncated" | "not-a-bundle" | "checksum" | "signature" | "wrong-app" | "missing-image";

/** A refused bundle. `file` is the bundle path as given; `message` is one line naming it and the fix. */
export class AirgapBundleError extends Error {
  override name = "AirgapBundleError";
  constructor(
    readonly code: AirgapErrorCode,
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}
