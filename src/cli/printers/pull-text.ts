/**
 * `kots pull`'s image copy as plain lines on stderr (no TTY, no --output json): a line when a
 * phase's images are planned, one per image when it is done (bytes copied, blobs x/y and how many were already
 * there), the total at most every `everyMs` ms while bytes move, and retries. Pure apart from the clock
 * passed in: `lines` returns what to print for one event.
 */
import type { PullImageEvent } from "../../pull/images.ts";
import { formatBytes } from "../../../ui/pull-progress.ts";

/** A stateful line maker for one run. */
export function pullTextPrinter(everyMs = 2000, now: () => number = Date.now): (e: PullImageEvent) => string[] {
  let lastTotal = 0;
  let imagesDone = 0;
  let imagesTotal = 0;
  const skipped = new Map<string, number>();
  const blobs = new Map<string, number>();
  // the phase's line waits for its first planned image: a failure while reading the manifests
  // (a missing image, an unreachable registry) is then the run's only line
  let header: string | undefined;
  return (e) => {
    switch (e.type) {
      case "phase-started":
        imagesDone = 0;
        imagesTotal = e.images;
        skipped.clear();
        header = e.phase === "pull" ? `Pulling ${e.images} image${e.images === 1 ? "" : "s"} into ${e.to}` : `Pushing ${e.images} image${e.images === 1 ? "" : "s"} to ${e.to}`;
        return [];
      case "image-planned": {
        blobs.set(e.image, e.blobs);
        const out = header ? [header] : [];
        header = undefined;
        return out;
      }
      case "blob-done":
        if (e.action !== "copied") skipped.set(e.image, (skipped.get(e.image) ?? 0) + 1);
        return [];
      case "total-progress": {
        const t = now();
        if (e.bytesDone === 0 || e.bytesDone === e.bytesTotal || t - lastTotal < everyMs) return [];
        lastTotal = t;
        return [`  ${formatBytes(e.bytesDone)} / ${formatBytes(e.bytesTotal)} (${Math.floor((100 * e.bytesDone) / Math.max(1, e.bytesTotal))} %), ${e.imagesDone}/${e.imagesTotal} images`];
      }
      case "retry":
        // retries of blob transfers are worth a line; request retries before the plan (pings,
        // manifests) end in the error line anyway
        return e.image && !header ? [`  retry ${e.attempt} in ${e.delayMs} ms: ${e.what}: ${e.reason}`] : [];
      case "image-done": {
        imagesDone++;
        const n = blobs.get(e.image) ?? 0;
        const there = skipped.get(e.image) ?? 0;
        return [`  [${imagesDone}/${imagesTotal}] ${e.image} → ${e.target}: ${formatBytes(e.bytesCopied)} copied, ${n} blob${n === 1 ? "" : "s"}${there ? ` (${there} already there)` : ""}, ${(e.ms / 1000).toFixed(1)} s`];
      }
      default:
        return [];
    }
  };
}
