/**
 * Which images are private (issue 14 part 2; KOTS v1.88 pkg/image/builder.go IsPrivateImage): an
 * image is public when an anonymous client can read its manifest, following the registry's auth
 * challenge anonymously as docker does (a Bearer registry that hands out anonymous pull tokens and
 * then serves the manifest is public). Everything else is private, as in KOTS:
 *   - 401 or 403 (from the registry or its token server): private ("refused");
 *   - 404 (registries hide private repositories behind it; KOTS counts any failure): private ("not-found");
 *   - unreachable, 5xx or 429 after retries, or a registry that speaks no distribution API: private
 *     ("unchecked") with a warning naming the registry: KOTS's rule is that a registry a firewall
 *     blocks is to be reached through the proxy, so it cannot be called public.
 *
 * One HEAD `/v2/<repository>/manifests/<digest|tag|latest>` per distinct image, one anonymous
 * client per registry (the ping is shared), at most `parallel` requests at once. No credential is
 * ever sent. Units: ms.
 */
import { RegistryClient, type EndpointOptions } from "./copy/client.ts";
import { repositoryScope } from "./copy/challenge.ts";
import { CopyError } from "./copy/errors.ts";
import { MANIFEST_ACCEPT } from "./copy/manifest.ts";
import { formatImageRef, parseImageRef } from "./image.ts";

/** Why an image counts as public or private. */
export type PrivacyReason = "anonymous-ok" | "refused" | "not-found" | "unchecked";

/** The answer for one image reference (as given). */
export interface ImagePrivacy {
  image: string;
  private: boolean;
  reason: PrivacyReason;
  /** the registry's or the transport's answer, one line, for "unchecked" (no credential in it) */
  detail?: string;
}

/** How to check. */
export interface PrivacyOptions {
  /** plain HTTP: default `"loopback"` (Docker's default insecure registries) */
  plainHttp?: EndpointOptions["plainHttp"];
  /** PEM CA file trusted for the registries */
  caFile?: string;
  /** manifest requests at once (default 8) */
  parallel?: number;
  /** header timeout per request, ms (default 10 000) */
  timeoutMs?: number;
  /** retries of a transport failure, 5xx or 429 (default 2) */
  retries?: number;
}

/** What checkImagePrivacy found: one entry per distinct input, and one warning per registry that could not be checked. */
export interface PrivacyReport {
  images: Map<string, ImagePrivacy>;
  /** e.g. `cannot check whether images on quay.io are private (cannot reach quay.io …): treated as private, as KOTS does: quay.io/a/b:1` */
  warnings: string[];
}

/**
 * Checks every image of `images` (references as written; duplicates checked once). Throws
 * InvalidImageReferenceError for a reference that does not parse (callers check them first);
 * never throws for a registry's answer.
 */
export async function checkImagePrivacy(images: readonly string[], opts: PrivacyOptions = {}): Promise<PrivacyReport> {
  const distinct = [...new Set(images)];
  const refs = distinct.map((i) => ({ image: i, ref: parseImageRef(i) }));
  const endpoint: EndpointOptions = { plainHttp: opts.plainHttp ?? "loopback", caFile: opts.caFile };
  const policy = { retries: opts.retries ?? 2, backoffMs: 200, timeoutMs: opts.timeoutMs ?? 10_000 };
  const clients = new Map<string, RegistryClient>();
  const client = (host: string) => {
    let c = clients.get(host);
    if (!c) {
      c = new RegistryClient(host, endpoint, undefined, policy);
      clients.set(host, c);
    }
    return c;
  };
  const out = new Map<string, ImagePrivacy>();
  let next = 0;
  const worker = async () => {
    while (next < refs.length) {
      const { image, ref } = refs[next++]!;
      const reference = ref.digest ?? ref.tag ?? "latest";
      try {
        const c = client(ref.registry);
        const r = await c.request(`/v2/${ref.repository}/manifests/${reference}`, {
          method: "HEAD",
          headers: { accept: MANIFEST_ACCEPT },
          scopes: [repositoryScope(ref.repository, "pull")],
          what: `manifest of ${formatImageRef(ref)}`,
          accept: [200, 404],
        });
        await r.res.arrayBuffer().catch(() => undefined);
        r.done();
        out.set(image, r.res.status === 200 ? { image, private: false, reason: "anonymous-ok" } : { image, private: true, reason: "not-found" });
      } catch (err) {
        if (err instanceof CopyError && err.code === "unauthorized") out.set(image, { image, private: true, reason: "refused" });
        else if (err instanceof CopyError && err.code === "not-found") out.set(image, { image, private: true, reason: "not-found" });
        else out.set(image, { image, private: true, reason: "unchecked", detail: (err instanceof Error ? err.message : String(err)).split("\n")[0] });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.parallel ?? 8, refs.length)) }, worker));
  const byRegistry = new Map<string, { detail: string; images: string[] }>();
  for (const { image, ref } of refs) {
    const p = out.get(image)!;
    if (p.reason !== "unchecked") continue;
    const e = byRegistry.get(ref.registry) ?? { detail: p.detail ?? "", images: [] };
    e.images.push(image);
    byRegistry.set(ref.registry, e);
  }
  const warnings = [...byRegistry.entries()].map(
    ([host, e]) => `cannot check whether the images on ${host} are private (${e.detail}): treated as private, as KOTS does: ${e.images.join(", ")}`,
  );
  const ordered = new Map<string, ImagePrivacy>();
  for (const i of distinct) ordered.set(i, out.get(i)!);
  return { images: ordered, warnings };
}
