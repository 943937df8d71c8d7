import type { KeyObject } from "node:crypto";
import { compareLicenseData, type LicenseMismatch } from "./compare.ts";
import { entitlementMessage, visibleEntitlements } from "./entitlements.ts";
import { LicenseKeyError, LicenseParseError } from "./errors.ts";
import { licenseExpiry } from "./expiry.ts";
import { parseSignedLicenseData } from "./parse.ts";
import { hashForApiVersion, verifyPss, type LicenseHash } from "./pss.ts";
import type { LicenseProblem, LicenseSignatureStatus, VerifiedLicense } from "./result.ts";
import type { License, LicenseSpec } from "./schema.ts";
import { decodeLicenseSignature, SignatureFormatError, type DecodedLicenseSignature } from "./signature.ts";
import { decodeStdBase64 } from "./base64.ts";
import { builtInGlobalKeys, rsaPublicKeyFromPem, type TrustedKey } from "./trusted-keys.ts";

export interface VerifyLicenseOptions {
  /** Keys trusted in addition to Replicated's (readExtraPublicKey); each is tried for any globalKeyId. */
  readonly extraPublicKeys?: readonly TrustedKey[];
  /** The time expiry is judged at; default: now. */
  readonly now?: Date;
  /** When set, the license must be for this app slug. */
  readonly appSlug?: string;
}

/**
 * Verifies a parsed license (parseLicense) the way KOTS does (kotskinds License.ValidateLicense,
 * KOTS pkg/license/signature.go VerifyLicenseWrapper, pkg/license/license.go LicenseIsExpired):
 * 1. decode spec.signature; 2. a trusted global key (by globalKeyId: Replicated's built-in keys, plus any
 * extra key) verifies keySignature over the app public key PEM; 3. the app key verifies licenseSignature over
 * licenseData; 4. each plain entitlement that carries a signature matches it; 5. licenseData is parsed and is
 * the truth: differences from the plain YAML are returned as `mismatches` (warnings, as in KOTS);
 * 6. expiry from expires_at; 7. appSlug when asked. RSA-PSS, salt length auto, MD5 (v1beta1) or SHA-256 (v1beta2).
 * Never throws for a bad license: problems are returned, the first one as `reason`.
 */
export function verifyLicense(license: License, options: VerifyLicenseOptions = {}): VerifiedLicense {
  const now = options.now ?? new Date();
  const hash = hashForApiVersion(license.apiVersion);
  const problems: LicenseProblem[] = [];
  const chain = verifyChain(license, hash, options.extraPublicKeys ?? [], problems);

  const spec: LicenseSpec = chain.signed ?? license.spec;
  const mismatches: LicenseMismatch[] = chain.signed ? compareLicenseData(license.spec, chain.signed) : [];
  if (chain.signedApiVersion && chain.signedApiVersion !== license.apiVersion) {
    mismatches.unshift({ field: "apiVersion", license: license.apiVersion, signed: chain.signedApiVersion });
  }
  const genuine = chain.signed !== undefined && problems.length === 0;

  const expiry = licenseExpiry(spec, now);
  if (expiry.problem) problems.push({ code: "expiry-invalid", message: `the license's ${expiry.problem}` });
  else if (expiry.expired) problems.push({ code: "expired", message: `the license expired at ${expiry.expiresAt}` });

  const forApp = options.appSlug === undefined || options.appSlug === spec.appSlug;
  if (!forApp) problems.push({ code: "wrong-app", message: `the license is for app "${spec.appSlug}", not "${options.appSlug}"` });

  const signature: LicenseSignatureStatus = {
    valid: genuine,
    hash,
    keyId: chain.decoded?.globalKeyId,
    keyName: chain.signer?.name,
    builtInKey: chain.signer?.builtIn,
  };
  return {
    ok: problems.length === 0,
    reason: problems[0]?.message,
    reasonCode: problems[0]?.code,
    genuine,
    current: !expiry.problem && !expiry.expired,
    forApp,
    apiVersion: license.apiVersion,
    licenseID: spec.licenseID,
    customerName: spec.customerName ?? "",
    appSlug: spec.appSlug,
    channelName: spec.channelName ?? "",
    channelID: spec.channelID ?? "",
    licenseType: spec.licenseType ?? "",
    licenseSequence: spec.licenseSequence ?? 0,
    isAirgapSupported: spec.isAirgapSupported ?? false,
    endpoint: spec.endpoint ?? "",
    expiresAt: expiry.expiresAt,
    expired: expiry.expired,
    entitlements: visibleEntitlements(spec),
    signature,
    mismatches,
    problems,
    spec,
  };
}

