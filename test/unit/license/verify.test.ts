import { beforeAll, describe, expect, test } from "bun:test";
import { parseLicense, verifyLicense, type VerifiedLicense } from "../../../src/license/index.ts";
import { editPlain, makeKeys, putTogether, sign, takeApart, unsignedLicense, type TestKeys } from "./fixtures.ts";

let keys: TestKeys;
let other: TestKeys;
const signed: Record<"v1beta1" | "v1beta2", string> = { v1beta1: "", v1beta2: "" };
const NOW = new Date("2030-06-01T00:00:00Z");

beforeAll(() => {
  keys = makeKeys();
  other = makeKeys("other global key");
  signed.v1beta1 = sign(unsignedLicense(), "v1beta1", keys);
  signed.v1beta2 = sign(unsignedLicense(), "v1beta2", keys);
});

function check(text: string, opts: { extra?: TestKeys[]; appSlug?: string; now?: Date } = {}): VerifiedLicense {
  return verifyLicense(parseLicense(text), {
    extraPublicKeys: (opts.extra ?? [keys]).map((k) => k.trusted),
    appSlug: opts.appSlug,
    now: opts.now ?? NOW,
  });
}

describe.each(["v1beta1", "v1beta2"] as const)("%s", (version) => {
  const hash = version === "v1beta1" ? "md5" : "sha256";

  test("a genuine license verifies with the global key that signed its app key", () => {
    const v = check(signed[version], { appSlug: "acme-helpdesk" });
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.reason).toBeUndefined();
    expect(v.genuine && v.current && v.forApp).toBe(true);
    expect(v.signature).toEqual({ valid: true, hash, keyId: keys.globalKeyId, keyName: "test global key", builtInKey: false });
    expect(v.apiVersion).toBe(`kots.io/${version}`);
    expect(v.customerName).toBe("Test Customer");
    expect(v.appSlug).toBe("acme-helpdesk");
    expect(v.channelName).toBe("Stable");
    expect(v.licenseType).toBe("prod");
    expect(v.licenseSequence).toBe(7);
    expect(v.isAirgapSupported).toBe(true);
    expect(v.expiresAt).toBe("2099-01-01T00:00:00Z");
    expect(v.expired).toBe(false);
    expect(v.mismatches).toEqual([]);
    // hidden and reserved (expires_at) entitlements are not listed
    expect(v.entitlements).toEqual([
      { name: "agent_seats", title: "Agent Seats", value: 25, valueType: "Integer" },
      { name: "sso_enabled", title: "Single Sign-On", value: true, valueType: "Boolean" },
    ]);
  });

  test("without the signing key trusted, the global key id is unknown", () => {
    const v = check(signed[version], { extra: [] });
    expect(v.ok).toBe(false);
    expect(v.genuine).toBe(false);
    expect(v.reasonCode).toBe("unknown-global-key");
    expect(v.reason).toContain(keys.globalKeyId);
    expect(v.signature.valid).toBe(false);
  });

  test("a key signature by a global key that is not trusted fails as unknown global key", () => {
    const v = check(signed[version], { extra: [other] });
    expect(v.reasonCode).toBe("unknown-global-key");
    expect(v.reason).toContain("other global key did not sign it");
  });

  test("an unknown globalKeyId written into the key signature is still unknown", () => {
    const l = takeApart(signed[version]);
    l.keySig.globalKeyId = "0123456789abcdef0123456789abcdef";
    const v = check(putTogether(l), { extra: [] });
    expect(v.reasonCode).toBe("unknown-global-key");
    expect(v.reason).toContain("0123456789abcdef0123456789abcdef");
  });

  test.each([0, 0.5, 1])("a changed byte in licenseData (at %p of its length) breaks the license signature", (at) => {
    const l = takeApart(signed[version]);
    const i = Math.min(l.licenseData.length - 1, Math.floor(l.licenseData.length * at));
    l.licenseData[i] = l.licenseData[i]! ^ 0x01;
    const v = check(putTogether(l));
    expect(v.genuine).toBe(false);
    expect(v.reasonCode).toBe("license-signature-invalid");
    expect(v.signature.keyName).toBe("test global key"); // the key chain itself was fine
  });

  test("a swapped app public key is not signed by the global key", () => {
    const l = takeApart(signed[version]);
    // attacker re-signs licenseData with their own app key and swaps in its public key
    const attacker = makeKeys("attacker");
    const resigned = takeApart(sign(unsignedLicense({ customerName: "Mallory" }), version, attacker));
    l.inner.publicKey = resigned.inner.publicKey;
    const v = check(putTogether(l));
    expect(v.reasonCode).toBe("key-signature-invalid");
    expect(v.reason).toContain(keys.globalKeyId);
  });

  test("claiming Replicated's production key without its signature fails the key signature", () => {
    const l = takeApart(signed[version]);
    l.keySig.globalKeyId = "bdee56560cfb43c9b28bf98eacafa646";
    const v = check(putTogether(l), { extra: [] });
    expect(v.reasonCode).toBe("key-signature-invalid");
    expect(v.reason).toContain("Replicated Production");
  });

  test("an expired license is genuine but not current", () => {
    const v = check(sign(unsignedLicense({ expiresAt: "2021-03-04T05:06:07Z" }), version, keys));
    expect(v.genuine).toBe(true);
    expect(v.current).toBe(false);
    expect(v.expired).toBe(true);
    expect(v.ok).toBe(false);
    expect(v.reasonCode).toBe("expired");
    expect(v.reason).toBe("the license expired at 2021-03-04T05:06:07Z");
  });

  test("expiry is judged at `now`: the same license is current before and expired after expires_at", () => {
    expect(check(signed[version], { now: new Date("2098-12-31T23:59:59Z") }).ok).toBe(true);
    expect(check(signed[version], { now: new Date("2099-01-01T00:00:01Z") }).reasonCode).toBe("expired");
  });

  test("an empty expires_at never expires", () => {
    const v = check(sign(unsignedLicense({ expiresAt: "" }), version, keys), { now: new Date("2999-01-01T00:00:00Z") });
    expect(v.ok).toBe(true);
    expect(v.expiresAt).toBeNull();
  });

  test("a license for another app fails when an app is asked for", () => {
    const v = check(signed[version], { appSlug: "sentry-pro" });
    expect(v.genuine).toBe(true);
    expect(v.forApp).toBe(false);
    expect(v.reasonCode).toBe("wrong-app");
    expect(v.reason).toBe('the license is for app "acme-helpdesk", not "sentry-pro"');
  });

  test("a plain YAML field that differs from licenseData is reported, and the signed value is used", () => {
    const text = editPlain(signed[version], (spec) => {
      spec.customerName = "Mallory";
      spec.appSlug = "sentry-pro";
    });
    const v = check(text, { appSlug: "sentry-pro" });
    expect(v.mismatches).toContainEqual({ field: "customerName", license: "Mallory", signed: "Test Customer" });
    expect(v.mismatches).toContainEqual({ field: "appSlug", license: "sentry-pro", signed: "acme-helpdesk" });
    expect(v.customerName).toBe("Test Customer");
    expect(v.genuine).toBe(true); // as in KOTS, a mismatch is a warning: the signed data is the truth
    expect(v.reasonCode).toBe("wrong-app"); // the edited appSlug does not make it a sentry-pro license
  });

  test("an entitlement value edited in the plain YAML fails its entitlement signature and the signed value is used", () => {
    const v = check(editPlain(signed[version], (spec) => (spec.entitlements.agent_seats.value = 500)));
    expect(v.reasonCode).toBe("entitlement-signature-invalid");
    expect(v.reason).toContain("agent_seats");
    expect(v.mismatches).toContainEqual({ field: "entitlements[agent_seats].value", license: "500", signed: "25" });
    expect(v.entitlements.find((e) => e.name === "agent_seats")?.value).toBe(25);
  });

  test("an edited entitlement without its own signature is a mismatch only (licenseData still covers it)", () => {
    const text = editPlain(signed[version], (spec) => {
      const e = spec.entitlements.expires_at;
      delete e.signature;
      e.value = "2199-01-01T00:00:00Z";
    });
    const v = check(text, { now: new Date("2100-01-01T00:00:00Z") });
    expect(v.mismatches).toEqual([{ field: "entitlements[expires_at].value", license: "2199-01-01T00:00:00Z", signed: "2099-01-01T00:00:00Z" }]);
    expect(v.reasonCode).toBe("expired");
    expect(v.expiresAt).toBe("2099-01-01T00:00:00Z");
  });
});

