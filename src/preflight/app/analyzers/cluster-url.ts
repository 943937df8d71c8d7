/**
 * The scheme Go's net/url.Parse gives a string (Go 1.26, as troubleshoot v0.133.0's preflight is
 * built), and Parse's errors, which containerRuntime wraps: a ported subset of net/url parse(),
 * getScheme, parseAuthority, parseHost and unescape. IPv6 literals inside brackets are checked
 * with a simplified address parser (Go's netip.ParseAddr error details are not reproduced).
 */
import { goQuote } from "../../../go/strings.ts";

type Mode = "path" | "host" | "zone" | "userPassword" | "fragment";

const isAlnum = (c: string): boolean => /^[A-Za-z0-9]$/.test(c);
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9A-Fa-f]$/.test(c);

/** shouldEscape for the host and zone modes (the only ones whose unescape looks at plain bytes). */
function hostByteNeedsEscape(c: string): boolean {
  if (isAlnum(c)) return false;
  if ("!$&'()*+,;=:[]<>\"".includes(c)) return false;
  if ("-_.~".includes(c)) return false;
  return true;
}

/** url.unescape's validation (the decoded text is not needed here). Throws Go's error text. */
function checkUnescape(s: string, mode: Mode): void {
  for (let i = 0; i < s.length; ) {
    const c = s[i]!;
    if (c === "%") {
      if (i + 2 >= s.length || !isHex(s[i + 1]) || !isHex(s[i + 2])) {
        throw new Error(`invalid URL escape ${goQuote(s.slice(i, i + 3))}`);
      }
      const v = parseInt(s.slice(i + 1, i + 3), 16);
      if (mode === "host" && v >> 4 < 8 && s.slice(i, i + 3) !== "%25") throw new Error(`invalid URL escape ${goQuote(s.slice(i, i + 3))}`);
      if (mode === "zone" && s.slice(i, i + 3) !== "%25" && v !== 0x20 && v < 0x80 && hostByteNeedsEscape(String.fromCharCode(v))) {
        throw new Error(`invalid URL escape ${goQuote(s.slice(i, i + 3))}`);
      }
      if (mode === "zone" && v >= 0x80) throw new Error(`invalid URL escape ${goQuote(s.slice(i, i + 3))}`);
      i += 3;
    } else {
      if ((mode === "host" || mode === "zone") && c.charCodeAt(0) < 0x80 && hostByteNeedsEscape(c)) throw new Error(`invalid character ${goQuote(c)} in host name`);
      i++;
    }
  }
}

function validOptionalPort(port: string): boolean {
  return port === "" || /^:[0-9]*$/.test(port);
}

/** A simplified IPv6 (or IPv4) address check for bracketed hosts. */
function ipLiteralKind(s: string): "v4" | "v6" | undefined {
  const addr = s.replace(/%.*$/, "");
  if (/^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}$/.test(addr)) return "v4";
  const halves = addr.split("::");
  if (halves.length > 2) return undefined;
  const groups = (h: string) => (h === "" ? [] : h.split(":"));
  const all = halves.flatMap(groups);
  let count = 0;
  for (let i = 0; i < all.length; i++) {
    const g = all[i]!;
    if (i === all.length - 1 && g.includes(".")) {
      if (!ipLiteralKind(g)) return undefined;
      count += 2;
    } else if (/^[0-9A-Fa-f]{1,4}$/.test(g)) count++;
    else return undefined;
  }
  if (halves.length === 2 ? count > 7 : count !== 8) return undefined;
  return "v6";
}

