/**
 * Go's regexp.Compile (RE2 syntax, Go 1.26 regexp/syntax with the Perl flags regexp.Compile
 * uses) for the textAnalyze and clusterResource `regex` / `regexGroups` fields, as a JavaScript
 * RegExp with the same matches.
 *
 * The pattern is walked as Go's parser walks it: what Go rejects fails with Go's error text
 * ("error parsing regexp: missing closing ): `(a`"); what it accepts is written out in
 * JavaScript ("u" mode) with Go's meaning made explicit, since the two dialects differ:
 * `.` excludes only "\n" (JavaScript also excludes \r, U+2028, U+2029), `\s` is [\t\n\f\r ],
 * `\d` and `\w` are ASCII, `(?m)` lines end at "\n" only, flags may be set mid-pattern and
 * scoped (`(?i)`, `(?s:…)`, `(?-i)`, `(?U)` ungreedy), `\pL` / `\p{Greek}` / `\p{^L}`, POSIX
 * `[[:alpha:]]` / `[[:^alpha:]]`, `\Q…\E`, octal `\123`, `\x{10FFFF}`, `{` that starts no
 * repeat is a literal, and repetition of anchors (`^*`) is allowed.
 *
 * (src/config/go-regexp.ts compileGoRegexp translates the common subset for Config validation;
 * this module covers the whole syntax because analyzers run arbitrary troubleshoot specs.)
 */
import { type CharRange, PERL_CLASSES, POSIX_CLASSES } from "../../../config/template/go-regexp-classes.ts";

/** Go's *syntax.Error text, e.g. "error parsing regexp: unexpected ): `a)`". */
export class GoRegexpSyntaxError extends Error {
  constructor(code: string, expr: string) {
    super(`error parsing regexp: ${code}: \`${expr}\``);
  }
}

/** A compiled Go regexp: the JavaScript RegExp and Go's SubexpNames ("" for index 0 and unnamed groups). */
export interface GoRegexp {
  re: RegExp;
  subexpNames: string[];
}

/**
 * regexp.Compile(pattern).
 * @throws GoRegexpSyntaxError with Go's text where Go's parser rejects the pattern
 */
export function goRegexpCompile(pattern: string): GoRegexp {
  const t = new Translator(pattern);
  const source = t.translate();
  return { re: new RegExp(source, "u"), subexpNames: t.names };
}

/** regexp.MustCompile(pattern).MatchString(text). */
export function goRegexpMatch(re: GoRegexp, text: string): boolean {
  return re.re.test(text);
}

/**
 * FindStringSubmatch: the leftmost-first match and its groups ("" for a group that took no part),
 * or null when nothing matches.
 */
export function goFindStringSubmatch(re: GoRegexp, text: string): string[] | null {
  const m = re.re.exec(text);
  if (!m) return null;
  return Array.from(m, (g) => g ?? "");
}

const MISSING_PAREN = "missing closing )";
const UNEXPECTED_PAREN = "unexpected )";
const MISSING_BRACKET = "missing closing ]";
const MISSING_REPEAT_ARG = "missing argument to repetition operator";
const INVALID_REPEAT_OP = "invalid nested repetition operator";
const INVALID_REPEAT_SIZE = "invalid repeat count";
const INVALID_ESCAPE = "invalid escape sequence";
const INVALID_PERL_OP = "invalid or unsupported Perl syntax";
const INVALID_NAMED_CAPTURE = "invalid named capture";
const INVALID_CHAR_RANGE = "invalid character class range";
const TRAILING_BACKSLASH = "trailing backslash at end of expression";

type Range = CharRange;
const MAX_RUNE = 0x10ffff;

const PERL = PERL_CLASSES;
const POSIX = POSIX_CLASSES;
const CATEGORIES = new Set("C Cc Cf Cn Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs".split(" "));

