/**
 * `kots airgap build` (ours; KOTS has no such command — the vendor portal makes bundles): a
 * `.airgap` bundle from a release directory, a license, and the images the release names
 * (manifests and the Application's additionalImages, found as `kots pull` finds them; with
 * `includeAdminConsole`, the Admin Console images of the kotsadm tag too). Images are pulled with
 * the copy engine into a temporary OCI layout (optionally through mirrors: the bundle keeps the
 * original names), then written in the registry-storage layout (`format: docker`) a
 * docker-distribution filesystem driver uses, so digests, multi-arch indexes and shared layers
 * survive. The bundle is written to a temporary file next to the output and renamed at the end.
 */
import { createReadStream, createWriteStream, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { finished } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { parse } from "yaml";
import { copyImages, type CopyEvent, type EndpointOptions } from "../registry/copy/index.ts";
import { indexChildren, isIndex, manifestBlobs, detectMediaType, type Descriptor, type RawManifest } from "../registry/copy/manifest.ts";
import { formatImageRef, imageBaseName, parseImageRef, type ImageRef } from "../registry/image.ts";
import { upstreamImages, KOTSADM_DEFAULT_TAG } from "../manifests/images.ts";
import { renderRelease } from "../pull/base.ts";
import { withHelmCharts } from "../pull/helm-charts.ts";
import { UsageError } from "../errors.ts";
import { distinctImages, imagesOfDocument, type FoundImage } from "../pull/discover.ts";
import type { AirgapMeta } from "./index.ts";
import { formatAirgapYaml } from "./meta.ts";
import { STORAGE_ROOT, storageBlobPath } from "./model.ts";
import { TarWriter } from "./tar-write.ts";

/** A registry mirror: images of registry `from` are pulled from `to` (same repository path), as a containerd mirror. */
export interface ImageMirror {
  from: string;
  to: string;
}

/** Inputs of buildAirgapBundle. Paths as given; sizes in bytes. */
export interface BuildAirgapOptions {
  releaseDir: string;
  /** the license text (already checked by the caller); its appSlug, channel names the bundle */
  license: string;
  /** ConfigValues text used to render the release (image names may depend on config) */
  configValues?: string;
  output: string;
  mirrors?: ImageMirror[];
  /** `os/arch[/variant]`: keep only this platform of multi-arch images */
  platform?: string;
  /** add the Admin Console images of `kotsadmTag` (default the bundled v1.88.0) */
  includeAdminConsole?: boolean;
  kotsadmTag?: string;
  versionLabel?: string;
  releaseNotes?: string;
  /** how to reach the source registries (or their mirrors) */
  src?: EndpointOptions;
  signal?: AbortSignal;
  onEvent?: (e: CopyEvent) => void;
}

export interface BuildAirgapResult {
  file: string;
  appSlug: string;
  /** original references, normalised, as in savedImages */
  images: string[];
  /** bytes of the bundle file */
  bytes: number;
  /** distinct blobs written (manifests included) */
  blobs: number;
}

/** A bad input of the build: one line naming it and the fix (the CLI exits 2). */
export class AirgapBuildInputError extends Error {
  override name = "AirgapBuildInputError";
}

/** Reads `FROM=TO` (`docker.io=127.0.0.1:5001`). Throws AirgapBuildInputError. */
export function parseMirror(s: string): ImageMirror {
  const m = /^([^=\s]+)=([^=\s]+)$/.exec(s);
  if (!m) throw new AirgapBuildInputError(`--image-mirror "${s}" is not FROM=TO (e.g. docker.io=127.0.0.1:5001)`);
  const norm = (h: string) => (h === "index.docker.io" || h === "registry-1.docker.io" ? "docker.io" : h);
  return { from: norm(m[1]!), to: m[2]! };
}

/** The reference to pull `ref` from: its registry replaced by a mirror's, when one matches. */
export function mirrored(ref: ImageRef, mirrors: readonly ImageMirror[]): ImageRef {
  const m = mirrors.find((x) => x.from === ref.registry);
  return m ? { ...ref, registry: m.to } : ref;
}

/**
 * The images a release names (manifests after rendering, its HelmCharts' charts rendered with
 * spec.builder merged over spec.values (src/helm/render.ts), plus the Application's
 * additionalImages). Throws AirgapBuildInputError for a bad image reference or HelmChart.
 */
export async function releaseImages(o: Pick<BuildAirgapOptions, "releaseDir" | "license" | "configValues">, appSlug: string): Promise<string[]> {
  const inputs = { releaseDir: o.releaseDir, license: o.license, configValues: o.configValues, namespace: "default", appSlug };
  let files;
  try {
    files = await withHelmCharts(renderRelease(inputs), inputs, "builder");
  } catch (err) {
    if (err instanceof UsageError) throw new AirgapBuildInputError(err.message);
    throw err;
  }
  const found: FoundImage[] = [];
  for (const f of files) {
    for (const d of f.baseObjects) found.push(...imagesOfDocument(d, f.path));
    for (const d of f.docs) if (d.kind === "Application" && d.apiVersion === "kots.io/v1beta1") found.push(...imagesOfDocument(d, f.path));
  }
  for (const f of found)
    try {
      parseImageRef(f.image);
    } catch (err) {
      throw new AirgapBuildInputError(`${f.file}: ${f.object} ${f.field}: ${(err as Error).message}: fix the image in the release`);
    }
  return distinctImages(found);
}

function listFiles(dir: string, sub = ""): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(dir, sub)).sort()) {
    const rel = sub ? `${sub}/${name}` : name;
    const st = statSync(path.join(dir, rel));
    if (st.isDirectory()) out.push(...listFiles(dir, rel));
    else if (st.isFile()) out.push(rel);
  }
  return out;
}

