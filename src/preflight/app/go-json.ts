/**
 * JSON text as Go's encoding/json MarshalIndent(v, "", "  ") writes it for the same value: two-space
 * indent, and <, >, & and U+2028/U+2029 escaped in strings (Go's HTML-safe default). Troubleshoot
 * stores every collected file this way, and textAnalyze regexes run over that text.
 */
export function goMarshalIndent(value: unknown): string {
  return escapeLikeGo(JSON.stringify(value, null, 2) ?? "null");
}

/** json.Marshal (compact) with Go's escaping. */
export function goMarshal(value: unknown): string {
  return escapeLikeGo(JSON.stringify(value) ?? "null");
}

// Outside strings JSON text never holds these characters, so a global replace only touches strings.
function escapeLikeGo(text: string): string {
  return text.replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
