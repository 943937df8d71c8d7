import { operandString, type Command, type Node, type Operand, type Pipeline } from "./ast.ts";
import { TemplateError } from "./errors.ts";
import { lex, type Item, type LexOptions, type Token } from "./lexer.ts";
import { goQuote } from "./strings.ts";
import type { GoValue } from "./values.ts";

export interface ParseOptions extends LexOptions {
  /** names of the functions templates may call; any other name is a parse error (as in Go) */
  functions: ReadonlySet<string>;
  /**
   * Allow field access (`.A.B`, `$x.A`, `(pipeline).A`, `func.A`) as in Go when templates get data
   * as dot. Off for KOTS templates, which execute with no data: a field there is rejected.
   */
  fields?: boolean;
}

/**
 * Parses template text with one pair of delimiters into a tree (Go text/template parse.go subset):
 * actions with pipelines, if / else if / else / end, with, range, variables, parenthesised
 * pipelines, literals. Unknown function names are rejected here, as Go does at parse time
 * (`function "X" not defined`). Throws TemplateError naming the token, file and line.
 */
export function parse(input: string, leftDelim: string, rightDelim: string, opts: ParseOptions): Node[] {
  return new Parser(lex(input, leftDelim, rightDelim, opts), leftDelim, rightDelim, opts, input.length).parseRoot();
}

type Stop = { keyword: "end" | "else" | "eof"; item: Extract<Item, { kind: "action" }> | null };

class Parser {
  private i = 0;
  private vars: string[] = ["$"];

  constructor(
    private readonly items: Item[],
    private readonly left: string,
    private readonly right: string,
    private readonly opts: ParseOptions,
    private readonly inputLength: number,
  ) {}

  private fail(pos: number, detail: string, token?: string): never {
    throw new TemplateError(this.opts.file, this.opts.lineAt(pos), detail, token);
  }

  private show(kw: string): string {
    if (this.opts.goErrors) return `${this.left}${kw}${this.right}`;
    return `${this.left} ${kw} ${this.right}`;
  }

  parseRoot(): Node[] {
    const [nodes, stop] = this.parseList();
    if (stop.keyword !== "eof") this.fail(stop.item!.pos, `unexpected ${this.show(stop.keyword)}`, stop.keyword);
    return nodes;
  }

  private parseList(): [Node[], Stop] {
    const nodes: Node[] = [];
    while (this.i < this.items.length) {
      const item = this.items[this.i++];
      if (item.kind === "text") {
        nodes.push({ kind: "text", pos: item.pos, text: item.text });
        continue;
      }
      const first = item.tokens[0];
      if (!first) this.fail(item.pos, "missing value for command");
      if (first.type === "keyword") {
        switch (first.text) {
          case "end":
            if (item.tokens.length > 1) this.fail(item.tokens[1].pos, `unexpected ${quoteTok(item.tokens[1])} in end`, item.tokens[1].text);
            return [nodes, { keyword: "end", item }];
          case "else":
            return [nodes, { keyword: "else", item }];
          case "if":
          case "with":
          case "range":
            nodes.push(this.parseControl(first.text, item, 1));
            continue;
          default:
            this.fail(first.pos, `${this.show(first.text)} is not supported`, first.text);
        }
      }
      const mark = this.vars.length;
      const pipe = this.parsePipeline(item.tokens, 0, item.tokens.length, "command");
      // a declaration in a plain action stays in scope until the enclosing end
      if (!pipe.decl) this.vars.length = mark;
      nodes.push({ kind: "action", pos: item.pos, pipe });
    }
    return [nodes, { keyword: "eof", item: null }];
  }

