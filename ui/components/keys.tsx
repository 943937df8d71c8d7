import { createContext, useContext, useLayoutEffect, useRef, type ReactNode } from "react";
import { useInput, type Key } from "ink";
import { splitInputChunk, type KeyEvent } from "./split-input.ts";

export type KeyHandler = (input: string, key: Key) => void;

interface Slot {
  handler: KeyHandler;
  active: boolean;
}

const KeyContext = createContext<Set<Slot> | null>(null);
const InjectContext = createContext<((input: string, key: Key) => void) | null>(null);

/** Delivers a keystroke as if typed (the wizard's walk through pre-answered steps). */
export function useInjectKey(): ((input: string, key: Key) => void) | null {
  return useContext(InjectContext);
}

/**
 * One stdin listener for the whole wizard. Ink's useInput subscribes in a passive effect, so a
 * keystroke typed right after a new screen is drawn can reach no one (and raw mode flips off and on
 * between screens). Steps register here in a layout effect instead, which runs before the next
 * input event is handled.
 */
export function KeyRouter({ children, onTyped }: { children: ReactNode; /** a key came from the operator */ onTyped?: () => void }) {
  const slots = useRef(new Set<Slot>());
  const queue = useRef<KeyEvent[]>([]);
  const deliver = (e: KeyEvent) => {
    for (const s of [...slots.current]) if (s.active) s.handler(e.input, e.key);
  };
  // Text and Enter that arrived in one read: one event at a time, each after the screen the one
  // before it led to has been drawn (and its field has registered), so every line submits once.
  const drain = () => {
    const next = queue.current.shift();
    if (!next) return;
    deliver(next);
    if (queue.current.length > 0) setTimeout(drain, 15);
  };
  useInput((input, key) => {
    onTyped?.();
    const events = splitInputChunk(input, key);
    const idle = queue.current.length === 0;
    queue.current.push(...events);
    if (idle) drain();
  });
  return (
    <KeyContext.Provider value={slots.current}>
      <InjectContext.Provider value={(input, key) => deliver({ input, key })}>{children}</InjectContext.Provider>
    </KeyContext.Provider>
  );
}

/** Like Ink's useInput, routed through the nearest KeyRouter (or Ink's own useInput without one). */
export function useKeys(handler: KeyHandler, options: { isActive?: boolean } = {}): void {
  const slots = useContext(KeyContext);
  const active = options.isActive ?? true;
  const slot = useRef<Slot>({ handler, active });
  useLayoutEffect(() => {
    slot.current.handler = handler;
    slot.current.active = active;
  });
  useLayoutEffect(() => {
    if (!slots) return;
    const s = slot.current;
    slots.add(s);
    return () => {
      slots.delete(s);
    };
  }, [slots]);
  useInput(handler, { isActive: !slots && active });
}
