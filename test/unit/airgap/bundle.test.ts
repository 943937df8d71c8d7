/**
 * The .airgap reader: both image layouts KOTS has used (a registry-storage tree and docker-archive
 * tarballs), airgap.yaml, the release files, and every bad bundle refused with its code and a
 * one-line message naming the file. Bundles are laid out by hand and packed with GNU tar
 * (test/support/airgap-fixtures.ts), never by our writer.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { mkdirSync, readFileSync, rmSync, writeFileSync, statSync, readdirSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { openAirgapBundle, AirgapBundleError } from "../../../src/airgap/index.ts";
import { bundleIndex } from "../../../src/airgap/open.ts";
import { airgapYaml, makeLayer, packBundle, sha256, tempDir, writeDockerArchive, writeReleaseArchive, writeRedisWebTree } from "../../support/airgap-fixtures.ts";

const dirs: string[] = [];
const fresh = () => {
  const d = tempDir();
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const RELEASE = { "kots-app.yaml": "apiVersion: kots.io/v1beta1\nkind: Application\nmetadata:\n  name: acme\n", "web/deploy.yaml": "kind: Deployment\n" };

/** A registry-storage bundle of redis:7.2 (one platform) and a two-platform ghcr.io/acme/web:1.0. */
function storageBundle(opts: { saved?: string[]; mutate?: (root: string) => void; yaml?: string; format?: "gnu" | "pax" } = {}) {
  const w = fresh();
  const { root, redis, web } = writeRedisWebTree(w);
  writeFileSync(path.join(root, "airgap.yaml"), opts.yaml ?? airgapYaml({ appSlug: "acme", versionLabel: "1.2.3", updateCursor: "7", channelName: "Stable", format: "docker", savedImages: opts.saved ?? ["redis:7.2", "ghcr.io/acme/web:1.0"] }));
  writeReleaseArchive(root, RELEASE);
  opts.mutate?.(root);
  return { file: packBundle(root, path.join(w, "app.airgap"), opts.format), redis, web, root };
}

/** A docker-archive bundle of docker.io/library/postgres:14 (two layers). */
function archiveBundle(opts: { badDiffId?: boolean; saved?: string[] } = {}) {
  const w = fresh();
  const root = path.join(w, "root");
  const dir = path.join(root, "images/docker-archive/docker.io/library/postgres");
  mkdirSync(dir, { recursive: true });
  const layers = [makeLayer(4000), makeLayer(20_000)];
  const made = writeDockerArchive(path.join(dir, "14"), "postgres:14", layers, opts);
  writeFileSync(path.join(root, "airgap.yaml"), airgapYaml({ appSlug: "acme", versionLabel: "0.9", updateCursor: "3", savedImages: opts.saved ?? [] }));
  writeReleaseArchive(root, RELEASE);
  return { file: packBundle(root, path.join(w, "app.airgap")), made, layers };
}

async function refused(file: string, opts?: { expectAppSlug?: string }): Promise<AirgapBundleError> {
  try {
    await openAirgapBundle(file, opts);
  } catch (err) {
    expect(err).toBeInstanceOf(AirgapBundleError);
    const e = err as AirgapBundleError;
    expect(e.message).toContain(file);
    expect(e.message).not.toContain("\n");
    return e;
  }
  throw new Error(`${file} was accepted`);
}

