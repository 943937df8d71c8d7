/**
 * Versions of kotsadm images, for `kots admin-console upgrade`'s downgrade guard: the tag of an
 * image reference and semantic-version order of `vMAJOR.MINOR.PATCH[-pre][+build]` tags
 * (semver.org §11: a pre-release sorts before its release; build metadata is ignored). Pure.
 */

export interface TagVersion {
  major: number;
  minor: number;
  patch: number;
  /** Dot-separated pre-release identifiers; empty for a release. */
  pre: string[];
}

/** The tag of an image reference (`host:5000/ns/kotsadm:v1.88.0` → `v1.88.0`), undefined for a digest or no tag. */
export function imageTag(image: string): string | undefined {
  if (image.includes("@")) return undefined;
  const last = image.slice(image.lastIndexOf("/") + 1);
  const i = last.lastIndexOf(":");
  return i < 0 ? undefined : last.slice(i + 1);
}

/** The repository of an image reference, without tag or digest. */
export function imageRepository(image: string): string {
  const at = image.indexOf("@");
  const noDigest = at < 0 ? image : image.slice(0, at);
  const slash = noDigest.lastIndexOf("/");
  const colon = noDigest.lastIndexOf(":");
  return colon > slash ? noDigest.slice(0, colon) : noDigest;
}

const SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/;

/** The version a tag names, or undefined when it is no semantic version ("latest", "alpha"). */
export function parseTagVersion(tag: string): TagVersion | undefined {
  const m = SEMVER.exec(tag);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), pre: m[4] ? m[4].split(".") : [] };
}

/** < 0 when a is older than b, 0 when equal, > 0 when newer (semver precedence). */
export function compareVersions(a: TagVersion, b: TagVersion): number {
  const d = a.major - b.major || a.minor - b.minor || a.patch - b.patch;
  if (d !== 0) return d;
  if (a.pre.length === 0 || b.pre.length === 0) return (a.pre.length === 0 ? 1 : 0) - (b.pre.length === 0 ? 1 : 0);
  for (let i = 0; i < Math.max(a.pre.length, b.pre.length); i++) {
    const x = a.pre[i];
    const y = b.pre[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x);
    const ny = /^\d+$/.test(y);
    if (nx && ny && Number(x) !== Number(y)) return Number(x) - Number(y);
    if (nx !== ny) return nx ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
