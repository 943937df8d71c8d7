/**
 * Container image references: parse, normalise, format, and the private-registry rewrite rule.
 *
 * Grammar and Docker Hub normalisation follow the distribution/reference rules that KOTS uses
 * (`reference.ParseDockerRef` in KOTS v1.88 pkg/image/image.go):
 *   - no domain (first path component has no '.' or ':', is not `localhost`, and is lower case)
 *     means Docker Hub: domain `docker.io`; a single-component path gets the `library/` prefix;
 *   - `index.docker.io` is the same registry as `docker.io`;
 *   - the repository path is lower case: components `[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*`, '/'-separated;
 *   - tag `[\w][\w.-]{0,127}`; digest `algorithm:hex` (sha256 needs 64 hex digits).
 */

/** A parsed image reference. `registry` is always set (normalised); tag and digest may both be present. */
export interface ImageRef {
  /** Registry host, with `:port` if given, e.g. `docker.io`, `registry.local:5000`, `[::1]:5000`. */
  registry: string;
  /** Repository path inside the registry, e.g. `library/postgres`, `kotsadm/kotsadm`. */
  repository: string;
  tag?: string;
  /** `algorithm:hex`, e.g. `sha256:…` (64 hex digits for sha256). */
  digest?: string;
}

/** Thrown for a string that is not a valid image reference (message names the input and the rule broken). */
export class InvalidImageReferenceError extends Error {
  constructor(
    readonly input: string,
    readonly reason: string,
  ) {
    super(`invalid image reference "${input}": ${reason}`);
    this.name = "InvalidImageReferenceError";
  }
}

export const DOCKER_HUB = "docker.io";

const DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const DOMAIN_RE = new RegExp(`^(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]+)?$`);
const PATH_COMPONENT_RE = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG_RE = /^[\w][\w.-]{0,127}$/;
const DIGEST_RE = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const NAME_MAX = 255;

/** True when `host` is a registry host: DNS name or IPv4 or bracketed IPv6, optional `:port`. */
export function isRegistryHost(host: string): boolean {
  return DOMAIN_RE.test(host);
}

/** Splits `name` (no tag/digest) into [domain, path] per the Docker Hub rule above. */
function splitDomain(name: string): [string, string] {
  const i = name.indexOf("/");
  const first = i === -1 ? "" : name.slice(0, i);
  let domain: string;
  let path: string;
  if (i === -1 || (!/[.:]/.test(first) && first !== "localhost" && first.toLowerCase() === first)) {
    domain = DOCKER_HUB;
    path = name;
  } else {
    domain = first;
    path = name.slice(i + 1);
  }
  if (domain === "index.docker.io") domain = DOCKER_HUB;
  if (domain === DOCKER_HUB && !path.includes("/")) path = `library/${path}`;
  return [domain, path];
}

/**
 * Parses `[registry/]repository[:tag][@digest]` and normalises Docker Hub names:
 * `postgres:14` → {registry: "docker.io", repository: "library/postgres", tag: "14"}.
 * No default tag is added (an untagged reference keeps `tag` undefined).
 * Throws InvalidImageReferenceError on anything else (empty, upper-case path, bad tag or digest, too long).
 */
export function parseImageRef(input: string): ImageRef {
  const s = input.trim();
  if (s === "" || s !== input) throw new InvalidImageReferenceError(input, "empty or surrounded by whitespace");
  let rest = s;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST_RE.test(digest)) throw new InvalidImageReferenceError(input, `"${digest}" is not a digest (algorithm:hex)`);
    if (digest.startsWith("sha256:") && digest.length !== "sha256:".length + 64)
      throw new InvalidImageReferenceError(input, "a sha256 digest has 64 hex digits");
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG_RE.test(tag)) throw new InvalidImageReferenceError(input, `"${tag}" is not a tag`);
  }
  if (rest === "") throw new InvalidImageReferenceError(input, "no repository name");
  const [registry, repository] = splitDomain(rest);
  if (!isRegistryHost(registry)) throw new InvalidImageReferenceError(input, `"${registry}" is not a registry host`);
  for (const part of repository.split("/")) {
    if (!PATH_COMPONENT_RE.test(part))
      throw new InvalidImageReferenceError(input, `path component "${part}" must be lower-case letters, digits and separators`);
  }
  if (registry.length + 1 + repository.length > NAME_MAX)
    throw new InvalidImageReferenceError(input, `name longer than ${NAME_MAX} characters`);
  const ref: ImageRef = { registry, repository };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

/** Formats a reference fully qualified: `registry/repository[:tag][@digest]` (no normalisation undone). */
export function formatImageRef(ref: ImageRef): string {
  return `${ref.registry}/${ref.repository}${ref.tag !== undefined ? `:${ref.tag}` : ""}${ref.digest !== undefined ? `@${ref.digest}` : ""}`;
}

/** The last path segment of the repository, e.g. `kotsadm` for `docker.io/kotsadm/kotsadm:v1`. */
export function imageBaseName(ref: ImageRef): string {
  const parts = ref.repository.split("/");
  return parts[parts.length - 1]!;
}

/**
 * Splits a `host[:port][/namespace…]` registry location (the `--kotsadm-registry` value) at the first
 * '/', as KOTS v1.88 cmd/kots/cli/install.go getRegistryConfig does. Leading/trailing '/' of the
 * namespace are dropped; an empty namespace becomes undefined. Throws when the host is not a host.
 */
export function splitRegistryLocation(location: string): { host: string; namespace?: string } {
  const i = location.indexOf("/");
  const host = i === -1 ? location : location.slice(0, i);
  const namespace = i === -1 ? "" : location.slice(i + 1).replace(/^\/+|\/+$/g, "");
  if (!isRegistryHost(host)) throw new Error(`"${host}" is not a registry host (host[:port])`);
  return namespace === "" ? { host } : { host, namespace };
}

/**
 * The private-registry rewrite (seed 003, design §5; KOTS v1.88 pkg/image/image.go DestImage):
 * `<host>/<namespace>/<last path segment>` then `@<digest>` when the source has a digest (its tag is
 * dropped, as distribution's ParseDockerRef does), else `:<tag>` (`latest` when untagged).
 * Without a namespace: `<host>/<last path segment>…`. Throws for an invalid `ref` or host.
 */
export function rewriteForPrivateRegistry(ref: string | ImageRef, host: string, namespace?: string): string {
  const parsed = typeof ref === "string" ? parseImageRef(ref) : ref;
  if (!isRegistryHost(host)) throw new Error(`"${host}" is not a registry host (host[:port])`);
  const ns = (namespace ?? "").replace(/^\/+|\/+$/g, "");
  const name = ns === "" ? `${host}/${imageBaseName(parsed)}` : `${host}/${ns}/${imageBaseName(parsed)}`;
  return parsed.digest !== undefined ? `${name}@${parsed.digest}` : `${name}:${parsed.tag ?? "latest"}`;
}
