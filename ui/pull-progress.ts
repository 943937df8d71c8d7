/**
 * The state of `kots pull`'s image copy view, folded from the image step's events
 * (src/pull/images.ts PullImageEvent) by a pure reducer. Bytes in bytes, times in ms.
 */
import type { PullImageEvent, ImagePhase } from "../src/pull/images.ts";

/** One image of one phase. */
export interface ImageRow {
  image: string;
  target: string;
  bytesDone: number;
  bytesTotal: number;
  blobsDone: number;
  blobsTotal: number;
  /** bytes actually transferred (skipped and mounted blobs excluded), set when done */
  bytesCopied?: number;
  /** blobs that were already there (exists) or mounted */
  blobsSkipped: number;
  done: boolean;
  ms?: number;
}

export interface PullProgressState {
  phase?: ImagePhase;
  /** where the current phase copies to (layout directory or registry host) */
  to?: string;
  rows: ImageRow[];
  total: { bytesDone: number; bytesTotal: number; imagesDone: number; imagesTotal: number };
  /** the last retry, in words */
  lastRetry?: string;
}

export const initialPullProgress: PullProgressState = { rows: [], total: { bytesDone: 0, bytesTotal: 0, imagesDone: 0, imagesTotal: 0 } };

/** Folds one event into the state (rows of the current phase only). Pure. */
export function pullProgressReducer(s: PullProgressState, e: PullImageEvent): PullProgressState {
  const patch = (image: string, f: (r: ImageRow) => ImageRow): PullProgressState => ({ ...s, rows: s.rows.map((r) => (r.image === image ? f(r) : r)) });
  switch (e.type) {
    case "phase-started":
      return { ...s, phase: e.phase, to: e.to, rows: [], total: { bytesDone: 0, bytesTotal: 0, imagesDone: 0, imagesTotal: e.images } };
    case "image-planned":
      return { ...s, rows: [...s.rows.filter((r) => r.image !== e.image), { image: e.image, target: e.target, bytesDone: 0, bytesTotal: e.bytes, blobsDone: 0, blobsTotal: e.blobs, blobsSkipped: 0, done: false }] };
    case "image-progress":
      return patch(e.image, (r) => ({ ...r, bytesDone: e.bytesDone, bytesTotal: e.bytesTotal, blobsDone: e.blobsDone, blobsTotal: e.blobsTotal }));
    case "blob-done":
      return e.action === "copied" ? s : patch(e.image, (r) => ({ ...r, blobsSkipped: r.blobsSkipped + 1 }));
    case "total-progress":
      return { ...s, total: { bytesDone: e.bytesDone, bytesTotal: e.bytesTotal, imagesDone: e.imagesDone, imagesTotal: e.imagesTotal } };
    case "retry":
      return { ...s, lastRetry: `retry ${e.attempt}: ${e.what}: ${e.reason}` };
    case "image-done":
      return patch(e.image, (r) => ({ ...r, done: true, bytesDone: r.bytesTotal, blobsDone: r.blobsTotal, bytesCopied: e.bytesCopied, ms: e.ms }));
    default:
      return s;
  }
}

/** `12.3 MB` (decimal units, as registries and skopeo print sizes). */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ["kB", "MB", "GB", "TB"];
  let v = n / 1000;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v >= 100 ? v.toFixed(0) : v.toFixed(1)} ${units[i]}`;
}
