import { TemplateError } from "./errors.ts";

/**
 * Splits template text into text and action items, and actions into tokens, following Go
 * text/template's lexer (lex.go): custom delimiters, trim markers ("{{repl- " / " -}}", a '-' next
 * to the delimiter followed/preceded by a space), comments ("/* … *\/" right inside the delimiters),
 * double-quoted strings with Go escapes, raw `backtick` strings, numbers, chars, $variables, .fields.
 */

export type TokenType =
  | "ident"
  | "keyword"
  | "bool"
  | "nil"
  | "number"
  | "string"
  | "char"
  | "variable"
  | "dot"
  | "field"
  | "declare"
  | "assign"
  | "pipe"
  | "lparen"
  | "rparen"
  | "comma";

export interface Token {
  type: TokenType;
  /** offset of the token's first character in the input */
  pos: number;
  /** source text of the token */
  text: string;
  /** decoded value of string and char tokens */
  value?: string;
}

export type Item =
  | { kind: "text"; pos: number; text: string }
  | { kind: "action"; pos: number; tokens: Token[]; endPos: number };

export interface LexOptions {
  file: string;
  /** line number of an input offset */
  lineAt: (pos: number) => number;
  /** [start, end) ranges of the input where the left delimiter is not recognised (opaque output) */
  opaque?: ReadonlyArray<readonly [number, number]>;
  /** Go's own texts for the errors where KOTS rendering words them its way ("unclosed action", "{{end}}") */
  goErrors?: boolean;
}

const KEYWORDS = new Set(["block", "break", "continue", "define", "else", "end", "if", "range", "template", "with"]);
const isSpace = (c: string | undefined) => c === " " || c === "\t" || c === "\r" || c === "\n";
const isAlnum = (c: string | undefined) => c !== undefined && /[\p{L}\p{Nd}_]/u.test(c);

/** Tokenises `input` with the given delimiters; throws TemplateError on lexical errors. */
export function lex(input: string, leftDelim: string, rightDelim: string, opts: LexOptions): Item[] {
  const items: Item[] = [];
  const fail = (pos: number, detail: string, token?: string): never => {
    throw new TemplateError(opts.file, opts.lineAt(pos), detail, token);
  };
  const opaqueAt = (i: number) => (opts.opaque ?? []).some(([s, e]) => i >= s && i < e);
  const findLeft = (from: number): number => {
    let i = input.indexOf(leftDelim, from);
    while (i >= 0 && opaqueAt(i)) i = input.indexOf(leftDelim, i + 1);
    return i;
  };

  let pos = 0;
  let trimNextText = false;
  while (pos <= input.length) {
    const at = findLeft(pos);
    const textEnd = at < 0 ? input.length : at;
    let textStart = pos;
    let textStop = textEnd;
    if (trimNextText) while (textStart < textStop && isSpace(input[textStart])) textStart++;
    trimNextText = false;
    let actionStart = at + leftDelim.length;
    if (at >= 0 && input[actionStart] === "-" && isSpace(input[actionStart + 1])) {
      while (textStop > textStart && isSpace(input[textStop - 1])) textStop--;
      actionStart += 2;
    }
    if (textStop > textStart) items.push({ kind: "text", pos: textStart, text: input.slice(textStart, textStop) });
    if (at < 0) break;

    // comment: {{/* … */}}
    if (input.startsWith("/*", actionStart)) {
      const close = input.indexOf("*/", actionStart + 2);
      if (close < 0) fail(at, "unclosed comment");
      let q = close + 2;
      if (isSpace(input[q]) && input[q + 1] === "-" && input.startsWith(rightDelim, q + 2)) {
        trimNextText = true;
        q += 2;
      }
      if (!input.startsWith(rightDelim, q)) fail(close, "comment ends before closing delimiter");
      pos = q + rightDelim.length;
      continue;
    }

    const tokens: Token[] = [];
    let p = actionStart;
    for (;;) {
      if (p >= input.length) fail(at, opts.goErrors ? "unclosed action" : `unclosed action (started with "${leftDelim}")`, leftDelim);
      const c = input[p];
      if (isSpace(c)) {
        if (input[p + 1] === "-" && input.startsWith(rightDelim, p + 2)) {
          trimNextText = true;
          p += 2;
          break;
        }
        p++;
        continue;
      }
      if (input.startsWith(rightDelim, p)) break;
      const start = p;
      if (c === '"') {
        const [value, end] = lexQuoted(input, p, fail);
        tokens.push({ type: "string", pos: start, text: input.slice(start, end), value });
        p = end;
      } else if (c === "`") {
        const end = input.indexOf("`", p + 1);
        if (end < 0) fail(p, "unterminated raw quoted string", "`");
        tokens.push({ type: "string", pos: start, text: input.slice(start, end + 1), value: input.slice(p + 1, end).replace(/\r/g, "") });
        p = end + 1;
      } else if (c === "'") {
        const [value, end] = lexChar(input, p, fail);
        tokens.push({ type: "char", pos: start, text: input.slice(start, end), value });
        p = end;
      } else if (c === "$") {
        p++;
        while (isAlnum(input[p])) p++;
        tokens.push({ type: "variable", pos: start, text: input.slice(start, p) });
      } else if (c === "." && !/[0-9]/.test(input[p + 1] ?? "")) {
        p++;
        if (isAlnum(input[p])) {
          while (isAlnum(input[p])) p++;
          tokens.push({ type: "field", pos: start, text: input.slice(start, p) });
        } else tokens.push({ type: "dot", pos: start, text: "." });
      } else if (c === "+" || c === "-" || c === "." || /[0-9]/.test(c)) {
        const m = /^[+-]?(0[xX][0-9a-fA-F_]+(\.[0-9a-fA-F_]*)?([pP][+-]?[0-9_]+)?|0[oObB][0-9_]+|([0-9][0-9_]*)?(\.[0-9_]*)?([eE][+-]?[0-9_]+)?)/.exec(
          input.slice(p),
        );
        const text = m?.[0] ?? "";
        if (!/[0-9]/.test(text) || isAlnum(input[p + text.length])) {
          const bad = input.slice(p, p + Math.max(text.length, 1) + (isAlnum(input[p + text.length]) ? 1 : 0));
          fail(p, `bad number syntax: "${bad}"`, bad);
        }
        tokens.push({ type: "number", pos: start, text });
        p += text.length;
      } else if (isAlnum(c)) {
        while (isAlnum(input[p])) p++;
        const word = input.slice(start, p);
        const type: TokenType = KEYWORDS.has(word) ? "keyword" : word === "true" || word === "false" ? "bool" : word === "nil" ? "nil" : "ident";
        tokens.push({ type, pos: start, text: word });
      } else if (c === ":" && input[p + 1] === "=") {
        tokens.push({ type: "declare", pos: start, text: ":=" });
        p += 2;
      } else if (c === "=") {
        tokens.push({ type: "assign", pos: start, text: "=" });
        p++;
      } else if (c === "|") {
        tokens.push({ type: "pipe", pos: start, text: "|" });
        p++;
      } else if (c === "(") {
        tokens.push({ type: "lparen", pos: start, text: "(" });
        p++;
      } else if (c === ")") {
        tokens.push({ type: "rparen", pos: start, text: ")" });
        p++;
      } else if (c === ",") {
        tokens.push({ type: "comma", pos: start, text: "," });
        p++;
      } else {
        fail(p, `unexpected bad character ${JSON.stringify(c)} in action`, c);
      }
    }
    items.push({ kind: "action", pos: at, tokens, endPos: p });
    pos = p + rightDelim.length;
  }
  return items;
}

