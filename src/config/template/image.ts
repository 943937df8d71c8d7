/**
 * The destination of an image in a local registry, as KOTS computes it for LocalImageName
 * (pkg/imageutil/image.go DestImage): the reference is normalised like docker's ParseDockerRef
 * (a tag is dropped when a digest is present, ":latest" added when neither is), then its last path
 * segment is joined to host and namespace:
 *   redis:7 → host/ns/redis:7;  quay.io/org/app@sha256:… → host/ns/app@sha256:…;  postgres → host/ns/postgres:latest
 * Returns null for an invalid reference (KOTS then logs and yields "").
 */
export function localRegistryImage(host: string, namespace: string | undefined, image: string): string | null {
  const parsed = parseReference(image);
  if (!parsed) return null;
  const last = parsed.path.split("/").pop()!;
  const suffix = parsed.digest ? `@${parsed.digest}` : `:${parsed.tag ?? "latest"}`;
  return [host, namespace ?? "", last + suffix]
    .flatMap((p) => p.split("/"))
    .filter((p) => p !== "" && p !== ".")
    .join("/");
}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;
const DOMAIN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?$/;

/** Splits a docker image reference into domain, path, tag and digest; null if it is not valid. */
export function parseReference(ref: string): { domain: string; path: string; tag?: string; digest?: string } | null {
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) return null;
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(":");
  if (colon > rest.lastIndexOf("/")) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) return null;
  }
  let domain = "docker.io";
  let path = rest;
  const slash = rest.indexOf("/");
  const first = slash < 0 ? "" : rest.slice(0, slash);
  if (slash >= 0 && (/[.:]/.test(first) || first === "localhost" || first !== first.toLowerCase())) {
    domain = first;
    path = rest.slice(slash + 1);
    if (!DOMAIN.test(domain)) return null;
  } else if (slash < 0) path = `library/${rest}`;
  if (path === "" || !path.split("/").every((c) => COMPONENT.test(c))) return null;
  if (digest) tag = undefined;
  return { domain, path, tag, digest };
}
