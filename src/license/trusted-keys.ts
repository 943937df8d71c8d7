import crypto, { type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { LicenseKeyError } from "./errors.ts";
import { REPLICATED_GLOBAL_KEYS } from "./public-keys.ts";

/** A public key trusted to sign app public keys (a "global key"). */
export interface TrustedKey {
  /** Built-in: Replicated's globalKeyId. Extra: keyIdFromPublicKey(key). */
  readonly id: string;
  /** "Replicated Production", or "extra key <file>" for --license-public-key. */
  readonly name: string;
  /** true for Replicated's keys, false for a key the operator added. */
  readonly builtIn: boolean;
  readonly key: KeyObject;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/;

/**
 * Parses the first PEM block of `text` as an RSA public key. Accepts "PUBLIC KEY" (SubjectPublicKeyInfo,
 * what KOTS uses: x509.ParsePKIXPublicKey) and, when `allowPkcs1`, "RSA PUBLIC KEY" (PKCS#1).
 * @throws LicenseKeyError naming `what` when there is no PEM block, it is a private key, or not RSA.
 */
export function rsaPublicKeyFromPem(text: string, what: string, allowPkcs1 = false): KeyObject {
  const block = PEM_BLOCK.exec(text);
  if (!block) throw new LicenseKeyError(`${what} is not a PEM public key (no "-----BEGIN PUBLIC KEY-----" block)`);
  const type = block[1]!;
  if (type.includes("PRIVATE")) throw new LicenseKeyError(`${what} is a private key; give the public key`);
  if (type !== "PUBLIC KEY" && !(allowPkcs1 && type === "RSA PUBLIC KEY")) {
    throw new LicenseKeyError(`${what} is a PEM "${type}", not a "PUBLIC KEY"`);
  }
  let key: KeyObject;
  try {
    key = crypto.createPublicKey(type === "RSA PUBLIC KEY" ? { key: block[0], format: "pem", type: "pkcs1" } : block[0]);
  } catch (err) {
    // OpenSSL's own codes ("error:06000066:…DECODE_ERROR") mean nothing to an operator.
    throw new LicenseKeyError(`${what} is not a valid RSA public key (its PEM block does not decode): export the vendor's public key again`);
  }
  if (key.asymmetricKeyType !== "rsa") throw new LicenseKeyError(`${what} is a ${key.asymmetricKeyType} key, not an RSA key`);
  return key;
}

/**
 * Key id of a public key that has no Replicated id: the first 32 hex digits of the SHA-256 of its
 * DER SubjectPublicKeyInfo (same length as Replicated's ids). The example signing script writes
 * this id as globalKeyId, so an example license names its example global key.
 */
export function keyIdFromPublicKey(key: KeyObject): string {
  const der = key.export({ type: "spki", format: "der" });
  return crypto.createHash("sha256").update(der).digest("hex").slice(0, 32);
}

let builtIns: TrustedKey[] | undefined;

/** Replicated's global keys (public-keys.ts) as TrustedKeys, production first. */
export function builtInGlobalKeys(): readonly TrustedKey[] {
  builtIns ??= REPLICATED_GLOBAL_KEYS.map((k) => ({
    id: k.id,
    name: k.name,
    builtIn: true,
    key: rsaPublicKeyFromPem(k.pem, `built-in key ${k.name}`),
  }));
  return builtIns;
}

/**
 * An extra trusted global key from `source`: PEM text when it contains "-----BEGIN", else a file path
 * (this is how --license-public-key FILE and env KOTS_LICENSE_PUBLIC_KEY, path or PEM, are read).
 * verifyLicense tries an extra key for any globalKeyId, like KOTS's custom global key
 * (kotskinds crypto.SetCustomPublicKeyRSA), but in addition to Replicated's keys, not instead of them.
 * `label` names the key in the result ("extra key <label>"); default: the file path, or "inline PEM".
 * @throws LicenseKeyError when the file cannot be read or holds no RSA public key.
 */
export function readExtraPublicKey(source: string, label?: string): TrustedKey {
  const inline = source.includes("-----BEGIN");
  let text = source;
  if (!inline) {
    try {
      text = readFileSync(source, "utf8");
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new LicenseKeyError(`cannot read public key file ${source}: ${code ?? (err instanceof Error ? err.message : String(err))}`);
    }
  }
  const key = rsaPublicKeyFromPem(text, inline ? `the public key PEM${label ? ` in ${label}` : ""}` : `public key file ${source}`, true);
  return { id: keyIdFromPublicKey(key), name: `extra key ${label ?? (inline ? "inline PEM" : source)}`, builtIn: false, key };
}
