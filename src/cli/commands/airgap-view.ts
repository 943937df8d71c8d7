/**
 * How `kots admin-console push-images` and `kots airgap build` show progress: NDJSON on stdout
 * (`--output json`, each event with `phase` and `at`, docs/events.md), the Ink view
 * (ui/AirgapPushProgress) on a TTY's stderr, or plain lines on stderr (src/cli/printers/pull-text.ts
 * for the images, plus a line about the bundle read every 2 s).
 */
import type { AirgapPushEvent } from "../../airgap/index.ts";
import type { ImagePhase, PullImageEvent } from "../../pull/images.ts";
import { pullTextPrinter } from "../printers/pull-text.ts";
import { formatBytes } from "../../../ui/pull-progress.ts";
import { localeIsUtf8, throttledInkView } from "../ink-throttle.ts";
import { interruptSignal } from "../interrupt.ts";

/** A view: events in, `phase(…)` before each image phase, `close()` at the end. */
export interface AirgapView {
  phase(phase: ImagePhase, images: number, to: string): void;
  onEvent(e: AirgapPushEvent, checking?: boolean): void;
  close(): void;
}

/** The view for this run: json, or Ink on a TTY (not TERM=dumb), else plain lines. */
export async function airgapView(json: boolean): Promise<AirgapView> {
  let phase: ImagePhase = "push";
  if (json) {
    const w = (e: Record<string, unknown>) => process.stdout.write(JSON.stringify({ ...e, at: Date.now() }) + "\n");
    return {
      phase: (p, images, to) => {
        phase = p;
        w({ type: "phase-started", phase: p, images, to });
      },
      onEvent: (e) => w(e.type === "bundle-read" ? e : { ...e, phase }),
      close: () => {},
    };
  }
  if (process.stderr.isTTY && process.env.TERM !== "dumb") return inkView();
  const lines = pullTextPrinter();
  // the first line about the bundle after 2 s: a small bundle (or a refused one) prints none
  let lastRead = Date.now();
  const out = (l: string) => process.stderr.write(`${l}\n`);
  return {
    phase: (p, images, to) => {
      phase = p;
      for (const l of lines({ type: "phase-started", phase: p, images, to })) out(l);
    },
    onEvent: (e, checking) => {
      if (e.type === "bundle-read") {
        if (Date.now() - lastRead < 2000) return;
        lastRead = Date.now();
        out(`${checking ? "Checking" : "Reading"} ${e.file}: ${formatBytes(e.bytesRead)} / ${formatBytes(e.bytesTotal)}`);
        return;
      }
      for (const l of lines({ ...e, phase } as PullImageEvent)) out(l);
    },
    close: () => {},
  };
}

/**
 * Runs an airgap command's work with its view ({@link airgapView}) and an interrupt signal
 * (src/cli/interrupt.ts), for `kots airgap build` and `kots admin-console push-images`. `work`
 * closes the view itself before it prints its summary; when `work` throws, the view is closed here
 * and, if SIGINT/SIGHUP/SIGTERM came, the InterruptedError (exit 130/129/143) is thrown instead of
 * the error it caused. The signal handlers are removed either way.
 */
export async function withAirgapView(json: boolean, work: (view: AirgapView, signal: AbortSignal) => Promise<void>): Promise<void> {
  const view = await airgapView(json);
  const interrupt = interruptSignal();
  try {
    await work(view, interrupt.signal);
  } catch (err) {
    view.close();
    if (interrupt.signal.aborted) throw interrupt.signal.reason;
    throw err;
  } finally {
    interrupt.dispose();
  }
}

async function inkView(): Promise<AirgapView> {
  // loaded only on a TTY: Ink and React stay out of the plain and JSON paths
  const { createElement } = await import("react");
  const { AirgapPushProgress } = await import("../../../ui/AirgapPushProgress.tsx");
  const { pullProgressReducer, initialPullProgress } = await import("../../../ui/pull-progress.ts");
  const unicode = localeIsUtf8();
  let state = initialPullProgress;
  let phase: ImagePhase = "push";
  let bundle: { file: string; bytesRead: number; bytesTotal: number; checking: boolean } | undefined;
  const view = await throttledInkView(() => createElement(AirgapPushProgress, { state, bundle, width: process.stderr.columns ?? 100, unicode }));
  const changed = view.changed;
  return {
    phase: (p, images, to) => {
      phase = p;
      state = pullProgressReducer(state, { type: "phase-started", phase: p, images, to });
      changed(true);
    },
    onEvent: (e, checking) => {
      if (e.type === "bundle-read") bundle = { file: e.file, bytesRead: e.bytesRead, bytesTotal: e.bytesTotal, checking: Boolean(checking) };
      else state = pullProgressReducer(state, { ...e, phase } as PullImageEvent);
      changed(e.type === "image-done");
    },
    close: view.close,
  };
}
