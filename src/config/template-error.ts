/**
 * A template could not be parsed or executed. `file` and `line` locate the offending token in the
 * source the caller named (for a Config field: the YAML file and the field's line); `token` is the
 * function name or text that caused it when there is one.
 *
 * The message is Go text/template's ("template: NAME:LINE:COL: executing "NAME" at <X>: DETAIL")
 * minus the "template: " prefix, the column and the "executing" clause: `file:line: detail`.
 * `at` keeps the node Go named (`<X>`) and the column.
 */
export class TemplateError extends Error {
  readonly file: string;
  readonly line: number;
  readonly detail: string;
  readonly token?: string;
  /** For execution errors: the parse-tree node text/template names ("at <context>") and its column. */
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

/**
 * Reads Go's text/template error text into a TemplateError: "template: FILE:LINE[:COL]: [executing
 * "FILE" at <CTX>: ]DETAIL" (text/template exec.go errorf, parse.go errorf). Text of another shape
 * (e.g. "dependency cycle: …") becomes a TemplateError at `file`:`line` with the text as detail.
 */
export function templateErrorFromGo(text: string, file: string, line = 1): TemplateError {
  const prefix = `template: ${file}:`;
  if (text.startsWith(prefix)) {
    const m = /^(\d+)(?::(\d+))?: ([\s\S]*)$/.exec(text.slice(prefix.length));
    if (m) {
      const l = Number(m[1]);
      let detail = m[3];
      let at: { pos: number; context: string } | undefined;
      const exec = /^executing "[^"]*" at <([\s\S]*?)>: ([\s\S]*)$/.exec(detail);
      if (exec) {
        at = { pos: Number(m[2] ?? 0), context: exec[1] };
        detail = exec[2];
      }
      const token = /^function "([^"]+)" not defined/.exec(detail)?.[1] ?? /error calling ([^:\s]+):/.exec(detail)?.[1] ?? /for ([A-Za-z_]\w*)/.exec(detail)?.[1];
      return new TemplateError(file, l, detail, token, at);
    }
  }
  return new TemplateError(file, line, text);
}
