/**
 * Real registries for the copy engine's tests and bench: Debian's docker-registry (distribution
 * v2.8) on 127.0.0.1 in three shapes: open (no auth, plain HTTP), htpasswd + TLS from a CA made
 * here with openssl, and token auth (Docker token spec) with a token server of our own that signs
 * RS256 JWTs carrying the signing certificate in `x5c` (distribution verifies the chain against
 * `rootcertbundle`). Each throws with the server's output when it does not come up.
 */
import { createPrivateKey, createSign } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface RunningRegistry {
  host: string;
  dir: string;
  /** Storage root of the registry (docker/registry/v2/…), for tests that corrupt a blob in place. */
  storage: string;
  username?: string;
  password?: string;
  /** CA PEM file that signs the registry's certificate (TLS registries). */
  caFile?: string;
  plainHttp: boolean;
  stop(): void;
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

function sh(argv: string[], cwd: string): void {
  const r = Bun.spawnSync(argv, { cwd, stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`${argv.join(" ")} failed: ${r.stderr.toString()}`);
}

/** A CA and a server certificate for 127.0.0.1 signed by it, in `dir`: ca.crt, server.crt, server.key. */
export function makeTlsFiles(dir: string): { ca: string; cert: string; key: string } {
  sh(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=kots-tui test CA", "-keyout", "ca.key", "-out", "ca.crt",
    "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"], dir);
  sh(["openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", "server.key", "-out", "server.csr"], dir);
  writeFileSync(path.join(dir, "ext.cnf"), "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
  sh(["openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2", "-extfile", "ext.cnf", "-out", "server.crt"], dir);
  return { ca: path.join(dir, "ca.crt"), cert: path.join(dir, "server.crt"), key: path.join(dir, "server.key") };
}

/**
 * Writes `<dir>/config.yml` (error-level log, filesystem storage under `<dir>/data` with delete
 * enabled, then the `extra` lines: `http:` with the address, `auth:`, …), starts Debian's
 * /usr/bin/docker-registry on it and waits up to 15 s for `GET /v2/` on `addr` (`ip:port`) to
 * answer 200 or 401 — over HTTPS trusting `caFile` when given, else plain HTTP.
 * @throws Error "docker-registry did not start on <addr>: <its stderr>" (the process is killed)
 */
export async function launchRegistry(dir: string, addr: string, extra: string[], caFile?: string): Promise<ReturnType<typeof Bun.spawn>> {
  writeFileSync(
    path.join(dir, "config.yml"),
    ["version: 0.1", "log: {level: error, accesslog: {disabled: true}}", `storage: {filesystem: {rootdirectory: ${dir}/data}, delete: {enabled: true}}`, ...extra].join("\n") + "\n",
  );
  const proc = Bun.spawn(["/usr/bin/docker-registry", "serve", path.join(dir, "config.yml")], { stdout: "pipe", stderr: "pipe" });
  const url = `${caFile ? "https" : "http"}://${addr}/v2/`;
  const ca = caFile ? readFileSync(caFile, "utf8") : undefined;
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const r = await fetch(url, ca ? ({ tls: { ca } } as RequestInit) : {});
      if (r.status === 401 || r.status === 200) return proc;
    } catch {
      /* not up yet */
    }
    if (proc.exitCode !== null || Date.now() > deadline) {
      proc.kill();
      throw new Error(`docker-registry did not start on ${addr}: ${await new Response(proc.stderr as ReadableStream).text()}`);
    }
    await Bun.sleep(100);
  }
}

