/**
 * A template could not be parsed or executed. `file` and `line` locate the offending token in the
 * source the caller named (for a Config field: the YAML file and the field's line); `token` is the
 * function name or text that caused it when there is one.
 *
 * Message shape follows Go text/template ("template: NAME:LINE: …") minus the "template: " prefix:
 * `file:line: detail`.
 */
export class TemplateError extends Error {
  readonly file: string;
  readonly line: number;
  readonly detail: string;
  readonly token?: string;
  /**
   * For execution errors: the parse-tree node Go's text/template would name ("executing … at
   * <context>"), with its offset in the executed text. Absent for parse errors.
   */
  readonly at?: { pos: number; context: string };

  constructor(file: string, line: number, detail: string, token?: string, at?: { pos: number; context: string }) {
    super(`${file}:${line}: ${detail}`);
    this.name = "TemplateError";
    this.file = file;
    this.line = line;
    this.detail = detail;
    this.token = token;
    this.at = at;
  }
}

/** Thrown by function implementations; the executor rewraps it as a TemplateError with file:line. */
export class FunctionCallError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FunctionCallError";
  }
}
