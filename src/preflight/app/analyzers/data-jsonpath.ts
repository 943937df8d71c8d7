/**
 * Kubernetes JSONPath templates (k8s.io/client-go v0.36.3 util/jsonpath), as troubleshoot's
 * jsonCompare analyzer runs its `jsonPath` field: AllowMissingKeys(true), EnableJSONOutput(true),
 * Execute, then the first JSON value of the output decoded.
 *
 * Template syntax: text outside `{…}` is literal; inside, `.field` / `['field']`, `[i]`,
 * `[start:end:step]` (negative indexes from the end), `[*]` / `.*`, `..field` (recursive
 * descent), `[a,b]` unions, `[?(@.x == "y")]` filters (==, !=, <, >, <=, >=, or existence),
 * quoted strings, numbers, true/false, and `range` … `end`.
 *
 * With JSON output every `{…}` block (and every piece of text) yields one JSON array of its
 * results; `executeJsonPathFirst` returns the first such array, as troubleshoot's decoder reads
 * only that one. Map members come in document order (Go's order is random).
 * Errors carry client-go's texts ("unclosed action", "array index out of bounds: index 3, length 2" …).
 */
import { type DataValue, isDataMap } from "./data-value.ts";
import { goSprintV } from "./data-go-fmt.ts";

type Node =
  | { type: "list"; nodes: Node[] }
  | { type: "text"; text: string }
  | { type: "field"; value: string }
  | { type: "array"; params: Param[] }
  | { type: "filter"; left: ListNode; right: ListNode; op: string }
  | { type: "int"; value: bigint }
  | { type: "float"; value: number }
  | { type: "bool"; value: boolean }
  | { type: "wildcard" }
  | { type: "recursive" }
  | { type: "union"; nodes: ListNode[] }
  | { type: "identifier"; name: string };

type ListNode = { type: "list"; nodes: Node[] };

interface Param {
  value: number;
  known: boolean;
  derived: boolean;
}

const EOF = "";

/** jsonpath.Parse. @throws Error with client-go's parse error text */
export function parseJsonPath(text: string): ListNode {
  return new Parser(text).parse();
}

class Parser {
  private pos = 0;
  private start = 0;
  private width = 0;
  root: ListNode = { type: "list", nodes: [] };

  constructor(private readonly input: string) {}

  parse(): ListNode {
    this.parseText(this.root);
    return this.root;
  }

  private consume(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }

  private next(): string {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const ch = String.fromCodePoint(this.input.codePointAt(this.pos)!);
    this.width = ch.length;
    this.pos += ch.length;
    return ch;
  }

  private peek(): string {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private parseText(cur: ListNode): void {
    for (;;) {
      if (this.input.startsWith("{", this.pos)) {
        if (this.pos > this.start) cur.nodes.push({ type: "text", text: this.consume() });
        this.pos += 1;
        this.consume();
        const list: ListNode = { type: "list", nodes: [] };
        cur.nodes.push(list);
        return this.parseInsideAction(list);
      }
      if (this.next() === EOF) break;
    }
    if (this.pos > this.start) cur.nodes.push({ type: "text", text: this.consume() });
  }

  private parseInsideAction(cur: ListNode): void {
    for (;;) {
      const rest = this.input.slice(this.pos);
      if (rest.startsWith("}")) {
        this.pos += 1;
        this.consume();
        return this.parseText(this.root);
      }
      if (rest.startsWith("[?(")) {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith("..")) {
        this.parseRecursive(cur);
        continue;
      }
      const r = this.next();
      if (r === EOF || r === "\r" || r === "\n") throw new Error("unclosed action");
      if (r === " " || r === "@" || r === "$") this.consume();
      else if (r === "[") this.parseArray(cur);
      else if (r === '"' || r === "'") this.parseQuote(cur, r);
      else if (r === ".") this.parseField(cur);
      else if (r === "+" || r === "-" || isDigit(r)) {
        this.backup();
        this.parseNumber(cur);
      } else if (isAlphaNumeric(r)) {
        this.backup();
        this.parseIdentifier(cur);
      } else throw new Error(`unrecognized character in action: ${sharpU(r)}`);
    }
  }

  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consume();
    if (value === "true" || value === "false") cur.nodes.push({ type: "bool", value: value === "true" });
    else cur.nodes.push({ type: "identifier", name: value });
  }

