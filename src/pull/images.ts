/**
 * The image step of `kots pull` (issue 13 parts 1, 3 and 5): every image of images.json copied
 * from its source into `<app>/images/` (an OCI image layout, each image named there by its
 * normalised source reference), then, with a rewrite target, pushed from that layout to its
 * destination (`<endpoint>/<namespace>/<last segment>`). Both are `copyImages` calls of the copy
 * engine (src/registry/copy), so a re-run copies only what is missing: blobs already in the layout
 * are not downloaded again, blobs already in the registry are not uploaded again.
 *
 * Runs before the tree is written (pull.ts), so a bad registry, bad credentials or a missing
 * image leave nothing outside a temporary directory: a fresh layout is made in a temporary
 * directory beside `<app>/` and moved into the tree only after every image is there; a re-run
 * resumes in `<app>/images/` itself (only verified, complete blobs are ever stored there).
 *
 * Units: bytes, ms.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { CliError, InterruptedError, UsageError } from "../errors.ts";
import { copyImages, CopyError, resolveCredentials, type CopyEvent, type CopyOptions, type CopyResult, type EndpointOptions } from "../registry/copy/index.ts";
import { RegistryClient } from "../registry/copy/client.ts";
import type { ImagesJson } from "./copy-plan.ts";

/** The two copies of a pull: registry → `<app>/images/`, then `<app>/images/` → the private registry. */
export type ImagePhase = "pull" | "push";

/**
 * What the image step reports: the copy engine's CopyEvents tagged with their phase, and
 * `phase-started` before each phase (`images`: how many images it copies, `to`: the layout
 * directory or the registry host).
 */
export type PullImageEvent = (CopyEvent & { phase: ImagePhase }) | { type: "phase-started"; phase: ImagePhase; images: number; to: string };

/** Where and how to push (the rewrite target of the pull). */
export interface PushTarget {
  /** registry host[:port] */
  host: string;
  /** plain HTTP (the endpoint was given as http://…) */
  plainHttp: boolean;
  /** explicit credentials (flags or the Docker config entry pull already found); else anonymous */
  username?: string;
  password?: string;
}

/** Inputs of the image step. */
export interface ImageStepOptions {
  /** the image records pull wrote (app images and the Admin Console's) */
  doc: ImagesJson;
  /** the OCI layout to fill (see prepareLayout) */
  layoutDir: string;
  /** how messages and `phase-started` name the layout (default layoutDir; kots pull: `<app>/images`, where it ends up) */
  layoutName?: string;
  /** push to this registry (images with a destination only); undefined: pull into the layout only */
  push?: PushTarget;
  /** PEM CA file trusted for the source registries and the target */
  caFile?: string;
  /** `os/arch[/variant]`: only that platform of multi-arch images */
  platform?: string;
  /** Ctrl-C: the copy stops, partial files are removed, the step throws the signal's reason */
  signal?: AbortSignal;
  /** blob transfers at once (default: the engine's 4) */
  parallel?: number;
  /**
   * The proxy registry and the license credentials for the images images.json marks `proxied`:
   * those are pulled from their proxy reference (KOTS rewriteOneImage), in a pull phase of their
   * own, so that the license ID goes to the proxy host only. Without it they are pulled from their source.
   */
  proxySource?: { host: string; username: string; password: string };
}

/** What the image step did: one CopyResult per image and phase. */
export interface ImageStepResult {
  pulled: CopyResult[];
  pushed: CopyResult[];
}

/** A layout directory for the image step: `<app>/images/` when a previous pull left one (resume), else a fresh temporary one. */
export interface PreparedLayout {
  dir: string;
  /** true: a temporary directory to move into the tree as images/ (or remove on failure) */
  fresh: boolean;
  /** removes what prepareLayout created (a fresh layout and any parent directories it made) */
  discard(): void;
}

