/**
 * Live access check of a registry for the given credentials: `GET <scheme>://host/v2/` with HTTP
 * basic auth (OCI distribution spec, "end-1" API version check). `host` may carry `http://` to
 * speak plain HTTP (loopback test registries); default https. 200 → ok, 401/403 → the credentials
 * were refused, anything else or a network error → not ok with the reason. Times out after 15 s.
 * Never includes the password in the message.
 */
export async function checkRegistryAccess(
  host: string,
  username: string,
  password: string,
  fetchImpl: typeof fetch = fetch,
): Promise<{ ok: boolean; message: string }> {
  const hostPart = host.replace(/^https?:\/\//, "").split("/")[0]!;
  const scheme = /^http:\/\//.test(host) ? "http" : "https";
  const auth = "Basic " + Buffer.from(`${username}:${password}`).toString("base64");
  try {
    const res = await fetchImpl(`${scheme}://${hostPart}/v2/`, { headers: { Authorization: auth }, signal: AbortSignal.timeout(15_000) });
    await res.arrayBuffer().catch(() => undefined);
    if (res.status === 200) return { ok: true, message: `logged in to ${hostPart} as ${username}` };
    if (res.status === 401 || res.status === 403) return { ok: false, message: `${hostPart} refused the credentials (HTTP ${res.status}): check the username and password` };
    return { ok: false, message: `${hostPart} answered HTTP ${res.status} to GET /v2/` };
  } catch (err) {
    return { ok: false, message: `cannot reach ${hostPart}: ${err instanceof Error ? err.message : String(err)}` };
  }
}
