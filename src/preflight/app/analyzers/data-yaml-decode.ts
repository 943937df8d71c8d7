/**
 * gopkg.in/yaml.v2 v2.4.0 `yaml.Unmarshal(data, &v)` with `v interface{}` — what troubleshoot's
 * clusterResource and yamlCompare analyzers do to collected files and expected values. The YAML
 * text is read by the `yaml` package (syntax only, every scalar kept as written); scalars are then
 * typed with yaml.v2's YAML 1.1 rules (yaml.v2 resolve.go):
 *
 * - quoted and block scalars are strings; plain ones are resolved:
 *   y/yes/on/true (any of y Y yes Yes YES true True TRUE on On ON) → true, the n/no/off/false
 *   family → false, "" ~ null Null NULL → nil, .inf/.nan forms → ±Inf/NaN;
 *   integers (underscores dropped; 0x, 0o, 0b, leading-0 octal; sign) → int (bigint),
 *   beyond int64 → uint64 (bigint); YAML-style floats ("1.5", "1e3", ".5", "08") → float64;
 *   anything else (timestamps included) → string;
 * - explicit !!str/!!int/!!float/!!bool/!!null/!!binary tags are honoured as yaml.v2 does;
 * - maps → map[interface{}]interface{} (keys resolved alike), `<<` merge keys merged in place,
 *   aliases decoded afresh; only the first document is read; empty input → nil.
 *
 * JSON input (every collected file) is decoded directly, its numbers typed by their text as above.
 *
 * Errors: yaml.v2 prefixes its errors "yaml: "; control characters give libyaml's "control
 * characters are not allowed", the two commonest syntax errors libyaml's wording ("mapping values
 * are not allowed in this context", "could not find expected ':'"), other syntax errors the
 * `yaml` package's wording; tag conflicts yaml.v2's own ("yaml: cannot decode !!str `x` as a !!int").
 */
import { type Document, type Node, isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments } from "yaml";
import { type DataMap, type DataValue, dataKeyType, isDataMap, newDataMap, setDataKey } from "./data-value.ts";
import { formatGoFloat } from "../../../go/fmt.ts";
import { decodeJsonNumbersAsText, isValidJson } from "./data-json-decode.ts";

// Characters libyaml does not accept anywhere in its input (its reader fails on them).
const NOT_IN_YAML_STREAM = /[\u{0}-\u{8}\u{b}\u{c}\u{e}-\u{1f}\u{7f}-\u{84}\u{86}-\u{9f}\u{fffe}\u{ffff}]|\p{Cs}/u;

const TAG = "tag:yaml.org,2002:";
const STR = `${TAG}str`;
const INT = `${TAG}int`;
const FLOAT = `${TAG}float`;
const BOOL = `${TAG}bool`;
const NULL = `${TAG}null`;
const BINARY = `${TAG}binary`;
const TIMESTAMP = `${TAG}timestamp`;
const RESOLVABLE = new Set(["", STR, BOOL, INT, FLOAT, NULL, TIMESTAMP]);

