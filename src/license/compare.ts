import type { EntitlementValue, LicenseChannel, LicenseSpec } from "./schema.ts";

/** A field whose plain YAML value differs from the signed licenseData; the signed value is the one used. */
export interface LicenseMismatch {
  /** KOTS's field name: "appSlug", "channels[0].channelName", "entitlements[seat_count].value", … */
  readonly field: string;
  /** The value in the license YAML (unsigned, as a string). */
  readonly license: string;
  /** The value inside the signature (the truth). */
  readonly signed: string;
}

const STRING_FIELDS = [
  "appSlug", "endpoint", "replicatedProxyDomain", "customerID", "customerName", "customerEmail",
  "channelID", "channelName", "licenseID", "licenseType",
] as const;

const BOOL_FIELDS = [
  "isAirgapSupported", "isGitOpsSupported", "isIdentityServiceSupported", "isGeoaxisSupported",
  "isSnapshotSupported", "isDisasterRecoverySupported", "isSupportBundleUploadSupported", "isSemverRequired",
  "isEmbeddedClusterDownloadEnabled", "isEmbeddedClusterMultiNodeEnabled", "isEmbeddedClusterRookEnabled",
] as const;

const CHANNEL_STRINGS = ["channelID", "channelName", "channelSlug", "endpoint", "replicatedProxyDomain"] as const;
const CHANNEL_BOOLS = ["isDefault", "isSemverRequired"] as const;

/**
 * Every difference between the plain license spec and the signed spec, over the fields KOTS compares
 * (kotskinds License.compareLicenseData): scalar fields, channels (in order) and entitlements (title,
 * description, valueType, isHidden, value type and value). Missing fields count as Go zero values.
 * Unlike KOTS, which stops at the first, all differences are listed; entitlements missing on either side are reported.
 */
export function compareLicenseData(plain: LicenseSpec, signed: LicenseSpec): LicenseMismatch[] {
  const out: LicenseMismatch[] = [];
  const diff = (field: string, a: string, b: string) => {
    if (a !== b) out.push({ field, license: a, signed: b });
  };
  for (const f of STRING_FIELDS) diff(f, plain[f] ?? "", signed[f] ?? "");
  diff("licenseSequence", String(plain.licenseSequence ?? 0), String(signed.licenseSequence ?? 0));
  for (const f of BOOL_FIELDS) diff(f, String(plain[f] ?? false), String(signed[f] ?? false));

  const pc = plain.channels ?? [];
  const sc = signed.channels ?? [];
  if (pc.length !== sc.length) diff("channels length", String(pc.length), String(sc.length));
  else pc.forEach((c, i) => compareChannel(c, sc[i]!, `channels[${i}]`, diff));

  const pe = plain.entitlements ?? {};
  const se = signed.entitlements ?? {};
  for (const name of Object.keys(pe)) {
    const a = pe[name]!;
    const b = se[name];
    const at = `entitlements[${name}]`;
    if (!b) {
      diff(at, "<present>", "<missing>");
      continue;
    }
    diff(`${at}.title`, a.title ?? "", b.title ?? "");
    diff(`${at}.description`, a.description ?? "", b.description ?? "");
    diff(`${at}.valueType`, a.valueType ?? "", b.valueType ?? "");
    diff(`${at}.isHidden`, String(a.isHidden ?? false), String(b.isHidden ?? false));
    const ta = valueKind(a.value);
    const tb = valueKind(b.value);
    if (ta !== tb) diff(`${at}.value.type`, ta, tb);
    else diff(`${at}.value`, String(a.value ?? ""), String(b.value ?? ""));
  }
  for (const name of Object.keys(se)) if (!(name in pe)) diff(`entitlements[${name}]`, "<missing>", "<present>");
  return out;
}

/** One line for an operator: `customerName is "X" in the license file but "Y" in the signed data`. */
export function describeMismatch(m: LicenseMismatch): string {
  return `${m.field} is ${JSON.stringify(m.license)} in the license file but ${JSON.stringify(m.signed)} in the signed data`;
}

function compareChannel(a: LicenseChannel, b: LicenseChannel, at: string, diff: (f: string, a: string, b: string) => void) {
  for (const f of CHANNEL_STRINGS) diff(`${at}.${f}`, a[f] ?? "", b[f] ?? "");
  for (const f of CHANNEL_BOOLS) diff(`${at}.${f}`, String(a[f] ?? false), String(b[f] ?? false));
}

function valueKind(v: EntitlementValue | undefined): string {
  if (v === undefined || v === null) return "unset";
  return typeof v === "number" ? "integer" : typeof v === "boolean" ? "boolean" : "string";
}
