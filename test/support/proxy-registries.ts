/**
 * Registries for the proxy-registry tests (issue 14 part 2), all Debian docker-registry on loopback:
 *   - a private one with htpasswd on port 80 of a random 127.x.y.z address, so its images have no
 *     port in their names (`127.31.7.9/acme/api:1.0`): a port cannot appear in a proxy path;
 *   - the proxy stand-in: htpasswd with the license ID as username and password;
 *   - a token-auth registry whose token server gives anonymous callers pull tokens (a public
 *     Bearer registry, as Docker Hub is) or none (a private one).
 * Each throws with the server's output when it does not come up: a test must not pass without it.
 */
import { createPrivateKey, createSign } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { copyImage } from "../../src/registry/copy/index.ts";
import { freePort, type RunningRegistry } from "./copy-registries.ts";
import { buildImage, type BuiltImage } from "./oci-images.ts";

function sh(argv: string[], cwd: string): void {
  const r = Bun.spawnSync(argv, { cwd, stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`${argv.join(" ")} failed: ${r.stderr.toString()}`);
}

async function launch(dir: string, addr: string, extra: string[]): Promise<ReturnType<typeof Bun.spawn>> {
  writeFileSync(
    path.join(dir, "config.yml"),
    ["version: 0.1", "log: {level: error, accesslog: {disabled: true}}", `storage: {filesystem: {rootdirectory: ${dir}/data}, delete: {enabled: true}}`, `http: {addr: "${addr}"}`, ...extra].join("\n") + "\n",
  );
  const proc = Bun.spawn(["/usr/bin/docker-registry", "serve", path.join(dir, "config.yml")], { stdout: "pipe", stderr: "pipe" });
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const r = await fetch(`http://${addr}/v2/`);
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

/**
 * docker-registry with htpasswd auth for one user on `addr` (`ip:port`); `host` is the address
 * without `:80` (so images on port 80 have no port in their names).
 */
export async function startHtpasswdRegistry(addr: string, username: string, password: string): Promise<RunningRegistry> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kots-proxy-reg-"));
  writeFileSync(path.join(dir, "htpasswd"), `${username}:${await Bun.password.hash(password, { algorithm: "bcrypt", cost: 5 })}\n`);
  const proc = await launch(dir, addr, [`auth: {htpasswd: {realm: kots-tui-test, path: ${dir}/htpasswd}}`]);
  return {
    host: addr.replace(/:80$/, ""),
    dir,
    storage: path.join(dir, "data"),
    username,
    password,
    plainHttp: true,
    stop: () => (proc.kill(), rmSync(dir, { recursive: true, force: true })),
  };
}

/** A private registry on port 80 of a random loopback address (127.30-250.x.y), with htpasswd. */
export async function startPortlessPrivateRegistry(): Promise<RunningRegistry> {
  for (let attempt = 0; ; attempt++) {
    const ip = `127.${30 + Math.floor(Math.random() * 220)}.${1 + Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
    try {
      return await startHtpasswdRegistry(`${ip}:80`, "vendor", `vendor-${crypto.randomUUID()}`);
    } catch (err) {
      if (attempt >= 3) throw err;
    }
  }
}

/** The proxy stand-in: htpasswd with the license ID as both username and password, on 127.0.0.1. */
export async function startProxyStandIn(licenseID: string): Promise<RunningRegistry> {
  return startHtpasswdRegistry(`127.0.0.1:${await freePort()}`, licenseID, licenseID);
}

/** A token-auth registry; `authorizationsSeen` counts token requests that carried credentials. */
export interface BearerRegistry extends RunningRegistry {
  authorizationsSeen(): number;
}

/**
 * docker-registry with `auth.token` and a token server of our own (RS256, `x5c` chain) that
 * grants `pull` to anonymous callers when `anonymousPull`, else nothing (the manifest read is then
 * refused with 401, as a private Bearer registry does); callers with any Basic credentials get
 * what they ask for (the tests push with them).
 */
export async function startBearerRegistry(anonymousPull: boolean): Promise<BearerRegistry> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kots-proxy-token-"));
  sh(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=kots-tui token signer", "-keyout", "signer.key", "-out", "signer.crt"], dir);
  const key = createPrivateKey(readFileSync(path.join(dir, "signer.key")));
  const certDer = Buffer.from(readFileSync(path.join(dir, "signer.crt"), "utf8").replace(/-----[^-]+-----|\s/g, ""), "base64");
  const service = "kots-tui-proxy-test";
  const issuer = "kots-tui-proxy-test-issuer";
  let withAuth = 0;
  const server = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(req) {
      const u = new URL(req.url);
      if (u.pathname !== "/token") return new Response("not found", { status: 404 });
      const authed = req.headers.get("authorization") !== null;
      if (authed) withAuth++;
      const access =
        authed || anonymousPull
          ? u.searchParams.getAll("scope").map((s) => {
              const [type, ...rest] = s.split(":");
              const actions = rest.pop()!.split(",");
              return { type, name: rest.join(":"), actions: authed ? actions : actions.filter((a) => a === "pull") };
            })
          : [];
      const now = Math.floor(Date.now() / 1000);
      const header = { typ: "JWT", alg: "RS256", x5c: [certDer.toString("base64")] };
      const claims = { iss: issuer, sub: "", aud: service, exp: now + 300, nbf: now - 10, iat: now, jti: crypto.randomUUID(), access };
      const b64url = (s: string | Buffer) => Buffer.from(s).toString("base64url");
      const input = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
      const token = `${input}.${b64url(createSign("RSA-SHA256").update(input).sign(key))}`;
      return Response.json({ token, expires_in: 300 });
    },
  });
  const port = await freePort();
  let proc: ReturnType<typeof Bun.spawn>;
  try {
    proc = await launch(dir, `127.0.0.1:${port}`, [`auth: {token: {realm: "http://127.0.0.1:${server.port}/token", service: ${service}, issuer: ${issuer}, rootcertbundle: ${dir}/signer.crt}}`]);
  } catch (err) {
    server.stop(true);
    throw err;
  }
  return {
    host: `127.0.0.1:${port}`,
    dir,
    storage: path.join(dir, "data"),
    plainHttp: true,
    authorizationsSeen: () => withAuth,
    stop: () => {
      proc.kill();
      server.stop(true);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Pushes a small image built in code (two layers) to `ref` over plain HTTP, with credentials when given. */
export async function pushTestImage(layout: string, name: string, ref: string, creds?: { username: string; password: string }): Promise<BuiltImage> {
  const built = buildImage(layout, { name, layers: [8 * 1024, 1024] });
  await copyImage({ layout, name }, ref, { dst: { plainHttp: true, ...(creds ?? {}) } });
  return built;
}

/** HEAD of a manifest with Basic credentials (docker-registry htpasswd): the HTTP status. */
export async function headManifest(host: string, repository: string, reference: string, creds?: { username: string; password: string }): Promise<number> {
  const headers: Record<string, string> = { accept: "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.index.v1+json" };
  if (creds) headers.authorization = "Basic " + Buffer.from(`${creds.username}:${creds.password}`).toString("base64");
  const r = await fetch(`http://${host}/v2/${repository}/manifests/${reference}`, { method: "HEAD", headers });
  return r.status;
}
