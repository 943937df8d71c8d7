/**
 * The checking pass's early stop (scan.ts `early`, the re-run check of openAirgapBundle's
 * `presentAt`): registry-storage bundles laid out by hand and packed by GNU tar in a given order
 * (`-T` list), never by our writer. In head order (airgap.yaml, app.tar.gz, links, manifests,
 * then configs and layers) the check is asked once with every image, and a true answer stops the
 * read there — so a tail cut off after the manifests still opens; any other order is read whole.
 */
import { afterAll, describe, expect, test } from "bun:test";
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { AirgapBundleError } from "../../../src/airgap/index.ts";
import type { BundleImage } from "../../../src/airgap/model.ts";
import { scanBundle } from "../../../src/airgap/scan.ts";
import { airgapYaml, tempDir, writeReleaseArchive, writeRedisWebTree } from "../../support/airgap-fixtures.ts";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const V2 = "images/docker/registry/v2/";

function filesUnder(root: string, sub = ""): string[] {
  const out: string[] = [];
  for (const n of readdirSync(path.join(root, sub)).sort()) {
    const rel = sub ? `${sub}/${n}` : n;
    if (statSync(path.join(root, rel)).isDirectory()) out.push(...filesUnder(root, rel));
    else out.push(rel);
  }
  return out;
}

