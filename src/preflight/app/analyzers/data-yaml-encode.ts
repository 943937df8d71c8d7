/**
 * gopkg.in/yaml.v2 v2.4.0 `yaml.Marshal(v)` of decoded data — the text troubleshoot's
 * clusterResource analyzer runs `regex` and `regexGroups` over. Reproduces yaml.v2's emitter
 * (emitterc.go) for block collections and scalars:
 *
 * - maps in block style, keys sorted as yaml.v2 sorts them (numbers first, numerically; strings in
 *   its "natural" order where digit runs compare as numbers); `{}` / `[]` for empty collections;
 *   sequences inside a mapping are not indented ("a:\n- x"), nested levels indent by 2;
 * - strings plain when yaml.v2 would read them back as the same string, else double-quoted
 *   ("3", "true", "2026-01-01", "" …); strings with a line break as a literal block (`|`, `|-`,
 *   `|+`, an indentation digit when they start with a space or break); plain text that cannot stay
 *   plain (": ", " #", leading "-", "*", "&", surrounding spaces …) single-quoted; tabs and other
 *   non-printables force double quotes with \t, \x.., \u.... escapes;
 * - lines longer than 80 columns folded at a space, as yaml.v2 does for plain and quoted scalars;
 * - int as digits, float64 in Go's %g form ("1e+06", ".inf", ".nan"), bool, "null"; the document
 *   ends with a newline.
 */
import { formatGoFloat } from "../../../go/fmt.ts";
import { type DataMap, type DataValue, dataKeyType, isDataMap } from "./data-value.ts";
import { isYamlTimestamp, resolvePlain } from "./data-yaml-decode.ts";

const BEST_INDENT = 2;
const BEST_WIDTH = 80;

type Style = "plain" | "single" | "double" | "literal";

interface Scalar {
  text: string;
  style: Style;
}

interface Analysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

/** yaml.Marshal(v) for decoded data (see the module comment). */
export function yamlV2Marshal(v: DataValue): string {
  const e = new Emitter();
  e.node(v, true, false, false, false);
  e.writeIndent();
  return e.out;
}

const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

function scalarOf(v: DataValue): Scalar {
  if (v === null) return { text: "null", style: "plain" };
  switch (typeof v) {
    case "boolean":
    case "bigint":
      return { text: String(v), style: "plain" };
    case "number": {
      const s = formatGoFloat(v);
      return { text: s === "+Inf" ? ".inf" : s === "-Inf" ? "-.inf" : s === "NaN" ? ".nan" : s, style: "plain" };
    }
    case "string": {
      const canUsePlain = resolvePlain(v).tag === "tag:yaml.org,2002:str" && !isYamlTimestamp(v) && !(/^[-+0-9]/.test(v) && v.includes(":") && BASE60_FLOAT.test(v));
      const style: Style = v.includes("\n") ? "literal" : canUsePlain ? "plain" : "double";
      return { text: v, style };
    }
  }
  throw new Error("not a scalar");
}

function keyScalar(m: DataMap, k: string): Scalar {
  switch (dataKeyType(m, k)) {
    case "<nil>":
      return { text: "null", style: "plain" };
    case "int":
    case "uint64":
    case "bool":
    case "float64":
      return { text: k === "+Inf" ? ".inf" : k === "-Inf" ? "-.inf" : k === "NaN" ? ".nan" : k, style: "plain" };
  }
  return scalarOf(k);
}

// reflect.Kind numbers yaml.v2's key sort falls back on.
const KIND: Record<string, number> = { bool: 1, int: 2, uint64: 11, float64: 14, "<nil>": 20, string: 24 };

/** yaml.v2 sorter.go keyList.Less over the keys of one map. */
function keyLess(m: DataMap, a: string, b: string): boolean {
  const ta = dataKeyType(m, a);
  const tb = dataKeyType(m, b);
  const fa = keyFloat(ta, a);
  const fb = keyFloat(tb, b);
  if (fa !== undefined && fb !== undefined) {
    if (fa !== fb) return fa < fb;
    if (ta !== tb) return KIND[ta] < KIND[tb];
    if (ta === "bool") return a === "false" && b === "true";
    return ta === "float64" ? Number(a) < Number(b) : BigInt(a) < BigInt(b);
  }
  if (ta !== "string" || tb !== "string") return KIND[ta] < KIND[tb];
  const ar = Array.from(a);
  const br = Array.from(b);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    if (ar[i] === br[i]) continue;
    const al = isLetter(ar[i]);
    const bl = isLetter(br[i]);
    if (al && bl) return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ar[i] === "0" || br[i] === "0") {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== "0") {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10n + BigInt(ar[ai].codePointAt(0)! - 48);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10n + BigInt(br[bi].codePointAt(0)! - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ar[i].codePointAt(0)! < br[i].codePointAt(0)!;
  }
  return ar.length < br.length;
}

