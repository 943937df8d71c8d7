/**
 * Decodes standard base64 (RFC 4648 §4, padded) the way Go's encoding/json decodes a []byte field:
 * base64.StdEncoding, CR and LF ignored. Returns undefined for anything else (URL alphabet,
 * missing padding, stray characters) instead of guessing as Buffer.from(…, "base64") would.
 */
export function decodeStdBase64(text: string): Buffer | undefined {
  const s = text.replace(/[\r\n]/g, "");
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return undefined;
  return Buffer.from(s, "base64");
}

/** Standard padded base64, as Go's encoding/json writes a []byte. */
export function encodeStdBase64(bytes: Uint8Array | string): string {
  return Buffer.from(bytes).toString("base64");
}
