/**
 * One registry's HTTP client (OCI distribution spec): base URL, TLS trust, the `/v2/` ping, auth
 * (Basic, or Bearer tokens per the Docker token auth spec, cached per scope set), retries with
 * exponential backoff on 5xx/429 and transport failures, and a header timeout.
 */
import { readFileSync } from "node:fs";
import type { BasicCredentials } from "./credentials.ts";
import { parseChallenges, type Challenge } from "./challenge.ts";
import { CopyError, isTransientTransport, transportProblem } from "./errors.ts";

/** How to reach one registry. */
export interface EndpointOptions {
  /**
   * Speak plain HTTP instead of HTTPS. `"loopback"`: plain HTTP for registries on a loopback
   * address only (`localhost`, `127.0.0.0/8`, `[::1]`; Docker's default insecure registries),
   * HTTPS for the others. Default false.
   */
  plainHttp?: boolean | "loopback";
  /** PEM file of the CA(s) that sign the registry's certificate (added to the system roots' place). */
  caFile?: string;
  /** Explicit credentials (flags); without them the Docker config file is read. */
  username?: string;
  password?: string;
  /** Docker config file to read credentials from (default `$DOCKER_CONFIG/config.json` or `~/.docker/config.json`). */
  dockerConfig?: string;
}

/** Retry and timeout policy (ms). */
export interface RetryPolicy {
  /** Attempts after the first, for 5xx, 429, timeouts and resets. Default 4. */
  retries: number;
  /** First backoff, doubled each attempt (with ±25 % jitter). Default 250 ms. */
  backoffMs: number;
  /** Time allowed until response headers arrive, and between two body chunks. Default 30 000 ms. */
  timeoutMs: number;
  /** Called before each retry (for progress events). */
  onRetry?: (what: string, attempt: number, delayMs: number, reason: string) => void;
}

/** Options of one request. */
export interface RequestInit2 {
  method?: string;
  headers?: Record<string, string>;
  /**
   * A re-sendable body, or a function making a one-shot stream body (called with the timer's
   * `idle`, to call per chunk sent). A stream body is never retried here: the caller retries the
   * whole transfer.
   */
  body?: Uint8Array | string | ((idle: () => void) => ReadableStream<Uint8Array>);
  /** Token scopes the request needs (Bearer registries). */
  scopes?: string[];
  /** Human description for errors and retry events, e.g. `blob sha256:… of a/b`. */
  what: string;
  /** Statuses returned to the caller as they are (others: 401/403 → unauthorized, 5xx → retried). */
  accept: number[];
}

/** A response plus the means to bound its body reads (`idle()` restarts the body timeout). */
export interface RegistryResponse {
  res: Response;
  /** Call on each body chunk; after `timeoutMs` without one the request is aborted. */
  idle(): void;
  /** Stop the body timer (body consumed or abandoned). */
  done(): void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Backoff for attempt n (1-based): backoffMs·2^(n-1), ±25 %. */
export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  const base = policy.backoffMs * 2 ** (attempt - 1);
  return Math.round(base * (0.75 + Math.random() * 0.5));
}

/** Throws CopyError("bad-endpoint") unless `host` is host[:port] with a port in 1–65535. */
export function checkHost(host: string): void {
  const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?)(?::(\d+))?$/.exec(host);
  if (!m) throw new CopyError("bad-endpoint", `"${host}" is not a registry endpoint (host[:port])`);
  if (m[2] !== undefined && (Number(m[2]) < 1 || Number(m[2]) > 65535))
    throw new CopyError("bad-endpoint", `"${host}" is not a registry endpoint: port ${m[2]} is out of range (1-65535)`);
}

