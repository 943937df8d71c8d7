import { useEffect, useReducer, useRef, useState, type ReactNode } from "react";
import type { InstallEvent } from "../src/install/events.ts";
import { RolloutBoard } from "./RolloutBoard.tsx";
import { initialRollout, isFinished, rolloutReducer, type RolloutState } from "./rollout-state.ts";

export interface LiveRolloutProps {
  events: AsyncIterable<InstallEvent>;
  /** clock, epoch ms */
  now?: () => number;
  /** how often the elapsed times and stall warnings refresh */
  tickMs?: number;
  maxRows?: number;
  /** called with the folded state after every event */
  onState?(state: RolloutState): void;
  /** called once with the final state (done or error) */
  onFinished?(state: RolloutState): void;
  /** render something else around/instead of the board from the state */
  children?: (state: RolloutState, now: number) => ReactNode;
}

/** Consumes an InstallEvent stream into the rollout board; a thrown stream becomes an error event. */
export function LiveRollout({ events, now = Date.now, tickMs = 1000, maxRows, onState, onFinished, children }: LiveRolloutProps) {
  const [state, dispatch] = useReducer(rolloutReducer, initialRollout);
  const [clock, setClock] = useState(now());
  const started = useRef(false);
  const finishedReported = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    let cancelled = false;
    const it = events[Symbol.asyncIterator]();
    (async () => {
      try {
        for (;;) {
          const r = await it.next();
          if (cancelled || r.done) break;
          dispatch(r.value);
        }
      } catch (err) {
        if (!cancelled)
          dispatch({ type: "error", at: now(), message: err instanceof Error ? err.message : String(err), exitCode: 1, applied: [] });
      }
    })();
    return () => {
      cancelled = true;
      void it.return?.();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const finished = isFinished(state);
  useEffect(() => {
    if (finished) {
      setClock(now());
      return;
    }
    const t = setInterval(() => setClock(now()), tickMs);
    return () => clearInterval(t);
  }, [finished, tickMs, now]);

  useEffect(() => {
    onState?.(state);
    if (finished && !finishedReported.current) {
      finishedReported.current = true;
      onFinished?.(state);
    }
  }, [state, finished, onState, onFinished]);

  if (children) return <>{children(state, clock)}</>;
  return <RolloutBoard state={state} now={clock} maxRows={maxRows} />;
}