const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** Decodes YAML text as yaml.v2 into interface{} (see the module comment). @throws Error "yaml: …" */
export function yamlV2Unmarshal(text: string): DataValue {
  // Collected files are JSON, which yaml.v2 reads as flow collections of double-quoted strings:
  // decode those directly (typing numbers as yaml.v2 does), unless they hold characters libyaml
  // refuses in a stream (then let the YAML reader report it).
  if (NOT_IN_YAML_STREAM.test(text)) throw new Error("yaml: control characters are not allowed");
  if (/^[\t\n\r ]*[[{]/.test(text) && isValidJson(text)) return decodeJsonNumbersAsText(text, (lit) => resolvePlain(lit).value, foldNel);
  const docs = parseAllDocuments(text, { schema: "failsafe", uniqueKeys: false, version: "1.1", strict: false });
  if (!Array.isArray(docs) || docs.length === 0) return null;
  const doc = docs[0];
  if (doc.errors.length > 0) throw new Error(`yaml: ${syntaxText(doc.errors[0])}`);
  if (doc.contents === null) return null;
  return decodeNode(doc, doc.contents as Node, 0);
}

// The `yaml` package's wording of the syntax errors yaml.v2's libyaml words differently, with
// the line libyaml reports relative to the `yaml` package's (its scanner notices one line later).
const LIBYAML_TEXTS: Array<[RegExp, string, number]> = [
  [/^Nested mappings are not allowed in compact mappings/, "mapping values are not allowed in this context", 0],
  [/^Implicit map keys need to be followed by map values/, "could not find expected ':'", 1],
];

/**
 * A raw U+0085 (NEL) is a line break to YAML 1.1: inside a double-quoted scalar libyaml folds it
 * (one break → a space, n breaks → n-1 newlines, blanks around them dropped).
 */
function foldNel(raw: string): string {
  if (!raw.includes("\u0085")) return raw;
  return raw.replace(/[ \t]*(?:\u0085[ \t]*)+/g, (m) => {
    const n = m.split("\u0085").length - 1;
    return n === 1 ? " " : "\\n".repeat(n - 1);
  });
}

function syntaxText(e: { message: string; linePos?: Array<{ line: number }> }): string {
  let first = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
  let line = e.linePos?.[0]?.line ?? 0;
  for (const [re, text, shift] of LIBYAML_TEXTS) {
    if (re.test(first)) {
      first = text;
      line += shift;
      break;
    }
  }
  // yaml.v2 names no line for a problem on the first line.
  return line > 1 ? `line ${line}: ${first}` : first;
}

function decodeNode(doc: Document, node: Node | null, depth: number): DataValue {
  if (depth > 10000) throw new Error("yaml: exceeded max depth");
  if (node === null || node === undefined) return null;
  if (isAlias(node)) return decodeNode(doc, node.resolve(doc) as Node | undefined ?? null, depth + 1);
  if (isScalar(node)) return decodeScalar(node.source ?? String(node.value ?? ""), node.type ?? "PLAIN", node.tag);
  if (isSeq(node)) return node.items.map((n) => decodeNode(doc, n as Node, depth + 1));
  if (isMap(node)) {
    const out = newDataMap();
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const keyNode = item.key as Node | null;
      if (keyNode && isScalar(keyNode) && keyNode.type === "PLAIN" && !keyNode.tag && keyNode.source === "<<") {
        mergeInto(doc, out, item.value as Node | null, depth);
        continue;
      }
      const key = decodeNode(doc, keyNode, depth + 1);
      setKey(out, key, decodeNode(doc, item.value as Node | null, depth + 1));
    }
    return out;
  }
  return null;
}

function mergeInto(doc: Document, out: DataMap, value: Node | null, depth: number): void {
  const fail = () => {
    throw new Error("yaml: map merge requires map or sequence of maps as the value");
  };
  const target = value && isAlias(value) ? (value.resolve(doc) as Node) : value;
  if (target && isMap(target)) {
    copyMap(out, decodeNode(doc, target, depth + 1));
    return;
  }
  if (target && isSeq(target)) {
    // yaml.v2 merges a sequence of maps last to first, so earlier maps win.
    for (let i = target.items.length - 1; i >= 0; i--) {
      const n = target.items[i] as Node;
      const m = n && isAlias(n) ? (n.resolve(doc) as Node) : n;
      if (!m || !isMap(m)) fail();
      copyMap(out, decodeNode(doc, m, depth + 1));
    }
    return;
  }
  fail();
}

function copyMap(out: DataMap, m: DataValue): void {
  if (!isDataMap(m)) return;
  for (const k of Object.keys(m)) setDataKey(out, k, m[k], dataKeyType(m, k));
}

function setKey(out: DataMap, key: DataValue, value: DataValue): void {
  if (key === null) return setDataKey(out, "<nil>", value, "<nil>");
  switch (typeof key) {
    case "string":
      return setDataKey(out, key, value);
    case "boolean":
      return setDataKey(out, String(key), value, "bool");
    case "bigint":
      return setDataKey(out, String(key), value, key > INT64_MAX ? "uint64" : "int");
    case "number":
      return setDataKey(out, formatGoFloat(key), value, "float64");
  }
  throw new Error(`yaml: invalid map key: ${JSON.stringify(key)}`);
}

type ScalarStyle = string;

function decodeScalar(text: string, style: ScalarStyle, tag: string | undefined): DataValue {
  const t = normalizeTag(tag);
  if (t === "") {
    if (style !== "PLAIN") return text;
    return resolvePlain(text).value;
  }
  if (t === BINARY) return decodeBase64(text);
  if (!RESOLVABLE.has(t)) return text;
  if (t === STR) return text;
  const r = resolvePlain(text, t);
  if (r.tag === t) return t === TIMESTAMP ? text : r.value;
  if (t === FLOAT && r.tag === INT) return Number(r.value as bigint);
  throw new Error(`yaml: cannot decode ${shortTag(r.tag)} \`${text}\` as a ${shortTag(t)}`);
}

function normalizeTag(tag: string | undefined): string {
  if (!tag || tag === "!") return "";
  if (tag.startsWith("!!")) return TAG + tag.slice(2);
  return tag;
}

function shortTag(tag: string): string {
  return tag.startsWith(TAG) ? `!!${tag.slice(TAG.length)}` : tag;
}

function decodeBase64(text: string): string {
  const clean = text.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0) throw new Error("yaml: !!binary value contains invalid base64 data");
  return new TextDecoder().decode(Uint8Array.from(atob(clean), (c) => c.charCodeAt(0)));
}

