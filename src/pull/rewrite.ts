/**
 * The private-registry rewrite of `kots pull --rewrite-images` (seed 003; design §5; issue 13 part
 * 2), as KOTS v1.88 pkg/image/image.go does it: every image goes to
 * `<endpoint>/<namespace>/<last path segment>` keeping its digest (a tag next to a digest is
 * dropped) or its tag (`latest` when it has neither), and the midstream's kustomize `images:`
 * entries match the image by its name as written plus the Docker Hub spellings of the same name
 * (`redis`, `library/redis`, `docker.io/redis`, `docker.io/library/redis`; KOTS's
 * BuildImageAltNames), since kustomize compares names literally.
 */
import { imageBaseName, isRegistryHost, parseImageRef, formatImageRef, DOCKER_HUB, type ImageRef } from "../registry/image.ts";

/** Where images go: registry host[:port] and the namespace path inside it ("" for none). */
export interface RewriteTarget {
  host: string;
  namespace: string;
}

/** A kustomize `images:` entry (sigs.k8s.io/kustomize/api/types Image). */
export interface KustomizeImage {
  name: string;
  newName: string;
  newTag?: string;
  digest?: string;
}

/** One source image and where it goes: the record `images.json` keeps for the image copy. */
export interface ImageMapping {
  /** the reference as the manifests write it */
  source: string;
  /** fully qualified and normalised (docker.io/library/redis:7) */
  normalized: string;
  /** the private-registry reference, or undefined without --rewrite-images */
  destination?: string;
  /** true: an anonymous manifest read was refused (src/registry/private-images.ts); set when privacy was checked */
  private?: boolean;
  /** the proxy registry reference (src/pull/proxy.ts): where a private image is pulled from */
  proxied?: string;
}

/** A bad --registry-endpoint or --image-namespace: the message names the flag, the value and the form. */
export class RewriteInputError extends Error {
  override name = "RewriteInputError";
}

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

/**
 * Reads `--registry-endpoint` (KOTS strips a scheme: "registry host should not have the scheme",
 * cmd/kots/cli/pull.go) and `--image-namespace` into a RewriteTarget. The endpoint is
 * `[http(s)://]host[:port][/path]`; a path becomes the front of the namespace. Namespace
 * components follow the distribution path grammar (lower case, digits, `._-` separators).
 * Throws RewriteInputError (one line: flag, value, expected form).
 */
