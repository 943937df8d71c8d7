/**
 * Kubernetes label selector strings ("app=web,tier in (a,b),!legacy,count>2"), parsed and matched
 * as k8s.io/apimachinery v0.36.3 pkg/labels Parse / Selector.Matches do (troubleshoot v0.133.0's
 * replicasetStatus joins its `selector` list with "," and parses it this way). Parse errors carry
 * apimachinery's texts, e.g. "unable to parse requirement: <nil>: Invalid value: \"a b\": …".
 * The empty string selects everything.
 */
import { goQuote } from "../../../go/strings.ts";

type Op = "in" | "notin" | "=" | "==" | "!=" | "gt" | "lt" | "exists" | "!";

interface Requirement {
  key: string;
  op: Op;
  values: string[];
}

/** A parsed selector: all requirements must hold. */
export interface LabelSelector {
  matches(labels: Record<string, string>): boolean;
}

// Tokens, as apimachinery numbers them (ErrorToken is 0).
const enum T {
  Error = 0,
  End,
  ClosedPar,
  Comma,
  DoesNotExist,
  DoubleEquals,
  Equals,
  GreaterThan,
  Identifier,
  In,
  LessThan,
  NotEquals,
  NotIn,
  OpenPar,
}

const KEYWORDS: Record<string, T> = {
  ")": T.ClosedPar,
  ",": T.Comma,
  "!": T.DoesNotExist,
  "==": T.DoubleEquals,
  "=": T.Equals,
  ">": T.GreaterThan,
  in: T.In,
  "<": T.LessThan,
  "!=": T.NotEquals,
  notin: T.NotIn,
  "(": T.OpenPar,
};

const isSpace = (c: string) => c === " " || c === "\t" || c === "\r" || c === "\n";
const isSpecial = (c: string) => "=!(),><".includes(c) && c !== "";

/** The lexer: a NUL (or the end) reads as end of input, as Go's byte lexer does. */
function lex(s: string): Array<[T, string]> {
  let pos = 0;
  const read = (): string => (pos < s.length ? s[pos++] : "\0");
  const unread = () => {
    pos--;
  };
  const items: Array<[T, string]> = [];
  for (;;) {
    let ch = read();
    while (isSpace(ch)) ch = read();
    let item: [T, string];
    if (ch === "\0") item = [T.End, ""];
    else if (isSpecial(ch)) {
      unread();
      let buf = "";
      let last: [T, string] = [T.Error, ""];
      for (;;) {
        const c = read();
        if (c === "\0") break;
        if (isSpecial(c)) {
          buf += c;
          const tok = Object.hasOwn(KEYWORDS, buf) ? KEYWORDS[buf] : undefined;
          if (tok !== undefined) last = [tok, buf];
          else if (last[0] !== T.Error) {
            unread();
            break;
          }
        } else {
          unread();
          break;
        }
      }
      item = last[0] === T.Error ? [T.Error, `error expected: keyword found '${buf}'`] : last;
    } else {
      unread();
      let buf = "";
      for (;;) {
        const c = read();
        if (c === "\0") break;
        if (isSpecial(c) || isSpace(c)) {
          unread();
          break;
        }
        buf += c;
      }
      item = [Object.hasOwn(KEYWORDS, buf) ? KEYWORDS[buf] : T.Identifier, buf];
    }
    items.push(item);
    if (item[0] === T.End) return items;
  }
}

const BINARY_OPERATORS = "in, notin, =, ==, !=, gt, lt";

const LABEL_KEY_FMT = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const LABEL_KEY_RE = new RegExp(`^${LABEL_KEY_FMT}$`);
const LABEL_KEY_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT = `(${LABEL_KEY_FMT})?`;
const LABEL_VALUE_RE = new RegExp(`^${LABEL_VALUE_FMT}$`);
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const DNS1123_LABEL_FMT = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_SUBDOMAIN_FMT = `${DNS1123_LABEL_FMT}(\\.${DNS1123_LABEL_FMT})*`;
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";

const byteLen = (s: string) => new TextEncoder().encode(s).length;