  private parseRecursive(cur: ListNode): void {
    const last = cur.nodes[cur.nodes.length - 1];
    if (last && last.type === "recursive") throw new Error("invalid multiple recursive descent");
    this.pos += 2;
    this.consume();
    cur.nodes.push({ type: "recursive" });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: ListNode): void {
    const r = this.peek();
    if (r === "+" || r === "-") this.next();
    for (;;) {
      const c = this.next();
      if (c !== "." && !isDigit(c)) {
        this.backup();
        break;
      }
    }
    const value = this.consume();
    if (/^[+-]?[0-9]+$/.test(value) && BigInt(value) >= -(1n << 63n) && BigInt(value) < 1n << 63n) {
      cur.nodes.push({ type: "int", value: BigInt(value) });
      return;
    }
    if (/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(value) && Number.isFinite(Number(value))) {
      cur.nodes.push({ type: "float", value: Number(value) });
      return;
    }
    throw new Error(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === "\n") throw new Error("unterminated array");
      if (r === "]") break;
    }
    let text = this.consume().slice(1, -1);
    if (text === "*") text = ":";
    const strs = text.split(",");
    if (strs.length > 1) {
      const union: ListNode[] = strs.map((s) => parseAction(`[${s.replace(/^ +| +$/g, "")}]`));
      cur.nodes.push({ type: "union", nodes: union });
      return;
    }
    const dict = /^'([^']*)'$/.exec(text);
    if (dict) {
      cur.nodes.push(...parseAction(`.${dict[1]}`).nodes);
      return;
    }
    const m = /^(-?[0-9]*)(:-?[0-9]*)?(:-?[0-9]*)?$/.exec(text);
    if (!m) throw new Error(`invalid array index ${text}`);
    const parts = [m[1] ?? "", m[2] ?? "", m[3] ?? ""];
    const params: Param[] = [];
    for (let i = 0; i < 3; i++) {
      let v = parts[i];
      if (v !== "") {
        if (i > 0) v = v.slice(1);
        if (i > 0 && v === "") params.push({ value: 0, known: false, derived: false });
        else {
          if (!/^[+-]?[0-9]+$/.test(v)) throw new Error(`array index ${v} is not a number`);
          params.push({ value: Number(v), known: true, derived: false });
        }
      } else if (i === 1) params.push({ value: params[0].value + 1, known: true, derived: true });
      else params.push({ value: 0, known: false, derived: false });
    }
    cur.nodes.push({ type: "array", params });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consume();
    let begin = false;
    let end = false;
    let pair = "";
    for (;;) {
      const r = this.next();
      if (r === EOF || r === "\n") throw new Error("unterminated filter");
      if (r === '"' || r === "'") {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== "\\" && r === pair) end = true;
      } else if (r === ")") {
        if (begin === end) break;
      }
    }
    if (this.next() !== "]") throw new Error("unclosed array expect ]");
    const text = this.consume().slice(0, -2);
    const m = /^([^!<>=]+)([!<>=]+)(.+?)$/.exec(text);
    if (!m) {
      cur.nodes.push({ type: "filter", left: parseAction(text), right: { type: "list", nodes: [] }, op: "exists" });
      return;
    }
    cur.nodes.push({ type: "filter", left: parseAction(m[1]), right: parseAction(m[3]), op: m[2] });
  }

  private parseQuote(cur: ListNode, end: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === "\n") throw new Error("unterminated quoted string");
      if (r === end && this.input[this.pos - 2] !== "\\") break;
    }
    const value = this.consume();
    let s: string;
    try {
      s = unquoteExtend(value);
    } catch (err) {
      throw new Error(`unquote string ${value} error ${(err as Error).message}`);
    }
    cur.nodes.push({ type: "text", text: s });
  }

  private parseField(cur: ListNode): void {
    this.consume();
    for (;;) {
      const r = this.next();
      if (r === "\\") this.next();
      else if (isTerminator(r)) {
        this.backup();
        break;
      }
    }
    const value = this.consume();
    if (value === "*") cur.nodes.push({ type: "wildcard" });
    else cur.nodes.push({ type: "field", value: value.replaceAll("\\", "") });
  }
}

