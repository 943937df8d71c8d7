/**
 * `.dockerconfigjson` documents (Secret type kubernetes.io/dockerconfigjson).
 * Shape as KOTS v1.88 pkg/docker/registry/registry.go PullSecretForRegistries writes it, plus the
 * explicit username/password fields the Docker CLI also writes:
 *   {"auths": {"<host>": {"username": u, "password": p, "auth": base64("u:p")}}}
 */

export interface DockerAuthEntry {
  username: string;
  password: string;
  /** base64 of `username:password` (UTF-8). */
  auth: string;
}

export interface DockerConfigJson {
  auths: Record<string, DockerAuthEntry>;
}

export interface RegistryCredentials {
  /** Registry location; anything after the first '/' (a namespace) is ignored, as KOTS does. */
  host: string;
  username: string;
  password: string;
}

/** The Docker CLI's key for Docker Hub credentials; kubelet matches it for docker.io images. */
export const DOCKER_HUB_AUTH_KEY = "https://index.docker.io/v1/";

/** The `auths` key for a registry location: its host (before any '/'); Docker Hub gets DOCKER_HUB_AUTH_KEY. */
export function authKeyFor(location: string): string {
  const host = location.split("/")[0]!;
  return host === "docker.io" || host === "index.docker.io" ? DOCKER_HUB_AUTH_KEY : host;
}

/**
 * Builds the dockerconfigjson object for one or more registries. Deterministic: entries keep the
 * given order, so the same input always serialises to the same bytes. Throws on an empty host or
 * username (an `auth` for "":"" would be silently useless); a later entry for the same host wins.
 */
export function buildDockerConfigJson(creds: RegistryCredentials[]): DockerConfigJson {
  const auths: Record<string, DockerAuthEntry> = {};
  for (const c of creds) {
    if (!c.host) throw new Error("registry credentials need a host");
    if (!c.username) throw new Error(`registry credentials for ${c.host} need a username`);
    auths[authKeyFor(c.host)] = {
      username: c.username,
      password: c.password,
      auth: Buffer.from(`${c.username}:${c.password}`, "utf8").toString("base64"),
    };
  }
  return { auths };
}

/** `buildDockerConfigJson` serialised compactly (the bytes that go into a Secret's `.dockerconfigjson`). */
export function dockerConfigJsonString(creds: RegistryCredentials[]): string {
  return JSON.stringify(buildDockerConfigJson(creds));
}