function complement(rs: Range[]): Range[] {
  const sorted = [...rs].sort((a, b) => a[0] - b[0]);
  const out: Range[] = [];
  let next = 0;
  for (const [lo, hi] of sorted) {
    if (lo > next) out.push([next, lo - 1]);
    next = Math.max(next, hi + 1);
  }
  if (next <= MAX_RUNE) out.push([next, MAX_RUNE]);
  return out;
}

/** A code point written for a JavaScript "u" class or pattern. */
function cpText(c: number, inClass: boolean): string {
  const ch = String.fromCodePoint(c);
  if (c < 0x20 || c === 0x7f || (c >= 0x80 && c <= 0x9f) || c === 0x2028 || c === 0x2029 || (c >= 0xd800 && c <= 0xdfff)) return `\\u{${c.toString(16)}}`;
  const special = inClass ? "\\]^-[" : "\\^$.*+?()[]{}|/";
  return special.includes(ch) ? `\\${ch}` : ch;
}

function rangesText(rs: Range[]): string {
  return rs.map(([lo, hi]) => (lo === hi ? cpText(lo, true) : `${cpText(lo, true)}-${cpText(hi, true)}`)).join("");
}

const CATEGORY_ALIASES: Record<string, string> = {
  Cased_Letter: "LC", Close_Punctuation: "Pe", Combining_Mark: "M", Connector_Punctuation: "Pc", Control: "Cc",
  Currency_Symbol: "Sc", Dash_Punctuation: "Pd", Decimal_Number: "Nd", Enclosing_Mark: "Me", Final_Punctuation: "Pf",
  Format: "Cf", Initial_Punctuation: "Pi", Letter: "L", Letter_Number: "Nl", Line_Separator: "Zl",
  Lowercase_Letter: "Ll", Mark: "M", Math_Symbol: "Sm", Modifier_Letter: "Lm", Modifier_Symbol: "Sk",
  Nonspacing_Mark: "Mn", Number: "N", Open_Punctuation: "Ps", Other: "C", Other_Letter: "Lo", Other_Number: "No",
  Other_Punctuation: "Po", Other_Symbol: "So", Paragraph_Separator: "Zp", Private_Use: "Co", Punctuation: "P",
  Separator: "Z", Space_Separator: "Zs", Spacing_Mark: "Mc", Surrogate: "Cs", Symbol: "S", Titlecase_Letter: "Lt",
  Unassigned: "Cn", Uppercase_Letter: "Lu", cntrl: "Cc", digit: "Nd", punct: "P",
};

/** regexp/syntax canonicalName: first letter upper, the rest lower, without "_", "-" and " ". */
function canonicalName(name: string): string {
  let out = "";
  let first = true;
  for (const c of name) {
    if (c === "_" || c === "-" || c === " ") continue;
    if (first) {
      out += c >= "a" && c <= "z" ? c.toUpperCase() : c;
      first = false;
    } else out += c >= "A" && c <= "Z" ? c.toLowerCase() : c;
  }
  return out;
}

const CANONICAL_ALIASES = new Map(Object.entries(CATEGORY_ALIASES).map(([k, v]) => [canonicalName(k), v]));

/**
 * The JavaScript property (for \p{…}) of a Unicode class name as Go looks it up (unicodeTable):
 * "Any" (undefined here, handled by the caller), Assigned, ASCII, a general category, a script,
 * or a category alias ("Letter", "digit"), after canonicalName; undefined when Go has none.
 */
function unicodeProperty(raw: string): string | undefined {
  const name = canonicalName(raw);
  if (name === "Assigned") return "Assigned";
  if (name === "Ascii") return "ASCII";
  if (name === "Lc") return "General_Category=LC";
  if (CATEGORIES.has(name)) return `General_Category=${name}`;
  const alias = CANONICAL_ALIASES.get(name);
  if (alias) return `General_Category=${alias}`;
  if (!/^[A-Z][a-z]+$/.test(name)) return undefined;
  try {
    new RegExp(`\\p{Script=${name}}`, "u");
    return `Script=${name}`;
  } catch {
    return undefined;
  }
}

