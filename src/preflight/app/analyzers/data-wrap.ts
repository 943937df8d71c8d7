/**
 * Go's error plumbing as the data analyzers need it: errors.Wrap around one step, and the Go
 * runtime panics troubleshoot's code can hit (its preflight binary crashes there, printing
 * "panic: …"; we report a failed check with that text instead).
 */
import { AnalyzeError, wrap } from "../types.ts";

/** A Go runtime panic at this point of troubleshoot's code; message "panic: TEXT". */
export class GoPanic extends AnalyzeError {
  constructor(text: string) {
    super(`panic: ${text}`);
  }
}

/** Runs `step`; a thrown error becomes AnalyzeError "msg: cause" (errors.Wrap), a GoPanic passes. */
export function wrapped<T>(msg: string, step: () => T): T {
  try {
    return step();
  } catch (err) {
    if (err instanceof GoPanic) throw err;
    throw wrap(msg, err);
  }
}
