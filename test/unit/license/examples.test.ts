import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseLicense, readExtraPublicKey, verifyLicense } from "../../../src/license/index.ts";

const ROOT = join(import.meta.dir, "../../..");
const read = (p: string) => readFileSync(join(ROOT, p), "utf8");

describe("committed example licenses", () => {
  test.each(["v1beta1", "v1beta2"])("acme-helpdesk %s verifies with the example global key only", (version) => {
    const license = parseLicense(read(`examples/licenses/acme-helpdesk-${version}.yaml`));
    expect(license.apiVersion).toBe(`kots.io/${version}`);
    const key = readExtraPublicKey(join(ROOT, "examples/keys/example-global.public.pem"));
    const v = verifyLicense(license, { extraPublicKeys: [key], appSlug: "acme-helpdesk" });
    expect(v.problems).toEqual([]);
    expect(v.signature.keyId).toBe(key.id);
    expect(verifyLicense(license).reasonCode).toBe("unknown-global-key");
  });

  test("the example keys say they are examples", () => {
    for (const f of ["example-global", "example-app"]) {
      for (const kind of ["private", "public"]) {
        expect(read(`examples/keys/${f}.${kind}.pem`)).toStartWith("# EXAMPLE KEY");
      }
    }
  });
});

describe("scripts/sign-license.ts", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "kots-sign-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test.each(["v1beta1", "v1beta2"])("generates example keys in a fresh directory and signs a %s license", async (version) => {
    const keys = join(dir, version);
    const out = join(dir, `${version}.yaml`);
    const proc = Bun.spawn(
      ["bun", "run", "scripts/sign-license.ts", "--in", "examples/licenses/acme-helpdesk.unsigned.yaml", "--api-version", version, "--keys", keys, "--out", out],
      { cwd: ROOT, stdout: "pipe", stderr: "pipe" },
    );
    expect(await proc.exited).toBe(0);
    const license = parseLicense(readFileSync(out, "utf8"));
    const own = readExtraPublicKey(join(keys, "example-global.public.pem"));
    const committed = readExtraPublicKey(join(ROOT, "examples/keys/example-global.public.pem"));
    expect(own.id).not.toBe(committed.id);
    const v = verifyLicense(license, { extraPublicKeys: [own] });
    expect(v.ok).toBe(true);
    expect(v.signature.hash).toBe(version === "v1beta1" ? "md5" : "sha256");
    expect(v.customerName).toBe("Example Customer Inc.");
    expect(verifyLicense(license, { extraPublicKeys: [committed] }).reasonCode).toBe("unknown-global-key");
  });
});