/** app.tar.gz: every file of the release directory (in memory: releases are YAML and charts). */
async function releaseArchive(dir: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  const { PassThrough } = await import("node:stream");
  const pt = new PassThrough();
  pt.on("data", (c: Uint8Array) => chunks.push(c));
  const w = new TarWriter(pt);
  for (const rel of listFiles(dir)) {
    const b = readFileSync(path.join(dir, rel));
    await w.file(rel, b.byteLength, b);
  }
  await w.end();
  pt.end();
  return Bun.gzipSync(Buffer.concat(chunks));
}

function licenseSpec(text: string): Record<string, unknown> {
  const d = parse(text) as { spec?: Record<string, unknown> } | null;
  return d?.spec ?? {};
}

/**
 * Builds the bundle (see the file comment). Throws AirgapBuildInputError for bad inputs (an image
 * reference that does not parse, two images that would share a repository and tag in the tree),
 * CopyError when an image cannot be pulled (docs/image-copy.md). Nothing is left at `output` on failure.
 */
export async function buildAirgapBundle(o: BuildAirgapOptions): Promise<BuildAirgapResult> {
  const spec = licenseSpec(o.license);
  const appSlug = typeof spec.appSlug === "string" ? spec.appSlug : "";
  if (!appSlug) throw new AirgapBuildInputError("the license has no spec.appSlug: give the app's license");
  const images = await releaseImages(o, appSlug);
  if (o.includeAdminConsole) images.push(...Object.values(upstreamImages(o.kotsadmTag ?? KOTSADM_DEFAULT_TAG)));
  const refs = [...new Map(images.map((i) => parseImageRef(i)).map((r) => [formatImageRef(r), r])).values()];
  // the tree names repositories by the last path segment (KOTS temp_registry SrcRef): no two images may meet there
  const slots = new Map<string, string>();
  for (const r of refs) {
    const key = `${imageBaseName(r)}${r.digest ? "@" + r.digest : ":" + (r.tag ?? "latest")}`;
    const other = slots.get(key);
    if (other) throw new AirgapBuildInputError(`images ${other} and ${formatImageRef(r)} would both be ${key} in the bundle (KOTS names bundle repositories by their last path segment): rename one of them`);
    slots.set(key, formatImageRef(r));
  }
  const work = mkdtempSync(path.join(tmpdir(), "kots-airgap-build-"));
  const tmpOut = `${o.output}.${process.pid}.tmp`;
  try {
    const layout = path.join(work, "layout");
    const results = await copyImages(
      refs.map((r) => ({ src: mirrored(r, o.mirrors ?? []), dst: { layout, name: formatImageRef(r) } })),
      { src: o.src ?? { plainHttp: "loopback" }, platform: o.platform, signal: o.signal },
      o.onEvent,
    );
    const blobFile = (digest: string) => path.join(layout, "blobs", "sha256", digest.slice("sha256:".length));
    const raw = (d: { digest: string; mediaType?: string }): RawManifest => {
      const bytes = new Uint8Array(readFileSync(blobFile(d.digest)));
      return { bytes, digest: d.digest, mediaType: d.mediaType || detectMediaType(bytes, null) };
    };
    // what goes into the tree: per repository its tag, manifests and layers; all blobs once
    const blobs = new Map<string, number>();
    const manifestDigests = new Set<string>();
    let uncompressedLayers = false;
    const repos = new Map<string, { tags: Map<string, string>; revisions: Set<string>; layers: Set<string> }>();
    refs.forEach((r, i) => {
      const top = raw({ digest: results[i]!.digest, mediaType: results[i]!.mediaType });
      const name = imageBaseName(r);
      let repo = repos.get(name);
      if (!repo) repos.set(name, (repo = { tags: new Map(), revisions: new Set(), layers: new Set() }));
      if (!r.digest) repo.tags.set(r.tag ?? "latest", top.digest);
      const manifests = [top, ...(isIndex(top.mediaType) ? indexChildren(top, formatImageRef(r)).map((d) => raw(d)) : [])];
      for (const m of manifests) {
        repo.revisions.add(m.digest);
        manifestDigests.add(m.digest);
        blobs.set(m.digest, m.bytes.byteLength);
        if (isIndex(m.mediaType)) continue;
        for (const b of manifestBlobs(m, formatImageRef(r)) as Descriptor[]) {
          if (/tar$/.test(b.mediaType)) uncompressedLayers = true;
          repo.layers.add(b.digest);
          blobs.set(b.digest, b.size);
        }
      }
    });
    const meta: AirgapMeta = {
      appSlug,
      versionLabel: o.versionLabel ?? "",
      updateCursor: "",
      ...(typeof spec.channelID === "string" ? { channelID: spec.channelID } : {}),
      ...(typeof spec.channelName === "string" ? { channelName: spec.channelName } : {}),
      ...(o.releaseNotes ? { releaseNotes: o.releaseNotes } : {}),
      format: "docker",
      savedImages: refs.map((r) => formatImageRef(r)),
    };
    const out = createWriteStream(tmpOut, { mode: 0o644 });
    // Layers are compressed already (gzip/zstd media types): gzip then only frames them (stored
    // blocks, 0.01 % overhead, CRC-32 kept; Bun's level 1 grew random data by 5 % and took 4.5×
    // as long). Uncompressed layers get the default level.
    const gz = createGzip({ level: uncompressedLayers ? 6 : 0 });
    gz.pipe(out);
    const tw = new TarWriter(gz, Math.floor(Date.now() / 1000));
    const yamlBytes = new TextEncoder().encode(formatAirgapYaml(meta));
    await tw.file("airgap.yaml", yamlBytes.byteLength, yamlBytes);
    const app = await releaseArchive(o.releaseDir);
    await tw.file("app.tar.gz", app.byteLength, app);
    const link = (d: string) => new TextEncoder().encode(d);
    const put = (rel: string, digest: string) => tw.file(STORAGE_ROOT + rel, digest.length, link(digest));
    for (const [name, repo] of [...repos.entries()].sort()) {
      for (const [tag, d] of repo.tags) {
        await put(`repositories/${name}/_manifests/tags/${tag}/current/link`, d);
        await put(`repositories/${name}/_manifests/tags/${tag}/index/sha256/${d.slice(7)}/link`, d);
      }
      for (const d of [...repo.revisions].sort()) await put(`repositories/${name}/_manifests/revisions/sha256/${d.slice(7)}/link`, d);
      for (const d of [...repo.layers].sort()) await put(`repositories/${name}/_layers/sha256/${d.slice(7)}/link`, d);
    }
    // the head first (airgap.yaml, app.tar.gz, the links above, then every manifest and index):
    // a re-push reads only this far when the registry holds every manifest (scan.ts `early`);
    // configs and layers after them. Order inside a tar means nothing to KOTS.
    const heads = [...blobs.entries()].filter(([d]) => manifestDigests.has(d)).sort();
    const rest = [...blobs.entries()].filter(([d]) => !manifestDigests.has(d)).sort();
    for (const [d, size] of [...heads, ...rest]) {
      if (o.signal?.aborted) throw new Error("cancelled");
      await tw.file(STORAGE_ROOT + storageBlobPath(d), size, createReadStream(blobFile(d), { highWaterMark: 1024 * 1024 }));
    }
    await tw.end();
    gz.end();
    await finished(out);
    renameSync(tmpOut, o.output);
    return { file: o.output, appSlug, images: meta.savedImages, bytes: statSync(o.output).size, blobs: blobs.size };
  } finally {
    rmSync(tmpOut, { force: true });
    rmSync(work, { recursive: true, force: true });
  }
}
