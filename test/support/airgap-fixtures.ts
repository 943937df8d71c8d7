/**
 * Airgap bundles made for tests without our writer: the trees are laid out here by hand from the
 * formats' definitions (docker-distribution's filesystem storage paths; `docker save`'s
 * manifest.json + `<id>/layer.tar` + `<hex>.json` config) and packed with GNU tar, so the reader
 * is checked against an independent writer.
 */
import { randomBytes } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildImage, type BuiltImage } from "./oci-images.ts";

export const sha256 = (b: Uint8Array) => "sha256:" + new Bun.CryptoHasher("sha256").update(b).digest("hex");

function sh(argv: string[], cwd?: string): void {
  const r = Bun.spawnSync(argv, { cwd, stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`${argv.join(" ")} failed: ${r.stderr.toString()}`);
}

/** A fresh temporary directory (the caller removes it). */
export function tempDir(prefix = "kots-airgap-test-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** airgap.yaml text. */
export function airgapYaml(spec: Record<string, unknown>): string {
  return `apiVersion: kots.io/v1beta1\nkind: Airgap\nmetadata:\n  creationTimestamp: null\nspec:\n${Object.entries(spec)
    .map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`)
    .join("\n")}\n`;
}

/** Writes `files` (relative path → text) as `<root>/app.tar.gz` with GNU tar. */
export function writeReleaseArchive(root: string, files: Record<string, string>): void {
  const d = tempDir("kots-airgap-release-");
  for (const [f, t] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(d, f)), { recursive: true });
    writeFileSync(path.join(d, f), t);
  }
  sh(["tar", "czf", path.join(root, "app.tar.gz"), "-C", d, ...Object.keys(files)]);
  rmSync(d, { recursive: true, force: true });
}

/** Packs `root` into a .airgap (tar.gz, entries `./…` as KOTS's archiver writes them relative). */
export function packBundle(root: string, out: string, format: "gnu" | "pax" = "gnu"): string {
  sh(["tar", `--format=${format}`, "-czf", out, "-C", root, "."]);
  return out;
}

/** One docker save layer: bytes (a small tar of one random file). */
export function makeLayer(size: number): Uint8Array {
  const d = tempDir("kots-airgap-layer-");
  writeFileSync(path.join(d, "data.bin"), randomBytes(size));
  const out = path.join(d, "layer.tar");
  sh(["tar", "cf", out, "-C", d, "data.bin"]);
  const b = new Uint8Array(readFileSync(out));
  rmSync(d, { recursive: true, force: true });
  return b;
}

/**
 * A `docker save` tarball (legacy layout: `<id>/layer.tar`, `<confighex>.json`, manifest.json,
 * repositories) of `layers` with RepoTags `[repoTag]`, written to `out`. Returns the config
 * digest and each layer's digest (= diff_id, the layers being uncompressed).
 */
export function writeDockerArchive(out: string, repoTag: string, layers: Uint8Array[], opts: { badDiffId?: boolean } = {}): { config: string; layers: string[] } {
  const d = tempDir("kots-airgap-save-");
  const digests = layers.map(sha256);
  const names: string[] = [];
  layers.forEach((l, i) => {
    const id = digests[i]!.slice(7);
    mkdirSync(path.join(d, id));
    writeFileSync(path.join(d, id, "layer.tar"), l);
    writeFileSync(path.join(d, id, "VERSION"), "1.0");
    writeFileSync(path.join(d, id, "json"), JSON.stringify({ id }));
    names.push(`${id}/layer.tar`);
  });
  const diffIds = opts.badDiffId ? digests.map((x, i) => (i === 0 ? sha256(new Uint8Array([1, 2, 3])) : x)) : digests;
  const config = new TextEncoder().encode(JSON.stringify({ architecture: "amd64", os: "linux", config: {}, rootfs: { type: "layers", diff_ids: diffIds } }));
  const cd = sha256(config);
  writeFileSync(path.join(d, `${cd.slice(7)}.json`), config);
  writeFileSync(path.join(d, "manifest.json"), JSON.stringify([{ Config: `${cd.slice(7)}.json`, RepoTags: [repoTag], Layers: names }]));
  writeFileSync(path.join(d, "repositories"), "{}");
  sh(["tar", "cf", out, "-C", d, ...readdirSync(d)]);
  rmSync(d, { recursive: true, force: true });
  return { config: cd, layers: digests };
}

/**
 * Lays out images of an OCI layout (test/support/oci-images.ts) as docker-distribution's
 * filesystem driver stores them, under `<root>/images/docker/registry/v2`: blobs/sha256/<2>/<hex>/data,
 * repositories/<repo>/_manifests/tags/<tag>/current/link, …/revisions/sha256/<hex>/link,
 * …/_layers/sha256/<hex>/link. `images`: repository (last segment) and tag → the built image.
 */
export function writeStorageTree(root: string, layout: string, images: Array<{ repo: string; tag: string; manifests: string[]; blobs: Array<{ digest: string }> }>): void {
  const v2 = path.join(root, "images/docker/registry/v2");
  const blob = (dg: string) => {
    const hex = dg.slice(7);
    const dir = path.join(v2, "blobs/sha256", hex.slice(0, 2), hex);
    mkdirSync(dir, { recursive: true });
    cpSync(path.join(layout, "blobs/sha256", hex), path.join(dir, "data"));
  };
  const link = (rel: string, dg: string) => {
    mkdirSync(path.join(v2, path.dirname(rel)), { recursive: true });
    writeFileSync(path.join(v2, rel), dg);
  };
  for (const img of images) {
    const repo = `repositories/${img.repo}`;
    link(`${repo}/_manifests/tags/${img.tag}/current/link`, img.manifests[0]!);
    link(`${repo}/_manifests/tags/${img.tag}/index/sha256/${img.manifests[0]!.slice(7)}/link`, img.manifests[0]!);
    for (const m of img.manifests) {
      blob(m);
      link(`${repo}/_manifests/revisions/sha256/${m.slice(7)}/link`, m);
    }
    for (const b of img.blobs) {
      blob(b.digest);
      link(`${repo}/_layers/sha256/${b.digest.slice(7)}/link`, b.digest);
    }
  }
}

/**
 * The two-image registry-storage tree the bundle tests share: redis:7.2 (one platform, layers of
 * 3000 and 70 000 bytes) and web:1.0 (linux/amd64 and linux/arm64, one 5000-byte layer) built in
 * `<w>/layout` and laid out by {@link writeStorageTree} under `<w>/root` (created here; the caller
 * adds airgap.yaml and the release). @returns the root and both images as built
 */
export function writeRedisWebTree(w: string): { root: string; redis: BuiltImage; web: BuiltImage } {
  const layout = path.join(w, "layout");
  const redis = buildImage(layout, { name: "redis", layers: [3000, 70_000] });
  const web = buildImage(layout, { name: "web", layers: [5000], platforms: [{ os: "linux", architecture: "amd64" }, { os: "linux", architecture: "arm64" }] });
  const root = path.join(w, "root");
  mkdirSync(root);
  writeStorageTree(root, layout, [
    { repo: "redis", tag: "7.2", ...redis },
    { repo: "web", tag: "1.0", ...web },
  ]);
  return { root, redis, web };
}
