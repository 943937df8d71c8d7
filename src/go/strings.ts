/**
 * Go's strings and strconv.Quote texts the analyzers print (Go 1.26, as troubleshoot v0.133.0 is
 * built with): strings.TrimSpace and strings.Fields over unicode.IsSpace, and strconv.Quote
 * (the one implementation, shared with the template engine).
 */
export { goQuote } from "../config/template/strings.ts";

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