interface Flags {
  fold: boolean;
  multiLine: boolean;
  dotNL: boolean;
  ungreedy: boolean;
}

/** One piece of the current sequence: its JavaScript text and whether Go can repeat it. */
interface Item {
  js: string;
  operand: boolean;
}

interface Frame {
  /** JavaScript opening of the group ("(" or "(?:"); "" for the whole pattern */
  open: string;
  /** finished alternatives, each joined */
  alternatives: string[];
  items: Item[];
  /** flags in force when the group opened, restored at its ")" */
  saved: Flags;
  /** whether a "|" (pseudo-op) is the latest thing in this group */
  afterBar: boolean;
}

class Translator {
  readonly names: string[] = [""];
  private t: string;
  private flags: Flags = { fold: false, multiLine: false, dotNL: false, ungreedy: false };
  private frames: Frame[] = [];

  constructor(private readonly whole: string) {
    this.t = whole;
  }

  private err(code: string, expr: string): never {
    throw new GoRegexpSyntaxError(code, expr);
  }

  private get frame(): Frame {
    return this.frames[this.frames.length - 1];
  }

  private push(js: string, operand = true, foldable = false): void {
    this.frame.items.push({ js: foldable && this.flags.fold ? `(?i:${js})` : js, operand });
    this.frame.afterBar = false;
  }

  private literal(c: number): void {
    const foldable = String.fromCodePoint(c).toLowerCase() !== String.fromCodePoint(c).toUpperCase() || c === 0x212a || c === 0x17f;
    this.push(cpText(c, false), true, foldable);
  }

  translate(): string {
    this.frames.push({ open: "", alternatives: [], items: [], saved: { ...this.flags }, afterBar: false });
    let lastRepeat = "";
    while (this.t !== "") {
      let repeat = "";
      const t = this.t;
      const c = t[0];
      if (c === "(") {
        if (t[1] === "?") this.perlFlags();
        else {
          this.names.push("");
          this.openGroup("(");
          this.t = t.slice(1);
        }
      } else if (c === "|") {
        this.frame.alternatives.push(this.frame.items.map((i) => i.js).join(""));
        this.frame.items = [];
        this.frame.afterBar = true;
        this.t = t.slice(1);
      } else if (c === ")") {
        this.closeGroup();
        this.t = t.slice(1);
      } else if (c === "^") {
        this.push(this.flags.multiLine ? "(?<![^\\n])" : "^");
        this.t = t.slice(1);
      } else if (c === "$") {
        this.push(this.flags.multiLine ? "(?![^\\n])" : "(?![\\s\\S])");
        this.t = t.slice(1);
      } else if (c === ".") {
        this.push(this.flags.dotNL ? "[\\s\\S]" : "[^\\n]");
        this.t = t.slice(1);
      } else if (c === "[") {
        this.parseClass();
      } else if (c === "*" || c === "+" || c === "?") {
        const before = t;
        let after = t.slice(1);
        let lazy = false;
        if (after.startsWith("?")) {
          after = after.slice(1);
          lazy = true;
        }
        this.repeat(c, lazy, before, after, lastRepeat);
        repeat = before;
        this.t = after;
      } else if (c === "{") {
        const before = t;
        const r = parseRepeat(t);
        if (!r) {
          this.literal(0x7b);
          this.t = t.slice(1);
        } else {
          if (r.min < 0 || r.min > 1000 || r.max > 1000 || (r.max >= 0 && r.min > r.max)) this.err(INVALID_REPEAT_SIZE, before.slice(0, before.length - r.rest.length));
          let after = r.rest;
          let lazy = false;
          if (after.startsWith("?")) {
            after = after.slice(1);
            lazy = true;
          }
          const q = r.max === r.min ? `{${r.min}}` : r.max < 0 ? `{${r.min},}` : `{${r.min},${r.max}}`;
          this.repeat(q, lazy, before, after, lastRepeat);
          repeat = before;
          this.t = after;
        }
      } else if (c === "\\") {
        this.backslash();
      } else {
        const cp = t.codePointAt(0)!;
        this.literal(cp);
        this.t = t.slice(String.fromCodePoint(cp).length);
      }
      lastRepeat = repeat;
    }
    if (this.frames.length > 1) this.err(MISSING_PAREN, this.whole);
    const top = this.frame;
    return [...top.alternatives, top.items.map((i) => i.js).join("")].join("|");
  }

