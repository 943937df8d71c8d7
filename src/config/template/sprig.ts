import { fn, type FunctionMap } from "./functions.ts";
import { base64Encode, goQuote, utf8 } from "./strings.ts";
import { goBytes, isTrue, printValue, type GoValue } from "./values.ts";

/**
 * A small subset of the Sprig functions KOTS also registers (static_context.go: sprig.TxtFuncMap()),
 * the ones vendors commonly reach for in manifests: default, quote, squote, indent, nindent,
 * replace, contains, hasPrefix, hasSuffix, trimPrefix, trimSuffix, lower, upper, trim, b64enc,
 * toString, join. Argument order follows Sprig (the subject last, so it pipes).
 */
export const sprigFunctions: FunctionMap = {
  default: fn(["any"], ([d, ...given]) => (given.length === 0 || !isTrue(given[0]) ? d : given[0]), "any"),
  quote: fn([], (args) => args.filter((a) => a !== null).map((a) => goQuote(strval(a))).join(" "), "any"),
  squote: fn([], (args) => args.filter((a) => a !== null).map((a) => `'${strval(a)}'`).join(" "), "any"),
  indent: fn(["int", "string"], ([n, s]) => indent(Number(n), s as string)),
  nindent: fn(["int", "string"], ([n, s]) => `\n${indent(Number(n), s as string)}`),
  replace: fn(["string", "string", "string"], ([o, n, s]) => (s as string).split(o as string).join(n as string)),
  contains: fn(["string", "string"], ([sub, s]) => (s as string).includes(sub as string)),
  hasPrefix: fn(["string", "string"], ([p, s]) => (s as string).startsWith(p as string)),
  hasSuffix: fn(["string", "string"], ([p, s]) => (s as string).endsWith(p as string)),
  trimPrefix: fn(["string", "string"], ([p, s]) => ((s as string).startsWith(p as string) ? (s as string).slice((p as string).length) : s)),
  trimSuffix: fn(["string", "string"], ([p, s]) =>
    (p as string) !== "" && (s as string).endsWith(p as string) ? (s as string).slice(0, -(p as string).length) : s,
  ),
  lower: fn(["string"], ([s]) => (s as string).toLowerCase()),
  upper: fn(["string"], ([s]) => (s as string).toUpperCase()),
  trim: fn(["string"], ([s]) => (s as string).trim()),
  b64enc: fn(["string"], ([s]) => base64Encode(s as string)),
  toString: fn(["any"], ([v]) => strval(v)),
  join: fn(["string", "any"], ([sep, list]) =>
    Array.isArray(list) ? list.filter((x) => x !== null).map(strval).join(sep as string) : strval(list),
  ),
};

/** Sprig's strval: strings as they are, a []byte as its text, anything else as fmt's %v. */
function strval(v: GoValue): string {
  if (typeof v === "string") return v;
  const bytes = goBytes(v);
  return bytes ? utf8(bytes) : printValue(v);
}

function indent(n: number, s: string): string {
  const pad = " ".repeat(Math.max(0, n));
  return pad + s.replace(/\n/g, `\n${pad}`);
}
