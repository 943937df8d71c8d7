/** Byte-level string helpers with Go semantics (encoding/base64 StdEncoding, net/url, strconv.Quote). */

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: false });

/** base64.StdEncoding.EncodeToString of the UTF-8 bytes of `text`. */
export function base64Encode(text: string): string {
  return Buffer.from(encoder.encode(text)).toString("base64");
}

/**
 * base64.StdEncoding.DecodeString: padded standard alphabet, '\r' and '\n' ignored; returns null
 * on malformed input (KOTS's Base64Decode and ConfigOptionData then yield "").
 */
export function base64DecodeStd(text: string): Uint8Array | null {
  const s = text.replace(/[\r\n]/g, "");
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*(={0,2})$/.test(s) || /=[^=]/.test(s)) return null;
  return new Uint8Array(Buffer.from(s, "base64"));
}

/** Bytes → string, invalid UTF-8 replaced with U+FFFD (Go keeps raw bytes; terminals show the same). */
export function utf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

/** Go's url.QueryEscape: unreserved A-Z a-z 0-9 - _ . ~ kept, space → '+', everything else %XX. */
export function urlQueryEscape(text: string): string {
  let out = "";
  for (const b of encoder.encode(text)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === " ") out += "+";
    else out += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
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