  /** Parses `if|with|range PIPELINE` (tokens from `from`) through its matching end. */
  private parseControl(kind: "if" | "with" | "range", item: Extract<Item, { kind: "action" }>, from: number): Node {
    const mark = this.vars.length;
    const pipe = this.parsePipeline(item.tokens, from, item.tokens.length, kind);
    const [list, stop] = this.parseList();
    let elseList: Node[] | null = null;
    if (stop.keyword === "eof") this.unexpectedEOF(item, kind);
    if (stop.keyword === "else") {
      const elseTokens = stop.item!.tokens;
      const chained = elseTokens[1];
      if (chained && (chained.text === "if" || chained.text === "with") && chained.type === "keyword" && kind !== "range") {
        // {{else if …}} / {{else with …}}: a nested control that consumes the single {{end}}
        this.vars.length = mark;
        elseList = [this.parseControl(chained.text, stop.item!, 2)];
      } else {
        if (chained) this.fail(chained.pos, `unexpected ${quoteTok(chained)} in else`, chained.text);
        this.vars.length = mark;
        const [list2, stop2] = this.parseList();
        if (stop2.keyword !== "end") {
          if (stop2.keyword === "else") this.fail(stop2.item!.pos, `expected end; found ${this.show("else")}`, "else");
          this.unexpectedEOF(item, kind);
        }
        elseList = list2;
      }
    }
    this.vars.length = mark;
    return { kind, pos: item.pos, pipe, list, elseList };
  }

  /** A control without its end; Go says only "unexpected EOF", at the last line. */
  private unexpectedEOF(item: Extract<Item, { kind: "action" }>, kind: string): never {
    if (this.opts.goErrors) this.fail(this.inputLength, "unexpected EOF", kind);
    return this.fail(item.pos, `unexpected EOF: ${this.show(kind)} at line ${this.opts.lineAt(item.pos)} has no ${this.show("end")}`, kind);
  }

  /** Parses tokens[from, to) as a pipeline; `context` names the construct for error messages. */
  private parsePipeline(tokens: Token[], from: number, to: number, context: string): Pipeline {
    let j = from;
    let decl: Pipeline["decl"] = null;
    const t0 = tokens[j];
    if (t0?.type === "variable") {
      if (tokens[j + 1]?.type === "declare" || tokens[j + 1]?.type === "assign") {
        decl = { names: [t0.text], op: tokens[j + 1].type === "declare" ? ":=" : "=" };
        j += 2;
      } else if (tokens[j + 1]?.type === "comma" && tokens[j + 2]?.type === "variable" && tokens[j + 3]?.type === "declare") {
        if (context !== "range") this.fail(tokens[j + 1].pos, `too many declarations in ${context}`, ",");
        decl = { names: [t0.text, tokens[j + 2].text], op: ":=" };
        j += 4;
      }
    }
    if (decl) {
      for (const name of decl.names) {
        if (decl.op === "=" && !this.vars.includes(name)) this.fail(t0!.pos, `undefined variable "${name}"`, name);
      }
    }
    const commands: Command[] = [];
    const pos = tokens[from]?.pos ?? 0;
    while (j < to) {
      const [cmd, next] = this.parseCommand(tokens, j, to);
      commands.push(cmd);
      j = next;
      if (j < to) {
        if (tokens[j].type !== "pipe") this.fail(tokens[j].pos, `unexpected ${quoteTok(tokens[j])} in ${context}`, tokens[j].text);
        j++;
        // Go accepts a trailing "|" (its parser just meets the end); KOTS rendering rejected it
        if (j >= to && !this.opts.goErrors) this.fail(tokens[j - 1].pos, `missing command after "|" in ${context}`, "|");
      }
    }
    if (commands.length === 0) this.fail(tokens[from - 1]?.pos ?? pos, `missing value for ${context}`);
    if (decl?.op === ":=") this.vars.push(...decl.names);
    return { pos, decl, commands };
  }

