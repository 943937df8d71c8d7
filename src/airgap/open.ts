/**
 * openAirgapBundle: the checking pass (scan.ts), the app check, and the release files of
 * `app.tar.gz` read on demand by streaming the bundle again.
 */
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { AirgapBundleError } from "./errors.ts";
import { CopyError } from "../registry/copy/errors.ts";
import type { AirgapBundle, AirgapPushTarget } from "./index.ts";
import type { BundleImage, BundleIndex } from "./model.ts";
import { scanBundle } from "./scan.ts";
import { bundleEntries, bundleError } from "./source.ts";
import { allManifestsPresent } from "./target.ts";
import { tarEntries, readEntry } from "./tar-read.ts";

const indexes = new WeakMap<AirgapBundle, BundleIndex>();

/** The checked structure behind a bundle opened by openAirgapBundle (for push.ts). */
export function bundleIndex(b: AirgapBundle): BundleIndex {
  const i = indexes.get(b);
  if (!i) throw new Error("pushAirgapImages needs a bundle made by openAirgapBundle");
  return i;
}

/** Largest release file read (bytes); release files are YAML and charts, far smaller. */
const MAX_RELEASE_FILE = 64 * 1024 * 1024;

async function readRelease(index: BundleIndex): Promise<Array<{ file: string; text: string }>> {
  const file = index.file;
  if (!index.releaseEntry) throw new AirgapBundleError("missing-image", file, `${file} has no app.tar.gz (the release): build or download the bundle again`);
  const out: Array<{ file: string; text: string }> = [];
  try {
    for await (const e of bundleEntries(file)) {
      if (e.name !== index.releaseEntry) continue;
      const inner = Readable.from(e.body()).pipe(createGunzip());
      const dec = new TextDecoder();
      for await (const f of tarEntries(inner as AsyncIterable<Uint8Array>)) {
        if (f.type !== "file") continue;
        // callers may write these paths: none may leave the release's directory
        if (f.name.startsWith("/") || f.name.split("/").includes(".."))
          throw new AirgapBundleError("corrupt", file, `${file}: app.tar.gz holds the path "${f.name}", which leaves the release directory: the bundle is not a vendor's, get it again`);
        out.push({ file: f.name, text: dec.decode(await readEntry(f, MAX_RELEASE_FILE)) });
      }
      return out;
    }
  } catch (err) {
    throw bundleError(file, err);
  }
  throw new AirgapBundleError("truncated", file, `${file} changed since it was opened (app.tar.gz is gone): open it again`);
}

/** {@inheritDoc index.openAirgapBundle} */
export async function openAirgapBundle(
  file: string,
  opts: { expectAppSlug?: string; onEvent?: (e: { type: "bundle-read"; file: string; bytesRead: number; bytesTotal: number }) => void; signal?: AbortSignal; presentAt?: AirgapPushTarget } = {},
): Promise<AirgapBundle> {
  let last = 0;
  const onRead = opts.onEvent && ((bytesRead: number, bytesTotal: number) => {
    const now = Date.now();
    if (now - last < 100 && bytesRead < bytesTotal) return;
    last = now;
    opts.onEvent!({ type: "bundle-read", file, bytesRead, bytesTotal });
  });
  const target = opts.presentAt;
  // the re-run check: a registry that cannot answer now leaves the full pass to run (the push reports it)
  const early =
    target &&
    (async (images: BundleImage[]) => {
      try {
        return await allManifestsPresent(images, target);
      } catch (err) {
        if (err instanceof CopyError) return false;
        throw err;
      }
    });
  const index = await scanBundle(file, onRead, opts.signal, early);
  if (opts.expectAppSlug !== undefined && index.meta.adminConsole)
    throw new AirgapBundleError("wrong-app", file, `${file} is KOTS's Admin Console bundle (kotsadm.tar.gz), not a bundle of app ${opts.expectAppSlug}: give the app's .airgap bundle`);
  if (opts.expectAppSlug !== undefined && index.meta.appSlug !== opts.expectAppSlug)
    throw new AirgapBundleError(
      "wrong-app",
      file,
      `${file} is a bundle of app ${index.meta.appSlug}, but the license is for ${opts.expectAppSlug}: use the ${opts.expectAppSlug} bundle (or that app's license)`,
    );
  const bundle: AirgapBundle = {
    file,
    meta: index.meta,
    images: index.images.map((i) => i.source),
    releaseFiles: () => readRelease(index),
  };
  indexes.set(bundle, index);
  return bundle;
}
