import { builtinFunctions } from "./builtins.ts";
import { TemplateError } from "./errors.ts";
import { execute } from "./exec.ts";
import type { FunctionMap } from "./functions.ts";
import { goBuiltinFunctions } from "./go-builtins.ts";
import { parse } from "./parser.ts";
import { sprigFunctions } from "./sprig.ts";
import type { GoValue } from "./values.ts";

/** The functions a plain Go template with the sprig map sees: sprig, then Go's predefined functions. */
export const GO_SPRIG_FUNCTIONS: FunctionMap = { ...sprigFunctions, ...builtinFunctions, ...goBuiltinFunctions };
const GO_SPRIG_NAMES: ReadonlySet<string> = new Set(Object.keys(GO_SPRIG_FUNCTIONS));

/**
 * A parse or execution error with exactly the text Go's text/template gives:
 * `template: NAME:LINE: detail` when parsing, and
 * `template: NAME:LINE:COL: executing "NAME" at <node>: detail` when executing (COL is the byte
 * offset of the node within its line, the node printed whole as Go 1.26 does).
 */
export class GoTemplateError extends Error {
  constructor(
    message: string,
    readonly cause: TemplateError,
  ) {
    super(message);
    this.name = "GoTemplateError";
  }
}

export interface GoRenderOptions {
  /** the template's name, as given to template.New (troubleshoot uses "data") */
  name: string;
  /** functions the template may call (default: sprig + Go builtins) */
  functions?: FunctionMap;
}

/**
 * Parses and executes `text` as Go's text/template does with the standard `{{ }}` delimiters and
 * `data` as dot (template.New(name).Funcs(sprig.FuncMap()).Parse(text).Execute(buf, data)).
 * Throws GoTemplateError with Go's error text on a parse or execution failure.
 */
export function renderGoText(text: string, data: GoValue, opts: GoRenderOptions): string {
  const functions = opts.functions ?? GO_SPRIG_FUNCTIONS;
  const names = opts.functions ? new Set(Object.keys(functions)) : GO_SPRIG_NAMES;
  const lineAt = (pos: number) => 1 + countNewlines(text, pos);
  const file = opts.name;
  let nodes;
  try {
    nodes = parse(text, "{{", "}}", { file, lineAt, functions: names, fields: true, goErrors: true });
  } catch (e) {
    if (e instanceof TemplateError) throw new GoTemplateError(`template: ${file}:${e.line}: ${e.detail}`, e);
    throw e;
  }
  try {
    return execute(nodes, { file, lineAt, functions, ctx: {}, data, go: true }).output;
  } catch (e) {
    if (e instanceof TemplateError) {
      if (!e.at) throw new GoTemplateError(`template: ${file}: ${e.detail}`, e);
      const { pos, context } = e.at;
      const lineStart = text.lastIndexOf("\n", pos - 1) + 1;
      const col = new TextEncoder().encode(text.slice(lineStart, pos)).length;
      throw new GoTemplateError(`template: ${file}:${lineAt(pos)}:${col}: executing "${file}" at <${context}>: ${e.detail}`, e);
    }
    throw e;
  }
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0 && i < end; i = text.indexOf("\n", i + 1)) n++;
  return n;
}
