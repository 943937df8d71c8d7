import { InterruptedError } from "./errors.ts";

/** Signals that stop an install, with the conventional exit code 128 + signal number. */
const STOP_SIGNALS = { SIGINT: 130, SIGHUP: 129, SIGTERM: 143 } as const;
type StopSignal = keyof typeof STOP_SIGNALS;

const NAMES: Record<StopSignal, string> = { SIGINT: "interrupted (Ctrl-C)", SIGHUP: "the terminal went away (SIGHUP)", SIGTERM: "terminated (SIGTERM)" };

/**
 * An AbortSignal that aborts on the first SIGINT, SIGHUP (a dropped SSH link) or SIGTERM; its
 * reason is an InterruptedError whose exitCode is 130, 129 or 143. The engine then stops, reports
 * what was applied in an `error` event, and the command exits with that code. A second signal
 * exits at once with its code.
 */
export function interruptSignal(): { signal: AbortSignal; dispose: () => void } {
  const ac = new AbortController();
  const handlers = new Map<StopSignal, () => void>();
  for (const name of Object.keys(STOP_SIGNALS) as StopSignal[]) {
    const handler = () => {
      if (ac.signal.aborted) process.exit(STOP_SIGNALS[name]);
      ac.abort(new InterruptedError(NAMES[name], STOP_SIGNALS[name]));
    };
    handlers.set(name, handler);
    process.on(name, handler);
  }
  return {
    signal: ac.signal,
    dispose: () => {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}

/** Resolves on the next SIGINT, SIGHUP or SIGTERM (keeps a port-forward open until Ctrl-C). */
export function waitForInterrupt(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      for (const name of Object.keys(STOP_SIGNALS)) process.off(name, done);
      resolve();
    };
    for (const name of Object.keys(STOP_SIGNALS)) process.on(name, done);
  });
}
