import { initialPullProgress, pullProgressReducer, type PullProgressState } from "../../ui/pull-progress.ts";
import type { PullImageEvent } from "../../src/pull/images.ts";

/** A pull phase then a push phase of one image (2 blobs, one already in the registry), folded. */
export function foldPull(): PullProgressState {
  const img = { image: "reg/a:1", target: "oci:/l:a" };
  const pushed = { image: "oci:/l:a", target: "127.0.0.1:5000/m/a:1" };
  const events: PullImageEvent[] = [
    { type: "phase-started", phase: "pull", images: 1, to: "/l" },
    { type: "image-planned", phase: "pull", ...img, digest: "sha256:x", manifests: 1, blobs: 2, bytes: 3000 },
    { type: "image-done", phase: "pull", ...img, digest: "sha256:x", bytesCopied: 3000, ms: 5 },
    { type: "phase-started", phase: "push", images: 1, to: "127.0.0.1:5000" },
    { type: "image-planned", phase: "push", ...pushed, digest: "sha256:x", manifests: 1, blobs: 2, bytes: 3000 },
    { type: "total-progress", phase: "push", bytesDone: 0, bytesTotal: 3000, imagesDone: 0, imagesTotal: 1 },
    { type: "blob-done", phase: "push", ...pushed, digest: "sha256:b1", bytes: 2000, action: "exists" },
    { type: "image-progress", phase: "push", ...pushed, bytesDone: 2500, bytesTotal: 3000, blobsDone: 1, blobsTotal: 2 },
    { type: "blob-done", phase: "push", ...pushed, digest: "sha256:b2", bytes: 1000, action: "copied" },
    { type: "image-done", phase: "push", ...pushed, digest: "sha256:x", bytesCopied: 1000, ms: 7 },
    { type: "total-progress", phase: "push", bytesDone: 3000, bytesTotal: 3000, imagesDone: 1, imagesTotal: 1 },
  ];
  return events.reduce(pullProgressReducer, initialPullProgress);
}