test("each failure has its own reason", () => {
  const byCause: Record<string, VerifiedLicense> = {};
  const l1 = takeApart(signed.v1beta2);
  l1.licenseData[20] = l1.licenseData[20]! ^ 0x20;
  byCause.tamperedData = check(putTogether(l1));
  const l2 = takeApart(signed.v1beta2);
  l2.inner.publicKey = takeApart(sign(unsignedLicense(), "v1beta2", other)).inner.publicKey;
  byCause.swappedKey = check(putTogether(l2));
  byCause.unknownGlobal = check(signed.v1beta2, { extra: [] });
  byCause.expired = check(sign(unsignedLicense({ expiresAt: "2020-01-01T00:00:00Z" }), "v1beta2", keys));
  byCause.otherApp = check(signed.v1beta2, { appSlug: "another-app" });
  const codes = Object.values(byCause).map((v) => v.reasonCode);
  const reasons = Object.values(byCause).map((v) => v.reason);
  expect(new Set(codes).size).toBe(5);
  expect(new Set(reasons).size).toBe(5);
  for (const v of Object.values(byCause)) expect(v.ok).toBe(false);
});

test("a v1beta1 license relabelled v1beta2 has no v2 signatures", () => {
  const text = signed.v1beta1.replace("apiVersion: kots.io/v1beta1", "apiVersion: kots.io/v1beta2");
  const v = check(text);
  expect(v.reasonCode).toBe("signature-malformed");
  expect(v.reason).toContain("v2KeySignature");
});

test("a license without a signature, or with one that does not decode, is not genuine", () => {
  const noSig = editPlain(signed.v1beta2, (spec) => delete spec.signature);
  expect(check(noSig).reasonCode).toBe("signature-missing");
  const garbage = editPlain(signed.v1beta2, (spec) => (spec.signature = "bm90IGpzb24="));
  const v = check(garbage);
  expect(v.reasonCode).toBe("signature-malformed");
  expect(v.reason).toBe("spec.signature does not decode to JSON");
});
