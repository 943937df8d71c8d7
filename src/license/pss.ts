import crypto, { type KeyObject } from "node:crypto";
import type { LicenseApiVersion } from "./schema.ts";

/** Digest of the license RSA-PSS signatures: MD5 for kots.io/v1beta1, SHA-256 for kots.io/v1beta2. */
export type LicenseHash = "md5" | "sha256";

/** The digest a license version is signed with (kotskinds v1beta1/v1beta2 ValidateLicense). */
export function hashForApiVersion(apiVersion: LicenseApiVersion): LicenseHash {
  return apiVersion === "kots.io/v1beta2" ? "sha256" : "md5";
}

/**
 * RSA-PSS verification as Go's rsa.VerifyPSS with PSSSaltLengthAuto: MGF1 with the same digest,
 * salt length recovered from the signature. Returns false for a wrong signature, a signature of
 * the wrong length or a non-RSA key; never throws. Source: kotskinds pkg/crypto/signature.go.
 */
export function verifyPss(message: Uint8Array, signature: Uint8Array, publicKey: KeyObject, hash: LicenseHash): boolean {
  if (publicKey.asymmetricKeyType !== "rsa") return false;
  try {
    return crypto.verify(
      hash,
      message,
      { key: publicKey, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: crypto.constants.RSA_PSS_SALTLEN_AUTO },
      signature,
    );
  } catch {
    return false;
  }
}

/**
 * RSA-PSS signature with the largest salt, as Go's rsa.SignPSS with PSSSaltLengthAuto.
 * For the example signing script and tests; @throws if the key is not an RSA private key.
 */
export function signPss(message: Uint8Array, privateKey: KeyObject, hash: LicenseHash): Buffer {
  return crypto.sign(hash, message, {
    key: privateKey,
    padding: crypto.constants.RSA_PKCS1_PSS_PADDING,
    saltLength: crypto.constants.RSA_PSS_SALTLEN_MAX_SIGN,
  });
}