describe("registry-storage bundles (format: docker)", () => {
  test("airgap.yaml, the images by their original names, manifests and blobs of each", async () => {
    const b = storageBundle();
    const bundle = await openAirgapBundle(b.file, { expectAppSlug: "acme" });
    expect(bundle.meta).toMatchObject({ appSlug: "acme", versionLabel: "1.2.3", updateCursor: "7", channelName: "Stable", format: "docker" });
    expect(bundle.images).toEqual(["docker.io/library/redis:7.2", "ghcr.io/acme/web:1.0"]);
    const idx = bundleIndex(bundle);
    const [redis, web] = idx.images;
    expect(redis!.top.digest).toBe(b.redis.digest);
    expect(redis!.blobs.map((d) => d.digest).sort()).toEqual(b.redis.blobs.map((d) => d.digest).sort());
    expect(web!.top.digest).toBe(b.web.digest);
    expect(web!.children.map((c) => c.digest)).toEqual(b.web.manifests.slice(1));
    expect(web!.blobs.length).toBe(b.web.blobs.length);
    expect(web!.bytes).toBe(b.web.blobs.reduce((a, x) => a + x.size, 0));
  });

  test("pax headers (long names) read as well as GNU ones", async () => {
    const b = storageBundle({ format: "pax" });
    expect((await openAirgapBundle(b.file)).images).toHaveLength(2);
  });

  test("the release files of app.tar.gz", async () => {
    const b = storageBundle();
    const files = await (await openAirgapBundle(b.file)).releaseFiles();
    expect(files.map((f) => f.file).sort()).toEqual(["kots-app.yaml", "web/deploy.yaml"]);
    expect(files.find((f) => f.file === "kots-app.yaml")!.text).toBe(RELEASE["kots-app.yaml"]);
  });

  test("a blob whose bytes do not match its digest: checksum", async () => {
    const b = storageBundle({
      mutate: (root) => {
        const v2 = path.join(root, "images/docker/registry/v2/blobs/sha256");
        // the largest data file is redis's 70 000-byte layer: flip one byte of it
        for (const p of readdirSync(v2)) for (const h of readdirSync(path.join(v2, p))) {
          const f = path.join(v2, p, h, "data");
          if (statSync(f).size === 70_000) {
            const x = readFileSync(f);
            x[100] ^= 0xff;
            writeFileSync(f, x);
          }
        }
      },
    });
    const e = await refused(b.file);
    expect(e.code).toBe("checksum");
    expect(e.message).toContain("does not match its digest");
  });

  test("an image of savedImages that is not in images/: missing-image", async () => {
    const b = storageBundle({ saved: ["redis:7.2", "ghcr.io/acme/web:1.0", "docker.io/library/nginx:1.25"] });
    const e = await refused(b.file);
    expect(e.code).toBe("missing-image");
    expect(e.message).toContain("docker.io/library/nginx:1.25");
  });

  test("a layer an image names that the tree lacks: missing-image", async () => {
    const b = storageBundle({
      mutate: (root) => {
        const v2 = path.join(root, "images/docker/registry/v2/blobs/sha256");
        for (const p of readdirSync(v2)) for (const h of readdirSync(path.join(v2, p))) if (statSync(path.join(v2, p, h, "data")).size === 70_000) rmSync(path.join(v2, p, h), { recursive: true });
      },
    });
    const e = await refused(b.file);
    expect(e.code).toBe("missing-image");
    expect(e.message).toContain("docker.io/library/redis:7.2 lacks blob");
  });

  test("a bundle for another app than the license's: wrong-app", async () => {
    const b = storageBundle();
    const e = await refused(b.file, { expectAppSlug: "other-app" });
    expect(e.code).toBe("wrong-app");
    expect(e.message).toContain("acme");
    expect(e.message).toContain("other-app");
  });
});

describe("docker-archive bundles", () => {
  test("the image from its path, a manifest made of its config and layers", async () => {
    const b = archiveBundle({ saved: ["postgres:14"] });
    const bundle = await openAirgapBundle(b.file);
    expect(bundle.meta.format).toBe("docker-archive"); // no format: KOTS reads docker-archive
    expect(bundle.images).toEqual(["docker.io/library/postgres:14"]);
    const img = bundleIndex(bundle).images[0]!;
    expect(img.blobs.map((d) => d.digest)).toEqual([b.made.config, ...b.made.layers]);
    expect(img.blobs.slice(1).map((d) => d.size)).toEqual(b.layers.map((l) => l.byteLength));
    const m = JSON.parse(new TextDecoder().decode(img.top.bytes));
    expect(m.layers.map((l: { digest: string }) => l.digest)).toEqual(b.made.layers);
    expect(img.top.digest).toBe(sha256(img.top.bytes));
  });

  test("a layer that does not hash to its diff_id: checksum", async () => {
    const e = await refused(archiveBundle({ badDiffId: true }).file);
    expect(e.code).toBe("checksum");
    expect(e.message).toContain("diff_id");
  });

  test("an image of savedImages without its tarball: missing-image", async () => {
    const e = await refused(archiveBundle({ saved: ["postgres:14", "redis:7"] }).file);
    expect(e.code).toBe("missing-image");
    expect(e.message).toContain("docker.io/library/redis:7");
  });
});

