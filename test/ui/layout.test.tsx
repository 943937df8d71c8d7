import { afterEach, describe, expect, test } from "bun:test";
import { cleanup, render } from "ink-testing-library";
import type { InstallEvent, ObjectRef } from "../../src/install/events.ts";
import { rolloutBoardElement } from "../../ui/index.ts";
import { boardRows } from "../../ui/RolloutBoard.tsx";
import { foldEvents } from "../../ui/rollout-state.ts";
import { makeTheme, toneStyle } from "../../ui/theme.ts";
import { truncateEnd, truncateStart, wrap } from "../../ui/text.ts";
import { windowAt, windowFor } from "../../ui/components/scroll.ts";
import { rowText } from "../../ui/components/segments.ts";
import { assertFits, BACKSPACE, ENTER, eventStream, fakeConfig, fakeServices, PGDN, renderWizard, RIGHT, strip, type Driver } from "./helpers.tsx";

afterEach(() => cleanup());

const LONG = "x".repeat(150);

function manyObjects(n: number): ObjectRef[] {
  return Array.from({ length: n }, (_, i) => ({ kind: "Secret", name: `kotsadm-a-rather-long-secret-name-number-${i}`, namespace: "ns" }));
}

async function fullRun(d: Driver, stream: ReturnType<typeof eventStream>, ascii: boolean) {
  await d.waitText(ascii ? "+ reachable" : "✓ reachable");
  await d.press(ENTER);
  await d.waitText("2/9");
  await d.press(BACKSPACE.repeat(20), "n".repeat(63), ENTER);
  await d.waitText("3/9");
  await d.press("p".repeat(72), ENTER, "p".repeat(72), ENTER);
  await d.waitText("4/9");
  await d.press(`~/${LONG}/bad.yaml`, ENTER);
  await d.waitText("license refused");
  await d.press(BACKSPACE.repeat(170), "~/license.yaml", ENTER);
  await d.waitText("license accepted");
  await d.press(ENTER);
  await d.waitText("Settings");
  await d.press(PGDN);
  await d.waitText("is required");
  await d.press(`${LONG}.example.com`, ENTER, " ", ENTER, `/${LONG}/cert.pem`, ENTER, LONG, ENTER);
  await d.waitText("Advanced");
  await d.press(PGDN);
  await d.waitText("checks passed");
  await d.press(ENTER);
  await d.waitText("7/9");
  await d.press(RIGHT, ENTER, `r.example.com/${"o".repeat(90)}`, ENTER, "u".repeat(90), ENTER, "good-pass", ENTER);
  await d.waitText("logged in");
  await d.press(ENTER);
  await d.waitText("8/9");
  for (let i = 0; i < 6; i++) await d.press(PGDN);
  await d.press(ENTER);
  await d.waitText("9/9");
  const objs = manyObjects(30);
  stream.push({ type: "rendered", at: 0, objects: objs });
  for (const ref of objs.slice(0, 20))
    stream.push({ type: "status-changed", at: 1, ref, status: "Current", message: "", elapsedMs: 1000, budgetMs: 300_000 });
  for (const ref of objs.slice(20))
    stream.push({
      type: "status-changed",
      at: 1,
      ref,
      status: "InProgress",
      reason: "CreateContainerConfigError",
      message: `secret "${LONG}" not found`,
      elapsedMs: 1000,
      budgetMs: 300_000,
    });
  stream.push({ type: "warning", at: 2, message: `something long ${LONG}` });
  await d.waitText(ascii ? "20 ready" : "20 ready");
  stream.push({ type: "error", at: 3, message: `timed out: ${LONG} ${LONG}`, exitCode: 1, applied: objs });
  await d.waitText("install failed");
}

describe("80x24", () => {
  for (const ascii of [false, true]) {
    test(`every frame of a whole run fits 80x24, long values truncated (${ascii ? "ASCII" : "Unicode"})`, async () => {
      const cfg = fakeConfig();
      const stream = eventStream();
      const services = fakeServices({ loadConfig: async () => cfg, install: () => stream.iterable });
      const d = renderWizard({ services, caps: { color: false, unicode: !ascii }, tickMs: 20 });
      await fullRun(d, stream, ascii);
      const frames = d.allFrames();
      expect(frames.length).toBeGreaterThan(50);
      assertFits(frames);
      if (ascii) for (const f of frames) expect(f).toMatch(/^[\x0a\x20-\x7e]*$/);
      // the step frame fills at most 23 rows (one spare keeps Ink from clearing the screen)
      for (const f of frames) expect(f.split("\n").length).toBeLessThanOrEqual(23);
    });
  }

  test("colour off means no escape sequences at all", async () => {
    const d = renderWizard({ services: fakeServices(), caps: { color: false, unicode: true } });
    await d.waitText("reachable");
    for (const f of d.frames) expect(f).not.toContain("\u001B");
    const theme = makeTheme({ color: false, unicode: true });
    for (const tone of ["title", "accent", "ok", "warn", "error", "dim", "key"] as const) expect(toneStyle(theme, tone)).toEqual({});
    expect(toneStyle(makeTheme({ color: true, unicode: true }), "error")).toEqual({ color: "red" });
  });

  test("a smaller terminal gets a smaller frame", async () => {
    const d = renderWizard({ services: fakeServices(), size: { columns: 60, rows: 16 } });
    await d.waitText("reachable");
    assertFits(d.allFrames(), 60, 16);
  });
});