/** True for `localhost`, `127.x.y.z` and `[::1]`, with or without a port. */
export function isLoopbackHost(host: string): boolean {
  const name = host.startsWith("[") ? host.slice(0, host.indexOf("]") + 1) : host.split(":")[0]!;
  return name === "localhost" || name === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/** One registry: ping once, then authorised requests. Create through `RegistryClient.for` to share per host. */
export class RegistryClient {
  readonly base: string;
  private readonly ca?: string;
  private challenge?: Challenge;
  private pinged?: Promise<void>;
  private readonly tokens = new Map<string, Promise<{ token: string; expiresAt: number }>>();

  constructor(
    readonly host: string,
    private readonly endpoint: EndpointOptions,
    private readonly creds: BasicCredentials | undefined,
    private readonly policy: RetryPolicy,
  ) {
    checkHost(host);
    const plain = endpoint.plainHttp === true || (endpoint.plainHttp === "loopback" && isLoopbackHost(host));
    this.base = `${plain ? "http" : "https"}://${apiHost(host)}`;
    if (endpoint.caFile) {
      try {
        this.ca = readFileSync(endpoint.caFile, "utf8");
      } catch {
        throw new CopyError("bad-endpoint", `cannot read the CA file given for ${host}`);
      }
    }
  }

  /** Raw fetch with TLS options and a header timeout; transport errors come back as thrown errors. */
  private async rawFetch(url: string, init: { method: string; headers: Record<string, string>; body?: RequestInit2["body"] }): Promise<RegistryResponse> {
    const ctl = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => ctl.abort(new DOMException("timed out", "TimeoutError")), this.policy.timeoutMs);
    };
    arm();
    try {
      const body = typeof init.body === "function" ? init.body(arm) : init.body;
      const res = await fetch(url, {
        method: init.method,
        headers: init.headers,
        body,
        ...(typeof init.body === "function" ? { duplex: "half" } : {}),
        redirect: "manual",
        signal: ctl.signal,
        ...(this.ca ? { tls: { ca: this.ca } } : {}),
      } as RequestInit);
      arm();
      return { res, idle: arm, done: () => timer && clearTimeout(timer) };
    } catch (err) {
      if (timer) clearTimeout(timer);
      if (ctl.signal.aborted && ctl.signal.reason instanceof DOMException) throw ctl.signal.reason;
      throw err;
    }
  }

  /**
   * `GET /v2/` once per client: learns the auth scheme and checks the credentials (Basic: the ping
   * itself; Bearer: a token with no scope, as `docker login` does). Throws CopyError unreachable,
   * not-registry or unauthorized.
   */
  ping(): Promise<void> {
    this.pinged ??= this.doPing();
    return this.pinged;
  }

  private async doPing(): Promise<void> {
    const r = await this.withRetries("ping /v2/", () => this.rawFetch(`${this.base}/v2/`, { method: "GET", headers: {} }));
    const body = await r.res.text().catch(() => "");
    r.done();
    const apiHeader = r.res.headers.get("docker-distribution-api-version");
    if (r.res.status === 200) {
      let json = false;
      try {
        JSON.parse(body);
        json = true;
      } catch {
        /* not JSON */
      }
      if (!apiHeader && !json) throw new CopyError("not-registry", `${this.host} is not a registry: GET /v2/ answered a page that is not the distribution API`);
      return;
    }
    if (r.res.status !== 401) throw new CopyError("not-registry", `${this.host} is not a registry: GET /v2/ answered HTTP ${r.res.status}`);
    const challenges = parseChallenges(r.res.headers.get("www-authenticate"));
    const chosen = challenges.find((c) => c.scheme === "bearer") ?? challenges.find((c) => c.scheme === "basic");
    if (!chosen) throw new CopyError("not-registry", `${this.host} is not a registry: GET /v2/ answered 401 without a Basic or Bearer challenge`);
    this.challenge = chosen;
    if (!this.creds) return; // anonymous: Bearer registries may still grant pull tokens; Basic fails on first use
    if (chosen.scheme === "basic") {
      const again = await this.withRetries("ping /v2/", () => this.rawFetch(`${this.base}/v2/`, { method: "GET", headers: { authorization: this.basicHeader() } }));
      await again.res.arrayBuffer().catch(() => undefined);
      again.done();
      if (again.res.status === 401 || again.res.status === 403)
        throw new CopyError("unauthorized", `${this.host} refused the credentials of ${this.creds.username} (HTTP ${again.res.status})`);
      if (again.res.status !== 200) throw new CopyError("not-registry", `${this.host} answered HTTP ${again.res.status} to an authenticated GET /v2/`);
    } else {
      await this.token([]);
    }
  }

  private basicHeader(): string {
    return "Basic " + Buffer.from(`${this.creds!.username}:${this.creds!.password}`, "utf8").toString("base64");
  }

  /** A Bearer token for a scope set (cached per set; fetched from the challenge's realm). */
  private async token(scopes: string[]): Promise<string> {
    const key = [...scopes].sort().join(" ");
    for (;;) {
      let t = this.tokens.get(key);
      if (!t) {
        t = this.fetchToken(scopes);
        this.tokens.set(key, t);
        t.catch(() => this.tokens.delete(key));
      }
      const got = await t;
      if (got.expiresAt > Date.now()) return got.token;
      if (this.tokens.get(key) === t) this.tokens.delete(key); // expired: fetch a new one
    }
  }

  /** Drops the cached token of a scope set (after the registry refused it). */
  private forgetToken(scopes: string[]): void {
    this.tokens.delete([...scopes].sort().join(" "));
  }

  private async fetchToken(scopes: string[]): Promise<{ token: string; expiresAt: number }> {
    const { realm, service } = this.challenge!.params;
    if (!realm) throw new CopyError("protocol", `${this.host} sent a Bearer challenge without a realm`);
    let url: URL;
    try {
      url = new URL(realm);
    } catch {
      throw new CopyError("protocol", `${this.host} sent a Bearer challenge whose realm is not a URL`);
    }
    if (service) url.searchParams.set("service", service);
    for (const s of scopes) url.searchParams.append("scope", s);
    if (this.creds) url.searchParams.set("account", this.creds.username);
    const headers: Record<string, string> = this.creds ? { authorization: this.basicHeader() } : {};
    const r = await this.withRetries(`token from ${url.host}`, () => this.rawFetch(url.toString(), { method: "GET", headers }));
    const text = await r.res.text().catch(() => "");
    r.done();
    if (r.res.status === 401 || r.res.status === 403)
      throw new CopyError("unauthorized", `the token server of ${this.host} (${url.host}) refused ${this.creds ? `the credentials of ${this.creds.username}` : "anonymous access"} (HTTP ${r.res.status})`);
    if (r.res.status !== 200) throw new CopyError("protocol", `the token server of ${this.host} (${url.host}) answered HTTP ${r.res.status}`);
    let tok: unknown;
    let expiresIn = 60; // the token spec's default lifetime, seconds
    try {
      const j = JSON.parse(text) as { token?: unknown; access_token?: unknown; expires_in?: unknown };
      tok = j.token ?? j.access_token;
      if (typeof j.expires_in === "number" && j.expires_in > 0) expiresIn = j.expires_in;
    } catch {
      /* below */
    }
    if (typeof tok !== "string" || tok === "") throw new CopyError("protocol", `the token server of ${this.host} (${url.host}) answered without a token`);
    // renewed 10 % (at most 30 s) before it expires, so a long upload does not start with a dying token
    return { token: tok, expiresAt: Date.now() + expiresIn * 1000 - Math.min(30_000, expiresIn * 100) };
  }

  private async authHeader(scopes: string[]): Promise<string | undefined> {
    if (!this.challenge) return undefined;
    if (this.challenge.scheme === "basic") return this.creds ? this.basicHeader() : undefined;
    return "Bearer " + (await this.token(scopes));
  }

  /** Runs `once` with the retry policy: transport failures and 5xx/429 responses are retried. */
  private async withRetries(what: string, once: () => Promise<RegistryResponse>, retries = this.policy.retries): Promise<RegistryResponse> {
    for (let attempt = 0; ; attempt++) {
      let reason: string;
      try {
        const r = await once();
        if (r.res.status < 500 && r.res.status !== 429) return r;
        if (attempt >= retries) return r;
        await r.res.arrayBuffer().catch(() => undefined);
        r.done();
        reason = `HTTP ${r.res.status}`;
      } catch (err) {
        if (!isTransientTransport(err) || attempt >= retries)
          throw new CopyError("unreachable", `cannot reach ${this.host} (${what}): ${transportProblem(err)}`);
        reason = transportProblem(err);
      }
      const delay = backoffDelay(this.policy, attempt + 1);
      this.policy.onRetry?.(`${what} at ${this.host}`, attempt + 1, delay, reason);
      await sleep(delay);
    }
  }

  /**
   * An authorised request to a path under the base URL (or an absolute URL the registry gave,
   * e.g. an upload Location). 401/403 → CopyError unauthorized (after one token refresh with the
   * challenge's scope); statuses in `accept` are returned; any other → CopyError protocol naming
   * the registry's error code when it sent one.
   */
  async request(pathOrUrl: string, init: RequestInit2): Promise<RegistryResponse> {
    await this.ping();
    let url = /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : `${this.base}${pathOrUrl}`;
    let scopes = init.scopes ?? [];
    let redirects = 0;
    for (let authTry = 0; ; authTry++) {
      // credentials go only to the registry itself, never to where it redirects (blob storage, CDN)
      const own = new URL(url).origin === new URL(this.base).origin;
      const auth = own ? await this.authHeader(scopes) : undefined;
      const headers = { ...(init.headers ?? {}), ...(auth ? { authorization: auth } : {}) };
      const oneShot = typeof init.body === "function";
      const r = await this.withRetries(init.what, () => this.rawFetch(url, { method: init.method ?? "GET", headers, body: init.body }), oneShot ? 0 : this.policy.retries);
      if (init.accept.includes(r.res.status)) return r;
      const status = r.res.status;
      const location = r.res.headers.get("location");
      if ([301, 302, 303, 307, 308].includes(status) && location && (init.method ?? "GET").match(/^(GET|HEAD)$/) && redirects < 5) {
        await r.res.arrayBuffer().catch(() => undefined);
        r.done();
        url = new URL(location, url).toString();
        redirects++;
        authTry--;
        continue;
      }
      const body = await r.res.text().catch(() => "");
      r.done();
      if (status === 401 && authTry === 0 && this.challenge?.scheme === "bearer" && !oneShot) {
        const c = parseChallenges(r.res.headers.get("www-authenticate")).find((x) => x.scheme === "bearer");
        if (c?.params.scope) scopes = [...new Set([...scopes, ...c.params.scope.split(" ")])];
        this.forgetToken(scopes);
        continue;
      }
      if (status === 401 && !this.challenge && authTry === 0 && !oneShot) {
        // a registry that let /v2/ through anonymously but protects repositories
        const c = parseChallenges(r.res.headers.get("www-authenticate"));
        const chosen = c.find((x) => x.scheme === "bearer") ?? c.find((x) => x.scheme === "basic");
        if (chosen) {
          this.challenge = chosen;
          continue;
        }
      }
      if (status === 401 && oneShot && this.challenge?.scheme === "bearer") {
        // a streamed body cannot be sent again here: drop the token, let the transfer be retried
        this.forgetToken(scopes);
        throw new CopyError("unauthorized", `${this.host} refused the token for ${init.what} (HTTP 401)`, true);
      }
      if (status === 401 || status === 403) {
        const who = this.creds ? `the credentials of ${this.creds.username}` : "anonymous access (no credentials given or found in the Docker config)";
        throw new CopyError("unauthorized", `${this.host} refused ${who} for ${init.what} (HTTP ${status})`);
      }
      // a 5xx/429 to a streamed body was not retried here: transient, so the caller retries the transfer
      throw new CopyError(status === 404 ? "not-found" : "protocol", `${this.host} answered HTTP ${status}${registryErrorCode(body)} to ${init.what}`, oneShot && (status >= 500 || status === 429));
    }
  }
}

/** The host that serves the API of a registry: Docker Hub's is registry-1.docker.io, others their own. */
export function apiHost(host: string): string {
  return host === "docker.io" || host === "index.docker.io" ? "registry-1.docker.io" : host;
}

/** ` (CODE: message)` from a distribution error body, or "". */
export function registryErrorCode(body: string): string {
  try {
    const e = (JSON.parse(body) as { errors?: { code?: string; message?: string }[] }).errors?.[0];
    if (e?.code) return ` (${e.code}${e.message ? `: ${String(e.message).split("\n")[0]!.slice(0, 120)}` : ""})`;
  } catch {
    /* not a distribution error body */
  }
  return "";
}
