import { decodeStdBase64 } from "./base64.ts";
import type { LicenseApiVersion } from "./schema.ts";

/**
 * The parts of spec.signature (KOTS pkg/license/signature.go, kotskinds pkg/crypto/signature.go):
 *   spec.signature  = base64( JSON OuterSignature {licenseData, innerSignature} )
 *   innerSignature  = base64( JSON InnerSignature {licenseSignature | v2LicenseSignature, publicKey, keySignature | v2KeySignature} )
 *   keySignature    = base64( JSON KeySignature {signature, globalKeyId} )
 * Every []byte field is standard base64 inside the JSON, as Go's encoding/json writes it.
 * v1beta1 uses the unprefixed fields (MD5), v1beta2 the v2 fields (SHA-256).
 */
export interface DecodedLicenseSignature {
  /** The signed bytes: JSON of the License as the vendor portal issued it. */
  readonly licenseData: Buffer;
  /** PEM of the app's public key; the exact string is what the global key signed. */
  readonly appPublicKeyPem: string;
  /** App key's RSA-PSS signature of licenseData. */
  readonly licenseSignature: Buffer;
  /** Global key's RSA-PSS signature of appPublicKeyPem's bytes. */
  readonly keySignature: Buffer;
  /** Which global key made keySignature. */
  readonly globalKeyId: string;
}

export type SignatureFormatCode = "signature-missing" | "signature-malformed";

/** spec.signature is absent or cannot be decoded into the structure above. */
export class SignatureFormatError extends Error {
  constructor(
    readonly code: SignatureFormatCode,
    message: string,
  ) {
    super(message);
    this.name = "SignatureFormatError";
  }
}

/**
 * Decodes spec.signature for a license of `apiVersion`.
 * @throws SignatureFormatError "signature-missing" when there is no signature (old licenses carry a single
 *   space), "signature-malformed" naming the layer that does not decode.
 */
export function decodeLicenseSignature(signature: string | undefined, apiVersion: LicenseApiVersion): DecodedLicenseSignature {
  if (signature === undefined || signature.trim() === "") {
    throw new SignatureFormatError("signature-missing", "the license has no signature (spec.signature is empty)");
  }
  const outer = jsonObject(bytes(signature, "spec.signature"), "spec.signature");
  if (outer.innerSignature === undefined) {
    throw new SignatureFormatError("signature-malformed", "spec.signature has no innerSignature (legacy signature format, not accepted by current KOTS)");
  }
  const licenseData = bytes(outer.licenseData, "licenseData");
  const inner = jsonObject(bytes(outer.innerSignature, "innerSignature"), "innerSignature");

  const v2 = apiVersion === "kots.io/v1beta2";
  const licenseSigField = v2 ? "v2LicenseSignature" : "licenseSignature";
  const keySigField = v2 ? "v2KeySignature" : "keySignature";
  if (typeof inner.publicKey !== "string" || inner.publicKey === "") {
    throw new SignatureFormatError("signature-malformed", "innerSignature has no publicKey");
  }
  if (!inner[keySigField]) {
    throw new SignatureFormatError("signature-malformed", `innerSignature has no ${keySigField} (needed for a ${apiVersion} license)`);
  }
  if (!inner[licenseSigField]) {
    throw new SignatureFormatError("signature-malformed", `innerSignature has no ${licenseSigField} (needed for a ${apiVersion} license)`);
  }
  const keySig = jsonObject(bytes(inner[keySigField], keySigField), keySigField);
  if (typeof keySig.globalKeyId !== "string" || keySig.globalKeyId === "") {
    throw new SignatureFormatError("signature-malformed", `${keySigField} has no globalKeyId`);
  }
  return {
    licenseData,
    appPublicKeyPem: inner.publicKey,
    licenseSignature: bytes(inner[licenseSigField], licenseSigField),
    keySignature: bytes(keySig.signature, `${keySigField}.signature`),
    globalKeyId: keySig.globalKeyId,
  };
}

function bytes(value: unknown, what: string): Buffer {
  const decoded = typeof value === "string" ? decodeStdBase64(value) : undefined;
  if (!decoded) throw new SignatureFormatError("signature-malformed", `${what} is ${value === undefined ? "missing" : "not standard base64"}`);
  return decoded;
}

function jsonObject(data: Buffer, what: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data.toString("utf8"));
  } catch {
    throw new SignatureFormatError("signature-malformed", `${what} does not decode to JSON`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new SignatureFormatError("signature-malformed", `${what} does not decode to a JSON object`);
  }
  return parsed as Record<string, unknown>;
}