describe("text helpers", () => {
  test("truncate, wrap, scroll windows", () => {
    expect(truncateEnd("abcdef", 4, "…")).toBe("abc…");
    expect(truncateEnd("abcdef", 5, "...")).toBe("ab...");
    expect(truncateStart("abcdef", 4, "…")).toBe("…def");
    expect(wrap("aa bb cc", 5)).toEqual(["aa bb", "cc"]);
    expect(wrap("x".repeat(12), 5)).toEqual(["xxxxx", "xxxxx", "xx"]);
    expect(windowFor(10, 20, 3, 3)).toEqual({ start: 0, end: 10, above: 0, below: 0 });
    const w = windowFor(50, 10, 30, 31);
    expect(w.start).toBeGreaterThan(0);
    expect(w.end).toBeGreaterThan(31);
    expect(w.end - w.start + (w.above ? 1 : 0) + (w.below ? 1 : 0)).toBeLessThanOrEqual(10);
    const last = windowAt(50, 10, 999);
    expect(last.end).toBe(50);
    expect(last.below).toBe(0);
  });
});

describe("RolloutBoard", () => {
  const ev = (status: "Current" | "InProgress" | "Failed", ref: ObjectRef, extra: Partial<InstallEvent> = {}): InstallEvent =>
    ({ type: "status-changed", at: 0, ref, status, message: "", elapsedMs: 0, budgetMs: 60_000, ...extra }) as InstallEvent;

  test("too many rows: ready objects fold into one line, the rest is cut with a count", () => {
    const objs = manyObjects(40);
    const s = foldEvents([
      { type: "rendered", at: 0, objects: objs },
      ...objs.slice(0, 30).map((r) => ev("Current", r)),
      ...objs.slice(30).map((r) => ev("InProgress", r, { reason: "Unschedulable", message: "0/1 nodes" } as Partial<InstallEvent>)),
    ]);
    const theme = makeTheme({ color: false, unicode: false });
    const rows = boardRows(s, 0, theme, 80, 19).map(rowText);
    expect(rows.length).toBeLessThanOrEqual(19);
    expect(rows.some((r) => r.startsWith("+ 30 ready: "))).toBe(true);
    expect(rows.some((r) => /v \d+ more rows/.test(r))).toBe(true);
    expect(rows.some((r) => r.includes("Unschedulable: 0/1 nodes"))).toBe(true);
  });

  test("standalone element: rows change with status-changed events", async () => {
    const stream = eventStream();
    const ref: ObjectRef = { kind: "StatefulSet", name: "kotsadm-minio", namespace: "ns" };
    const r = render(rolloutBoardElement({ events: stream.iterable, caps: { color: false, unicode: true }, now: () => 5000, tickMs: 10 }));
    stream.push({ type: "rendered", at: 0, objects: [ref] });
    const wait = async (text: string) => {
      for (let i = 0; i < 200 && !strip(r.lastFrame()).includes(text); i++) await Bun.sleep(5);
      return strip(r.lastFrame());
    };
    let f = await wait("kotsadm-minio");
    expect(f).toMatch(/· StatefulSet\/kotsadm-minio\s+Pending/);
    stream.push(ev("InProgress", ref, { at: 4000, elapsedMs: 4000, reason: "ProvisioningFailed", message: "no storage class" } as Partial<InstallEvent>));
    f = await wait("ProvisioningFailed");
    expect(f).toMatch(/◐ StatefulSet\/kotsadm-minio\s+InProgress\s+5s \/ 1m00s/);
    stream.push(ev("Current", ref, { at: 5000, elapsedMs: 5000 }));
    f = await wait("Current");
    expect(f).toMatch(/✓ StatefulSet\/kotsadm-minio\s+Current\s+5s \/ 1m00s/);
    expect(f).not.toContain("ProvisioningFailed");
    expect(f).toContain("1/1 ready");
    r.unmount();
  });
});