const BOOL_TRUE = new Set(["y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"]);
const BOOL_FALSE = new Set(["n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"]);
const NULLS = new Set(["", "~", "null", "Null", "NULL"]);
const SPECIAL_FLOATS: Record<string, number> = {
  ".nan": NaN,
  ".NaN": NaN,
  ".NAN": NaN,
  ".inf": Infinity,
  ".Inf": Infinity,
  ".INF": Infinity,
  "+.inf": Infinity,
  "+.Inf": Infinity,
  "+.INF": Infinity,
  "-.inf": -Infinity,
  "-.Inf": -Infinity,
  "-.INF": -Infinity,
};
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

export interface Resolved {
  /** the long tag yaml.v2 resolves the scalar to */
  tag: string;
  value: DataValue;
}

/**
 * yaml.v2's resolve(tag, in) for a plain scalar: the tag it resolves to and its value (a
 * timestamp keeps its text). `explicitTag` "" means untagged.
 */
export function resolvePlain(text: string, explicitTag = ""): Resolved {
  const c = text === "" ? "" : text[0];
  const hint = c === "" ? "N" : /[+-]/.test(c) ? "S" : /[0-9]/.test(c) ? "D" : /[yYnNtTfFoO~]/.test(c) ? "M" : c === "." ? "." : "";
  if (hint !== "") {
    if (BOOL_TRUE.has(text)) return { tag: BOOL, value: true };
    if (BOOL_FALSE.has(text)) return { tag: BOOL, value: false };
    if (NULLS.has(text)) return { tag: NULL, value: null };
    if (text in SPECIAL_FLOATS) return { tag: FLOAT, value: SPECIAL_FLOATS[text] };
    if (text === "<<") return { tag: `${TAG}merge`, value: "<<" };
    if (hint === ".") {
      const f = goParseFloat(text);
      if (f !== undefined) return { tag: FLOAT, value: f };
    } else if (hint === "D" || hint === "S") {
      if ((explicitTag === "" || explicitTag === TIMESTAMP) && isYamlTimestamp(text)) return { tag: TIMESTAMP, value: text };
      const plain = text.replaceAll("_", "");
      const i = goParseIntBase0(plain);
      if (i !== undefined) return { tag: INT, value: i };
      if (YAML_STYLE_FLOAT.test(plain)) {
        const f = goParseFloat(plain);
        if (f !== undefined) return { tag: FLOAT, value: f };
      }
    }
  }
  return { tag: STR, value: text };
}

/** strconv.ParseInt(s, 0, 64), falling back to ParseUint(s, 0, 64) as yaml.v2 does; undefined when neither parses. */
function goParseIntBase0(s: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2];
  let v: bigint;
  if (/^0[oO]/.test(body)) v = BigInt(`0o${body.slice(2)}`);
  else if (/^0[0-7]+$/.test(body)) v = BigInt(`0o${body.slice(1)}`);
  else v = BigInt(body);
  if (m[1] === "-") v = -v;
  if (v >= -(1n << 63n) && v <= INT64_MAX) return v;
  if (m[1] === "" && v <= UINT64_MAX) return v;
  return undefined;
}

/** strconv.ParseFloat(s, 64) for the decimal forms yaml.v2 hands it; undefined on error (range included). */
function goParseFloat(s: string): number | undefined {
  if (!/^[+-]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][+-]?[0-9]+)?$/.test(s)) return undefined;
  const f = Number(s);
  if (!Number.isFinite(f)) return undefined;
  return f;
}

/**
 * Whether yaml.v2 reads `s` as a timestamp: YYYY-M-D, optionally with a T/t or space time part
 * h:m:s[.frac] and (for T/t) a zone Z or ±hh:mm — as time.Parse accepts its four layouts.
 */
export function isYamlTimestamp(s: string): boolean {
  if (!/^[0-9]{4}-/.test(s)) return false;
  const m = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:([Tt ])([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2})(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$/.exec(s);
  if (!m) return false;
  const [, y, mo, d, sep, h, mi, se, , zone] = m;
  if (sep === " " && zone !== undefined) return false;
  if ((sep === "T" || sep === "t") && zone === undefined) return false;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1) return false;
  const year = Number(y);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (day > days) return false;
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(se) > 59)) return false;
  if (zone && zone !== "Z") {
    const zh = Number(zone.slice(1, 3));
    const zm = Number(zone.slice(4, 6));
    if (zh > 23 || zm > 59) return false;
  }
  return true;
}