function keyFloat(type: string, k: string): number | undefined {
  if (type === "int" || type === "uint64" || type === "float64") return Number(k === "+Inf" ? Infinity : k === "-Inf" ? -Infinity : k);
  if (type === "bool") return k === "true" ? 1 : 0;
  return undefined;
}

const isLetter = (c: string) => /^\p{L}$/u.test(c);
const isDigit = (c: string) => /^\p{Nd}$/u.test(c);

function sortedKeys(m: DataMap): string[] {
  return Object.keys(m).sort((a, b) => (keyLess(m, a, b) ? -1 : keyLess(m, b, a) ? 1 : 0));
}

const cp = (c: string | undefined) => (c === undefined ? -1 : c.codePointAt(0)!);
const isSpace = (c: string | undefined) => c === " ";
const isBreak = (c: string | undefined) => c === "\r" || c === "\n" || c === "\u0085" || c === "\u2028" || c === "\u2029";
const isBlank = (c: string | undefined) => c === " " || c === "\t";
const isBlankz = (c: string | undefined) => c === undefined || isBlank(c) || isBreak(c) || c === "\0";

function isPrintable(c: string): boolean {
  const v = cp(c);
  return v === 0x0a || (v >= 0x20 && v <= 0x7e) || (v >= 0xa0 && v <= 0xd7ff) || (v >= 0xe000 && v <= 0xfffd && v !== 0xfeff);
}