describe("damaged and foreign files", () => {
  test("truncated: cut anywhere in the middle", async () => {
    const b = storageBundle();
    const size = statSync(b.file).size;
    for (const at of [Math.floor(size / 3), size - 9]) {
      const cut = path.join(fresh(), "cut.airgap");
      writeFileSync(cut, readFileSync(b.file).subarray(0, at));
      expect((await refused(cut)).code).toBe("truncated");
    }
  });

  test("bad gzip data in the middle: corrupt or checksum (gzip CRC-32)", async () => {
    const b = storageBundle();
    const x = readFileSync(b.file);
    x[Math.floor(x.byteLength / 2)] ^= 0x55;
    x[Math.floor(x.byteLength / 2) + 1] ^= 0xaa;
    const f = path.join(fresh(), "flip.airgap");
    writeFileSync(f, x);
    expect(["corrupt", "checksum"]).toContain((await refused(f)).code);
  });

  test("a gzip'd stream that is not a tar: corrupt", async () => {
    const f = path.join(fresh(), "garbage.airgap");
    writeFileSync(f, gzipSync(Buffer.alloc(4096, 0x41)));
    expect((await refused(f)).code).toBe("corrupt");
  });

  test("not gzip at all, an empty file, no airgap.yaml, a YAML of another kind: not-a-bundle", async () => {
    const w = fresh();
    const plain = path.join(w, "plain.airgap");
    writeFileSync(plain, "apiVersion: v1\n");
    expect((await refused(plain)).code).toBe("not-a-bundle");
    const empty = path.join(w, "empty.airgap");
    writeFileSync(empty, "");
    expect((await refused(empty)).code).toBe("not-a-bundle");
    const noYaml = storageBundle({ mutate: (root) => rmSync(path.join(root, "airgap.yaml")) });
    expect((await refused(noYaml.file)).message).toContain("no airgap.yaml");
    const kind = storageBundle({ yaml: "apiVersion: kots.io/v1beta1\nkind: Application\nspec: {}\n" });
    expect((await refused(kind.file)).code).toBe("not-a-bundle");
    expect((await refused(path.join(w, "absent.airgap"))).code).toBe("not-a-bundle");
  });

  test("a format KOTS does not write: corrupt", async () => {
    const b = storageBundle({ yaml: airgapYaml({ appSlug: "acme", format: "oci", savedImages: [] }) });
    const e = await refused(b.file);
    expect(e.code).toBe("corrupt");
    expect(e.message).toContain('"oci"');
  });

  test("a truncated tar inside intact gzip: truncated", async () => {
    const b = storageBundle();
    const tar = Bun.gunzipSync(readFileSync(b.file));
    const f = path.join(fresh(), "inner-cut.airgap");
    writeFileSync(f, gzipSync(tar.subarray(0, Math.floor(tar.byteLength / 2) + 7)));
    expect((await refused(f)).code).toBe("truncated");
  });
});

describe("release archive paths", () => {
  test("a path that leaves the release directory: corrupt, naming it", async () => {
    const b = storageBundle({
      mutate: (root) => {
        const d = tempDir("kots-airgap-evil-");
        dirs.push(d);
        writeFileSync(path.join(d, "x.yaml"), "kind: X\n");
        // GNU tar keeps a leading ../ with -P
        const r = Bun.spawnSync(["tar", "-P", "-czf", path.join(root, "app.tar.gz"), "-C", d, "../" + path.basename(d) + "/x.yaml"]);
        expect(r.exitCode).toBe(0);
      },
    });
    const bundle = await openAirgapBundle(b.file);
    let err: unknown;
    try {
      await bundle.releaseFiles();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AirgapBundleError);
    expect((err as AirgapBundleError).code).toBe("corrupt");
    expect((err as AirgapBundleError).message).toContain("leaves the release directory");
  });
});

describe("KOTS's Admin Console bundle (kotsadm.tar.gz)", () => {
  test("docker-archive/<image>/<tag> at the root, no airgap.yaml: its images, and refused where an app bundle is expected", async () => {
    const w = fresh();
    const root = path.join(w, "root");
    for (const [img, tag] of [["kotsadm", "v1.88.0"], ["minio", "RELEASE.2022-10-15T19-57-03Z"]]) {
      mkdirSync(path.join(root, "docker-archive", img!), { recursive: true });
      writeDockerArchive(path.join(root, "docker-archive", img!, tag!), `${img}:${tag}`, [makeLayer(2000)]);
    }
    const file = packBundle(root, path.join(w, "kotsadm.tar.gz"));
    const b = await openAirgapBundle(file);
    expect(b.meta).toMatchObject({ adminConsole: true, appSlug: "" });
    expect(b.images.sort()).toEqual(["docker.io/library/kotsadm:v1.88.0", "docker.io/library/minio:RELEASE.2022-10-15T19-57-03Z"]);
    const e = await refused(file, { expectAppSlug: "acme" });
    expect(e.code).toBe("wrong-app");
    expect(e.message).toContain("Admin Console bundle");
  });
});
