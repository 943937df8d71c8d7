import { createPublicKey, type KeyObject } from "node:crypto";
import YAML from "yaml";
import { encodeStdBase64 } from "./base64.ts";
import { entitlementMessage } from "./entitlements.ts";
import { parseLicense } from "./parse.ts";
import { hashForApiVersion, signPss } from "./pss.ts";
import type { EntitlementValue, LicenseApiVersion } from "./schema.ts";

/**
 * Keys to sign a license with. For examples and tests only: real licenses are signed by the
 * vendor portal with the app's key, whose public key Replicated's global key has signed.
 */
export interface LicenseSigningKeys {
  /** The global key that vouches for the app key (an EXAMPLE key, never Replicated's). */
  readonly globalPrivateKey: KeyObject;
  /** Written as keySignature.globalKeyId; verifyLicense looks the global key up by it. */
  readonly globalKeyId: string;
  /** The app (vendor) key that signs licenseData and each entitlement value. */
  readonly appPrivateKey: KeyObject;
}

/**
 * Signs an unsigned license (YAML text) as a kots.io License of `apiVersion`, producing the same
 * structure the vendor portal issues (see signature.ts): entitlement signatures (`v1` MD5 / `v2` SHA-256
 * over fmt.Sprint(value)), licenseData = JSON of {apiVersion, kind, metadata, spec} without spec.signature,
 * app-key signature of licenseData, global-key signature of the app public key PEM, all RSA-PSS.
 * Returns YAML text with spec keys sorted (as Go's sigs.k8s.io/yaml writes them).
 * @throws LicenseParseError when the input is not a License.
 */
export function signLicense(unsignedText: string, apiVersion: LicenseApiVersion, keys: LicenseSigningKeys): string {
  parseLicense(unsignedText); // validate; sign the raw document so no defaults are added
  const raw = YAML.parse(unsignedText) as Record<string, unknown> & { spec: Record<string, unknown> };
  const hash = hashForApiVersion(apiVersion);
  const v2 = apiVersion === "kots.io/v1beta2";

  const spec: Record<string, unknown> = { ...raw.spec };
  delete spec.signature;
  const entitlements = (spec.entitlements ?? {}) as Record<string, Record<string, unknown>>;
  if (spec.entitlements) {
    spec.entitlements = Object.fromEntries(
      Object.entries(entitlements).map(([name, e]) => {
        const { signature: _old, ...rest } = e;
        const sig = signPss(Buffer.from(entitlementMessage(e.value as EntitlementValue | undefined), "utf8"), keys.appPrivateKey, hash);
        return [name, { ...rest, signature: { [v2 ? "v2" : "v1"]: encodeStdBase64(sig) } }];
      }),
    );
  }

  const data: Record<string, unknown> = { apiVersion, kind: "License" };
  if (raw.metadata) data.metadata = raw.metadata;
  data.spec = spec;
  const licenseData = Buffer.from(JSON.stringify(data), "utf8");

  const publicKey = createPublicKey(keys.appPrivateKey).export({ type: "spki", format: "pem" }) as string;
  const keySignature = JSON.stringify({
    signature: encodeStdBase64(signPss(Buffer.from(publicKey, "utf8"), keys.globalPrivateKey, hash)),
    globalKeyId: keys.globalKeyId,
  });
  const licenseSignature = encodeStdBase64(signPss(licenseData, keys.appPrivateKey, hash));
  const inner = v2
    ? { v2LicenseSignature: licenseSignature, publicKey, v2KeySignature: encodeStdBase64(keySignature) }
    : { licenseSignature, publicKey, keySignature: encodeStdBase64(keySignature) };
  const outer = { licenseData: encodeStdBase64(licenseData), innerSignature: encodeStdBase64(JSON.stringify(inner)) };

  const out: Record<string, unknown> = { apiVersion, kind: "License" };
  if (raw.metadata) out.metadata = raw.metadata;
  out.spec = sortKeys({ ...spec, signature: encodeStdBase64(JSON.stringify(outer)) });
  // YAML 1.1 quoting keeps "yes", "on", timestamps… strings for Go's YAML 1.1 reader too.
  return YAML.stringify(out, { version: "1.1", lineWidth: 0 });
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]));
  }
  return v;
}