/** Writes `<dir>/htpasswd` with one bcrypt (cost 5) entry, as docker-registry's htpasswd auth reads it; returns its path. */
export async function writeHtpasswd(dir: string, username: string, password: string): Promise<string> {
  const file = path.join(dir, "htpasswd");
  writeFileSync(file, `${username}:${await Bun.password.hash(password, { algorithm: "bcrypt", cost: 5 })}\n`);
  return file;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");

/** One `access` entry of a Docker registry token (distribution's token auth). */
export type TokenAccess = { type: string; name: string; actions: string[] };

/** Parses `type:name:actions` scope parameters (the name may hold colons, e.g. a port) into token access entries. */
export function scopeAccess(scopes: string[]): TokenAccess[] {
  return scopes.map((s) => {
    const [type, ...rest] = s.split(":");
    const actions = rest.pop()!.split(",");
    return { type: type!, name: rest.join(":"), actions };
  });
}

/**
 * A token signer in `dir`: a self-signed RSA-2048 certificate (signer.crt, the registry's
 * `rootcertbundle`) and key made with openssl; `sign` returns an RS256 JWT whose header carries
 * that certificate in `x5c` and whose claims are iss/sub/aud, exp = now + 300 s, nbf = now − 10 s,
 * iat, a random jti and `access` (Docker token spec, as distribution verifies it).
 * @throws Error with openssl's stderr when the certificate cannot be made
 */
export function tokenSigner(dir: string): { certFile: string; sign(c: { issuer: string; service: string; sub: string; access: TokenAccess[] }): string } {
  sh(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=kots-tui token signer", "-keyout", "signer.key", "-out", "signer.crt"], dir);
  const key = createPrivateKey(readFileSync(path.join(dir, "signer.key")));
  const certDer = Buffer.from(readFileSync(path.join(dir, "signer.crt"), "utf8").replace(/-----[^-]+-----|\s/g, ""), "base64");
  return {
    certFile: path.join(dir, "signer.crt"),
    sign({ issuer, service, sub, access }) {
      const now = Math.floor(Date.now() / 1000);
      const header = { typ: "JWT", alg: "RS256", x5c: [certDer.toString("base64")] };
      const claims = { iss: issuer, sub, aud: service, exp: now + 300, nbf: now - 10, iat: now, jti: crypto.randomUUID(), access };
      const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
      return `${input}.${b64url(createSign("RSA-SHA256").update(input).sign(key))}`;
    },
  };
}

/** What {@link launchTokenRegistry} starts: the registry (plain HTTP) and its token server's URL. */
export type TokenAuthRegistry = RunningRegistry & { tokenUrl: string };

/**
 * docker-registry with `auth.token` on a free 127.0.0.1 port, plain HTTP, and a Bun.serve token
 * server of our own on another: `/token` requests go to `answer` with the request, its URL and a
 * signer ({@link tokenSigner}, made in `dir`, the registry's `rootcertbundle`); other paths get 404.
 * `stop()` kills the registry, stops the token server and removes `dir`.
 * @throws Error when the registry does not come up (the token server is stopped first)
 */
export async function launchTokenRegistry(
  dir: string,
  service: string,
  issuer: string,
  answer: (req: Request, u: URL, sign: ReturnType<typeof tokenSigner>["sign"]) => Response,
): Promise<TokenAuthRegistry> {
  const signer = tokenSigner(dir);
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(req) {
      const u = new URL(req.url);
      if (u.pathname !== "/token") return new Response("not found", { status: 404 });
      return answer(req, u, signer.sign);
    },
  });
  const tokenUrl = `http://127.0.0.1:${server.port}/token`;
  const port = await freePort();
  let proc: ReturnType<typeof Bun.spawn>;
  try {
    proc = await launchRegistry(dir, `127.0.0.1:${port}`, [`http: {addr: "127.0.0.1:${port}"}`, `auth: {token: {realm: "${tokenUrl}", service: ${service}, issuer: ${issuer}, rootcertbundle: ${signer.certFile}}}`]);
  } catch (err) {
    server.stop(true);
    throw err;
  }
  return {
    host: `127.0.0.1:${port}`,
    dir,
    storage: path.join(dir, "data"),
    plainHttp: true,
    tokenUrl,
    stop: () => {
      proc.kill();
      server.stop(true);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** An open registry: no auth, plain HTTP. */
export async function startOpenRegistry(): Promise<RunningRegistry> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kots-copy-open-"));
  const port = await freePort();
  const proc = await launchRegistry(dir, `127.0.0.1:${port}`, [`http: {addr: "127.0.0.1:${port}"}`]);
  return { host: `127.0.0.1:${port}`, dir, storage: path.join(dir, "data"), plainHttp: true, stop: () => (proc.kill(), rmSync(dir, { recursive: true, force: true })) };
}

/** A registry with htpasswd (bcrypt) auth behind TLS from a CA made for it. */
export async function startTlsAuthRegistry(): Promise<RunningRegistry> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kots-copy-tls-"));
  const tls = makeTlsFiles(dir);
  const username = "pusher";
  const password = `reg-${crypto.randomUUID()}`;
  await writeHtpasswd(dir, username, password);
  const port = await freePort();
  const proc = await launchRegistry(
    dir,
    `127.0.0.1:${port}`,
    [`http: {addr: "127.0.0.1:${port}", tls: {certificate: ${tls.cert}, key: ${tls.key}}}`, `auth: {htpasswd: {realm: kots-tui-test, path: ${dir}/htpasswd}}`],
    tls.ca,
  );
  return { host: `127.0.0.1:${port}`, dir, storage: path.join(dir, "data"), username, password, caFile: tls.ca, plainHttp: false, stop: () => (proc.kill(), rmSync(dir, { recursive: true, force: true })) };
}

/** A token-auth registry and its token server; `tokensIssued` counts the tokens served. */
export interface TokenRegistry extends RunningRegistry {
  tokenUrl: string;
  tokensIssued(): number;
  /** Scopes asked for, in order (for assertions on the flow). */
  scopesAsked: string[];
}

/**
 * docker-registry with `auth.token` (realm = our Bun.serve token server, service, issuer,
 * rootcertbundle = the token signer's self-signed certificate) on plain HTTP. The token server
 * checks Basic credentials (refusing wrong ones with 401), grants the asked scopes' actions to the
 * one user (nothing to anonymous callers) and signs RS256 with `x5c` = [signer certificate].
 */
export async function startTokenRegistry(): Promise<TokenRegistry> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kots-copy-token-"));
  const username = "tokenuser";
  const password = `tok-${crypto.randomUUID()}`;
  const service = "kots-tui-test-registry";
  const issuer = "kots-tui-test-issuer";
  let issued = 0;
  const scopesAsked: string[] = [];
  const reg = await launchTokenRegistry(dir, service, issuer, (req, u, sign) => {
    const auth = req.headers.get("authorization");
    let user = "";
    if (auth) {
      const plain = Buffer.from(auth.replace(/^Basic /i, ""), "base64").toString();
      if (plain !== `${username}:${password}`) return Response.json({ details: "bad credentials" }, { status: 401 });
      user = username;
    }
    if (u.searchParams.get("service") !== service) return Response.json({ details: "unknown service" }, { status: 400 });
    const scopes = u.searchParams.getAll("scope");
    scopesAsked.push(...scopes);
    const token = sign({ issuer, service, sub: user, access: user ? scopeAccess(scopes) : [] });
    issued++;
    return Response.json({ token, access_token: token, expires_in: 300, issued_at: new Date().toISOString() });
  });
  return { ...reg, username, password, scopesAsked, tokensIssued: () => issued };
}

