import { BCRYPT_MAX_BYTES } from "../install/options.ts";
/**
 * Secret values of an install: fresh generation (CSPRNG) and reuse of what a cluster already holds.
 * Design §3: a re-run never rotates an existing secret (the database password would stop matching
 * its data, sessions and encrypted values would be lost).
 */
import { NAMES } from "./constants.ts";
import type { GeneratedSecrets, K8sObject } from "./types.ts";

/** Source of random bytes: returns `n` fresh bytes. Must be a CSPRNG outside tests. */
export type RandomBytes = (n: number) => Uint8Array;

/** `crypto.getRandomValues` (Web Crypto CSPRNG). */
export const cryptoRandomBytes: RandomBytes = (n) => crypto.getRandomValues(new Uint8Array(n));

/** AES-192 key length (KOTS v1.88 pkg/crypto/aes.go keyLength = 24) and the GCM nonce length. */
export const ENCRYPTION_KEY_BYTES = 24;
export const ENCRYPTION_NONCE_BYTES = 12;

/** bcrypt cost of the admin password hash (KOTS v1.88 pkg/kotsadm/secrets.go uses 10). */
export const BCRYPT_COST = 10;

/** RFC 4122 version-4 UUID text from 16 random bytes (KOTS uses uuid.New() for these values). */
export function uuidV4(random: RandomBytes = cryptoRandomBytes): string {
  const b = random(16);
  if (b.length !== 16) throw new Error("random source returned the wrong number of bytes");
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** base64 (standard, padded) of a fresh 24-byte key followed by a fresh 12-byte nonce: 48 characters. */
export function newEncryptionKey(random: RandomBytes = cryptoRandomBytes): string {
  const key = random(ENCRYPTION_KEY_BYTES);
  const nonce = random(ENCRYPTION_NONCE_BYTES);
  if (key.length !== ENCRYPTION_KEY_BYTES || nonce.length !== ENCRYPTION_NONCE_BYTES)
    throw new Error("random source returned the wrong number of bytes");
  const both = new Uint8Array(ENCRYPTION_KEY_BYTES + ENCRYPTION_NONCE_BYTES);
  both.set(key, 0);
  both.set(nonce, ENCRYPTION_KEY_BYTES);
  return Buffer.from(both).toString("base64");
}

/** bcrypt (cost 10) of the admin password via Bun.password: `$2b$10$…`, 60 characters. */
export async function hashAdminPassword(password: string): Promise<string> {
  // Bun pre-hashes longer passwords, which Go's bcrypt (kotsadm) then never accepts.
  if (Buffer.byteLength(password, "utf8") > BCRYPT_MAX_BYTES) throw new Error(`the admin password must be at most ${BCRYPT_MAX_BYTES} bytes for bcrypt`);
  return Bun.password.hash(password, { algorithm: "bcrypt", cost: BCRYPT_COST });
}

/**
 * Fresh values for every secret of design §3. `sharedPassword` is the admin password (only its
 * bcrypt hash is kept). Random values are UUID-v4 text; the encryption key is
 * base64(24-byte key ‖ 12-byte nonce). Async because of bcrypt.
 */
export async function generateSecrets(sharedPassword: string, random: RandomBytes = cryptoRandomBytes): Promise<GeneratedSecrets> {
  return {
    postgresPassword: uuidV4(random),
    minioAccessKey: uuidV4(random),
    minioSecretKey: uuidV4(random),
    sessionKey: uuidV4(random),
    encryptionKey: newEncryptionKey(random),
    clusterToken: uuidV4(random),
    passwordBcrypt: await hashAdminPassword(sharedPassword),
  };
}

/** Where each secret value lives in the cluster: Secret name and data key. */
export const SECRET_LOCATIONS = {
  postgresPassword: { secret: NAMES.postgres, key: "password" },
  postgresUri: { secret: NAMES.postgres, key: "uri" },
  minioAccessKey: { secret: NAMES.minio, key: "accesskey" },
  minioSecretKey: { secret: NAMES.minio, key: "secretkey" },
  sessionKey: { secret: NAMES.sessionSecret, key: "key" },
  encryptionKey: { secret: NAMES.encryptionSecret, key: "encryptionKey" },
  clusterToken: { secret: NAMES.clusterTokenSecret, key: NAMES.clusterTokenSecret },
  passwordBcrypt: { secret: NAMES.passwordSecret, key: "passwordBcrypt" },
} as const satisfies Record<keyof GeneratedSecrets, { secret: string; key: string }>;

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Decodes one base64 `data` value; throws (naming secret and key, never the value) unless it is exact UTF-8. */
function decodeValue(b64: string, secret: string, key: string): string {
  const bytes = Buffer.from(b64, "base64");
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new Error(`Secret ${secret} key ${key} is not UTF-8 text; refusing to rewrite it`);
  }
  if (Buffer.from(text, "utf8").toString("base64") !== b64.replace(/\s+/g, ""))
    throw new Error(`Secret ${secret} key ${key} does not round-trip; refusing to rewrite it`);
  return text;
}

/**
 * Merges secrets read from the cluster over freshly generated ones: every value present in an
 * existing Secret's `data` wins, byte for byte; only missing values come from `generated`.
 * `existing` is any list of objects (non-Secrets and unknown names are ignored); values are the
 * base64 `data` the API server returns. A found kotsadm-postgres `uri` is kept verbatim as
 * `postgresUri`; without it the URI is derived from the (kept) password.
 *
 * The admin password: like KOTS v1.88 (ensureSharedPasswordSecret creates kotsadm-password only when
 * absent), an existing `passwordBcrypt` is kept even when a new password was given; changing it is
 * `kots reset-password`'s job. Throws when an existing value is not exact UTF-8 text.
 */
export function secretsFromExisting(existing: readonly K8sObject[], generated: GeneratedSecrets): GeneratedSecrets {
  const out: GeneratedSecrets = { ...generated };
  delete out.postgresUri;
  for (const [field, loc] of Object.entries(SECRET_LOCATIONS) as [keyof GeneratedSecrets, { secret: string; key: string }][]) {
    const obj = existing.find((o) => o.kind === "Secret" && o.metadata?.name === loc.secret);
    const data = obj?.data as Record<string, unknown> | undefined;
    const b64 = data?.[loc.key];
    if (typeof b64 === "string") out[field] = decodeValue(b64, loc.secret, loc.key);
  }
  // A caller-supplied URI only belongs with the caller-supplied password.
  if (out.postgresUri === undefined && generated.postgresUri !== undefined && out.postgresPassword === generated.postgresPassword)
    out.postgresUri = generated.postgresUri;
  return out;
}
