/**
 * Test fixtures: fresh RSA keys made at test time, unsigned license text, and tampering helpers that
 * take spec.signature apart by hand (independently of src/license/signature.ts).
 */
import crypto, { type KeyObject } from "node:crypto";
import YAML from "yaml";
import { keyIdFromPublicKey, signLicense, type LicenseApiVersion, type TrustedKey } from "../../../src/license/index.ts";

export interface TestKeys {
  globalPrivate: KeyObject;
  globalPublic: KeyObject;
  globalKeyId: string;
  appPrivate: KeyObject;
  /** Trusted-key form of the global key, as readExtraPublicKey would return it. */
  trusted: TrustedKey;
}

export function makeKeys(name = "test global key"): TestKeys {
  const g = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const a = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const globalKeyId = keyIdFromPublicKey(g.publicKey);
  return {
    globalPrivate: g.privateKey,
    globalPublic: g.publicKey,
    globalKeyId,
    appPrivate: a.privateKey,
    trusted: { id: globalKeyId, name, builtIn: false, key: g.publicKey },
  };
}

export interface UnsignedOptions {
  appSlug?: string;
  expiresAt?: string;
  customerName?: string;
}

export function unsignedLicense(o: UnsignedOptions = {}): string {
  return `apiVersion: kots.io/v1beta2
kind: License
metadata:
  name: test-customer
spec:
  licenseID: lic-123
  licenseType: prod
  customerName: ${JSON.stringify(o.customerName ?? "Test Customer")}
  appSlug: ${o.appSlug ?? "acme-helpdesk"}
  channelID: chan-1
  channelName: Stable
  licenseSequence: 7
  endpoint: https://replicated.app
  isAirgapSupported: true
  entitlements:
    expires_at:
      title: Expiration
      value: ${JSON.stringify(o.expiresAt ?? "2099-01-01T00:00:00Z")}
      valueType: String
    agent_seats:
      title: Agent Seats
      value: 25
      valueType: Integer
    sso_enabled:
      title: Single Sign-On
      value: true
      valueType: Boolean
    internal_token:
      title: Internal
      value: secret-ish
      valueType: String
      isHidden: true
`;
}

export function sign(text: string, version: "v1beta1" | "v1beta2", keys: TestKeys): string {
  return signLicense(text, `kots.io/${version}` as LicenseApiVersion, {
    globalPrivateKey: keys.globalPrivate,
    globalKeyId: keys.globalKeyId,
    appPrivateKey: keys.appPrivate,
  });
}

/** spec.signature taken apart by hand: every layer as plain JSON objects / buffers. */
export interface Layers {
  doc: Record<string, any>;
  outer: Record<string, string>;
  licenseData: Buffer;
  inner: Record<string, string>;
  keySigField: "keySignature" | "v2KeySignature";
  keySig: { signature: string; globalKeyId: string };
}

const b64json = (s: string) => JSON.parse(Buffer.from(s, "base64").toString("utf8"));

export function takeApart(signedYaml: string): Layers {
  const doc = YAML.parse(signedYaml);
  const outer = b64json(doc.spec.signature);
  const inner = b64json(outer.innerSignature);
  const keySigField = "v2KeySignature" in inner ? "v2KeySignature" : "keySignature";
  return { doc, outer, licenseData: Buffer.from(outer.licenseData, "base64"), inner, keySigField, keySig: b64json(inner[keySigField]) };
}

/** Re-assembles the layers (after a test changed one) into license YAML. */
export function putTogether(l: Layers): string {
  const enc = (v: unknown) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64");
  const inner = { ...l.inner, [l.keySigField]: enc(l.keySig) };
  const outer = { ...l.outer, licenseData: l.licenseData.toString("base64"), innerSignature: enc(inner) };
  return YAML.stringify({ ...l.doc, spec: { ...l.doc.spec, signature: enc(outer) } }, { lineWidth: 0 });
}

/** Edits the plain (unsigned) YAML of a signed license. */
export function editPlain(signedYaml: string, edit: (spec: Record<string, any>) => void): string {
  const doc = YAML.parse(signedYaml);
  edit(doc.spec);
  return YAML.stringify(doc, { lineWidth: 0 });
}
