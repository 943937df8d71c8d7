import { describeMismatch } from "./compare.ts";
import type { VerifiedLicense } from "./result.ts";

const MAX_VALUE = 60;

/**
 * The verified license as a small aligned table for stdout (plain text, fits 80 columns for typical values):
 * licensee, app, channel, license type, ID, expiry, airgap, signature status and signer, visible entitlements.
 * Mismatches and problems are not included: the caller prints them as warnings / the error line.
 */
export function formatLicenseText(v: VerifiedLicense): string {
  const rows: Array<[string, string]> = [
    ["Licensee", v.customerName || "(none)"],
    ["App", v.appSlug],
    ["Channel", v.channelName ? (v.channelID ? `${v.channelName} (${v.channelID})` : v.channelName) : "(none)"],
    ["License type", v.licenseType || "(none)"],
    ["License ID", v.licenseID],
    ["Expires", v.expiresAt === null ? "never" : v.expired ? `${v.expiresAt} (expired)` : v.expiresAt],
    ["Airgap", v.isAirgapSupported ? "supported" : "not supported"],
    ["Signature", signatureText(v)],
  ];
  if (v.signature.keyId) rows.push(["Signed by", signerText(v)]);
  const width = Math.max(...rows.map(([k]) => k.length)) + 2;
  const lines = rows.map(([k, val]) => `${k.padEnd(width)}${val}`);

  if (v.entitlements.length === 0) {
    lines.push(`${"Entitlements".padEnd(width)}(none)`);
  } else {
    lines.push("Entitlements");
    const table = [["NAME", "TITLE", "VALUE"], ...v.entitlements.map((e) => [e.name, e.title, valueText(e.value)])];
    const w0 = Math.max(...table.map((r) => r[0]!.length)) + 2;
    const w1 = Math.max(...table.map((r) => r[1]!.length)) + 2;
    for (const [n, t, val] of table) lines.push(`  ${n!.padEnd(w0)}${t!.padEnd(w1)}${val}`.trimEnd());
  }
  return `${lines.join("\n")}\n`;
}

/** Warning lines for fields whose plain YAML value differs from the signed data. */
export function mismatchWarnings(v: VerifiedLicense): string[] {
  return v.mismatches.map((m) => `warning: ${describeMismatch(m)}; the signed value is used`);
}

/** The JSON form for `--output json`: everything of VerifiedLicense except the raw spec. */
export function licenseJson(v: VerifiedLicense): Omit<VerifiedLicense, "spec"> {
  const { spec: _spec, ...rest } = v;
  return rest;
}

function signatureText(v: VerifiedLicense): string {
  const alg = `${v.apiVersion.replace("kots.io/", "")}, RSA-PSS ${v.signature.hash === "md5" ? "MD5" : "SHA-256"}`;
  return v.signature.valid ? `valid (${alg})` : `NOT VALID (${alg}); the fields above are unverified`;
}

function signerText(v: VerifiedLicense): string {
  const id = v.signature.keyId!;
  if (!v.signature.keyName) return `global key ${id} (not trusted)`;
  return `${v.signature.keyName} (global key ${id})`;
}

function valueText(value: string | number | boolean | null): string {
  if (value === null) return "(unset)";
  if (typeof value !== "string") return String(value);
  const s = value === "" || /\s/.test(value) ? JSON.stringify(value) : value;
  return s.length > MAX_VALUE ? `${s.slice(0, MAX_VALUE - 1)}…` : s;
}