function run(argv: string[]): string {
  const r = Bun.spawnSync(argv, { stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`${argv.join(" ")}: ${r.stderr.toString()}`);
  return r.stdout.toString();
}

/** redis:7.2 (one platform) and a two-platform web:1.0 in a tree; the entry lists of both orders. */
function tree() {
  const w = tempDir();
  dirs.push(w);
  const { root, redis, web } = writeRedisWebTree(w);
  writeFileSync(path.join(root, "airgap.yaml"), airgapYaml({ appSlug: "acme", versionLabel: "1", format: "docker", savedImages: ["redis:7.2", "ghcr.io/acme/web:1.0"] }));
  writeReleaseArchive(root, { "kots-app.yaml": "kind: Application\n" });
  const all = filesUnder(root);
  const manifests = new Set([...redis.manifests, ...web.manifests].map((d) => d.slice(7)));
  const isManifest = (f: string) => f.startsWith(V2 + "blobs/") && manifests.has(f.split("/").at(-2)!);
  const blobs = all.filter((f) => f.startsWith(V2 + "blobs/"));
  const head = ["airgap.yaml", "app.tar.gz", ...all.filter((f) => f.startsWith(V2 + "repositories/")), ...blobs.filter(isManifest)];
  const tail = blobs.filter((f) => !isManifest(f));
  return { w, root, redis, web, head, tail, sorted: all };
}

/** A tar of `root`'s files in `order` (GNU tar, no recursion); returns its path and the block each member starts at. */
function gnuTar(root: string, order: string[], out: string): { tar: string; blocks: Map<string, number> } {
  const list = `${out}.list`;
  writeFileSync(list, order.join("\n") + "\n");
  run(["tar", "--format=gnu", "--no-recursion", "-cf", out, "-C", root, "-T", list]);
  const blocks = new Map<string, number>();
  for (const line of run(["tar", "-tvRf", out]).split("\n")) {
    const m = /^block (\d+): \S+ \S+ +\d+ \S+ \S+ (.+)$/.exec(line);
    if (m) blocks.set(m[2]!, Number(m[1]));
  }
  return { tar: out, blocks };
}

const gz = (tarFile: string, bytes?: Uint8Array) => {
  const out = `${tarFile}.gz`;
  writeFileSync(out, gzipSync(bytes ?? readFileSync(tarFile)));
  return out;
};

/** The head-ordered tar cut 100 bytes into the data of the first config/layer: a bundle whose tail is gone. */
function cutAfterHead(t: ReturnType<typeof tree>): string {
  const { tar, blocks } = gnuTar(t.root, [...t.head, ...t.tail], path.join(t.w, "cut.tar"));
  const first = blocks.get(t.tail[0]!);
  expect(first).toBeGreaterThan(blocks.get(t.head.at(-1)!)!);
  const bytes = new Uint8Array(readFileSync(tar));
  return gz(tar, bytes.subarray(0, (first! + 1) * 512 + 100));
}

function stub(answer: boolean) {
  const calls: BundleImage[][] = [];
  return { calls, early: async (images: BundleImage[]) => (calls.push(images), answer) };
}

describe("scanBundle's early stop", () => {
  test("head order: asked once with every image (manifests read, blobs as the manifests name them); true → partial", async () => {
    const t = tree();
    const file = gz(gnuTar(t.root, [...t.head, ...t.tail], path.join(t.w, "head.tar")).tar);
    const s = stub(true);
    const index = await scanBundle(file, undefined, undefined, s.early);
    expect(s.calls).toHaveLength(1);
    expect(index.partial).toBe(true);
    expect(index.releaseEntry).toBe("app.tar.gz");
    expect(index.meta.appSlug).toBe("acme");
    const byName = new Map(s.calls[0]!.map((i) => [i.source, i]));
    expect([...byName.keys()].sort()).toEqual(["docker.io/library/redis:7.2", "ghcr.io/acme/web:1.0"]);
    expect(byName.get("docker.io/library/redis:7.2")!.top.digest).toBe(t.redis.manifests[0]!);
    expect(byName.get("ghcr.io/acme/web:1.0")!.children.map((c) => c.digest).sort()).toEqual(t.web.manifests.slice(1).sort());
    expect(byName.get("docker.io/library/redis:7.2")!.blobs.map((b) => b.digest).sort()).toEqual(t.redis.blobs.map((b) => b.digest).sort());
  });

  test("head order, false → the full pass (not partial, same images)", async () => {
    const t = tree();
    const file = gz(gnuTar(t.root, [...t.head, ...t.tail], path.join(t.w, "head.tar")).tar);
    const s = stub(false);
    const index = await scanBundle(file, undefined, undefined, s.early);
    expect(s.calls).toHaveLength(1);
    expect(index.partial).toBeUndefined();
    expect(index.images.map((i) => i.source).sort()).toEqual(["docker.io/library/redis:7.2", "ghcr.io/acme/web:1.0"]);
  });

  test("head order, tail cut off: true → partial without reading the tail; false or no check → truncated", async () => {
    const t = tree();
    const file = cutAfterHead(t);
    expect((await scanBundle(file, undefined, undefined, stub(true).early)).partial).toBe(true);
    for (const early of [stub(false).early, undefined]) {
      let err: unknown;
      try {
        await scanBundle(file, undefined, undefined, early);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(AirgapBundleError);
      expect((err as AirgapBundleError).code).toBe("truncated");
    }
  });

  test("name order (GNU tar --sort=name: blobs before the links): never asked, read whole", async () => {
    const t = tree();
    const out = path.join(t.w, "sorted.airgap");
    run(["tar", "--format=gnu", "--sort=name", "-czf", out, "-C", t.root, "."]);
    const s = stub(true);
    const index = await scanBundle(out, undefined, undefined, s.early);
    expect(s.calls).toHaveLength(0);
    expect(index.partial).toBeUndefined();
    expect(index.images).toHaveLength(2);
  });

  test("a config before the manifests (head otherwise complete): never asked", async () => {
    const t = tree();
    const config = t.tail.find((f) => f.includes(t.redis.blobs[0]!.digest.slice(7)))!;
    expect(config).toBeDefined();
    const order = [...t.head.slice(0, 2), config, ...t.head.slice(2), ...t.tail.filter((f) => f !== config)];
    const file = gz(gnuTar(t.root, order, path.join(t.w, "mixed.tar")).tar);
    const s = stub(true);
    const index = await scanBundle(file, undefined, undefined, s.early);
    expect(s.calls).toHaveLength(0);
    expect(index.partial).toBeUndefined();
  });
});