  private openGroup(open: string): void {
    this.frame.afterBar = false;
    this.frames.push({ open, alternatives: [], items: [], saved: { ...this.flags }, afterBar: false });
  }

  private closeGroup(): void {
    if (this.frames.length < 2) this.err(UNEXPECTED_PAREN, this.whole);
    const f = this.frames.pop()!;
    this.flags = f.saved;
    const body = [...f.alternatives, f.items.map((i) => i.js).join("")].join("|");
    this.push(`${f.open}${body})`);
  }

  private repeat(op: string, lazy: boolean, before: string, after: string, lastRepeat: string): void {
    if (lastRepeat !== "") this.err(INVALID_REPEAT_OP, lastRepeat.slice(0, lastRepeat.length - after.length));
    const items = this.frame.items;
    const last = items[items.length - 1];
    if (!last || this.frame.afterBar || !last.operand) this.err(MISSING_REPEAT_ARG, before.slice(0, before.length - after.length));
    const nonGreedy = lazy !== this.flags.ungreedy;
    items[items.length - 1] = { js: `(?:${last.js})${op}${nonGreedy ? "?" : ""}`, operand: true };
  }

  private perlFlags(): void {
    const s = this.t;
    const startsWithP = s.length > 4 && s[2] === "P" && s[3] === "<";
    const startsWithName = s.length > 3 && s[2] === "<";
    if (startsWithP || startsWithName) {
      const end = s.indexOf(">");
      if (end < 0) this.err(INVALID_NAMED_CAPTURE, s);
      const name = s.slice(startsWithP ? 4 : 3, end);
      if (!/^[A-Za-z0-9_]+$/.test(name)) this.err(INVALID_NAMED_CAPTURE, s.slice(0, end + 1));
      this.names.push(name);
      this.openGroup("(");
      this.t = s.slice(end + 1);
      return;
    }
    let r = s.slice(2);
    const flags = { ...this.flags };
    let sign = true;
    let sawFlag = false;
    while (r !== "") {
      const ch = String.fromCodePoint(r.codePointAt(0)!);
      r = r.slice(ch.length);
      if (ch === "i") flags.fold = sign;
      else if (ch === "m") flags.multiLine = sign;
      else if (ch === "s") flags.dotNL = sign;
      else if (ch === "U") flags.ungreedy = sign;
      else if (ch === "-") {
        if (!sign) break;
        sign = false;
        sawFlag = false;
        continue;
      } else if (ch === ":" || ch === ")") {
        if (!sign && !sawFlag) break;
        if (ch === ":") this.openGroup("(?:");
        this.flags = flags;
        this.t = r;
        return;
      } else break;
      sawFlag = true;
    }
    this.err(INVALID_PERL_OP, s.slice(0, s.length - r.length));
  }