/** A registry whose blob reads redirect to a static file server (a CDN's place), and what that server saw. */
export interface RedirectingRegistry extends RunningRegistry {
  /** Requests the file server got: method, path, and whether an Authorization header came with it. */
  cdnRequests: { method: string; path: string; authorization: boolean }[];
}

/**
 * docker-registry with htpasswd auth (plain HTTP) and distribution's `redirect` storage
 * middleware: blob GET/HEAD answer 307 to `<baseurl><storage path>`, served here by a Bun.serve
 * static file server over the registry's own storage root (as a CDN in front of a bucket would).
 */
export async function startRedirectingRegistry(): Promise<RedirectingRegistry> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kots-copy-redirect-"));
  const storage = path.join(dir, "data");
  const cdnRequests: RedirectingRegistry["cdnRequests"] = [];
  const cdn = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    async fetch(req) {
      const u = new URL(req.url);
      cdnRequests.push({ method: req.method, path: u.pathname, authorization: req.headers.has("authorization") });
      const file = Bun.file(path.join(storage, path.normalize(u.pathname).replace(/^(\.\.[/\\])+/, "")));
      if (!(await file.exists())) return new Response("no such object", { status: 404 });
      return new Response(req.method === "HEAD" ? null : file, { headers: { "content-length": String(file.size), "content-type": "application/octet-stream" } });
    },
  });
  const username = "cdnuser";
  const password = `cdn-${crypto.randomUUID()}`;
  await writeHtpasswd(dir, username, password);
  const port = await freePort();
  let proc: ReturnType<typeof Bun.spawn>;
  try {
    proc = await launchRegistry(
      dir,
      `127.0.0.1:${port}`,
      [
        `http: {addr: "127.0.0.1:${port}"}`,
        `auth: {htpasswd: {realm: kots-tui-test, path: ${dir}/htpasswd}}`,
        `middleware: {storage: [{name: redirect, options: {baseurl: "http://127.0.0.1:${cdn.port}/"}}]}`,
      ],
    );
  } catch (err) {
    cdn.stop(true);
    throw err;
  }
  return {
    host: `127.0.0.1:${port}`,
    dir,
    storage,
    username,
    password,
    plainHttp: true,
    cdnRequests,
    stop: () => {
      proc.kill();
      cdn.stop(true);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
