/**
 * Compiles a Go (RE2) regular expression, as used in Config `validation.regex.pattern`
 * (KOTS pkg/kotsadmconfig/validation/regex.go: regexp.Compile + MatchString, i.e. an unanchored
 * search), to a JavaScript RegExp. Handles the RE2 spellings JavaScript lacks: leading flag groups
 * "(?i)", "(?s)", "(?m)", "(?P<name>", "\A", "\z", "\Q…\E" and "[[:alpha:]]" classes.
 * @throws Error with the reason when the pattern is not valid (or not translatable).
 */
export function compileGoRegexp(pattern: string): RegExp {
  let src = pattern;
  let flags = "";
  const lead = /^\(\?([imsU]+)\)/.exec(src);
  if (lead) {
    if (lead[1].includes("U")) throw new Error("the U (ungreedy) flag is not supported");
    flags = Array.from(new Set(lead[1])).join("");
    src = src.slice(lead[0].length);
  }
  let out = "";
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "\\") {
      const n = src[i + 1];
      if (n === undefined) throw new Error("trailing backslash at end of expression");
      if (n === "Q") {
        const end = src.indexOf("\\E", i + 2);
        const lit = src.slice(i + 2, end < 0 ? undefined : end);
        out += lit.replace(/[.*+?^${}()|[\]\\\/-]/g, "\\$&");
        i = end < 0 ? src.length : end + 1;
        continue;
      }
      if (!inClass && n === "A") {
        if (flags.includes("m")) throw new Error("\\A with the m flag is not supported");
        out += "^";
      } else if (!inClass && n === "z") out += "(?![\\s\\S])";
      else out += c + n;
      i++;
      continue;
    }
    if (inClass) {
      if (c === "[" && src[i + 1] === ":") {
        const m = /^\[:(\^?)([a-z]+):\]/.exec(src.slice(i));
        const cls = m ? POSIX[m[2]] : undefined;
        if (!m || cls === undefined) throw new Error(`invalid character class range: ${src.slice(i, i + 10)}`);
        if (m[1]) throw new Error("negated POSIX classes are not supported");
        out += cls;
        i += m[0].length - 1;
        continue;
      }
      if (c === "]") inClass = false;
      out += c;
      continue;
    }
    if (c === "[") {
      inClass = true;
      out += c;
      if (src[i + 1] === "^") out += src[++i];
      if (src[i + 1] === "]") out += `\\${src[++i]}`;
      continue;
    }
    if (c === "(" && src.startsWith("(?P<", i)) {
      out += "(?<";
      i += 3;
      continue;
    }
    if (c === "(" && src[i + 1] === "?" && /^\(\?[imsU-]+[:)]/.test(src.slice(i))) throw new Error("inline flags are only supported at the start");
    out += c;
  }
  const unicode = /\\[pP]/.test(out) ? "u" : "";
  return new RegExp(out, flags + unicode);
}

const POSIX: Record<string, string> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7F",
  blank: "\\t ",
  cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-\\/:-@\\[-`{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};