function parseHost(scheme: string, host: string): void {
  const open = host.lastIndexOf("[");
  if (open > 0) throw new Error("invalid IP-literal");
  if (open === 0) {
    const close = host.lastIndexOf("]");
    if (close < 0) throw new Error("missing ']' in host");
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort)) throw new Error(`invalid port ${goQuote(colonPort)} after host`);
    checkUnescape(colonPort, "host");
    const hostname = host.slice(1, close);
    const zone = hostname.indexOf("%25");
    if (zone >= 0) {
      checkUnescape(hostname.slice(0, zone), "host");
      checkUnescape(hostname.slice(zone), "zone");
    } else checkUnescape(hostname, "host");
    const kind = ipLiteralKind(decodeURIComponentSafe(hostname));
    if (!kind) throw new Error(`invalid host: ParseAddr(${goQuote(decodeURIComponentSafe(hostname))}): unable to parse IP`);
    if (kind === "v4") throw new Error("invalid IP-literal");
    return;
  }
  let i = host.indexOf(":");
  if (i !== -1) {
    const lastColon = host.lastIndexOf(":");
    // Go 1.26 keeps colons strict for http and https only.
    if (lastColon !== i && scheme !== "http" && scheme !== "https") i = lastColon;
    const colonPort = host.slice(i);
    if (!validOptionalPort(colonPort)) throw new Error(`invalid port ${goQuote(colonPort)} after host`);
  }
  checkUnescape(host, "host");
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

const USERINFO_OK = /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/;

function parseAuthority(scheme: string, authority: string): void {
  const at = authority.lastIndexOf("@");
  parseHost(scheme, at < 0 ? authority : authority.slice(at + 1));
  if (at < 0) return;
  const userinfo = authority.slice(0, at);
  if (!USERINFO_OK.test(userinfo)) throw new Error("net/url: invalid userinfo");
  const colon = userinfo.indexOf(":");
  if (colon < 0) checkUnescape(userinfo, "userPassword");
  else {
    checkUnescape(userinfo.slice(0, colon), "userPassword");
    checkUnescape(userinfo.slice(colon + 1), "userPassword");
  }
}

/** getScheme: [a-zA-Z][a-zA-Z0-9+.-]* before ':'; none when another character comes first. */
function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return ["", raw];
      continue;
    }
    if (c === ":") {
      if (i === 0) throw new Error("missing protocol scheme");
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ["", raw];
  }
  return ["", raw];
}

function parse(raw: string): string {
  // stringContainsCTLByte
  if (/[\x00-\x1f\x7f]/.test(raw)) throw new Error("net/url: invalid control character in URL");
  if (raw === "*") return "";
  const [rawScheme, afterScheme] = getScheme(raw);
  const scheme = rawScheme.toLowerCase();
  let rest = afterScheme;
  if (rest.endsWith("?") && rest.split("?").length === 2) rest = rest.slice(0, -1);
  else {
    const q = rest.indexOf("?");
    if (q >= 0) rest = rest.slice(0, q);
  }
  if (!rest.startsWith("/")) {
    if (scheme !== "") return scheme;
    const slash = rest.indexOf("/");
    const segment = slash >= 0 ? rest.slice(0, slash) : rest;
    if (segment.includes(":")) throw new Error("first path segment in URL cannot contain colon");
  }
  if ((scheme !== "" || !rest.startsWith("///")) && rest.startsWith("//")) {
    let authority = rest.slice(2);
    rest = "";
    const slash = authority.indexOf("/");
    if (slash >= 0) {
      rest = authority.slice(slash);
      authority = authority.slice(0, slash);
    }
    parseAuthority(scheme, authority);
  }
  checkUnescape(rest, "path");
  return scheme;
}

/**
 * url.Parse(raw).Scheme (lower-cased).
 * @throws Error `parse "RAW": CAUSE` (Go's *url.Error text), e.g. `parse "://x": missing protocol scheme`
 */
export function goUrlScheme(raw: string): string {
  const hash = raw.indexOf("#");
  const u = hash >= 0 ? raw.slice(0, hash) : raw;
  let scheme: string;
  try {
    scheme = parse(u);
  } catch (err) {
    throw new Error(`parse ${goQuote(u)}: ${(err as Error).message}`);
  }
  if (hash >= 0) {
    try {
      checkUnescape(raw.slice(hash + 1), "fragment");
    } catch (err) {
      throw new Error(`parse ${goQuote(raw)}: ${(err as Error).message}`);
    }
  }
  return scheme;
}
