/**
 * The install's and the wizard's release extraction share the pull's byte-safe reader
 * (src/airgap/release-bytes.ts): a binary file (a chart .tgz) comes out byte for byte, and a damaged
 * release archive is one AirgapBundleError naming the bundle.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { extractReleaseArchive } from "../../../src/airgap/release-bytes.ts";
import { AirgapBundleError } from "../../../src/airgap/index.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** app.tar.gz packed by GNU tar from `files` (name → bytes). */
function archive(files: Record<string, Uint8Array | string>): Uint8Array {
  const d = mkdtempSync(path.join(os.tmpdir(), "kots-release-extract-"));
  dirs.push(d);
  for (const [f, b] of Object.entries(files)) writeFileSync(path.join(d, f), b);
  const out = path.join(d, "app.tar.gz");
  const r = spawnSync("tar", ["czf", out, "-C", d, ...Object.keys(files)]);
  if (r.status !== 0) throw new Error(`tar failed: ${r.stderr}`);
  return new Uint8Array(readFileSync(out));
}

describe("extractReleaseArchive", () => {
  test("a binary file comes out byte for byte (UTF-8 decoding would change it)", async () => {
    const binary = new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe, 0x80, 0xc3, 0x28, 0x00]);
    const r = await extractReleaseArchive(archive({ "chart-0.1.0.tgz": binary, "kots-app.yaml": "kind: Application\n" }), "app.airgap", "acme");
    dirs.push(path.dirname(r.dir));
    expect(path.basename(r.dir)).toBe("acme");
    expect(new Uint8Array(readFileSync(path.join(r.dir, "chart-0.1.0.tgz")))).toEqual(binary);
    expect(readFileSync(path.join(r.dir, "kots-app.yaml"), "utf8")).toBe("kind: Application\n");
    r.dispose();
  });

  test("a damaged archive: AirgapBundleError corrupt naming the bundle", async () => {
    const good = archive({ "a.yaml": "x: 1\n".repeat(200) });
    const bad = good.slice(0, Math.floor(good.length / 2));
    const err = await extractReleaseArchive(bad, "app.airgap", "acme").catch((e) => e);
    expect(err).toBeInstanceOf(AirgapBundleError);
    expect((err as AirgapBundleError).code).toBe("corrupt");
    expect((err as AirgapBundleError).message).toContain("app.airgap");
  });
});
