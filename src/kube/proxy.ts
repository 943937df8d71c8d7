/**
 * HTTP(S) proxies for the API server, as kubectl takes them (Go's net/http ProxyFromEnvironment,
 * golang.org/x/net/http/httpproxy): HTTPS_PROXY/HTTP_PROXY (either case) unless the host matches
 * NO_PROXY, and never for localhost or a loopback address. Bun's fetch reads the same variables
 * but proxies loopback too, so connect() adds a loopback API server to NO_PROXY.
 */

const env = (e: Record<string, string | undefined>, name: string) => e[name] ?? e[name.toLowerCase()];

/** True for localhost, 127.0.0.0/8 and ::1 (never proxied by kubectl). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h.endsWith(".localhost") || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** True when NO_PROXY (comma list of hosts, .domains, *.domains, host:port or "*") covers `host`. */
export function noProxyMatches(noProxy: string | undefined, host: string, port: string): boolean {
  if (!noProxy) return false;
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  for (const raw of noProxy.split(",")) {
    let entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === "*") return true;
    const portMatch = /^(.*):(\d+)$/.exec(entry);
    if (portMatch && !entry.includes("]")) {
      if (portMatch[2] !== port) continue;
      entry = portMatch[1]!;
    }
    entry = entry.replace(/^\*\./, ".");
    if (entry.startsWith(".") ? h.endsWith(entry) || h === entry.slice(1) : h === entry) return true;
  }
  return false;
}

/** The proxy URL a request to `url` goes through (kubectl's rules), or undefined for a direct connection. */
export function proxyFor(url: string, e: Record<string, string | undefined> = process.env): string | undefined {
  const u = new URL(url);
  const port = u.port || (u.protocol === "https:" ? "443" : "80");
  if (isLoopbackHost(u.hostname) || noProxyMatches(env(e, "NO_PROXY"), u.hostname, port)) return undefined;
  const proxy = u.protocol === "https:" ? env(e, "HTTPS_PROXY") : env(e, "HTTP_PROXY");
  return proxy || undefined;
}

/**
 * Makes this process's fetch bypass the proxy for the API server when kubectl would (loopback):
 * appends its host to NO_PROXY/no_proxy. No-op when no proxy is set or it would be used anyway.
 */
export function bypassProxyLikeKubectl(serverUrl: string, e: Record<string, string | undefined> = process.env): void {
  const u = new URL(serverUrl);
  if (!isLoopbackHost(u.hostname) || !(env(e, "HTTPS_PROXY") || env(e, "HTTP_PROXY"))) return;
  const host = u.hostname.replace(/^\[|\]$/g, "");
  for (const name of ["NO_PROXY", "no_proxy"]) e[name] = [e[name], host].filter(Boolean).join(",");
}
