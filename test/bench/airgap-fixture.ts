/**
 * What the airgap bench rows (airgap.ts, airgap-install.ts) share: a private copy of the kots
 * binary, the example license flags, images built in code and seeded into a loopback source
 * registry, skopeo's credentials for a target registry in files (never argv), a manifest check
 * that a side really pushed, and kots' sample for one command under /usr/bin/time.
 */
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { copyImage } from "../../src/registry/copy/index.ts";
import type { RunningRegistry } from "../support/copy-registries.ts";
import { buildImage } from "../support/oci-images.ts";
import { mustRun, type Run } from "./measure.ts";

export const MiB = 1024 * 1024;
export const repo = path.resolve(import.meta.dir, "../..");

/** The example license and the key that signs it (absolute paths: children may run elsewhere). */
export const LICENSE_ARGS = [
  "--license-file",
  path.join(repo, "examples/licenses/acme-helpdesk-v1beta2.yaml"),
  "--license-public-key",
  path.join(repo, "examples/keys/example-global.public.pem"),
];

/**
 * Copies dist/kots into `dir` and returns its path, so that every sample of a row runs the same
 * binary even when a concurrent `bun run build.ts` replaces dist/kots meanwhile. Throws when
 * dist/kots is missing (build it with `bun run build.ts`).
 */
export function kotsSnapshot(dir: string): string {
  const to = path.join(dir, "kots");
  copyFileSync(path.join(repo, "dist/kots"), to);
  return to;
}

/** One wall/RSS sample: ms spawn → exit and MiB of peak RSS (NaN when not measured). */
export interface Sample {
  wallMs: number;
  rssMiB: number;
}

/** `argv` under /usr/bin/time -v (env: PATH, HOME and `env`); throws on a non-zero exit or after 10 min. */
export async function sample(argv: string[], env: Record<string, string> = {}, cwd?: string): Promise<Sample & { run: Run }> {
  const run = await mustRun(argv, { env, rss: true, timeoutMs: 600_000, cwd });
  return { wallMs: run.wallMs, rssMiB: (run.maxRssKiB ?? NaN) / 1024, run };
}

/**
 * Untimed `sync` before a sample: the dirty pages of the previous sample (hundreds of MiB written
 * by a build or a registry) are written back now, not during the next side's timed run.
 */
export function settle(): void {
  Bun.spawnSync(["sync"], { stdout: "ignore", stderr: "ignore" });
}

/** Several processes run one after the other as one sample: walls summed, the largest peak RSS. */
export function sequence(samples: Sample[]): Sample {
  return { wallMs: samples.reduce((a, s) => a + s.wallMs, 0), rssMiB: Math.max(...samples.map((s) => s.rssMiB)) };
}

/**
 * Builds each image (random incompressible layers of the given sizes, one OCI manifest) into the
 * layout `layoutDir` and pushes it to the open registry `source` as `<source.host>/<name>`.
 * `name` is a repository path with its tag, e.g. "vendor/big:1".
 */
export async function seedImages(source: RunningRegistry, layoutDir: string, images: { name: string; layers: number[] }[]): Promise<void> {
  for (const { name, layers } of images) {
    buildImage(layoutDir, { name, layers });
    await copyImage({ layout: layoutDir, name }, `${source.host}/${name}`, { dst: { plainHttp: true } });
  }
}

/**
 * skopeo's view of a TLS+htpasswd registry: a cert dir holding its CA as ca.crt and an auth file
 * (0600) with its credentials, both in the registry's own directory (removed with it).
 */
export function skopeoTarget(t: RunningRegistry): { certDir: string; authFile: string } {
  const certDir = path.join(t.dir, "skopeo-certs");
  mkdirSync(certDir, { recursive: true });
  copyFileSync(t.caFile!, path.join(certDir, "ca.crt"));
  const authFile = path.join(t.dir, "skopeo-auth.json");
  const auth = Buffer.from(`${t.username}:${t.password}`).toString("base64");
  writeFileSync(authFile, JSON.stringify({ auths: { [t.host]: { auth } } }), { mode: 0o600 });
  return { certDir, authFile };
}

/**
 * Throws unless the TLS+htpasswd registry `t` serves a manifest for `repoPath:tag` (so that a row
 * never times a side that pushed nothing). Distribution's manifest HEAD with Basic auth.
 */
export async function mustHaveManifest(t: RunningRegistry, repoPath: string, tag: string): Promise<void> {
  const accept = [
    "application/vnd.oci.image.index.v1+json",
    "application/vnd.oci.image.manifest.v1+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
    "application/vnd.docker.distribution.manifest.v2+json",
  ].join(", ");
  const r = await fetch(`https://${t.host}/v2/${repoPath}/manifests/${tag}`, {
    method: "HEAD",
    headers: { authorization: `Basic ${Buffer.from(`${t.username}:${t.password}`).toString("base64")}`, accept },
    tls: { ca: await Bun.file(t.caFile!).text() },
  } as RequestInit);
  if (r.status !== 200) throw new Error(`bench: ${t.host}/${repoPath}:${tag} has no manifest (HEAD ${r.status}) after the push`);
}