  private backslash(): void {
    const t = this.t;
    const n = t[1];
    if (n === "A") {
      this.push("^");
      this.t = t.slice(2);
    } else if (n === "z") {
      this.push("(?![\\s\\S])");
      this.t = t.slice(2);
    } else if (n === "b" || n === "B") {
      this.push(`\\${n}`);
      this.t = t.slice(2);
    } else if (n === "C") this.err(INVALID_ESCAPE, t.slice(0, 2));
    else if (n === "Q") {
      const end = t.indexOf("\\E", 2);
      const lit = end < 0 ? t.slice(2) : t.slice(2, end);
      for (const ch of lit) this.literal(ch.codePointAt(0)!);
      this.t = end < 0 ? "" : t.slice(end + 2);
    } else if (n === "p" || n === "P") {
      const u = this.unicodeClass(t);
      this.push(u.js, true, true);
      this.t = u.rest;
    } else if (n !== undefined && PERL[n.toLowerCase()] && "dswDSW".includes(n)) {
      const rs = PERL[n.toLowerCase()];
      this.push(`[${rangesText(n === n.toUpperCase() ? complement(rs) : rs)}]`, true, true);
      this.t = t.slice(2);
    } else {
      const e = parseEscape(t, (code, expr) => this.err(code, expr));
      this.literal(e.c);
      this.t = e.rest;
    }
  }

  /** \pX, \p{Name}, \PX, \p{^Name}: its JavaScript form (for a pattern or, with inClass, a class). */
  private unicodeClass(s: string, inClass = false): { js: string; rest: string } {
    let negated = s[1] === "P";
    let seq: string;
    let name: string;
    let rest: string;
    if (s.length === 2) {
      seq = s;
      name = "";
      rest = "";
    } else if (s[2] !== "{") {
      const ch = String.fromCodePoint(s.codePointAt(2)!);
      seq = s.slice(0, 2 + ch.length);
      name = ch;
      rest = s.slice(seq.length);
    } else {
      const end = s.indexOf("}");
      if (end < 0) this.err(INVALID_CHAR_RANGE, s);
      seq = s.slice(0, end + 1);
      name = s.slice(3, end);
      rest = s.slice(end + 1);
    }
    if (name.startsWith("^")) {
      negated = !negated;
      name = name.slice(1);
    }
    if (canonicalName(name) === "Any") {
      if (inClass) return { js: negated ? "" : "\\u{0}-\\u{10ffff}", rest };
      return { js: negated ? "[^\\s\\S]" : "[\\s\\S]", rest };
    }
    const prop = unicodeProperty(name);
    if (!prop) this.err(INVALID_CHAR_RANGE, seq);
    return { js: `\\${negated ? "P" : "p"}{${prop}}`, rest };
  }

  private parseClass(): void {
    const s = this.t;
    let r = s.slice(1);
    let negated = false;
    if (r.startsWith("^")) {
      negated = true;
      r = r.slice(1);
    }
    let body = "";
    let first = true;
    while (r === "" || r[0] !== "]" || first) {
      first = false;
      if (r.length > 2 && r[0] === "[" && r[1] === ":") {
        const i = r.indexOf(":]", 2);
        if (i >= 0) {
          const name = r.slice(0, i + 2);
          const inner = name.slice(2, -2);
          const neg = inner.startsWith("^");
          const rs = POSIX[neg ? inner.slice(1) : inner];
          if (!rs) this.err(INVALID_CHAR_RANGE, name);
          body += rangesText(neg ? complement(rs) : rs);
          r = r.slice(i + 2);
          continue;
        }
      }
      if (r[0] === "\\" && (r[1] === "p" || r[1] === "P")) {
        const u = this.unicodeClass(r, true);
        body += u.js;
        r = u.rest;
        continue;
      }
      if (r[0] === "\\" && r[1] !== undefined && "dswDSW".includes(r[1])) {
        const rs = PERL[r[1].toLowerCase()];
        body += rangesText(r[1] === r[1].toUpperCase() ? complement(rs) : rs);
        r = r.slice(2);
        continue;
      }
      const rng = r;
      const lo = this.classChar(r, s);
      r = lo.rest;
      let hi = lo.c;
      if (r.length >= 2 && r[0] === "-" && r[1] !== "]") {
        const h = this.classChar(r.slice(1), s);
        r = h.rest;
        if (h.c < lo.c) this.err(INVALID_CHAR_RANGE, rng.slice(0, rng.length - r.length));
        hi = h.c;
      }
      body += rangesText([[lo.c, hi]]);
    }
    this.t = r.slice(1);
    // An empty JavaScript class matches nothing, as Go's empty class does; "[^]" everything.
    this.push(`[${negated ? "^" : ""}${body}]`, true, true);
  }

