/**
 * Raw HTTP reads of a registry for tests (independent of the copy engine): every manifest and blob
 * digest pulled back and hashed, and the digest a tag points at.
 */
import { readFileSync } from "node:fs";
import type { RunningRegistry, TokenRegistry } from "./copy-registries.ts";

const ACCEPT = [
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
].join(", ");

/** Authorization header for `repo` on a test registry: none, Basic, or a pull token from its token server. */
async function authFor(reg: RunningRegistry, repo: string): Promise<Record<string, string>> {
  if (!reg.username) return {};
  const tokenUrl = (reg as TokenRegistry).tokenUrl;
  const basic = "Basic " + Buffer.from(`${reg.username}:${reg.password}`).toString("base64");
  if (!tokenUrl) return { authorization: basic };
  const r = await fetch(`${tokenUrl}?service=kots-tui-test-registry&scope=repository:${repo}:pull`, { headers: { authorization: basic } });
  const { token } = (await r.json()) as { token: string };
  return { authorization: `Bearer ${token}` };
}

function fetchOpts(reg: RunningRegistry, headers: Record<string, string>): RequestInit {
  return { headers, ...(reg.caFile ? { tls: { ca: readFileSync(reg.caFile, "utf8") } } : {}) } as RequestInit;
}

const base = (reg: RunningRegistry) => `${reg.plainHttp ? "http" : "https"}://${reg.host}`;

/** GETs `/v2/<repo>/<kind>/<digest>` and returns the sha256 of what came back, or `HTTP <status>`. */
export async function pullDigest(reg: RunningRegistry, repo: string, kind: "manifests" | "blobs", digest: string): Promise<string> {
  const r = await fetch(`${base(reg)}/v2/${repo}/${kind}/${digest}`, fetchOpts(reg, { ...(await authFor(reg, repo)), accept: ACCEPT }));
  if (r.status !== 200) return `HTTP ${r.status}`;
  return "sha256:" + new Bun.CryptoHasher("sha256").update(new Uint8Array(await r.arrayBuffer())).digest("hex");
}

/** The digest of the manifest `repo:tag` names (hash of the bytes served), or `HTTP <status>`. */
export async function tagDigest(reg: RunningRegistry, repo: string, tag: string): Promise<string> {
  return pullDigest(reg, repo, "manifests", tag);
}

/** Status of a HEAD of a blob. */
export async function headBlob(reg: RunningRegistry, repo: string, digest: string): Promise<number> {
  const r = await fetch(`${base(reg)}/v2/${repo}/blobs/${digest}`, { method: "HEAD", ...fetchOpts(reg, await authFor(reg, repo)) });
  return r.status;
}

/**
 * The repositories a TLS + htpasswd test registry lists (GET /v2/_catalog with Basic auth and the
 * registry's CA). Throws unless the registry answers 200.
 */
export async function registryCatalog(reg: { host: string; username?: string; password?: string; caFile?: string }): Promise<string[]> {
  const r = await fetch(`https://${reg.host}/v2/_catalog`, {
    headers: { authorization: "Basic " + Buffer.from(`${reg.username}:${reg.password}`).toString("base64") },
    tls: { ca: readFileSync(reg.caFile!, "utf8") },
  } as RequestInit);
  if (r.status !== 200) throw new Error(`GET https://${reg.host}/v2/_catalog: ${r.status}`);
  return ((await r.json()) as { repositories: string[] }).repositories;
}
