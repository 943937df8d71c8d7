import type { Node, Operand, Pipeline } from "./ast.ts";
import type { TemplateContext } from "./context.ts";
import { execute, type Piece } from "./exec.ts";
import { lex } from "./lexer.ts";
import { parse } from "./parser.ts";
import { ALL_FUNCTIONS, FUNCTION_NAMES } from "./registry.ts";

/** The two KOTS delimiter pairs, rendered in this order (KOTS pkg/template/builder.go RenderTemplate). */
export const DELIMITERS = [
  ["{{repl", "}}"],
  ["repl{{", "}}"],
] as const;

export interface RenderOptions {
  /** name used in error messages (a file path, or "kots-config.yaml" for a Config field) */
  file?: string;
  /** line number of the text's first line within that file (default 1) */
  line?: number;
}

/** Line number of every offset of `text`, counting from `base`. */
function lineCounter(text: string, base: number): (pos: number) => number {
  const starts = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (pos) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return base + lo;
  };
}

/** Maps an offset of a pass's output back to an offset of its input. */
function outputToSource(pieces: Piece[]): (pos: number) => number {
  return (pos) => {
    let lo = 0;
    let hi = pieces.length - 1;
    if (hi < 0) return 0;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (pieces[mid].outStart <= pos) lo = mid;
      else hi = mid - 1;
    }
    const p = pieces[lo];
    return p.fromText ? p.srcPos + (pos - p.outStart) : p.srcPos;
  };
}

function opaqueRanges(pieces: Piece[], outputLength: number): Array<[number, number]> {
  return pieces.flatMap((p, i): Array<[number, number]> => (p.fromText ? [] : [[p.outStart, pieces[i + 1]?.outStart ?? outputLength]]));
}

/**
 * Renders every `{{repl …}}` and then every `repl{{ … }}` in `text` (whole YAML files, Config
 * fields), like KOTS: two Go-template passes, one per delimiter pair, so `{{ … }}` without `repl`
 * (Helm) passes through, and a multi-line `{{repl if}} … {{repl else}} … {{repl end}}` may wrap YAML
 * lines holding `repl{{ }}` actions. Unlike KOTS, the output of a first-pass action (e.g. a config
 * value) is data and is never parsed as a template by the second pass.
 * Throws TemplateError (unknown function, syntax error, bad argument) with the file and the line
 * in the original text.
 */
export function renderTemplate(text: string, ctx: TemplateContext, opts: RenderOptions = {}): string {
  const file = opts.file ?? "<template>";
  const srcLine = lineCounter(text, opts.line ?? 1);
  let current = text;
  let toSource: (pos: number) => number = (p) => p;
  let opaque: Array<[number, number]> = [];
  for (const [left, right] of DELIMITERS) {
    if (!current.includes(left)) continue;
    const map = toSource;
    const lineAt = (pos: number) => srcLine(map(pos));
    const nodes = parse(current, left, right, { file, lineAt, functions: FUNCTION_NAMES, opaque });
    const { output, pieces } = execute(nodes, { file, lineAt, functions: ALL_FUNCTIONS, ctx });
    const step = outputToSource(pieces);
    toSource = (pos) => map(step(pos));
    opaque = opaqueRanges(pieces, output.length);
    current = output;
  }
  return current;
}

/**
 * Parses `text` with both delimiter pairs without executing it and returns the names of the
 * functions it calls. Throws the TemplateError rendering would throw for syntax errors and
 * unknown functions. Used to check a Config once at load and to find RandomString defaults.
 */
export function analyzeTemplate(text: string, opts: RenderOptions = {}): { functions: Set<string> } {
  const file = opts.file ?? "<template>";
  const lineAt = lineCounter(text, opts.line ?? 1);
  const functions = new Set<string>();
  const [[l1, r1], [l2, r2]] = DELIMITERS;
  let firstPassActions: Array<[number, number]> = [];
  if (text.includes(l1)) {
    collect(parse(text, l1, r1, { file, lineAt, functions: FUNCTION_NAMES }), functions);
    firstPassActions = lex(text, l1, r1, { file, lineAt })
      .filter((i) => i.kind === "action")
      .map((i) => [i.pos, (i as { endPos: number }).endPos + r1.length]);
  }
  if (text.includes(l2)) collect(parse(text, l2, r2, { file, lineAt, functions: FUNCTION_NAMES, opaque: firstPassActions }), functions);
  return { functions };
}

function collect(nodes: Node[], into: Set<string>) {
  const pipe = (p: Pipeline) => p.commands.forEach((c) => c.operands.forEach(operand));
  const operand = (o: Operand) => {
    if (o.kind === "func") into.add(o.name);
    if (o.kind === "pipeline") pipe(o.pipe);
  };
  for (const n of nodes) {
    if (n.kind === "action") pipe(n.pipe);
    if (n.kind === "if" || n.kind === "with" || n.kind === "range") {
      pipe(n.pipe);
      collect(n.list, into);
      if (n.elseList) collect(n.elseList, into);
    }
  }
}
