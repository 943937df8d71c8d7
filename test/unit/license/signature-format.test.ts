import { beforeAll, describe, expect, test } from "bun:test";
import crypto from "node:crypto";
import { makeKeys, sign, takeApart, unsignedLicense, type TestKeys } from "./fixtures.ts";

// The structure KOTS expects (kotskinds pkg/crypto/signature.go), checked by hand with node:crypto,
// not with src/license/verify.ts.
let keys: TestKeys;
beforeAll(() => {
  keys = makeKeys();
});

const pss = (key: crypto.KeyObject | string) => ({
  key: typeof key === "string" ? crypto.createPublicKey(key) : key,
  padding: crypto.constants.RSA_PKCS1_PSS_PADDING,
  saltLength: crypto.constants.RSA_PSS_SALTLEN_AUTO,
});

describe.each([
  ["v1beta1", "md5", ["licenseSignature", "publicKey", "keySignature"], "v1"],
  ["v1beta2", "sha256", ["v2LicenseSignature", "publicKey", "v2KeySignature"], "v2"],
] as const)("%s signature structure", (version, hash, innerKeys, entField) => {
  test("outer {licenseData, innerSignature}, inner fields of its version, key signature {signature, globalKeyId}", () => {
    const l = takeApart(sign(unsignedLicense(), version, keys));
    expect(Object.keys(l.outer)).toEqual(["licenseData", "innerSignature"]);
    expect(Object.keys(l.inner)).toEqual([...innerKeys]);
    expect(Object.keys(l.keySig)).toEqual(["signature", "globalKeyId"]);
    expect(l.keySig.globalKeyId).toBe(keys.globalKeyId);
    expect(l.inner.publicKey).toStartWith("-----BEGIN PUBLIC KEY-----\n");
  });

  test(`RSA-PSS ${hash}: global key signs the app public key PEM, app key signs licenseData`, () => {
    const l = takeApart(sign(unsignedLicense(), version, keys));
    const keySig = Buffer.from(l.keySig.signature, "base64");
    expect(crypto.verify(hash, Buffer.from(l.inner.publicKey!), pss(keys.globalPublic), keySig)).toBe(true);
    const licSig = Buffer.from(l.inner[innerKeys[0]]!, "base64");
    expect(crypto.verify(hash, l.licenseData, pss(l.inner.publicKey!), licSig)).toBe(true);
    // the other digest does not verify: the hash really is the version's
    const otherHash = hash === "md5" ? "sha256" : "md5";
    expect(crypto.verify(otherHash, l.licenseData, pss(l.inner.publicKey!), licSig)).toBe(false);
  });

  test("licenseData is the License as JSON, without spec.signature, with entitlement signatures over the value text", () => {
    const l = takeApart(sign(unsignedLicense(), version, keys));
    const data = JSON.parse(l.licenseData.toString("utf8"));
    expect(data.apiVersion).toBe(`kots.io/${version}`);
    expect(data.kind).toBe("License");
    expect(data.spec.signature).toBeUndefined();
    expect(data.spec.appSlug).toBe("acme-helpdesk");
    const seats = data.spec.entitlements.agent_seats;
    expect(seats.value).toBe(25);
    expect(Object.keys(seats.signature)).toEqual([entField]);
    // the entitlement signature covers fmt.Sprint(value): "25"
    const entSig = Buffer.from(seats.signature[entField], "base64");
    expect(crypto.verify(hash, Buffer.from("25"), pss(l.inner.publicKey!), entSig)).toBe(true);
    // the plain YAML carries the same entitlement signature
    expect(l.doc.spec.entitlements.agent_seats.signature[entField]).toBe(seats.signature[entField]);
  });
});
