// kots pull's image copy view: the pure reducer over the image step's events, and the Ink
// component rendered from its state.
import { describe, expect, test } from "bun:test";
import { render } from "ink-testing-library";
import { PullProgress } from "../../ui/PullProgress.tsx";
import { foldPull } from "./pull-progress-fold.ts";
import { formatBytes } from "../../ui/pull-progress.ts";

describe("pull progress", () => {
  test("reducer: per image and in total, skipped blobs counted, a new phase starts over", () => {
    const s = foldPull();
    expect(s.phase).toBe("push");
    expect(s.total).toEqual({ bytesDone: 3000, bytesTotal: 3000, imagesDone: 1, imagesTotal: 1 });
    expect(s.rows).toHaveLength(1);
    expect(s.rows[0]).toMatchObject({ image: "oci:/l:a", done: true, blobsDone: 2, blobsTotal: 2, blobsSkipped: 1, bytesCopied: 1000 });
  });

  test("the view: phase, totals x/y, a row per image", () => {
    const { lastFrame } = render(<PullProgress state={foldPull()} width={100} unicode={false} />);
    const f = lastFrame()!;
    expect(f).toContain("Pushing to 127.0.0.1:5000: 1/1 images, 3.0 kB / 3.0 kB");
    expect(f).toContain("oci:/l:a");
    expect(f).toContain("blobs 2/2 (1 already there)");
  });

  test("formatBytes", () => {
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(1500)).toBe("1.5 kB");
    expect(formatBytes(524_288_000)).toBe("524 MB");
  });
});
