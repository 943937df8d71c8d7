// The push-images / airgap build progress view: the bundle line while the file is checked or
// read, and the images' rows folded from the push's events (the copy engine's shapes).
import { describe, expect, test } from "bun:test";
import { render } from "ink-testing-library";
import { AirgapPushProgress } from "../../ui/AirgapPushProgress.tsx";
import { initialPullProgress, pullProgressReducer, type PullProgressState } from "../../ui/pull-progress.ts";
import type { PullImageEvent } from "../../src/pull/images.ts";

const fold = (events: PullImageEvent[]): PullProgressState => events.reduce(pullProgressReducer, initialPullProgress);
const image = "docker.io/library/redis:7.2";
const target = "127.0.0.1:5000/acme/redis:7.2";

describe("airgap push progress", () => {
  test("checking the bundle: the file line only, with bytes and percent", () => {
    const { lastFrame } = render(<AirgapPushProgress state={initialPullProgress} bundle={{ file: "/tmp/shop.airgap", bytesRead: 250_000_000, bytesTotal: 500_000_000, checking: true }} unicode={false} />);
    const f = lastFrame()!;
    expect(f).toContain("Checking /tmp/shop.airgap: 250 MB / 500 MB (50 %)");
    expect(f).not.toContain("Pushing");
  });

  test("pushing: the images' rows under the read line, blobs already there counted", () => {
    const state = fold([
      { type: "phase-started", phase: "push", images: 1, to: "127.0.0.1:5000/acme" },
      { type: "image-planned", phase: "push", image, target, digest: "sha256:1", manifests: 1, blobs: 2, bytes: 3000 },
      { type: "blob-done", phase: "push", image, target, digest: "sha256:2", bytes: 1000, action: "exists" },
      { type: "image-progress", phase: "push", image, target, bytesDone: 1000, bytesTotal: 3000, blobsDone: 1, blobsTotal: 2 },
      { type: "total-progress", phase: "push", bytesDone: 1000, bytesTotal: 3000, imagesDone: 0, imagesTotal: 1 },
    ]);
    const { lastFrame } = render(<AirgapPushProgress state={state} bundle={{ file: "/tmp/shop.airgap", bytesRead: 10, bytesTotal: 100, checking: false }} width={120} unicode={false} />);
    const f = lastFrame()!;
    expect(f).toContain("Reading /tmp/shop.airgap");
    expect(f).toContain("Pushing to 127.0.0.1:5000/acme: 0/1 images, 1.0 kB / 3.0 kB");
    expect(f).toContain(image);
    expect(f).toContain("blobs 1/2 (1 al"); // the test renderer is 100 columns wide: the row is clipped
  });
});