  private classChar(x: string, wholeClass: string): { c: number; rest: string } {
    if (x === "") this.err(MISSING_BRACKET, wholeClass);
    if (x[0] === "\\") return parseEscape(x, (code, expr) => this.err(code, expr));
    const c = x.codePointAt(0)!;
    return { c, rest: x.slice(String.fromCodePoint(c).length) };
  }
}

/** parseRepeat: {min}, {min,} or {min,max}; null when `s` is not of that form ("{" is then a literal). */
function parseRepeat(s: string): { min: number; max: number; rest: string } | null {
  let r = s.slice(1);
  const first = parseRepeatInt(r);
  if (!first) return null;
  let min = first.n;
  r = first.rest;
  if (r === "") return null;
  let max: number;
  if (r[0] !== ",") max = min;
  else {
    r = r.slice(1);
    if (r === "") return null;
    if (r[0] === "}") max = -1;
    else {
      const second = parseRepeatInt(r);
      if (!second) return null;
      max = second.n;
      r = second.rest;
      if (max < 0) min = -1;
    }
  }
  if (r === "" || r[0] !== "}") return null;
  return { min, max, rest: r.slice(1) };
}

/** Digits without a leading zero; -1 when the value reaches 10^8 (Go's "too big"). */
function parseRepeatInt(s: string): { n: number; rest: string } | null {
  const m = /^[0-9]+/.exec(s);
  if (!m || (m[0].length >= 2 && m[0][0] === "0")) return null;
  let n = 0;
  for (const d of m[0]) {
    if (n >= 1e8) {
      n = -1;
      break;
    }
    n = n * 10 + Number(d);
  }
  return { n, rest: s.slice(m[0].length) };
}

/** parseEscape: one escape from its backslash; the code point and the rest. */
function parseEscape(s: string, err: (code: string, expr: string) => never): { c: number; rest: string } {
  let r = s.slice(1);
  if (r === "") err(TRAILING_BACKSLASH, "");
  const c = r.codePointAt(0)!;
  const ch = String.fromCodePoint(c);
  r = r.slice(ch.length);
  const bad = (): never => err(INVALID_ESCAPE, s.slice(0, s.length - r.length));
  if (c < 0x80 && !/[0-9A-Za-z]/.test(ch)) return { c, rest: r };
  if ((ch >= "1" && ch <= "7" && /^[0-7]/.test(r)) || ch === "0") {
    let v = c - 0x30;
    for (let i = 1; i < 3 && /^[0-7]/.test(r); i++) {
      v = v * 8 + (r.charCodeAt(0) - 0x30);
      r = r.slice(1);
    }
    return { c: v, rest: r };
  }
  if (ch === "x") {
    if (r === "") return bad();
    const x = r[0];
    r = r.slice(1);
    if (x === "{") {
      let nhex = 0;
      let v = 0;
      for (;;) {
        if (r === "") return bad();
        const h = r[0];
        r = r.slice(1);
        if (h === "}") break;
        if (!/[0-9A-Fa-f]/.test(h)) return bad();
        v = v * 16 + Number.parseInt(h, 16);
        if (v > MAX_RUNE) return bad();
        nhex++;
      }
      if (nhex === 0) return bad();
      return { c: v, rest: r };
    }
    const y = r[0];
    r = r.slice(1);
    if (!/[0-9A-Fa-f]/.test(x) || y === undefined || !/[0-9A-Fa-f]/.test(y)) return bad();
    return { c: Number.parseInt(x + y, 16), rest: r };
  }
  const named: Record<string, number> = { a: 7, f: 12, n: 10, r: 13, t: 9, v: 11 };
  if (named[ch] !== undefined) return { c: named[ch], rest: r };
  return bad();
}