  /** Parses operands up to a top-level "|" or the end; returns the command and the next index. */
  private parseCommand(tokens: Token[], from: number, to: number): [Command, number] {
    const operands: Operand[] = [];
    let j = from;
    while (j < to && tokens[j].type !== "pipe") {
      const t = tokens[j];
      switch (t.type) {
        case "ident":
          if (!this.opts.functions.has(t.text)) this.fail(t.pos, `function "${t.text}" not defined`, t.text);
          operands.push({ kind: "func", pos: t.pos, name: t.text });
          j++;
          break;
        case "dot":
          operands.push({ kind: "dot", pos: t.pos });
          j++;
          break;
        case "variable":
          if (!this.vars.includes(t.text)) this.fail(t.pos, `undefined variable "${t.text}"`, t.text);
          operands.push({ kind: "var", pos: t.pos, name: t.text });
          j++;
          break;
        case "nil":
          operands.push({ kind: "nil", pos: t.pos });
          j++;
          break;
        case "bool":
          operands.push({ kind: "literal", pos: t.pos, value: t.text === "true", text: t.text });
          j++;
          break;
        case "string":
          operands.push({ kind: "literal", pos: t.pos, value: t.value!, text: t.text });
          j++;
          break;
        case "char":
          operands.push({ kind: "literal", pos: t.pos, value: BigInt(t.value!.codePointAt(0)!), text: t.text });
          j++;
          break;
        case "number":
          operands.push({ kind: "literal", pos: t.pos, value: this.number(t), text: t.text });
          j++;
          break;
        case "lparen": {
          const close = matchParen(tokens, j, to);
          if (close < 0) this.fail(t.pos, "unclosed left paren", "(");
          const mark = this.vars.length;
          const pipe = this.parsePipeline(tokens, j + 1, close, "parenthesized pipeline");
          this.vars.length = pipe.decl?.op === ":=" ? this.vars.length : mark;
          operands.push({ kind: "pipeline", pos: t.pos, pipe });
          j = close + 1;
          break;
        }
        case "field":
          if (!this.opts.fields) this.fail(t.pos, `field access ${t.text} is not supported: KOTS templates have no data`, t.text);
          operands.push({ kind: "field", pos: t.pos, fields: [t.text.slice(1)] });
          j++;
          break;
        default:
          this.fail(t.pos, `unexpected ${quoteTok(t)} in command`, t.text);
      }
      if (!this.opts.fields) {
        if (tokens[j]?.type === "field") this.fail(tokens[j].pos, `field access ${tokens[j].text} is not supported: KOTS templates have no data`, tokens[j].text);
        continue;
      }
      // Go's operand(): fields written right after a term (no space) chain onto it
      const prev = tokens[j - 1];
      if (j < to && tokens[j].type === "field" && tokens[j].pos === prev.pos + prev.text.length) {
        const chainPos = tokens[j].pos;
        const names: string[] = [];
        while (j < to && tokens[j].type === "field" && tokens[j].pos === tokens[j - 1].pos + tokens[j - 1].text.length) {
          names.push(tokens[j].text.slice(1));
          j++;
        }
        const term = operands.pop()!;
        if (term.kind === "field") operands.push({ kind: "field", pos: chainPos, fields: [...term.fields, ...names] });
        else if (term.kind === "var") operands.push({ kind: "var", pos: chainPos, name: term.name, fields: names });
        else if (term.kind === "func" || term.kind === "pipeline") operands.push({ kind: "chain", pos: chainPos, node: term, fields: names });
        else this.fail(chainPos, `unexpected . after term ${goQuote(operandString(term))}`, operandString(term));
      }
    }
    if (operands.length === 0) this.fail(tokens[Math.min(j, to - 1)]?.pos ?? 0, "missing value for command");
    return [{ pos: tokens[from].pos, operands }, j];
  }

  /** Number literal → int (bigint) or float64 (number), as Go's idealConstant decides. */
  private number(t: Token): GoValue {
    const text = t.text.replace(/_/g, "");
    const neg = text.startsWith("-");
    const body = text.replace(/^[+-]/, "");
    try {
      if (/^0[xX][0-9a-fA-F]+$/.test(body) || /^0[bB][01]+$/.test(body) || /^0[oO][0-7]+$/.test(body)) {
        const v = BigInt(body.toLowerCase());
        return neg ? -v : v;
      }
      if (/^0[0-7]+$/.test(body)) {
        const v = BigInt(`0o${body.slice(1)}`);
        return neg ? -v : v;
      }
      if (/^[0-9]+$/.test(body)) {
        const v = BigInt(body);
        return neg ? -v : v;
      }
      if (/^([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/.test(body)) return Number(text);
    } catch {
      // fall through to the error
    }
    return this.fail(t.pos, `bad number syntax: "${t.text}"`, t.text);
  }
}

function matchParen(tokens: Token[], open: number, to: number): number {
  let depth = 0;
  for (let k = open; k < to; k++) {
    if (tokens[k].type === "lparen") depth++;
    else if (tokens[k].type === "rparen" && --depth === 0) return k;
  }
  return -1;
}

function quoteTok(t: Token): string {
  return `"${t.text}"`;
}
