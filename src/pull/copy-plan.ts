/**
 * The hand-over from `kots pull` to the image copy engine (src/registry/copy, issue 13 part 3):
 * `<app>/images.json`, written by pull, lists every image found with its destination; `copyJobs`
 * turns it into the engine's `copyImages` jobs (source: the normalised reference; destination:
 * the private-registry reference), registry to registry. kots pull itself goes through its image
 * layout instead (src/pull/images.ts: source → `<app>/images/` → destination).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { CopyJob } from "../registry/copy/index.ts";
import type { ImageMapping } from "./rewrite.ts";

/** The document `kots pull` writes to `<app>/images.json`. */
export interface ImagesJson {
  app: string;
  /** the rewrite target, null without --rewrite-images */
  registry: { host: string; namespace: string } | null;
  /**
   * With a license: the proxy registry host; images marked `proxied` are pulled from there (with
   * the license ID, never written here) and, without a rewrite target, deployed from there.
   */
  proxy?: string;
  /** with `proxy`: the Replicated registry host (its images, private, are pulled with the license ID too) */
  replicatedRegistry?: string;
  /** the app's images (base and the Application's additionalImages) */
  images: ImageMapping[];
  /** the Admin Console's images (empty with --exclude-admin-console) */
  adminConsoleImages: ImageMapping[];
}

/** Reads `<appDir>/images.json`. Throws the fs error when absent, SyntaxError when not JSON. */
export function readImagesJson(appDir: string): ImagesJson {
  return JSON.parse(readFileSync(path.join(appDir, "images.json"), "utf8")) as ImagesJson;
}

/**
 * One copy job per distinct source with a destination (app images, then the Admin Console's),
 * e.g. {src: "docker.io/library/redis:7.2-alpine", dst: "127.0.0.1:5000/acme/redis:7.2-alpine"}.
 * Empty when the pull had no --rewrite-images (nothing to copy to).
 */
export function copyJobs(doc: ImagesJson): CopyJob[] {
  const seen = new Set<string>();
  const out: CopyJob[] = [];
  for (const m of [...doc.images, ...doc.adminConsoleImages]) {
    if (!m.destination || seen.has(m.normalized)) continue;
    seen.add(m.normalized);
    out.push({ src: m.normalized, dst: m.destination });
  }
  return out;
}
