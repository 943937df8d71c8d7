import { createContext, useContext, useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { useInput, type Key } from "ink";
import { splitInputChunk, type KeyEvent } from "./split-input.ts";

export type KeyHandler = (input: string, key: Key) => void;

interface Slot {
  handler: KeyHandler;
  active: boolean;
  /** the screen is switching (a check whose answer picks the next screen is in flight): keys wait */
  hold: boolean;
}

interface Router {
  slots: Set<Slot>;
  /** a hold was released or a holding slot left: deliver what waits, once the commit is over */
  resume(): void;
}

const KeyContext = createContext<Router | null>(null);
const InjectContext = createContext<((input: string, key: Key) => void) | null>(null);

/** Delivers a keystroke as if typed (the wizard's walk through pre-answered steps). */
export function useInjectKey(): ((input: string, key: Key) => void) | null {
  return useContext(InjectContext);
}

/**
 * One stdin listener for the whole wizard, with a line discipline: every keystroke goes into one
 * queue and is handed to the handlers one at a time, the next only after React has committed the
 * screen the one before led to (so it reaches the field focused by then, with that field's value),
 * and never while a step holds the keys (useKeyHold: a check whose answer switches the screen is in
 * flight). Pacing is by commits, not by a clock: a slow check or an event loop blocked for a while
 * (the template engine's load) cannot make a key reach a screen it was not meant for. Esc alone
 * while keys are held is delivered at once and drops what was typed ahead (the operator leaves).
 *
 * Steps register in a layout effect (Ink's useInput subscribes in a passive effect, so a key typed
 * right after a new screen is drawn could reach no one); layout effects of the children run before
 * this router's, so when it sees the commit, the new screen's handlers are in place.
 */
export function KeyRouter({ children, onTyped }: { children: ReactNode; /** a key came from the operator */ onTyped?: () => void }) {
  const [turn, setTurn] = useState(0);
  const line = useRef<LineDiscipline | null>(null);
  line.current ??= lineDiscipline(() => setTurn((t) => t + 1));
  const l = line.current;
  // the commit of a delivered key's turn: the next key may go
  useLayoutEffect(() => l.committed(), [turn]);
  useInput((input, key) => {
    onTyped?.();
    l.typed(splitInputChunk(input, key));
  });
  return (
    <KeyContext.Provider value={l.router}>
      <InjectContext.Provider value={l.inject}>{children}</InjectContext.Provider>
    </KeyContext.Provider>
  );
}

interface LineDiscipline {
  router: Router;
  /** Deliver at once, outside the queue (the walk through pre-answered steps). */
  inject(input: string, key: Key): void;
  /** The keystrokes of one stdin read, in order. */
  typed(events: KeyEvent[]): void;
  /** The router committed the turn `bump` asked for. */
  committed(): void;
}

/** The KeyRouter's queue; `bump` asks React for a render batched with the handlers' own updates. */
function lineDiscipline(bump: () => void): LineDiscipline {
  const slots = new Set<Slot>();
  const queue: KeyEvent[] = [];
  let waiting = false; // a delivered key's commit has not been seen yet
  let scheduled = false;
  const deliver = (e: KeyEvent) => {
    for (const s of [...slots]) if (s.active) s.handler(e.input, e.key);
  };
  const held = () => [...slots].some((s) => s.hold);
  const pump = () => {
    if (waiting || held()) return;
    const next = queue.shift();
    if (!next) return;
    waiting = true;
    deliver(next);
    bump();
  };
  // after the current commit, never inside it (no nested renders, however long the paste)
  const resume = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      pump();
    });
  };
  return {
    router: { slots, resume },
    inject: (input, key) => deliver({ input, key }),
    typed(events) {
      if (events.length === 1 && events[0]!.key.escape && held()) {
        queue.length = 0;
        deliver(events[0]!);
        return;
      }
      queue.push(...events);
      pump();
    },
    committed() {
      if (!waiting) return;
      waiting = false;
      resume();
    },
  };
}

/** Like Ink's useInput, routed through the nearest KeyRouter (or Ink's own useInput without one). */
export function useKeys(handler: KeyHandler, options: { isActive?: boolean } = {}): void {
  const router = useContext(KeyContext);
  const active = options.isActive ?? true;
  useSlot(router, handler, active, false);
  useInput(handler, { isActive: !router && active });
}

/**
 * While `busy`, keystrokes wait in the KeyRouter's queue instead of reaching this screen; they are
 * delivered, in order, to whatever screen and field are focused once it is false again (or the
 * step is gone). For a step whose check decides the next screen (the namespace, the license): text
 * typed ahead during it belongs to the next screen. Without a KeyRouter it does nothing.
 */
export function useKeyHold(busy: boolean): void {
  useSlot(useContext(KeyContext), () => undefined, false, busy);
}

function useSlot(router: Router | null, handler: KeyHandler, active: boolean, hold: boolean): void {
  const slot = useRef<Slot>({ handler, active, hold });
  useLayoutEffect(() => {
    const s = slot.current;
    const released = s.hold && !hold;
    s.handler = handler;
    s.active = active;
    s.hold = hold;
    if (released) router?.resume();
  });
  useLayoutEffect(() => {
    if (!router) return;
    const s = slot.current;
    router.slots.add(s);
    return () => {
      router.slots.delete(s);
      if (s.hold) router.resume();
    };
  }, [router]);
}
