import type { VisibleEntitlement } from "./entitlements.ts";
import type { LicenseMismatch } from "./compare.ts";
import type { LicenseHash } from "./pss.ts";
import type { LicenseApiVersion, LicenseSpec } from "./schema.ts";

/**
 * Why a license is not accepted, one code per distinct cause, in the order verifyLicense checks them:
 * - signature-missing: no spec.signature
 * - signature-malformed: spec.signature does not decode (base64/JSON layers, missing fields, bad app key PEM)
 * - unknown-global-key: the keySignature names a globalKeyId that is not trusted (and no extra key signed it)
 * - key-signature-invalid: the trusted global key did not sign this app public key (e.g. the key was swapped)
 * - license-signature-invalid: the app key did not sign licenseData (the signed data was changed)
 * - license-data-invalid: licenseData is signed but is not a License
 * - entitlement-signature-invalid: a plain entitlement value does not match its own signature
 * - expiry-invalid: expires_at is not an RFC 3339 string
 * - expired: expires_at is in the past
 * - wrong-app: the license is for another app than the one asked for
 */
export type LicenseFailureCode =
  | "signature-missing"
  | "signature-malformed"
  | "unknown-global-key"
  | "key-signature-invalid"
  | "license-signature-invalid"
  | "license-data-invalid"
  | "entitlement-signature-invalid"
  | "expiry-invalid"
  | "expired"
  | "wrong-app";

export interface LicenseProblem {
  readonly code: LicenseFailureCode;
  /** One line for the operator. */
  readonly message: string;
}

export interface LicenseSignatureStatus {
  /** The whole chain verified: global key → app key → licenseData (and entitlement signatures). */
  readonly valid: boolean;
  /** md5 for v1beta1, sha256 for v1beta2. */
  readonly hash: LicenseHash;
  /** The globalKeyId the license names (when the signature decodes). */
  readonly keyId?: string;
  /** Name of the trusted key that verified the app key: "Replicated Production", "extra key FILE". */
  readonly keyName?: string;
  /** Whether that key is one of Replicated's built-in keys. */
  readonly builtInKey?: boolean;
}

/** Result of verifyLicense. Fields describe the signed data when genuine, else the plain YAML. */
export interface VerifiedLicense {
  /** genuine && current && forApp. */
  readonly ok: boolean;
  /** The first problem's message when !ok (one line). */
  readonly reason?: string;
  readonly reasonCode?: LicenseFailureCode;
  /** The signature chain verifies; the reported fields come from the signed licenseData. */
  readonly genuine: boolean;
  /** Not expired and expires_at readable. */
  readonly current: boolean;
  /** true when no app was asked for, or the license's appSlug is that app. */
  readonly forApp: boolean;

  readonly apiVersion: LicenseApiVersion;
  readonly licenseID: string;
  /** The licensee. */
  readonly customerName: string;
  readonly appSlug: string;
  readonly channelName: string;
  readonly channelID: string;
  readonly licenseType: string;
  readonly licenseSequence: number;
  readonly isAirgapSupported: boolean;
  readonly endpoint: string;
  /** RFC 3339 as written, null = never expires. */
  readonly expiresAt: string | null;
  readonly expired: boolean;
  /** Not hidden, not expires_at/gitops_enabled. */
  readonly entitlements: VisibleEntitlement[];
  readonly signature: LicenseSignatureStatus;
  /** Plain-YAML fields that differ from the signed data (warnings: the signed values are used, as KOTS does). */
  readonly mismatches: LicenseMismatch[];
  /** Every problem found, first = reason. */
  readonly problems: LicenseProblem[];
  /** The spec the fields above come from. */
  readonly spec: LicenseSpec;
}