const SIMPLE_ESCAPES: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\", '"': '"', "'": "'" };

/** Decodes one Go escape sequence starting after the backslash; returns [text, next index]. */
function unescape(input: string, i: number, quote: string, fail: (pos: number, d: string, t?: string) => never): [string, number] {
  const c = input[i];
  if (c in SIMPLE_ESCAPES && (c !== "'" || quote === "'") && (c !== '"' || quote === '"')) return [SIMPLE_ESCAPES[c], i + 1];
  const hex = (n: number) => {
    const h = input.slice(i + 1, i + 1 + n);
    if (h.length !== n || !/^[0-9a-fA-F]+$/.test(h)) fail(i, `invalid escape sequence \\${c}${h}`, `\\${c}`);
    return parseInt(h, 16);
  };
  if (c === "x") return [String.fromCharCode(hex(2)), i + 3];
  if (c === "u") return [String.fromCodePoint(hex(4)), i + 5];
  if (c === "U") {
    const cp = hex(8);
    if (cp > 0x10ffff) fail(i, "escape sequence is invalid Unicode code point", "\\U");
    return [String.fromCodePoint(cp), i + 9];
  }
  if (/[0-7]/.test(c ?? "")) {
    const o = input.slice(i, i + 3);
    if (!/^[0-7]{3}$/.test(o)) fail(i, `invalid escape sequence \\${o}`, `\\${o}`);
    return [String.fromCharCode(parseInt(o, 8)), i + 3];
  }
  return fail(i, `unknown escape sequence \\${c ?? ""}`, `\\${c ?? ""}`);
}

function lexQuoted(input: string, start: number, fail: (pos: number, d: string, t?: string) => never): [string, number] {
  let out = "";
  let i = start + 1;
  for (;;) {
    const c = input[i];
    if (c === undefined || c === "\n") return fail(start, "unterminated quoted string", input.slice(start, i));
    if (c === '"') return [out, i + 1];
    if (c === "\\") {
      const [t, next] = unescape(input, i + 1, '"', fail);
      out += t;
      i = next;
    } else {
      out += c;
      i++;
    }
  }
}

function lexChar(input: string, start: number, fail: (pos: number, d: string, t?: string) => never): [string, number] {
  let i = start + 1;
  let value: string;
  if (input[i] === "\\") [value, i] = unescape(input, i + 1, "'", fail);
  else {
    const cp = input.codePointAt(i);
    if (cp === undefined || input[i] === "'" || input[i] === "\n") return fail(start, "unterminated character constant", "'");
    value = String.fromCodePoint(cp);
    i += value.length;
  }
  if (input[i] !== "'") return fail(start, "unterminated character constant", "'");
  return [value, i + 1];
}
