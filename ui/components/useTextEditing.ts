import { useRef } from "react";
import { useKeys } from "./keys.tsx";

import { cleanInput } from "../text.ts";

export interface TextEditing {
  /** only the focused field listens */
  active: boolean;
  value: string;
  onChange(value: string): void;
  /** Enter (in a textarea Enter adds a line; Tab/arrows leave it) */
  onSubmit?(): void;
  multiline?: boolean;
}

/**
 * Keystrokes into a controlled single-line (or textarea) value: typing and paste append,
 * Backspace/Delete remove the last character, Ctrl+U clears. Esc, Tab and arrows are left
 * to the step. A ref keeps the latest value so fast typing between renders is not lost.
 */
export function useTextEditing({ active, value, onChange, onSubmit, multiline = false }: TextEditing): void {
  const latest = useRef(value);
  const rendered = useRef(value);
  if (rendered.current !== value) {
    rendered.current = value;
    latest.current = value;
  }
  const set = (v: string) => {
    latest.current = v;
    onChange(v);
  };
  useKeys(
    (input, key) => {
      if (key.escape || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow) return;
      if (key.pageUp || key.pageDown || key.home || key.end || key.meta) return;
      if (key.return) {
        if (multiline) set(latest.current + "\n");
        else onSubmit?.();
        return;
      }
      if (key.backspace || key.delete) {
        const chars = [...latest.current];
        chars.pop();
        set(chars.join(""));
        return;
      }
      if (key.ctrl) {
        if (input === "u") set("");
        return;
      }
      const text = cleanInput(input, multiline);
      if (text) set(latest.current + text);
    },
    { isActive: active },
  );
}