/**
 * The layout to copy into: `<appDir>/images` when it exists (a re-run resumes there), else a new
 * directory `<parent>/.<app>.images-XXXXXX` beside appDir (the parent is created when missing and
 * removed again by `discard`). Throws UsageError when the parent cannot be written.
 */
export function prepareLayout(appDir: string, rootDirFlag: string): PreparedLayout {
  const existing = path.join(appDir, "images");
  if (existsSync(path.join(existing, "oci-layout"))) return { dir: existing, fresh: false, discard: () => {} };
  const parent = path.dirname(appDir);
  let created: string | undefined;
  try {
    created = mkdirSync(parent, { recursive: true });
    const dir = mkdtempSync(path.join(parent, `.${path.basename(appDir)}.images-`));
    return {
      dir,
      fresh: true,
      discard: () => {
        rmSync(dir, { recursive: true, force: true });
        if (created) rmSync(created, { recursive: true, force: true });
      },
    };
  } catch (err) {
    if (created) rmSync(created, { recursive: true, force: true });
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOSPC" || code === "EDQUOT") throw new UsageError(`${rootDirFlag}: the disk is full (no space left on device): free some space or choose another --rootdir; nothing was written`);
    throw new UsageError(`${rootDirFlag} cannot be written (${code === "EROFS" ? "read-only file system" : "permission denied"}): choose another --rootdir; nothing was written`);
  }
}

/**
 * The distinct images to copy: normalised source (the layout name), destination?, and `from`, where
 * to pull it with the license ID (KOTS rewriteOneImage): its proxy reference when images.json marks
 * it proxied, the image itself when it is private and on the proxy host or the Replicated registry
 * (kept as written); app images first.
 */
export function imagesToCopy(doc: ImagesJson): { source: string; destination?: string; from?: string }[] {
  const seen = new Map<string, { source: string; destination?: string; from?: string }>();
  const licensed = new Set([doc.proxy, doc.replicatedRegistry].filter((h): h is string => h !== undefined));
  for (const m of [...doc.images, ...doc.adminConsoleImages]) {
    if (seen.has(m.normalized)) continue;
    const from = m.proxied ?? (m.private && licensed.has(m.normalized.split("/")[0]!) ? m.source : undefined);
    seen.set(m.normalized, { source: m.normalized, destination: m.destination, ...(from ? { from } : {}) });
  }
  return [...seen.values()];
}

/**
 * Runs the image step (see the module comment). Before anything is downloaded, the target
 * registry is pinged with the credentials (a wrong password fails in a second, not after the
 * pull). Throws: the signal's reason (InterruptedError, exit 130) when aborted; UsageError
 * (exit 2) for bad input: a registry that is unreachable, refuses the credentials, or is no
 * registry, an image or platform that does not exist, a digest mismatch, a full disk; CliError
 * (exit 1) for other failures. Every message is one line naming the image (and the registry), never a credential.
 */
