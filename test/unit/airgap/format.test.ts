/**
 * The pieces of the bundle format on their own: our tar writer read back by GNU tar (long names
 * through ustar prefixes and pax records), the tar reader's header checks, airgap.yaml read and
 * written, the image mirror rule of `kots airgap build`.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PassThrough } from "node:stream";
import { TarWriter } from "../../../src/airgap/tar-write.ts";
import { tarEntries, readEntry, TarError } from "../../../src/airgap/tar-read.ts";
import { formatAirgapYaml, parseAirgapYaml } from "../../../src/airgap/meta.ts";
import { mirrored, parseMirror, AirgapBuildInputError } from "../../../src/airgap/build.ts";
import { AirgapBundleError } from "../../../src/airgap/errors.ts";
import { parseImageRef } from "../../../src/registry/image.ts";
import { tempDir } from "../../support/airgap-fixtures.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function tarBytes(write: (w: TarWriter) => Promise<void>): Promise<Buffer> {
  const pt = new PassThrough();
  const chunks: Buffer[] = [];
  pt.on("data", (c: Buffer) => chunks.push(c));
  const w = new TarWriter(pt, 1_700_000_000);
  await write(w);
  await w.end();
  pt.end();
  return Buffer.concat(chunks);
}

async function* once(b: Uint8Array): AsyncGenerator<Uint8Array> {
  // in uneven pieces, as a stream would deliver them
  for (let i = 0; i < b.byteLength; i += 777) yield b.subarray(i, i + 777);
}

const LONG = `images/docker/registry/v2/repositories/some/deep/path/redis/_manifests/revisions/sha256/${"a".repeat(64)}/link`;
const HUGE = `x/${"b".repeat(120)}/${"c".repeat(120)}/file.txt`; // no '/' split fits ustar: a pax record

describe("tar writer", () => {
  test("GNU tar lists and extracts what it wrote, long names included", async () => {
    const body = new TextEncoder().encode("sha256:" + "a".repeat(64));
    const big = new Uint8Array(5000).map((_, i) => i % 251);
    const bytes = await tarBytes(async (w) => {
      await w.file("airgap.yaml", 5, new TextEncoder().encode("hello"));
      await w.file(LONG, body.byteLength, body);
      await w.file(HUGE, big.byteLength, (async function* () {
        yield big.subarray(0, 1000);
        yield big.subarray(1000);
      })());
    });
    const d = tempDir();
    dirs.push(d);
    writeFileSync(path.join(d, "t.tar"), bytes);
    const list = Bun.spawnSync(["tar", "tf", path.join(d, "t.tar")]);
    expect(list.exitCode).toBe(0);
    expect(list.stdout.toString().trim().split("\n")).toEqual(["airgap.yaml", LONG, HUGE]);
    mkdirSync(path.join(d, "x"));
    expect(Bun.spawnSync(["tar", "xf", path.join(d, "t.tar"), "-C", path.join(d, "x")]).exitCode).toBe(0);
    expect(readFileSync(path.join(d, "x", HUGE))).toEqual(Buffer.from(big));
    expect(readFileSync(path.join(d, "x", LONG), "utf8")).toBe("sha256:" + "a".repeat(64));
  });

  test("a body shorter than announced is refused", async () => {
    await expect(tarBytes((w) => w.file("a", 10, new Uint8Array(3)))).rejects.toThrow("3 bytes written, 10 announced");
  });
});

describe("tar reader", () => {
  test("reads GNU tar's long names and bodies split across chunks", async () => {
    const d = tempDir();
    dirs.push(d);
    mkdirSync(path.join(d, "src", path.dirname(HUGE)), { recursive: true });
    writeFileSync(path.join(d, "src", HUGE), "x".repeat(3000));
    for (const format of ["gnu", "pax", "ustar"]) {
      const out = path.join(d, `${format}.tar`);
      const r = Bun.spawnSync(["tar", `--format=${format}`, "-cf", out, "-C", path.join(d, "src"), HUGE]);
      if (format === "ustar") {
        expect(r.exitCode).not.toBe(0); // ustar cannot hold this name: GNU tar refuses it
        continue;
      }
      const got: Array<[string, string]> = [];
      for await (const e of tarEntries(once(readFileSync(out)))) if (e.type === "file") got.push([e.name, new TextDecoder().decode(await readEntry(e, 1 << 20))]);
      expect(got).toEqual([[HUGE, "x".repeat(3000)]]);
    }
  });

  test("a header that fails its checksum: corrupt; a body cut short: truncated", async () => {
    const bytes = await tarBytes((w) => w.file("a.txt", 1000, new Uint8Array(1000)));
    const bad = Buffer.from(bytes);
    bad[10] ^= 1;
    const drain = async (b: Uint8Array) => {
      for await (const e of tarEntries(once(b))) await e.skip();
    };
    await expect(drain(bad)).rejects.toMatchObject({ code: "corrupt" });
    await expect(drain(bytes.subarray(0, 800))).rejects.toBeInstanceOf(TarError);
    await expect(drain(bytes.subarray(0, 800))).rejects.toMatchObject({ code: "truncated" });
  });
});

describe("airgap.yaml", () => {
  test("written and read back; KOTS's fields and a missing format as docker-archive", () => {
    const meta = { appSlug: "acme", versionLabel: "1.0", updateCursor: "4", channelName: "Beta", releaseNotes: "fixes", format: "docker" as const, savedImages: ["docker.io/library/redis:7"] };
    const text = formatAirgapYaml(meta);
    expect(text).toContain("kind: Airgap");
    expect(parseAirgapYaml(text, "f")).toEqual(meta);
    expect(parseAirgapYaml("apiVersion: kots.io/v1beta1\nkind: Airgap\nspec:\n  appSlug: a\n", "f")).toMatchObject({ format: "docker-archive", savedImages: [] });
  });

  test("no appSlug, another kind, not YAML: not-a-bundle naming the file", () => {
    for (const t of ["apiVersion: kots.io/v1beta1\nkind: Airgap\nspec: {}\n", "apiVersion: v1\nkind: ConfigMap\n", "a: [unclosed"]) {
      let e: unknown;
      try {
        parseAirgapYaml(t, "/x/b.airgap");
      } catch (err) {
        e = err;
      }
      expect(e).toBeInstanceOf(AirgapBundleError);
      expect((e as AirgapBundleError).code).toBe("not-a-bundle");
      expect((e as AirgapBundleError).message).toContain("/x/b.airgap");
    }
  });
});

describe("--image-mirror", () => {
  test("FROM=TO replaces the registry only, Docker Hub under any of its names", () => {
    const m = [parseMirror("index.docker.io=127.0.0.1:5001"), parseMirror("ghcr.io=127.0.0.1:5002")];
    expect(mirrored(parseImageRef("redis:7"), m)).toEqual({ registry: "127.0.0.1:5001", repository: "library/redis", tag: "7" });
    expect(mirrored(parseImageRef("ghcr.io/acme/web@sha256:" + "1".repeat(64)), m)).toEqual({ registry: "127.0.0.1:5002", repository: "acme/web", digest: "sha256:" + "1".repeat(64) });
    expect(mirrored(parseImageRef("quay.io/x/y:1"), m).registry).toBe("quay.io");
    expect(() => parseMirror("docker.io")).toThrow(AirgapBuildInputError);
  });
});
