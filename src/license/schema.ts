import { z } from "zod";

/**
 * The kots.io License object, v1beta1 and v1beta2 (kotskinds apis/kots/v1beta1|v1beta2/license_types.go).
 * Fields that Go marks `omitempty` are optional here; a missing field means Go's zero value ("", false, 0).
 * Unknown fields are kept (Replicated adds fields before KOTS knows them).
 */

export const LICENSE_API_VERSIONS = ["kots.io/v1beta1", "kots.io/v1beta2"] as const;
export type LicenseApiVersion = (typeof LICENSE_API_VERSIONS)[number];

/** An entitlement value: Go's EntitlementValue is an int64, a string or a bool. Missing = not set. */
export const EntitlementValueSchema = z.union([z.string(), z.number().int(), z.boolean(), z.null()]);
export type EntitlementValue = z.infer<typeof EntitlementValueSchema>;

/** Per-entitlement signature: `v1` (MD5, v1beta1) or `v2` (SHA-256, v1beta2), base64 of the RSA-PSS signature of the value. */
export const EntitlementSignatureSchema = z.looseObject({
  v1: z.string().optional(),
  v2: z.string().optional(),
});

export const EntitlementFieldSchema = z.looseObject({
  title: z.string().optional(),
  description: z.string().optional(),
  value: EntitlementValueSchema.optional(),
  valueType: z.string().optional(),
  isHidden: z.boolean().optional(),
  signature: EntitlementSignatureSchema.optional(),
});
export type EntitlementField = z.infer<typeof EntitlementFieldSchema>;

export const LicenseChannelSchema = z.looseObject({
  channelID: z.string().optional(),
  channelName: z.string().optional(),
  channelSlug: z.string().optional(),
  isDefault: z.boolean().optional(),
  endpoint: z.string().optional(),
  replicatedProxyDomain: z.string().optional(),
  isSemverRequired: z.boolean().optional(),
});
export type LicenseChannel = z.infer<typeof LicenseChannelSchema>;

const requiredString = () =>
  z.string({ error: (iss) => (iss.input === undefined ? "is missing" : "must be a string") }).min(1, "is empty");

export const LicenseSpecSchema = z.looseObject({
  /** base64 of the outer signature JSON; absent in the signed licenseData itself. */
  signature: z.string().optional(),
  appSlug: requiredString(),
  licenseID: requiredString(),
  endpoint: z.string().optional(),
  replicatedProxyDomain: z.string().optional(),
  customerID: z.string().optional(),
  customerName: z.string().optional(),
  customerEmail: z.string().optional(),
  channelID: z.string().optional(),
  channelName: z.string().optional(),
  channels: z.array(LicenseChannelSchema).optional(),
  licenseSequence: z.number().int().optional(),
  licenseType: z.string().optional(),
  isAirgapSupported: z.boolean().optional(),
  isGitOpsSupported: z.boolean().optional(),
  isIdentityServiceSupported: z.boolean().optional(),
  isGeoaxisSupported: z.boolean().optional(),
  isSnapshotSupported: z.boolean().optional(),
  isDisasterRecoverySupported: z.boolean().optional(),
  isSupportBundleUploadSupported: z.boolean().optional(),
  isSemverRequired: z.boolean().optional(),
  isEmbeddedClusterDownloadEnabled: z.boolean().optional(),
  isEmbeddedClusterMultiNodeEnabled: z.boolean().optional(),
  isEmbeddedClusterRookEnabled: z.boolean().optional(),
  entitlements: z.record(z.string(), EntitlementFieldSchema).optional(),
});
export type LicenseSpec = z.infer<typeof LicenseSpecSchema>;

export const LicenseSchema = z.looseObject({
  apiVersion: z.enum(LICENSE_API_VERSIONS),
  kind: z.literal("License"),
  metadata: z.looseObject({ name: z.string().optional() }).optional(),
  spec: LicenseSpecSchema,
});
export type License = z.infer<typeof LicenseSchema>;
