/**
 * The check before anything is applied in an airgap install (issue 14 part 1): every image the
 * install will make pods pull must exist in the private registry. One manifest HEAD per image
 * (OCI distribution spec "checking if content exists": 200 = there, 404 = not), with the
 * registry's credentials and CA, as the kubelet would resolve it.
 */
import { parseImageRef } from "../registry/image.ts";
import { RegistryClient, type EndpointOptions } from "../registry/copy/client.ts";
import { repositoryScope } from "../registry/copy/challenge.ts";
import { MANIFEST_ACCEPT } from "../registry/copy/manifest.ts";

/** How to reach the registry: the install's --registry-username/password and --registry-ca-file. */
export interface RegistryAccess {
  username?: string;
  password?: string;
  caFile?: string;
  /** plain HTTP (never for an install's registry; tests of other callers) */
  plainHttp?: boolean;
}

/**
 * The images of `images` (fully qualified references, e.g. `reg.local:5000/ns/kotsadm:v1.88.0`)
 * whose manifest HEAD answers 404, in the order given; at most 8 requests at once, one client
 * (one ping, one token cache) per registry host. Throws CopyError (`unreachable`, `unauthorized`,
 * `not-registry`, `protocol`) when a registry cannot answer, InvalidImageReferenceError for a
 * reference that does not parse. Never puts a credential in a message.
 */
export async function missingImages(images: readonly string[], access: RegistryAccess): Promise<string[]> {
  const clients = new Map<string, RegistryClient>();
  const endpoint: EndpointOptions = { caFile: access.caFile, plainHttp: access.plainHttp ?? false };
  const creds = access.username ? { username: access.username, password: access.password ?? "" } : undefined;
  const client = (host: string) => {
    let c = clients.get(host);
    if (!c) clients.set(host, (c = new RegistryClient(host, endpoint, creds, { retries: 2, backoffMs: 250, timeoutMs: 30_000 })));
    return c;
  };
  const found = new Array<boolean>(images.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < images.length; i = next++) {
      const ref = parseImageRef(images[i]!);
      const reference = ref.digest ?? ref.tag ?? "latest";
      const r = await client(ref.registry).request(`/v2/${ref.repository}/manifests/${reference}`, {
        method: "HEAD",
        headers: { accept: MANIFEST_ACCEPT },
        scopes: [repositoryScope(ref.repository, "pull")],
        what: `HEAD manifest ${images[i]}`,
        accept: [200, 404],
      });
      await r.res.arrayBuffer().catch(() => undefined);
      r.done();
      found[i] = r.res.status === 200;
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, images.length) }, worker));
  return images.filter((_, i) => !found[i]);
}
