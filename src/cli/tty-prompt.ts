/**
 * Line prompts on the terminal (the day-2 commands and the TERM=dumb install): a password with
 * confirmation, and a y/N question. Raw mode on stdin, the prompt and echo on stderr. Ctrl-C (or Ctrl-D on an empty
 * line) throws InterruptedError (exit 130) saying nothing was changed. Callers check for a TTY.
 */
import { InterruptedError } from "./errors.ts";

type RawStdin = NodeJS.ReadStream & { setRawMode?: (on: boolean) => void };

/** What follows an Enter in one read (a paste): kept for the next question. */
let pending = "";

const CANCELLED = "interrupted; nothing was changed in the cluster";

/** How a typed line is echoed: as typed, one `*` per character, or not at all. */
export type Echo = "text" | "mask" | "none";

/**
 * Reads one line, echoed as `echo` says. Backspace edits; escape sequences (arrow keys) are
 * ignored; text and Enter in one read (a paste) end the line at the Enter, and what follows is
 * kept for the next question.
 */
export async function readTtyLine(prompt: string, echo: Echo = "text"): Promise<string> {
  process.stderr.write(prompt);
  const stdin = process.stdin as RawStdin;
  stdin.setRawMode?.(true);
  let chars: string[] = [];
  const take = (text: string): boolean => {
    const cps = [...text];
    for (let i = 0; i < cps.length; i++) {
      const ch = cps[i]!;
      if (ch === "\r" || ch === "\n") {
        pending = cps.slice(i + 1).join("").replace(/^\n/, "");
        return true;
      }
      if (ch === "\u0003" || (ch === "\u0004" && chars.length === 0)) throw new InterruptedError(CANCELLED);
      if (ch === "\u001b") {
        // CSI/SS3 sequence: ESC [ … final byte, or ESC O x
        i++;
        if (cps[i] === "[") while (i + 1 < cps.length && !/[@-~]/.test(cps[++i]!));
        else if (cps[i] === "O") i++;
        continue;
      }
      if (ch === "\u007f" || ch === "\b") {
        if (chars.length > 0 && echo !== "none") process.stderr.write("\b \b");
        chars = chars.slice(0, -1);
      } else if (ch >= " ") {
        chars.push(ch);
        if (echo !== "none") process.stderr.write(echo === "mask" ? "*" : ch);
      }
    }
    return false;
  };
  try {
    const queued = pending;
    pending = "";
    if (take(queued)) return chars.join("");
    // 'data' listeners, not for-await (leaving that loop destroys stdin for the next question)
    return await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer | string) => {
        let done: boolean;
        try {
          done = take(String(chunk));
        } catch (err) {
          stdin.off("data", onData);
          return reject(err);
        }
        if (!done) return;
        stdin.off("data", onData);
        resolve(chars.join(""));
      };
      stdin.on("data", onData);
      stdin.resume();
    });
  } finally {
    stdin.setRawMode?.(false);
    stdin.pause();
    process.stderr.write("\n");
  }
}

/**
 * Asks for a new password twice (masked, or not echoed at all with `echo` "none"), until
 * `problem(pw)` is undefined and both answers match; each problem or mismatch is said on its own
 * line and asked again.
 */
export async function askNewPassword(label: string, problem: (pw: string) => string | undefined, echo: Echo = "mask"): Promise<string> {
  for (;;) {
    const pw = await readTtyLine(`${label}: `, echo);
    const why = problem(pw);
    if (why) {
      process.stderr.write(`  the password ${why}\n`);
      continue;
    }
    if ((await readTtyLine("Again: ", echo)) !== pw) {
      process.stderr.write("  the passwords do not match; again\n");
      continue;
    }
    return pw;
  }
}

/** A y/N question: true only for y or yes (any case). */
export async function askYesNo(question: string): Promise<boolean> {
  return /^y(es)?$/i.test((await readTtyLine(`${question} [y/N]: `)).trim());
}

/** Both stdin and stderr are terminals: prompts can be shown and answered. */
export function canPrompt(): boolean {
  return !!process.stdin.isTTY && !!process.stderr.isTTY;
}
