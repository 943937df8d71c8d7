/**
 * Go's strings and strconv.Quote texts the analyzers print (Go 1.26, as troubleshoot v0.133.0 is
 * built with): strings.TrimSpace and strings.Fields over unicode.IsSpace, and strconv.Quote.
 */

// unicode.IsSpace: the Latin-1 spaces plus the White_Space property (U+FEFF is not one, unlike JS's \s).
const SPACE = "\\t\\n\\v\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";
const TRIM = new RegExp(`^[${SPACE}]+|[${SPACE}]+$`, "g");
const RUNS = new RegExp(`[${SPACE}]+`);

/** strings.TrimSpace: leading and trailing Unicode white space removed (Go's set, not String.prototype.trim's). */
export function goTrimSpace(s: string): string {
  return s.replace(TRIM, "");
}

/** strings.Fields: the runs of non-space characters (unicode.IsSpace), in order; none for an all-space string. */
export function goFields(s: string): string[] {
  return goTrimSpace(s)
    .split(RUNS)
    .filter((f) => f !== "");
}

/** strconv.Quote: double-quoted Go string literal with Go escapes for non-printable characters. */
export function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case "\\":
        out += "\\\\";
        continue;
      case "\x07":
        out += "\\a";
        continue;
      case "\b":
        out += "\\b";
        continue;
      case "\f":
        out += "\\f";
        continue;
      case "\n":
        out += "\\n";
        continue;
      case "\r":
        out += "\\r";
        continue;
      case "\t":
        out += "\\t";
        continue;
      case "\v":
        out += "\\v";
        continue;
    }
    // A Go string never holds a surrogate: where a JS string has a lone one, Go's decoders gave U+FFFD.
    if (cp >= 0xd800 && cp <= 0xdfff) out += "\uFFFD";
    else if (cp === 0x20 || /[\p{L}\p{M}\p{N}\p{P}\p{S}]/u.test(ch)) out += ch;
    else if (cp < 0x80) out += `\\x${cp.toString(16).padStart(2, "0")}`;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, "0")}`;
    else out += `\\U${cp.toString(16).padStart(8, "0")}`;
  }
  return `${out}"`;
}
