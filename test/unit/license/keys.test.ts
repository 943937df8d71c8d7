import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import crypto from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  builtInGlobalKeys,
  keyIdFromPublicKey,
  LicenseKeyError,
  readExtraPublicKey,
  REPLICATED_GLOBAL_KEYS,
  REPLICATED_PRODUCTION_KEY,
} from "../../../src/license/index.ts";

describe("built-in Replicated global keys", () => {
  test("the production key parses as a 2048-bit RSA public key under id bdee5656…", () => {
    const key = crypto.createPublicKey(REPLICATED_PRODUCTION_KEY.pem);
    expect(key.type).toBe("public");
    expect(key.asymmetricKeyType).toBe("rsa");
    expect(key.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(key.asymmetricKeyDetails?.publicExponent).toBe(65537n);
    expect(REPLICATED_PRODUCTION_KEY.id).toBe("bdee56560cfb43c9b28bf98eacafa646");
  });

  test("production, staging and dev are built in with their 32-hex ids", () => {
    expect(REPLICATED_GLOBAL_KEYS.map((k) => [k.name, k.id.slice(0, 8)])).toEqual([
      ["Replicated Production", "bdee5656"],
      ["Replicated Staging", "de2c2756"],
      ["Replicated Dev", "1d3f7f6b"],
    ]);
    for (const k of builtInGlobalKeys()) {
      expect(k.id).toMatch(/^[0-9a-f]{32}$/);
      expect(k.builtIn).toBe(true);
      expect(k.key.asymmetricKeyType).toBe("rsa");
    }
  });
});

describe("readExtraPublicKey", () => {
  let dir: string;
  const rsa = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const pubPem = rsa.publicKey.export({ type: "spki", format: "pem" }) as string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "kots-license-keys-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("reads a PEM file (comment lines before the block allowed) and names it by path", () => {
    const file = join(dir, "vendor.pem");
    writeFileSync(file, `# vendor key\n${pubPem}`);
    const k = readExtraPublicKey(file);
    expect(k.name).toBe(`extra key ${file}`);
    expect(k.builtIn).toBe(false);
    const der = rsa.publicKey.export({ type: "spki", format: "der" });
    expect(k.id).toBe(crypto.createHash("sha256").update(der).digest("hex").slice(0, 32));
    expect(k.id).toBe(keyIdFromPublicKey(rsa.publicKey));
  });

  test("accepts PEM text itself and a PKCS#1 RSA PUBLIC KEY", () => {
    expect(readExtraPublicKey(pubPem, "KOTS_LICENSE_PUBLIC_KEY").name).toBe("extra key KOTS_LICENSE_PUBLIC_KEY");
    const pkcs1 = rsa.publicKey.export({ type: "pkcs1", format: "pem" }) as string;
    expect(pkcs1).toContain("BEGIN RSA PUBLIC KEY");
    expect(readExtraPublicKey(pkcs1).id).toBe(keyIdFromPublicKey(rsa.publicKey));
  });

  test("refuses a missing file, a private key and a non-RSA key", () => {
    expect(() => readExtraPublicKey(join(dir, "nope.pem"))).toThrow(/cannot read public key file .*nope\.pem: ENOENT/);
    const priv = rsa.privateKey.export({ type: "pkcs8", format: "pem" }) as string;
    expect(() => readExtraPublicKey(priv)).toThrow("is a private key; give the public key");
    const ec = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ type: "spki", format: "pem" }) as string;
    expect(() => readExtraPublicKey(ec)).toThrow(LicenseKeyError);
    expect(() => readExtraPublicKey(ec)).toThrow("is a ec key, not an RSA key");
  });
});
