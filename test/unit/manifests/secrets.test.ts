import { describe, expect, test } from "bun:test";
import { generateSecrets, secretsFromExisting, uuidV4, type RandomBytes } from "../../../src/manifests/secrets.ts";
import type { GeneratedSecrets, K8sObject } from "../../../src/manifests/types.ts";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A predictable "random" source: bytes 0,1,2,… continuing across calls. */
function counter(): RandomBytes {
  let next = 0;
  return (n) => Uint8Array.from({ length: n }, () => next++ & 0xff);
}

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
const secret = (name: string, data: Record<string, string>): K8sObject => ({
  apiVersion: "v1",
  kind: "Secret",
  metadata: { name, namespace: "kots" },
  data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])),
});

describe("generateSecrets", () => {
  test("random values are UUID-v4 text (KOTS uses uuid.New()); encryption key is base64(24-byte key ‖ 12-byte nonce)", async () => {
    const s = await generateSecrets("correct horse", counter());
    for (const v of [s.postgresPassword, s.minioAccessKey, s.minioSecretKey, s.sessionKey, s.clusterToken]) expect(v).toMatch(UUID_V4);
    const key = Buffer.from(s.encryptionKey, "base64");
    expect(key.length).toBe(36);
    expect(s.encryptionKey).toHaveLength(48);
    // counter(): four UUIDs consumed bytes 0..63, so key = 64..87 and nonce = 88..99, in that order.
    expect([...key]).toEqual(Array.from({ length: 36 }, (_, i) => 64 + i));
    expect(s.postgresUri).toBeUndefined();
  });

  test("passwordBcrypt is bcrypt cost 10 of the admin password", async () => {
    const s = await generateSecrets("correct horse");
    expect(s.passwordBcrypt.startsWith("$2")).toBe(true);
    expect(s.passwordBcrypt).toMatch(/^\$2[aby]\$10\$[./A-Za-z0-9]{53}$/);
    expect(await Bun.password.verify("correct horse", s.passwordBcrypt)).toBe(true);
    expect(await Bun.password.verify("wrong", s.passwordBcrypt)).toBe(false);
  });

  test("the default source is a CSPRNG: two runs share no value", async () => {
    const [a, b] = await Promise.all([generateSecrets("pw-123456"), generateSecrets("pw-123456")]);
    for (const k of ["postgresPassword", "minioAccessKey", "minioSecretKey", "sessionKey", "encryptionKey", "clusterToken", "passwordBcrypt"] as const)
      expect(a[k]).not.toBe(b[k]);
    const all = [a.postgresPassword, a.minioAccessKey, a.minioSecretKey, a.sessionKey, a.clusterToken];
    expect(new Set(all).size).toBe(all.length);
  });

  test("uuidV4 sets version and variant bits", () => {
    expect(uuidV4(() => new Uint8Array(16).fill(0xff))).toBe("ffffffff-ffff-4fff-bfff-ffffffffffff");
    expect(uuidV4(() => new Uint8Array(16))).toBe("00000000-0000-4000-8000-000000000000");
  });
});

describe("secretsFromExisting: a re-run never rotates an existing secret (design §3)", () => {
  const generated: GeneratedSecrets = {
    postgresPassword: "gen-pg",
    minioAccessKey: "gen-ak",
    minioSecretKey: "gen-sk",
    sessionKey: "gen-session",
    encryptionKey: "gen-enc",
    clusterToken: "gen-token",
    passwordBcrypt: "$2b$10$generatedgeneratedgeneratedgeneratedgeneratedgenerat",
  };

  test("with nothing in the cluster, the generated values are used", () => {
    expect(secretsFromExisting([], generated)).toEqual(generated);
  });

  test("every existing value wins, byte for byte, including a KOTS-made postgres uri and the admin password hash", () => {
    const kotsUri = "postgresql://kotsadm:old-pg@kotsadm-postgres/kotsadm?connect_timeout=10&sslmode=disable";
    const existing = [
      secret("kotsadm-postgres", { uri: kotsUri, password: "old-pg" }),
      secret("kotsadm-minio", { accesskey: "old-ak", secretkey: "old-sk" }),
      secret("kotsadm-session", { key: "old-session" }),
      secret("kotsadm-encryption", { encryptionKey: "old-enc" }),
      secret("kotsadm-cluster-token", { "kotsadm-cluster-token": "old-token" }),
      secret("kotsadm-password", { passwordBcrypt: "$2a$10$old" }),
    ];
    expect(secretsFromExisting(existing, generated)).toEqual({
      postgresPassword: "old-pg",
      postgresUri: kotsUri,
      minioAccessKey: "old-ak",
      minioSecretKey: "old-sk",
      sessionKey: "old-session",
      encryptionKey: "old-enc",
      clusterToken: "old-token",
      passwordBcrypt: "$2a$10$old",
    });
  });

  test("only missing values are generated; other kinds and names are ignored", () => {
    const existing: K8sObject[] = [
      secret("kotsadm-postgres", { password: "old-pg" }),
      { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "kotsadm-session" }, data: { key: b64("not-a-secret") } },
      secret("something-else", { key: "x" }),
    ];
    const out = secretsFromExisting(existing, generated);
    expect(out.postgresPassword).toBe("old-pg");
    expect(out.postgresUri).toBeUndefined(); // derived from the kept password at render time
    expect(out.sessionKey).toBe("gen-session");
    expect(out.clusterToken).toBe("gen-token");
  });

  test("a caller's postgresUri is dropped when the password came from the cluster", () => {
    const out = secretsFromExisting([secret("kotsadm-postgres", { password: "old-pg" })], { ...generated, postgresUri: "postgresql://kotsadm:gen-pg@x/y" });
    expect(out.postgresUri).toBeUndefined();
  });

  test("a value that is not UTF-8 text is refused, naming the secret but not the value", () => {
    const bad: K8sObject = { apiVersion: "v1", kind: "Secret", metadata: { name: "kotsadm-session" }, data: { key: Buffer.from([0xff, 0xfe, 0x41]).toString("base64") } };
    expect(() => secretsFromExisting([bad], generated)).toThrow(/kotsadm-session key key/);
  });
});