/** parseAction: `text` parsed as the inside of one `{…}`; its list. */
function parseAction(text: string): ListNode {
  const p = new Parser(`{${text}}`);
  const root = p.parse();
  return root.nodes[0] as ListNode;
}

function isDigit(r: string): boolean {
  return r !== EOF && /^\p{Nd}$/u.test(r);
}

function isAlphaNumeric(r: string): boolean {
  return r === "_" || (r !== EOF && /^[\p{L}\p{Nd}]$/u.test(r));
}

function isTerminator(r: string): boolean {
  return r === EOF || r === " " || r === "\t" || r === "\r" || r === "\n" || ".,[]$@{}".includes(r);
}

/** fmt %#U of a rune: "U+0021 '!'". */
function sharpU(r: string): string {
  const c = r.codePointAt(0)!;
  const hex = c.toString(16).toUpperCase().padStart(4, "0");
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u.test(r) ? `U+${hex} '${r}'` : `U+${hex}`;
}

/** jsonpath.UnquoteExtend: strconv.Unquote that also takes single quotes. @throws Error "invalid syntax" */
function unquoteExtend(s: string): string {
  const bad = () => new Error("invalid syntax");
  if (s.length < 2) throw bad();
  const quote = s[0];
  if (quote !== s[s.length - 1] || (quote !== '"' && quote !== "'")) throw bad();
  let body = s.slice(1, -1);
  if (!body.includes("\\") && !body.includes(quote)) return body;
  let out = "";
  while (body.length > 0) {
    const c = body[0];
    if (c === quote) throw bad();
    if (c !== "\\") {
      const ch = String.fromCodePoint(body.codePointAt(0)!);
      out += ch;
      body = body.slice(ch.length);
      continue;
    }
    const e = body[1];
    if (e === undefined) throw bad();
    const simple: Record<string, string> = { a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v", "\\": "\\" };
    if (simple[e] !== undefined) {
      out += simple[e];
      body = body.slice(2);
    } else if (e === "'" || e === '"') {
      if (e !== quote) throw bad();
      out += e;
      body = body.slice(2);
    } else if (e === "x" || e === "u" || e === "U") {
      const n = e === "x" ? 2 : e === "u" ? 4 : 8;
      const hex = body.slice(2, 2 + n);
      if (hex.length !== n || !/^[0-9A-Fa-f]+$/.test(hex)) throw bad();
      const v = Number.parseInt(hex, 16);
      if (e === "x") out += String.fromCharCode(v);
      else {
        if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw bad();
        out += String.fromCodePoint(v);
      }
      body = body.slice(2 + n);
    } else if (/[0-7]/.test(e)) {
      const oct = body.slice(1, 4);
      if (!/^[0-7]{3}$/.test(oct) || Number.parseInt(oct, 8) > 255) throw bad();
      out += String.fromCharCode(Number.parseInt(oct, 8));
      body = body.slice(4);
    } else throw bad();
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------

/** A value a JSONPath step yields; `uint8` marks a byte taken out of a string by `*` or `..`. */
type Val = DataValue | { uint8: number };

const byteMarks = new WeakSet<object>();
const isByte = (v: Val): v is { uint8: number } => typeof v === "object" && v !== null && byteMarks.has(v);
function byteVal(n: number): Val {
  const v = { uint8: n };
  byteMarks.add(v);
  return v;
}

function children(v: Val): Val[] | undefined {
  if (isByte(v)) return undefined;
  if (Array.isArray(v)) return v;
  if (isDataMap(v)) return Object.values(v);
  if (typeof v === "string") return Array.from(new TextEncoder().encode(v), byteVal);
  return undefined;
}

function typeName(v: Val): string {
  if (isByte(v)) return "uint8";
  if (v === null) return "<nil>";
  if (Array.isArray(v)) return "[]interface {}";
  if (isDataMap(v)) return "map[string]interface {}";
  return typeof v === "string" ? "string" : typeof v === "boolean" ? "bool" : typeof v === "bigint" ? "int" : "float64";
}

class Evaluator {
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode: Node | undefined;

  constructor(private readonly root: ListNode) {}

  findResults(data: Val): Val[][] {
    const cur: Val[] = [data];
    const nodes = this.root.nodes;
    const full: Val[][] = [];
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      const results = this.walk(cur, node);
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = nodes[i];
        break;
      }
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) {
          for (const value of results) {
            this.root.nodes = nodes.slice(i + 1);
            full.push(...this.findResults(value));
          }
        } else {
          this.root.nodes = nodes.slice(i + 1);
          this.findResults(null);
        }
        this.inRange--;
        for (let k = i + 1; k < nodes.length; k++) {
          if (nodes[k] === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      full.push(results);
    }
    return full;
  }

  private walk(input: Val[], node: Node): Val[] {
    switch (node.type) {
      case "list": {
        let cur = input;
        for (const n of node.nodes) cur = this.walk(cur, n);
        return cur;
      }
      case "text":
        return [node.text];
      case "field":
        return this.field(input, node.value);
      case "array":
        return this.array(input, node.params);
      case "filter":
        return this.filter(input, node);
      case "int":
      case "float":
      case "bool":
        return input.map(() => node.value);
      case "wildcard":
        return input.flatMap((v) => (v === null ? [] : (children(v) ?? [])));
      case "recursive":
        return this.recursive(input);
      case "union":
        return node.nodes.flatMap((l) => this.walk(input, l));
      case "identifier":
        if (node.name === "range") {
          this.beginRange++;
          return input;
        }
        if (node.name === "end") {
          if (this.inRange > 0) {
            this.endRange++;
            return [];
          }
          throw new Error("not in range, nothing to end");
        }
        throw new Error(`unrecognized identifier ${node.name}`);
    }
  }

  private field(input: Val[], name: string): Val[] {
    const out: Val[] = [];
    for (const v of input) {
      if (v === null || isByte(v)) continue;
      if (isDataMap(v) && Object.hasOwn(v, name)) out.push(v[name]);
    }
    return out;
  }

  private array(input: Val[], nodeParams: Param[]): Val[] {
    const out: Val[] = [];
    for (const v of input) {
      if (v === null) continue;
      if (!Array.isArray(v)) throw new Error(`${typeName(v)} is not array or slice`);
      const p = nodeParams.map((x) => ({ ...x }));
      const len = v.length;
      if (!p[0].known) p[0].value = 0;
      if (p[0].value < 0) p[0].value += len;
      if (!p[1].known) p[1].value = len;
      if (p[1].value < 0 || (p[1].value === 0 && p[1].derived)) p[1].value += len;
      if (p[1].value === p[0].value) return out;
      if (p[0].value >= len || p[0].value < 0) throw new Error(`array index out of bounds: index ${p[0].value}, length ${len}`);
      if (p[1].value > len || p[1].value < 0) throw new Error(`array index out of bounds: index ${p[1].value - 1}, length ${len}`);
      if (p[0].value > p[1].value) throw new Error(`starting index ${p[0].value} is greater than ending index ${p[1].value}`);
      const slice = v.slice(p[0].value, p[1].value);
      let step = 1;
      if (p[2].known) {
        if (p[2].value <= 0) throw new Error("step must be > 0");
        step = p[2].value;
      }
      for (let i = 0; i < slice.length; i += step) out.push(slice[i]);
    }
    return out;
  }

  private recursive(input: Val[]): Val[] {
    const out: Val[] = [];
    for (const v of input) {
      if (v === null) continue;
      const kids = children(v) ?? [];
      if (kids.length !== 0) {
        out.push(v);
        out.push(...this.recursive(kids));
      }
    }
    return out;
  }

  private filter(input: Val[], node: { left: ListNode; right: ListNode; op: string }): Val[] {
    const out: Val[] = [];
    for (const v of input) {
      if (!Array.isArray(v)) throw new Error(`${v === null ? "<invalid reflect.Value>" : isByte(v) ? String(v.uint8) : goSprintV(v)} is not array or slice and cannot be filtered`);
      for (const item of v) {
        let lefts: Val[];
        let leftErr: unknown;
        try {
          lefts = this.walk([item], node.left);
        } catch (err) {
          lefts = [];
          leftErr = err;
        }
        if (node.op === "exists") {
          if (lefts.length > 0) out.push(item);
          continue;
        }
        if (leftErr) throw leftErr;
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new Error("can only compare one element at a time");
        const rights = this.walk([item], node.right);
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new Error("can only compare one element at a time");
        if (compare(lefts[0], rights[0], node.op)) out.push(item);
      }
    }
    return out;
  }
}

type Kind = "bool" | "int" | "uint" | "float" | "string";

function basicKind(v: Val): Kind {
  if (isByte(v)) return "uint";
  switch (typeof v) {
    case "boolean":
      return "bool";
    case "bigint":
      return "int";
    case "number":
      return "float";
    case "string":
      return "string";
  }
  throw new Error("invalid type for comparison");
}

function num(v: Val): bigint | number | string | boolean {
  if (isByte(v)) return BigInt(v.uint8);
  return v as bigint | number | string | boolean;
}

function equal(a: Val, b: Val): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    if ((k1 === "int" && k2 === "uint") || (k1 === "uint" && k2 === "int")) return num(a) === num(b);
    throw new Error("incompatible types for comparison");
  }
  return num(a) === num(b);
}

