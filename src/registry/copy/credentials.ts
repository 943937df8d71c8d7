/**
 * Registry credentials: given explicitly (flags), else read from the Docker CLI's config file
 * (`$DOCKER_CONFIG/config.json`, default `~/.docker/config.json`), `auths` entries only: `auth`
 * (base64 `user:password`) or `username`/`password`. Credential helpers (`credsStore`,
 * `credHelpers`) and `identitytoken` are not run or used.
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DOCKER_HUB_AUTH_KEY } from "../dockerconfig.ts";

/** A username/password pair for one registry. */
export interface BasicCredentials {
  username: string;
  password: string;
}

/** The Docker CLI's config file: `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
export function defaultDockerConfigPath(env: Record<string, string | undefined> = process.env): string {
  return path.join(env.DOCKER_CONFIG || path.join(env.HOME || os.homedir(), ".docker"), "config.json");
}

/** The `auths` keys a host may be stored under: `host`, `https://host`, `http://host`, `…/v1/`; Docker Hub's own key. */
function candidateKeys(host: string): string[] {
  if (host === "docker.io" || host === "index.docker.io" || host === "registry-1.docker.io")
    return [DOCKER_HUB_AUTH_KEY, "index.docker.io", "docker.io", "https://index.docker.io/v1", "registry-1.docker.io"];
  return [host, `https://${host}`, `http://${host}`, `https://${host}/v1/`, `https://${host}/v2/`, `http://${host}/v1/`];
}

/**
 * Credentials for `host` (host[:port]) from a Docker config file. Returns undefined when the file
 * is absent, has no entry for the host, or the entry has neither `auth` nor a username. A file that
 * is not JSON is ignored (as absent), so a broken config never blocks anonymous pulls.
 */
export function credentialsFromDockerConfig(host: string, configPath = defaultDockerConfigPath()): BasicCredentials | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(configPath, "utf8"));
  } catch {
    return undefined;
  }
  const auths = (doc as { auths?: Record<string, { auth?: string; username?: string; password?: string }> })?.auths;
  if (!auths || typeof auths !== "object") return undefined;
  for (const key of candidateKeys(host)) {
    const e = auths[key];
    if (!e || typeof e !== "object") continue;
    if (typeof e.auth === "string" && e.auth !== "") {
      const plain = Buffer.from(e.auth, "base64").toString("utf8");
      const i = plain.indexOf(":");
      if (i > 0) return { username: plain.slice(0, i), password: plain.slice(i + 1) };
    }
    if (typeof e.username === "string" && e.username !== "") return { username: e.username, password: String(e.password ?? "") };
  }
  return undefined;
}

/** Explicit credentials win; else the Docker config's entry for the host; else anonymous (undefined). */
export function resolveCredentials(host: string, explicit?: Partial<BasicCredentials>, configPath?: string): BasicCredentials | undefined {
  if (explicit?.username) return { username: explicit.username, password: explicit.password ?? "" };
  return credentialsFromDockerConfig(host, configPath ?? defaultDockerConfigPath());
}
