import { describe, expect, test } from "bun:test";
import { BCRYPT_MAX_BYTES, sharedPasswordProblem } from "../../../src/install/options.ts";
import { hashAdminPassword } from "../../../src/manifests/secrets.ts";
import { goBcryptAccepts } from "../../support/go-peer.ts";

// kotsadm v1.88 checks logins with golang.org/x/crypto/bcrypt: our hash must be one Go accepts.
describe("admin password hashes, checked by Go's bcrypt (the peer kotsadm uses)", () => {
  const passwords = ["hunter2-admin", "pässwörd-ünïcode-✓", "p".repeat(BCRYPT_MAX_BYTES), "é".repeat(BCRYPT_MAX_BYTES / 2), "with spaces and 'quotes'"];
  for (const pw of passwords) {
    test(`${Buffer.byteLength(pw)} bytes: accepted, and a wrong password is not`, async () => {
      expect(sharedPasswordProblem(pw)).toBeUndefined();
      const hash = await hashAdminPassword(pw);
      expect(hash).toMatch(/^\$2[aby]\$10\$/);
      expect(goBcryptAccepts(hash, pw)).toBe(true);
      expect(goBcryptAccepts(hash, pw.slice(0, -1) + "!")).toBe(false);
    });
  }

  test("over 72 bytes is refused before hashing: Bun would pre-hash it and Go would never accept the login", async () => {
    const long = "p".repeat(BCRYPT_MAX_BYTES + 1);
    expect(sharedPasswordProblem(long)).toContain("at most 72 bytes");
    expect(sharedPasswordProblem("é".repeat(37))).toContain("at most 72 bytes"); // 74 bytes in 37 characters
    await expect(hashAdminPassword(long)).rejects.toThrow("72 bytes");
    // the defect this guards against: Bun's own bcrypt of a long password is one Go refuses
    const bunHash = await Bun.password.hash(long, { algorithm: "bcrypt", cost: 4 });
    expect(Bun.password.verifySync(long, bunHash)).toBe(true);
    expect(goBcryptAccepts(bunHash, long)).toBe(false);
  });

  test("the other password rules", () => {
    expect(sharedPasswordProblem("short")).toContain("at least 6");
    expect(sharedPasswordProblem("        ")).toContain("only whitespace");
    expect(sharedPasswordProblem("line1\nline2")).toContain("newline");
    expect(sharedPasswordProblem("nul\0byte!")).toContain("NUL");
  });
});
