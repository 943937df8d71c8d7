import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// Runs `bun run src/cli/main.ts license verify …` on the committed example license and key.
const ROOT = join(import.meta.dir, "../../..");
const LICENSE = "examples/licenses/acme-helpdesk-v1beta2.yaml";
const KEY = "examples/keys/example-global.public.pem";

async function kots(args: string[], env: Record<string, string> = {}) {
  const proc = Bun.spawn(["bun", "run", "src/cli/main.ts", "license", "verify", ...args], {
    cwd: ROOT,
    env: { ...process.env, KOTS_LICENSE_PUBLIC_KEY: "", ...env },
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  return { stdout, stderr, code };
}

describe("kots license verify", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "kots-license-cli-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("exit 0 and a table for a genuine, current license of the app", async () => {
    const r = await kots([LICENSE, "--license-public-key", KEY, "--app", "acme-helpdesk"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const rows = Object.fromEntries(
      r.stdout.split("\n").filter((l) => /^\S/.test(l)).map((l) => [l.slice(0, 14).trim(), l.slice(14)]),
    );
    expect(rows.Licensee).toBe("Example Customer Inc.");
    expect(rows.App).toBe("acme-helpdesk");
    expect(rows["License type"]).toBe("dev");
    expect(rows.Expires).toBe("2099-12-31T00:00:00Z");
    expect(rows.Signature).toBe("valid (v1beta2, RSA-PSS SHA-256)");
    expect(rows["Signed by"]).toStartWith(`extra key ${KEY} (global key `);
    expect(r.stdout).toMatch(/^ {2}agent_seats +Agent Seats +25$/m);
    expect(r.stdout).not.toContain("support_portal_token"); // hidden entitlement
  });

  test("exit 1 with one reason line when the signing key is not trusted", async () => {
    const r = await kots([LICENSE]);
    expect(r.code).toBe(1);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("unknown global key");
  });

  test("exit 1 for another app; --output json is one JSON object", async () => {
    const r = await kots([LICENSE, "--license-public-key", KEY, "--app", "sentry-pro", "--output", "json"]);
    expect(r.code).toBe(1);
    const v = JSON.parse(r.stdout);
    expect(v.ok).toBe(false);
    expect(v.reasonCode).toBe("wrong-app");
    expect(v.signature.valid).toBe(true);
    expect(v.appSlug).toBe("acme-helpdesk");
    expect(r.stderr).toBe('Error: the license is for app "acme-helpdesk", not "sentry-pro"\n');
  });

  test("a plain field changed after signing is a warning on stderr; the signed value is shown, exit 0", async () => {
    const edited = join(dir, "edited.yaml");
    const text = await Bun.file(join(ROOT, LICENSE)).text();
    writeFileSync(edited, text.replace("customerName: Example Customer Inc.", "customerName: Someone Else"));
    const r = await kots([edited, "--license-public-key", KEY]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      'warning: customerName is "Someone Else" in the license file but "Example Customer Inc." in the signed data; the signed value is used\n',
    );
    expect(r.stdout).toMatch(/^Licensee +Example Customer Inc\.$/m);
  });

  test("KOTS_LICENSE_PUBLIC_KEY works like the flag (path or PEM)", async () => {
    expect((await kots([LICENSE], { KOTS_LICENSE_PUBLIC_KEY: KEY })).code).toBe(0);
    const pem = await Bun.file(join(ROOT, KEY)).text();
    expect((await kots([LICENSE], { KOTS_LICENSE_PUBLIC_KEY: pem })).code).toBe(0);
  });

  test("exit 2 for a missing file, a non-License file and a bad key file", async () => {
    const missing = await kots([join(dir, "nope.yaml")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot be read: no such file");
    expect(missing.stderr).not.toContain("ENOENT");
    const cm = join(dir, "cm.yaml");
    writeFileSync(cm, "apiVersion: v1\nkind: ConfigMap\n");
    const notLicense = await kots([cm]);
    expect(notLicense.code).toBe(2);
    expect(notLicense.stderr).toBe(`Error: ${cm}: not a kots.io License: kind is ConfigMap\n`);
    const badKey = await kots([LICENSE, "--license-public-key", "examples/keys/example-app.private.pem"]);
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toContain("is a private key");
  });
});

describe("kots license verify: damaged files and every problem", () => {
  const dir2 = mkdtempSync(join(tmpdir(), "kots-license-damaged-"));
  test("a truncated license gets one exit code (2) wherever it was cut", async () => {
    const text = await Bun.file(join(ROOT, LICENSE)).text();
    const codes = new Set<number>();
    for (const f of [0.1, 0.3, 0.5, 0.7, 0.9, 0.99]) {
      const p = join(dir2, `cut-${f}.yaml`);
      writeFileSync(p, text.slice(0, Math.floor(text.length * f)));
      const r = await kots([p, "--license-public-key", KEY]);
      codes.add(r.code);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
    expect([...codes]).toEqual([2]);
  });

  test("binary input is called binary", async () => {
    const p = join(dir2, "license.bin");
    writeFileSync(p, Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0x00, 0x10]));
    const r = await kots([p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is binary data, not a license");
  });

  test("text mode lists every problem, not just the first", async () => {
    const r = await kots([LICENSE, "--license-public-key", KEY, "--app", "sentry-pro"], {});
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('for app "acme-helpdesk", not "sentry-pro"');
    const unsigned = await kots([LICENSE]); // no trusted key: the signature chain does not verify
    expect(unsigned.code).toBe(1);
    const both = await kots([LICENSE, "--app", "sentry-pro"]);
    expect(both.stderr.split(";").length).toBeGreaterThanOrEqual(2);
  });
});