export function parseRewriteTarget(endpoint: string, namespace: string | undefined): RewriteTarget {
  const bare = endpoint.replace(/^https?:\/\//i, "").replace(/\/+$/, "");
  const slash = bare.indexOf("/");
  const host = slash === -1 ? bare : bare.slice(0, slash);
  const hostPath = slash === -1 ? "" : bare.slice(slash + 1);
  if (!isRegistryHost(host) || /[?#@\s]/.test(bare))
    throw new RewriteInputError(`--registry-endpoint "${endpoint}" is not a registry endpoint: use host[:port], e.g. registry.example.com or 127.0.0.1:5000`);
  for (const part of hostPath === "" ? [] : hostPath.split("/"))
    if (!PATH_COMPONENT.test(part)) throw new RewriteInputError(`--registry-endpoint "${endpoint}": path component "${part}" must be lower-case letters, digits and . _ - separators`);
  const ns = (namespace ?? "").replace(/^\/+|\/+$/g, "");
  for (const part of ns === "" ? [] : ns.split("/"))
    if (!PATH_COMPONENT.test(part))
      throw new RewriteInputError(`--image-namespace "${namespace}" is not a registry namespace: use lower-case letters, digits and . _ - (e.g. my-app or team/my-app)`);
  return { host, namespace: [hostPath, ns].filter((p) => p !== "").join("/") };
}

/**
 * The destination of `source` at `target` (KOTS DestImage): `host/namespace/<last segment>` then
 * `@digest`, else `:tag`, else `:latest`. Throws InvalidImageReferenceError for a bad reference.
 */
export function destinationImage(source: string | ImageRef, target: RewriteTarget): string {
  const ref = typeof source === "string" ? parseImageRef(source) : source;
  const name = [target.host, target.namespace, imageBaseName(ref)].filter((p) => p !== "").join("/");
  return ref.digest !== undefined ? `${name}@${ref.digest}` : `${name}:${ref.tag ?? "latest"}`;
}

/** `image` without its tag and digest, as written (KOTS stripImageTagAndDigest): `redis:7` → `redis`. */
export function stripTagAndDigest(image: string): string {
  const parts = image.split("/");
  parts[parts.length - 1] = parts[parts.length - 1]!.split("@")[0]!.split(":")[0]!;
  return parts.join("/");
}

/**
 * The names kustomize must match for an image written as `name` (no tag or digest): the name
 * itself, then, for Docker Hub images, its other spellings (KOTS BuildImageAltNames):
 * `redis` → redis, docker.io/library/redis, library/redis, docker.io/redis;
 * `acme/web` → acme/web, docker.io/acme/web; other registries: the name alone.
 */
export function alternativeNames(name: string): string[] {
  const ref = parseImageRef(name);
  if (ref.registry !== DOCKER_HUB) return [name];
  const repo = ref.repository; // library/redis or acme/web
  const short = repo.startsWith("library/") ? repo.slice("library/".length) : undefined;
  const spellings = short !== undefined ? [short, `library/${short}`, `docker.io/${short}`, `docker.io/library/${short}`, `index.docker.io/${short}`, `index.docker.io/library/${short}`] : [repo, `docker.io/${repo}`, `index.docker.io/${repo}`];
  return [name, ...spellings.filter((s) => s !== name)];
}

/**
 * The midstream `images:` entries for `sources` (each a reference as written in a manifest):
 * for each, entries for every alternative name with `newName` and the `digest` or `newTag` of its
 * destination. When two sources share a name but not a tag/digest (postgres:14 and postgres:10),
 * their entries carry `newName` only, so kustomize keeps each image's own tag or digest (one entry
 * per name: kustomize applies the first that matches). Sorted by name. Throws
 * InvalidImageReferenceError for a source that does not parse.
 */
export function kustomizeImages(sources: readonly string[], target: RewriteTarget): KustomizeImage[] {
  return kustomizeImageEntries(sources.map((source) => ({ source, destination: destinationImage(source, target) })));
}

/**
 * The `images:` entries for source → destination pairs (the private-registry rewrite above, or the
 * proxy rewrite of src/pull/proxy.ts, KOTS pkg/base FindPrivateImages): `newName` is the
 * destination without tag and digest, `digest` or `newTag` the source's (`latest` when it has
 * neither), under every alternative name of the source; same-name rule and order as
 * kustomizeImages. Throws InvalidImageReferenceError for a source that does not parse.
 */
export function kustomizeImageEntries(pairs: readonly { source: string; destination: string }[]): KustomizeImage[] {
  const byName = new Map<string, KustomizeImage[]>();
  for (const { source, destination } of pairs) {
    const ref = parseImageRef(source);
    const newName = stripTagAndDigest(destination);
    const entry: Omit<KustomizeImage, "name"> = ref.digest !== undefined ? { newName, digest: ref.digest } : { newName, newTag: ref.tag ?? "latest" };
    for (const name of alternativeNames(stripTagAndDigest(source))) {
      const list = byName.get(name) ?? [];
      list.push({ name, ...entry });
      byName.set(name, list);
    }
  }
  const out: KustomizeImage[] = [];
  for (const [name, list] of [...byName.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const same = list.every((e) => e.newName === list[0]!.newName && e.newTag === list[0]!.newTag && e.digest === list[0]!.digest);
    out.push(same ? list[0]! : { name, newName: list[0]!.newName });
  }
  return out;
}

/**
 * The image records of a pull: each distinct source, normalised, with its destination when a
 * target is given, and, when privacy was checked, whether it is private and its proxy reference.
 * Throws InvalidImageReferenceError for a source that does not parse.
 */
export function imageMappings(sources: readonly string[], target?: RewriteTarget, privacy?: { isPrivate: (image: string) => boolean; proxied: ReadonlyMap<string, string> }): ImageMapping[] {
  return [...new Set(sources)].map((source) => {
    const ref = parseImageRef(source);
    const m: ImageMapping = { source, normalized: formatImageRef(ref) };
    if (target) m.destination = destinationImage(ref, target);
    if (privacy) {
      m.private = privacy.isPrivate(source);
      const p = privacy.proxied.get(source);
      if (p !== undefined) m.proxied = p;
    }
    return m;
  });
}
