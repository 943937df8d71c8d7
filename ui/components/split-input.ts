import type { Key } from "ink";

/** A keystroke as the wizard's handlers receive it. */
export interface KeyEvent {
  input: string;
  key: Key;
}

const NO_KEY: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

/**
 * Splits one stdin chunk at CR/LF into text and Enter keystrokes, pure: a paste over SSH, or text
 * typed ahead, arrives as one read ("ux-a\rsecret123456\r"), and Ink then reports neither the Enter
 * nor where the first field ends. A chunk without CR/LF, or one that is an escape sequence, comes
 * back as the one event Ink made of it.
 */
export function splitInputChunk(input: string, key: Key): KeyEvent[] {
  if (input.length <= 1 || key.return || key.escape || key.ctrl || key.meta || !/[\r\n]/.test(input) || input.startsWith("\u001b")) return [{ input, key }];
  const out: KeyEvent[] = [];
  for (const part of input.split(/(\r\n|\r|\n)/)) {
    if (part === "") continue;
    if (/^(\r\n|\r|\n)$/.test(part)) out.push({ input: "\r", key: { ...NO_KEY, return: true } });
    else out.push({ input: part, key: { ...NO_KEY } });
  }
  return out;
}
