/**
 * Registries for the proxy-registry tests (issue 14 part 2), all Debian docker-registry on loopback:
 *   - a private one with htpasswd on port 80 of a random 127.x.y.z address, so its images have no
 *     port in their names (`127.31.7.9/acme/api:1.0`): a port cannot appear in a proxy path;
 *   - the proxy stand-in: htpasswd with the license ID as username and password;
 *   - a token-auth registry whose token server gives anonymous callers pull tokens (a public
 *     Bearer registry, as Docker Hub is) or none (a private one).
 * Each throws with the server's output when it does not come up: a test must not pass without it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { copyImage } from "../../src/registry/copy/index.ts";
import { freePort, launchRegistry, launchTokenRegistry, scopeAccess, writeHtpasswd, type RunningRegistry } from "./copy-registries.ts";
import { buildImage, type BuiltImage } from "./oci-images.ts";

/**
 * docker-registry with htpasswd auth for one user on `addr` (`ip:port`); `host` is the address
 * without `:80` (so images on port 80 have no port in their names).
 */
export async function startHtpasswdRegistry(addr: string, username: string, password: string): Promise<RunningRegistry> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kots-proxy-reg-"));
  await writeHtpasswd(dir, username, password);
  const proc = await launchRegistry(dir, addr, [`http: {addr: "${addr}"}`, `auth: {htpasswd: {realm: kots-tui-test, path: ${dir}/htpasswd}}`]);
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
  const service = "kots-tui-proxy-test";
  const issuer = "kots-tui-proxy-test-issuer";
  let withAuth = 0;
  const reg = await launchTokenRegistry(dir, service, issuer, (req, u, sign) => {
    const authed = req.headers.get("authorization") !== null;
    if (authed) withAuth++;
    const access =
      authed || anonymousPull
        ? scopeAccess(u.searchParams.getAll("scope")).map((a) => (authed ? a : { ...a, actions: a.actions.filter((x) => x === "pull") }))
        : [];
    return Response.json({ token: sign({ issuer, service, sub: "", access }), expires_in: 300 });
  });
  return { host: reg.host, dir: reg.dir, storage: reg.storage, plainHttp: true, authorizationsSeen: () => withAuth, stop: reg.stop };
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