function less(a: Val, b: Val): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    if ((k1 === "int" && k2 === "uint") || (k1 === "uint" && k2 === "int")) return (num(a) as bigint) < (num(b) as bigint);
    throw new Error("incompatible types for comparison");
  }
  if (k1 === "bool") throw new Error("invalid type for comparison");
  if (k1 === "string") return Buffer.compare(Buffer.from(a as string), Buffer.from(b as string)) < 0;
  return (num(a) as number) < (num(b) as number);
}

function compare(a: Val, b: Val, op: string): boolean {
  switch (op) {
    case "<":
      return less(a, b);
    case ">":
      return !(less(a, b) || equal(a, b));
    case "==":
      return equal(a, b);
    case "!=":
      return !equal(a, b);
    case "<=":
      return less(a, b) || equal(a, b);
    case ">=":
      return !less(a, b);
  }
  throw new Error(`unrecognized filter operator ${op}`);
}

/** A result converted as json.MarshalIndent then json.Decode into interface{} see it. */
function throughJson(v: Val): DataValue {
  if (isByte(v)) return v.uint8;
  if (typeof v === "bigint") return Number(v);
  if (Array.isArray(v)) return v.map(throughJson);
  if (isDataMap(v)) {
    const out: Record<string, DataValue> = {};
    for (const k of Object.keys(v)) Object.defineProperty(out, k, { value: throughJson(v[k]), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

/**
 * Runs a parsed template over `data` and returns the first JSON array the JSON output holds,
 * decoded (numbers as float64), as troubleshoot reads it.
 * @throws Error with client-go's evaluation error text; Error "EOF" when the output is empty
 */
export function executeJsonPathFirst(root: ListNode, data: DataValue): DataValue {
  const groups = new Evaluator(root).findResults(data);
  if (groups.length === 0) throw new Error("EOF");
  return throughJson(groups[0]);
}
