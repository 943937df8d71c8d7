import { goQuote } from "../../../go/strings.ts";
/**
 * encoding/json `json.Unmarshal(data, &v)` with `v interface{}` (Go 1.26), as troubleshoot's
 * jsonCompare analyzer decodes collected files and its expected `value`: numbers → float64
 * (JS number), objects → map[string]interface{} (plain objects), arrays → []interface{}.
 *
 * The input is first checked as Go's scanner checks it, so a malformed document fails with Go's
 * own SyntaxError text, e.g. "invalid character 'x' looking for beginning of value",
 * "invalid character '}' after object key", "unexpected end of JSON input".
 */
import type { DataValue } from "./data-value.ts";

/** json.Unmarshal into interface{}. @throws Error with Go's error text */
export function goJsonUnmarshal(data: Uint8Array | string): DataValue {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  checkValid(bytes);
  return JSON.parse(new TextDecoder().decode(bytes)) as DataValue;
}

/** Whether `text` is one JSON value as Go's scanner accepts it. */
export function isValidJson(text: string): boolean {
  try {
    checkValid(new TextEncoder().encode(text));
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes text already known to be valid JSON, each number given to `number` as written
 * (yaml.v2 types numbers by their text: "3" is an int, "3.0" a float), each string's source
 * text (quotes included) passed through `rawString` before its escapes are read.
 */
export function decodeJsonNumbersAsText(text: string, number: (literal: string) => DataValue, rawString: (raw: string) => string = (r) => r): DataValue {
  let i = 0;
  const ws = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else return;
    }
  };
  const str = (): string => {
    const start = i;
    i++;
    let plain = true;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c === 0x5c) {
        plain = false;
        i += 2;
        continue;
      }
      i++;
    }
    i++;
    const source = text.slice(start, i);
    const raw = rawString(source);
    return plain && raw === source ? raw.slice(1, -1) : (JSON.parse(raw) as string);
  };
  const value = (): DataValue => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const out: Record<string, DataValue> = {};
      ws();
      if (text[i] === "}") {
        i++;
        return out;
      }
      for (;;) {
        ws();
        const k = str();
        ws();
        i++; // :
        Object.defineProperty(out, k, { value: value(), enumerable: true, writable: true, configurable: true });
        ws();
        if (text[i++] === "}") return out;
      }
    }
    if (c === "[") {
      i++;
      const out: DataValue[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return out;
      }
      for (;;) {
        out.push(value());
        ws();
        if (text[i++] === "]") return out;
      }
    }
    if (c === '"') return str();
    if (c === "t") {
      i += 4;
      return true;
    }
    if (c === "f") {
      i += 5;
      return false;
    }
    if (c === "n") {
      i += 4;
      return null;
    }
    const m = /-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
    m.lastIndex = i;
    const lit = m.exec(text)![0];
    i += lit.length;
    return number(lit);
  };
  return value();
}

/** Go's quoteChar: a byte as it appears in a syntax error ('x', '\'', '"', '\x01', 'Ã' for 0xC3). */
function quoteChar(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return "'\"'";
  const q = goQuote(String.fromCharCode(c));
  return `'${q.slice(1, -1)}'`;
}

class Syntax extends Error {}

const isWs = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);

/** The scanner's walk over the bytes; throws at the first byte Go's scanner rejects. */
function checkValid(b: Uint8Array): void {
  let i = 0;
  const END = -1;
  const at = () => (i < b.length ? b[i] : END);
  // At the end of input Go's scanner feeds one more ' ': inside a number, a literal or an escape
  // that space is the invalid character; anywhere else the input just ended too soon.
  const SPACE_AT_END = /^(in numeric|after decimal|in exponent|in literal|in string escape|in \\u)/;
  const fail = (context: string): never => {
    if (i >= b.length) {
      if (SPACE_AT_END.test(context)) throw new Syntax(`invalid character ' ' ${context}`);
      throw new Syntax("unexpected end of JSON input");
    }
    throw new Syntax(`invalid character ${quoteChar(b[i])} ${context}`);
  };
  const skipWs = () => {
    while (i < b.length && isWs(b[i])) i++;
  };
  const literal = (word: string) => {
    for (let k = 1; k < word.length; k++) {
      i++;
      if (at() !== word.charCodeAt(k)) fail(`in literal ${word} (expecting '${word[k]}')`);
    }
    i++;
  };
  const string = () => {
    i++;
    for (;;) {
      const c = at();
      if (c === END) fail("");
      if (c === 0x22) {
        i++;
        return;
      }
      if (c === 0x5c) {
        i++;
        const e = at();
        if (e === 0x75) {
          for (let k = 0; k < 4; k++) {
            i++;
            if (!isHex(at())) fail("in \\u hexadecimal character escape");
          }
          i++;
          continue;
        }
        if (e === END || !'bfnrt\\/"'.includes(String.fromCharCode(e))) fail("in string escape code");
        i++;
        continue;
      }
      if (c < 0x20) fail("in string literal");
      i++;
    }
  };
  const number = () => {
    if (at() === 0x2d) {
      i++;
      if (!isDigit(at())) fail("in numeric literal");
    }
    if (at() === 0x30) i++;
    else while (isDigit(at())) i++;
    if (at() === 0x2e) {
      i++;
      if (!isDigit(at())) fail("after decimal point in numeric literal");
      while (isDigit(at())) i++;
    }
    if (at() === 0x65 || at() === 0x45) {
      i++;
      if (at() === 0x2b || at() === 0x2d) i++;
      if (!isDigit(at())) fail("in exponent of numeric literal");
      while (isDigit(at())) i++;
    }
  };
  let depth = 0;
  const value = () => {
    skipWs();
    const c = at();
    if (c === 0x7b) {
      if (++depth > 10000) throw new Syntax("exceeded max depth");
      i++;
      skipWs();
      if (at() === 0x7d) {
        i++;
        depth--;
        return;
      }
      for (;;) {
        skipWs();
        if (at() !== 0x22) fail("looking for beginning of object key string");
        string();
        skipWs();
        if (at() !== 0x3a) fail("after object key");
        i++;
        value();
        skipWs();
        if (at() === 0x2c) {
          i++;
          continue;
        }
        if (at() === 0x7d) {
          i++;
          depth--;
          return;
        }
        fail("after object key:value pair");
      }
    }
    if (c === 0x5b) {
      if (++depth > 10000) throw new Syntax("exceeded max depth");
      i++;
      skipWs();
      if (at() === 0x5d) {
        i++;
        depth--;
        return;
      }
      for (;;) {
        value();
        skipWs();
        if (at() === 0x2c) {
          i++;
          continue;
        }
        if (at() === 0x5d) {
          i++;
          depth--;
          return;
        }
        fail("after array element");
      }
    }
    if (c === 0x22) return string();
    if (c === 0x2d || isDigit(c)) return number();
    if (c === 0x74) return literal("true");
    if (c === 0x66) return literal("false");
    if (c === 0x6e) return literal("null");
    fail("looking for beginning of value");
  };
  try {
    value();
    skipWs();
    if (i < b.length) fail("after top-level value");
  } catch (e) {
    if (e instanceof Syntax) throw new Error(e.message);
    throw e;
  }
}