interface ChainResult {
  decoded?: DecodedLicenseSignature;
  signer?: TrustedKey;
  /** The parsed licenseData, set only when global key → app key → licenseData all verified. */
  signed?: LicenseSpec;
  signedApiVersion?: string;
}

function verifyChain(license: License, hash: LicenseHash, extra: readonly TrustedKey[], problems: LicenseProblem[]): ChainResult {
  let decoded: DecodedLicenseSignature;
  try {
    decoded = decodeLicenseSignature(license.spec.signature, license.apiVersion);
  } catch (err) {
    if (!(err instanceof SignatureFormatError)) throw err;
    problems.push({ code: err.code, message: err.message });
    return {};
  }

  const { globalKeyId } = decoded;
  const candidates = [...builtInGlobalKeys().filter((k) => k.id === globalKeyId), ...extra];
  const publicKeyBytes = Buffer.from(decoded.appPublicKeyPem, "utf8");
  const signer = candidates.find((k) => verifyPss(publicKeyBytes, decoded.keySignature, k.key, hash));
  if (!signer) {
    const named = builtInGlobalKeys().find((k) => k.id === globalKeyId) ?? extra.find((k) => k.id === globalKeyId);
    if (named) {
      problems.push({
        code: "key-signature-invalid",
        message: `the app public key in the signature is not signed by global key ${globalKeyId} (${named.name})`,
      });
    } else if (extra.length === 0) {
      problems.push({
        code: "unknown-global-key",
        message: `the app public key is signed by unknown global key ${globalKeyId} (not a Replicated key; pass --license-public-key to trust a vendor key)`,
      });
    } else {
      problems.push({
        code: "unknown-global-key",
        message: `the app public key is signed by unknown global key ${globalKeyId}: not a Replicated key, and ${extra.map((k) => k.name).join(" / ")} did not sign it`,
      });
    }
    return { decoded };
  }

  let appKey: KeyObject;
  try {
    appKey = rsaPublicKeyFromPem(decoded.appPublicKeyPem, "the app public key in the signature");
  } catch (err) {
    if (!(err instanceof LicenseKeyError)) throw err;
    problems.push({ code: "signature-malformed", message: err.message });
    return { decoded, signer };
  }
  if (!verifyPss(decoded.licenseData, decoded.licenseSignature, appKey, hash)) {
    problems.push({ code: "license-signature-invalid", message: "the signed license data does not match its signature (licenseData was changed)" });
    return { decoded, signer };
  }

  let signed: License;
  try {
    signed = parseSignedLicenseData(decoded.licenseData);
  } catch (err) {
    if (!(err instanceof LicenseParseError)) throw err;
    problems.push({ code: "license-data-invalid", message: err.message });
    return { decoded, signer };
  }

  const field = hash === "md5" ? "v1" : "v2";
  for (const [name, e] of Object.entries(license.spec.entitlements ?? {})) {
    const sig = e.signature?.[field];
    if (!sig) continue; // older licenses have no entitlement signatures; licenseData still covers the values
    const sigBytes = decodeStdBase64(sig);
    if (!sigBytes || !verifyPss(Buffer.from(entitlementMessage(e.value), "utf8"), sigBytes, appKey, hash)) {
      problems.push({
        code: "entitlement-signature-invalid",
        message: `entitlement ${name}: value ${JSON.stringify(e.value ?? null)} does not match its signature (changed after signing)`,
      });
    }
  }
  return { decoded, signer, signed: signed.spec, signedApiVersion: signed.apiVersion };
}
