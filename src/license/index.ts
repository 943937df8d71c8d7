/** kots.io License: parse, verify (signature chain, expiry, app), sign examples. See design §5. */
export { parseLicense, parseSignedLicenseData } from "./parse.ts";
export { verifyLicense, type VerifyLicenseOptions } from "./verify.ts";
export type { VerifiedLicense, LicenseFailureCode, LicenseProblem, LicenseSignatureStatus } from "./result.ts";
export { LicenseParseError, LicenseKeyError } from "./errors.ts";
export { readExtraPublicKey, builtInGlobalKeys, keyIdFromPublicKey, rsaPublicKeyFromPem, type TrustedKey } from "./trusted-keys.ts";
export { REPLICATED_GLOBAL_KEYS, REPLICATED_PRODUCTION_KEY, REPLICATED_STAGING_KEY, REPLICATED_DEV_KEY } from "./public-keys.ts";
export { licenseExpiry, parseRfc3339, type LicenseExpiry } from "./expiry.ts";
export { visibleEntitlements, type VisibleEntitlement } from "./entitlements.ts";
export { compareLicenseData, describeMismatch, type LicenseMismatch } from "./compare.ts";
export { signLicense, type LicenseSigningKeys } from "./sign.ts";
export type { License, LicenseSpec, LicenseApiVersion, EntitlementField } from "./schema.ts";
export { formatLicenseText, mismatchWarnings, licenseJson } from "./format.ts";
export { checkLicenseFile, licenseProblems, LicenseInputError } from "./check-file.ts";