/** yaml_emitter_analyze_scalar, reduced to the flags block-context emission reads. */
function analyze(value: string): Analysis {
  const r = Array.from(value);
  if (r.length === 0) return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  let blockIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  if (value.startsWith("---") || value.startsWith("...")) blockIndicators = true;
  let precededByWhitespace = true;
  for (let i = 0; i < r.length; i++) {
    const c = r[i];
    const followedByWhitespace = i + 1 >= r.length || isBlank(r[i + 1]);
    if (i === 0) {
      if ("#,[]{}&*!|>'\"%@`".includes(c)) blockIndicators = true;
      else if ((c === "?" || c === ":" || c === "-") && followedByWhitespace) blockIndicators = true;
    } else if (c === ":" && followedByWhitespace) blockIndicators = true;
    else if (c === "#" && precededByWhitespace) blockIndicators = true;
    if (!isPrintable(c)) special = true;
    if (isSpace(c)) {
      if (i === 0) leadingSpace = true;
      if (i === r.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === r.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankz(c);
  }
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
  }
  if (spaceBreak || special) {
    blockPlainAllowed = false;
    singleQuotedAllowed = false;
    blockAllowed = false;
  }
  if (lineBreaks) blockPlainAllowed = false;
  if (blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

/** The emitter state of libyaml that block-context output depends on. */
class Emitter {
  out = "";
  column = 0;
  indent = -1;
  indents: number[] = [];
  whitespace = true;
  indention = true;
  mappingContext = false;
  simpleKeyContext = false;

  private put(s: string): void {
    this.out += s;
    this.column += Array.from(s).length;
  }

  private putBreak(): void {
    this.out += "\n";
    this.column = 0;
  }

  private writeBreak(c: string): void {
    if (c === "\n") this.putBreak();
    else {
      this.out += c;
      this.column = 0;
    }
  }

  writeIndent(): void {
    const indent = Math.max(this.indent, 0);
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    while (this.column < indent) this.put(" ");
    this.whitespace = true;
    this.indention = true;
  }

  private indicator(s: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(" ");
    this.put(s);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }

  private popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  node(v: DataValue, _root: boolean, _sequence: boolean, mapping: boolean, simpleKey: boolean): void {
    this.mappingContext = mapping;
    this.simpleKeyContext = simpleKey;
    if (Array.isArray(v)) {
      if (v.length === 0) return this.emptyFlow("[", "]");
      return this.blockSequence(v);
    }
    if (isDataMap(v)) {
      const keys = sortedKeys(v);
      if (keys.length === 0) return this.emptyFlow("{", "}");
      return this.blockMapping(v, keys);
    }
    this.scalar(scalarOf(v));
  }

  private emptyFlow(open: string, close: string): void {
    this.indicator(open, true, true, false);
    this.increaseIndent(true, false);
    this.popIndent();
    this.indicator(close, false, false, false);
  }

  private blockSequence(items: DataValue[]): void {
    this.increaseIndent(false, this.mappingContext && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.indicator("-", true, false, true);
      this.node(item, false, true, false, false);
    }
    this.popIndent();
  }

  private blockMapping(m: DataMap, keys: string[]): void {
    this.increaseIndent(false, false);
    for (const k of keys) {
      this.writeIndent();
      const key = keyScalar(m, k);
      const a = analyze(key.text);
      if (!a.multiline && new TextEncoder().encode(key.text).length <= 128) {
        this.mappingContext = true;
        this.simpleKeyContext = true;
        this.scalar(key, a);
        this.indicator(":", false, false, false);
      } else {
        this.indicator("?", true, false, true);
        this.mappingContext = true;
        this.simpleKeyContext = false;
        this.scalar(key, a);
        this.writeIndent();
        this.indicator(":", true, false, true);
      }
      this.node(m[k], false, false, true, false);
    }
    this.popIndent();
  }

  private scalar(s: Scalar, a: Analysis = analyze(s.text)): void {
    let style = s.style;
    if (this.simpleKeyContext && a.multiline) style = "double";
    if (style === "plain") {
      if (!a.blockPlainAllowed) style = "single";
      if (s.text.length === 0 && this.simpleKeyContext) style = "single";
    }
    if (style === "single" && !a.singleQuotedAllowed) style = "double";
    if (style === "literal" && (!a.blockAllowed || this.simpleKeyContext)) style = "double";
    this.increaseIndent(true, false);
    const breaks = !this.simpleKeyContext;
    if (style === "plain") this.plain(s.text, breaks);
    else if (style === "single") this.singleQuoted(s.text, breaks);
    else if (style === "double") this.doubleQuoted(s.text, breaks);
    else this.literal(s.text);
    this.popIndent();
  }

  private plain(value: string, allowBreaks: boolean): void {
    if (!this.whitespace) this.put(" ");
    const r = Array.from(value);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < r.length; i++) {
      const c = r[i];
      if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && !isSpace(r[i + 1])) this.writeIndent();
        else this.put(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === "\n") this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private singleQuoted(value: string, allowBreaks: boolean): void {
    this.indicator("'", true, false, false);
    const r = Array.from(value);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < r.length; i++) {
      const c = r[i];
      if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < r.length - 1 && !isSpace(r[i + 1])) this.writeIndent();
        else this.put(c);
        spaces = true;
      } else if (isBreak(c)) {
        if (!breaks && c === "\n") this.putBreak();
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === "'") this.put("'");
        this.put(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.indicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private doubleQuoted(value: string, allowBreaks: boolean): void {
    this.indicator('"', true, false, false);
    const r = Array.from(value);
    const bom = r[0] === "\uFEFF";
    let spaces = false;
    for (let i = 0; i < r.length; i++) {
      const c = r[i];
      if (!isPrintable(c) || bom || isBreak(c) || c === '"' || c === "\\") {
        this.put(`\\${escapeOf(c)}`);
        spaces = false;
      } else if (isSpace(c)) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < r.length - 1) {
          this.writeIndent();
          if (isSpace(r[i + 1])) this.put("\\");
        } else this.put(c);
        spaces = true;
      } else {
        this.put(c);
        spaces = false;
      }
    }
    this.indicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private literal(value: string): void {
    this.indicator("|", true, false, false);
    const r = Array.from(value);
    if (isSpace(r[0]) || isBreak(r[0])) this.indicator(String(BEST_INDENT), false, false, false);
    let chomp = "";
    if (r.length === 0) chomp = "-";
    else if (!isBreak(r[r.length - 1])) chomp = "-";
    else if (r.length === 1) chomp = "+";
    else if (isBreak(r[r.length - 2])) chomp = "+";
    if (chomp) this.indicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (const c of r) {
      if (isBreak(c)) {
        this.writeBreak(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.put(c);
        this.indention = false;
        breaks = false;
      }
    }
  }
}

function escapeOf(c: string): string {
  const v = cp(c);
  const named: Record<number, string> = {
    0x00: "0",
    0x07: "a",
    0x08: "b",
    0x09: "t",
    0x0a: "n",
    0x0b: "v",
    0x0c: "f",
    0x0d: "r",
    0x1b: "e",
    0x22: '"',
    0x5c: "\\",
    0x85: "N",
    0xa0: "_",
    0x2028: "L",
    0x2029: "P",
  };
  if (named[v] !== undefined) return named[v];
  const h = v.toString(16).toUpperCase();
  if (v <= 0xff) return `x${h.padStart(2, "0")}`;
  if (v <= 0xffff) return `u${h.padStart(4, "0")}`;
  return `U${h.padStart(8, "0")}`;
}