export async function runImageStep(o: ImageStepOptions, onEvent: (e: PullImageEvent) => void): Promise<ImageStepResult> {
  const list = imagesToCopy(o.doc);
  const src: EndpointOptions = { plainHttp: "loopback", caFile: o.caFile };
  const base: CopyOptions = { signal: o.signal, platform: o.platform, ...(o.parallel ? { parallel: o.parallel } : {}) };
  const names = list.flatMap((i) => (i.from ? [i.source, i.from] : [i.source]));
  const pushList = o.push ? list.filter((i) => i.destination) : [];
  try {
    if (o.push && pushList.length > 0) {
      const dst: EndpointOptions = { plainHttp: o.push.plainHttp, caFile: o.caFile };
      const creds = resolveCredentials(o.push.host, { username: o.push.username, password: o.push.password });
      await new RegistryClient(o.push.host, dst, creds, { retries: 2, backoffMs: 250, timeoutMs: 30_000 }).ping();
    }
    const viaProxy = o.proxySource ? list.filter((i) => i.from) : [];
    const direct = list.filter((i) => !viaProxy.includes(i));
    let pulled: CopyResult[] = [];
    if (direct.length > 0 || viaProxy.length === 0) {
      onEvent({ type: "phase-started", phase: "pull", images: direct.length, to: o.layoutName ?? o.layoutDir });
      pulled = await copyImages(
        direct.map((i) => ({ src: i.source, dst: { layout: o.layoutDir, name: i.source } })),
        { ...base, src, dst: {} },
        (e) => onEvent({ ...e, phase: "pull" }),
      );
    }
    if (viaProxy.length > 0) {
      const p = o.proxySource!;
      onEvent({ type: "phase-started", phase: "pull", images: viaProxy.length, to: `${o.layoutName ?? o.layoutDir} (private images, through ${p.host})` });
      pulled.push(
        ...(await copyImages(
          viaProxy.map((i) => ({ src: i.from!, dst: { layout: o.layoutDir, name: i.source } })),
          { ...base, src: { ...src, username: p.username, password: p.password }, dst: {} },
          (e) => onEvent({ ...e, phase: "pull" }),
        )),
      );
    }
    let pushed: CopyResult[] = [];
    if (o.push && pushList.length > 0) {
      onEvent({ type: "phase-started", phase: "push", images: pushList.length, to: o.push.host });
      pushed = await copyImages(
        pushList.map((i) => ({ src: { layout: o.layoutDir, name: i.source }, dst: i.destination! })),
        // the layout holds the one platform already; pushing it needs no filter
        { ...base, platform: undefined, src: {}, dst: { plainHttp: o.push.plainHttp, caFile: o.caFile, username: o.push.username, password: o.push.password } },
        (e) => onEvent({ ...e, phase: "push" }),
      );
    }
    return { pulled, pushed };
  } catch (err) {
    if (o.signal?.aborted) throw o.signal.reason instanceof Error ? o.signal.reason : new InterruptedError();
    throw imageStepError(err, names, o.layoutDir, o.layoutName);
  }
}

/**
 * CopyError codes that are the operator's input (exit 2) when images are pulled from a registry
 * (kots pull, kots airgap build): the registry, the credentials, the image, the disk.
 */
export const PULL_BAD_INPUT_CODES: ReadonlySet<string> = new Set(["unreachable", "unauthorized", "not-registry", "bad-endpoint", "bad-reference", "not-found", "digest-mismatch", "disk-full"]);

const FIX: Record<string, string> = {
  unreachable: "check the registry address and the network (--ca-file for a private CA)",
  unauthorized: "check --registry-username and the password, or docker login to that registry",
  "not-registry": "check the registry address",
  "bad-endpoint": "check --registry-endpoint and --ca-file",
  "bad-reference": "fix the image in the release",
  "not-found": "check the image's name, tag and --platform in the release",
  "digest-mismatch": "run kots pull again (the bad blob was removed)",
  "disk-full": "free some space or choose another --rootdir",
};

/**
 * A copy failure as the CLI's error: one line `image copy: <engine message>: <fix>`, prefixed with
 * the first image whose registry the message names when it names no image itself. Exit 2 for
 * the codes in PULL_BAD_INPUT_CODES, 1 otherwise.
 */
export function imageStepError(err: unknown, images: readonly string[], layoutDir: string, layoutName = layoutDir): CliError {
  if (err instanceof CliError) return err;
  if (!(err instanceof CopyError)) return new CliError(`image copy: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`, 1);
  let msg = layoutDir ? err.message.split(layoutDir).join(layoutName) : err.message;
  if (!images.some((i) => msg.includes(i))) {
    const hit = images.find((i) => msg.includes(i.split("/")[0]!));
    if (hit) msg = `${hit}: ${msg}`;
  }
  const fix = FIX[err.code];
  const line = `image copy: ${msg}${fix ? `: ${fix}` : ""}`;
  return PULL_BAD_INPUT_CODES.has(err.code) ? new UsageError(line) : new CliError(line, 1);
}
