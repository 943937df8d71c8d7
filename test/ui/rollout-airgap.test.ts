// The airgap push in both views of the install stream: the board (rollout-state + boardRows) and
// the plain printer (installTextPrinter). Events as the engine emits them (copy events with
// phase "push", bundle-read, images-verified).
import { describe, expect, test } from "bun:test";
import type { InstallEvent } from "../../src/install/events.ts";
import { installTextPrinter } from "../../src/cli/printers/install-text.ts";
import { boardRows } from "../../ui/RolloutBoard.tsx";
import { foldEvents } from "../../ui/rollout-state.ts";
import { makeTheme } from "../../ui/theme.ts";

const at = 1_796_000_000_000;
const E = (e: Record<string, unknown>) => ({ at, ...e }) as unknown as InstallEvent;
const A = "docker.io/library/redis:7.2-alpine";
const B = "ghcr.io/acme/web:1.0";
const T = (i: string) => `reg.local:5000/acme/${i.split("/").pop()}`;
const PUSH: InstallEvent[] = [
  E({ type: "step-started", step: "preflight", message: "checks" }),
  E({ type: "step-finished", step: "preflight", message: "checks", durationMs: 5 }),
  E({ type: "step-started", step: "validate", message: "render" }),
  E({ type: "step-finished", step: "validate", message: "render", durationMs: 5 }),
  E({ type: "step-started", step: "push-images", message: "push" }),
  E({ type: "phase-started", phase: "push", images: 2, to: "reg.local:5000/acme" }),
  E({ type: "bundle-read", phase: "push", file: "a.airgap", bytesRead: 500, bytesTotal: 1000 }),
  E({ type: "image-planned", phase: "push", image: A, target: T(A), digest: "sha256:a", manifests: 1, blobs: 2, bytes: 3000 }),
  E({ type: "image-planned", phase: "push", image: B, target: T(B), digest: "sha256:b", manifests: 1, blobs: 3, bytes: 9000 }),
  E({ type: "blob-done", phase: "push", image: A, target: T(A), digest: "sha256:1", bytes: 1000, action: "exists" }),
  E({ type: "image-progress", phase: "push", image: A, target: T(A), bytesDone: 3000, bytesTotal: 3000, blobsDone: 2, blobsTotal: 2 }),
  E({ type: "image-done", phase: "push", image: A, target: T(A), digest: "sha256:a", bytesCopied: 2000, ms: 40 }),
  E({ type: "image-progress", phase: "push", image: B, target: T(B), bytesDone: 4000, bytesTotal: 9000, blobsDone: 1, blobsTotal: 3 }),
  E({ type: "total-progress", phase: "push", bytesDone: 7000, bytesTotal: 12000, imagesDone: 1, imagesTotal: 2 }),
];

const theme = makeTheme({ color: false, unicode: false });
const text = (rows: ReturnType<typeof boardRows>) => rows.map((r) => r.map((s) => s.text).join(""));

describe("the board during an airgap push", () => {
  test("the step line gains push; a total line and one line per unfinished image", () => {
    const s = foldEvents(PUSH);
    expect(s.push?.progress.total).toEqual({ bytesDone: 7000, bytesTotal: 12000, imagesDone: 1, imagesTotal: 2 });
    const lines = text(boardRows(s, at, theme, 100, 20));
    expect(lines[0]).toContain("push");
    expect(lines[0]!.indexOf("render")).toBeLessThan(lines[0]!.indexOf("push"));
    expect(lines[0]!.indexOf("push")).toBeLessThan(lines[0]!.indexOf("apply"));
    const total = lines.find((l) => l.includes("Pushing to reg.local:5000/acme"));
    expect(total).toContain("1/2 images");
    expect(total).toContain("7.0 kB / 12.0 kB");
    expect(lines.some((l) => l.includes(B) && l.includes("blobs 1/3"))).toBe(true);
    expect(lines.some((l) => l.includes(A))).toBe(false); // done: folded into the total
  });

  test("once the registry check passed: one line; an install without a bundle shows no push step", () => {
    const s = foldEvents([...PUSH, E({ type: "images-verified", images: 6, registry: "reg.local:5000/acme" })]);
    const lines = text(boardRows(s, at, theme, 100, 20));
    expect(lines.filter((l) => l.includes("Pushing"))).toEqual([]);
    expect(lines).toContain("+ 6 images in reg.local:5000/acme (checked by manifest HEAD)");
    const plain = text(boardRows(foldEvents(PUSH.slice(0, 4)), at, theme, 100, 20));
    expect(plain[0]).not.toContain("push");
  });
});

describe("the plain lines of an airgap push", () => {
  test("the push's lines as kots pull prints them, the bundle read, the registry check", () => {
    let clock = 0;
    const print = installTextPrinter(2000, () => clock);
    const out: string[] = [];
    for (const e of [...PUSH, E({ type: "images-verified", images: 6, registry: "reg.local:5000/acme" })]) {
      clock += 1000;
      out.push(...print(e));
    }
    expect(out).toContain("==> push");
    expect(out).toContain("  Pushing 2 images to reg.local:5000/acme");
    expect(out.some((l) => l.startsWith(`    [1/2] ${A} → ${T(A)}: 2.0 kB copied, 2 blobs (1 already there)`))).toBe(true);
    expect(out).toContain("    reading a.airgap: 500 B / 1.0 kB");
    expect(out).toContain("    6 images found in reg.local:5000/acme (manifest HEAD)");
  });
});