// apimachinery content.RegexError
function regexError(msg: string, re: string, ...examples: string[]): string {
  if (examples.length === 0) return `${msg} (regex used for validation is '${re}')`;
  return `${msg} (e.g. ${examples.map((e) => `'${e}', `).join(" or ")}regex used for validation is '${re}')`;
}

/** content.IsLabelKey: the problems with a label key (empty when valid). */
export function labelKeyProblems(value: string): string[] {
  const errs: string[] = [];
  const parts = value.split("/");
  let name: string;
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (prefix.length === 0) errs.push("prefix part must be non-empty");
    else {
      const msgs: string[] = [];
      if (byteLen(prefix) > 253) msgs.push("must be no more than 253 bytes");
      if (!DNS1123_SUBDOMAIN_RE.test(prefix)) msgs.push(regexError(DNS1123_SUBDOMAIN_MSG, DNS1123_SUBDOMAIN_FMT, "example.com"));
      for (const m of msgs) errs.push(`prefix part ${m}`);
    }
  } else {
    return [
      `a valid label key ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, "MyName", "my.name", "123-abc")} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push("name part must be non-empty");
  else if (byteLen(name) > 63) errs.push("name part must be no more than 63 bytes");
  if (!LABEL_KEY_RE.test(name)) errs.push(`name part ${regexError(LABEL_KEY_MSG, LABEL_KEY_FMT, "MyName", "my.name", "123-abc")}`);
  return errs;
}

/** content.IsLabelValue: the problems with a label value (empty when valid). */
export function labelValueProblems(value: string): string[] {
  const errs: string[] = [];
  if (byteLen(value) > 63) errs.push("must be no more than 63 bytes");
  if (!LABEL_VALUE_RE.test(value)) errs.push(regexError(LABEL_VALUE_MSG, LABEL_VALUE_FMT, "MyValue", "my_value", "12345"));
  return errs;
}

// field.Invalid(path, value, detail).Error()
const invalid = (field: string, value: string, detail: string) => `${field}: Invalid value: ${goQuote(value)}: ${detail}`;

/** strconv.ParseInt(s, 10, 64) succeeds. */
function isInt64(s: string): boolean {
  if (!/^[+-]?[0-9]+$/.test(s)) return false;
  const n = BigInt(s);
  return n >= -(1n << 63n) && n <= (1n << 63n) - 1n;
}

// labels.NewRequirement's checks (the key was already validated by the parser)
function newRequirement(key: string, op: Op, values: string[]): Requirement {
  const errs: string[] = [];
  const keyProblems = labelKeyProblems(key);
  if (keyProblems.length) errs.push(invalid("key", key, keyProblems.join("; ")));
  if (op === "gt" || op === "lt") {
    values.forEach((v, i) => {
      if (!isInt64(v)) errs.push(invalid(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer"));
    });
  }
  values.forEach((v, i) => {
    const p = labelValueProblems(v);
    if (p.length) errs.push(invalid(`values[${i}][${key}]`, v, p.join("; ")));
  });
  const unique = [...new Set(errs)];
  if (unique.length === 1) throw new Error(unique[0]);
  if (unique.length > 1) throw new Error(`[${unique.join(", ")}]`);
  return { key, op, values };
}

/**
 * labels.Parse.
 * @throws Error with apimachinery's message when the selector is malformed.
 */
export function parseLabelSelector(selector: string): LabelSelector {
  const items = lex(selector);
  let position = 0;
  // In the Values context, "in" and "notin" are plain identifiers.
  const asValue = (t: T) => (t === T.In || t === T.NotIn ? T.Identifier : t);
  const lookahead = (values: boolean): [T, string] => {
    const [t, l] = items[position];
    return [values ? asValue(t) : t, l];
  };
  const consume = (values: boolean): [T, string] => {
    const [t, l] = items[position++];
    return [values ? asValue(t) : t, l];
  };

  const parseExactValue = (): string[] => {
    const [t] = lookahead(true);
    if (t === T.End || t === T.Comma) return [""];
    const [t2, lit] = consume(true);
    if (t2 === T.Identifier) return [lit];
    throw new Error(`found '${lit}', expected: identifier`);
  };

  const parseIdentifiersList = (): Set<string> => {
    const s = new Set<string>();
    for (;;) {
      const [t, lit] = consume(true);
      if (t === T.Identifier) {
        s.add(lit);
        const [t2, lit2] = lookahead(true);
        if (t2 === T.Comma) continue;
        if (t2 === T.ClosedPar) return s;
        throw new Error(`found '${lit2}', expected: ',' or ')'`);
      } else if (t === T.Comma) {
        if (s.size === 0) s.add("");
        const [t2] = lookahead(true);
        if (t2 === T.ClosedPar) {
          s.add("");
          return s;
        }
        if (t2 === T.Comma) s.add("");
      } else {
        throw new Error(`found '${lit}', expected: ',', or identifier`);
      }
    }
  };

  const parseValues = (): Set<string> => {
    const [t, lit] = consume(true);
    if (t !== T.OpenPar) throw new Error(`found '${lit}' expected: '('`);
    const [t2, lit2] = lookahead(true);
    if (t2 === T.Identifier || t2 === T.Comma) {
      const s = parseIdentifiersList();
      const [t3] = consume(true);
      if (t3 !== T.ClosedPar) throw new Error(`found '${lit2}', expected: ')'`);
      return s;
    }
    if (t2 === T.ClosedPar) {
      consume(true);
      return new Set([""]);
    }
    throw new Error(`found '${lit2}', expected: ',', ')' or identifier`);
  };

  const parseRequirement = (): Requirement => {
    let op: Op | "" = "";
    let [t, lit] = consume(true);
    if (t === T.DoesNotExist) {
      op = "!";
      [t, lit] = consume(true);
    }
    if (t !== T.Identifier) throw new Error(`found '${lit}', expected: identifier`);
    const keyProblems = labelKeyProblems(lit);
    if (keyProblems.length) throw new Error(invalid("<nil>", lit, keyProblems.join("; ")));
    const key = lit;
    const [next] = lookahead(true);
    if ((next === T.End || next === T.Comma) && op !== "!") op = "exists";
    if (op === "exists" || op === "!") return newRequirement(key, op, []);
    const [ot, olit] = consume(false);
    const opFor: Partial<Record<T, Op>> = {
      [T.In]: "in",
      [T.Equals]: "=",
      [T.DoubleEquals]: "==",
      [T.GreaterThan]: "gt",
      [T.LessThan]: "lt",
      [T.NotIn]: "notin",
      [T.NotEquals]: "!=",
    };
    const operator = opFor[ot];
    if (!operator) throw new Error(`found '${olit}', expected: ${BINARY_OPERATORS}`);
    const values = operator === "in" || operator === "notin" ? [...parseValues()] : parseExactValue();
    // sets.String.List(): sorted
    return newRequirement(key, operator, [...new Set(values)].sort());
  };

  const reqs: Requirement[] = [];
  for (;;) {
    const [t, lit] = lookahead(true);
    if (t === T.Identifier || t === T.DoesNotExist) {
      try {
        reqs.push(parseRequirement());
      } catch (e) {
        throw new Error(`unable to parse requirement: ${(e as Error).message}`);
      }
      const [t2, l2] = consume(true);
      if (t2 === T.End) break;
      if (t2 === T.Comma) {
        const [t3, l3] = lookahead(true);
        if (t3 !== T.Identifier && t3 !== T.DoesNotExist) throw new Error(`found '${l3}', expected: identifier after ','`);
        continue;
      }
      throw new Error(`found '${l2}', expected: ',' or 'end of string'`);
    }
    if (t === T.End) break;
    throw new Error(`found '${lit}', expected: !, identifier, or 'end of string'`);
  }
  return { matches: (labels) => reqs.every((r) => requirementMatches(r, labels)) };
}

function requirementMatches(r: Requirement, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, r.key);
  const val = has ? labels[r.key] : "";
  switch (r.op) {
    case "in":
    case "=":
    case "==":
      return has && r.values.includes(val);
    case "notin":
    case "!=":
      return !has || !r.values.includes(val);
    case "exists":
      return has;
    case "!":
      return !has;
    case "gt":
    case "lt": {
      if (!has || !isInt64(val) || r.values.length !== 1 || !isInt64(r.values[0])) return false;
      const a = BigInt(val);
      const b = BigInt(r.values[0]);
      return r.op === "gt" ? a > b : a < b;
    }
  }
}
