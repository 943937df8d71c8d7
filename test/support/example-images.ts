/**
 * The images examples/acme-helpdesk and the Admin Console (kots v1.88.0) pull, and a source
 * registry serving them, made in code, for the airgap tests (kots airgap build through
 * `--image-mirror docker.io=… ghcr.io=…`, then install from the bundle).
 */
import { copyImage } from "../../src/registry/copy/index.ts";
import type { RunningRegistry } from "./copy-registries.ts";
import { buildImage } from "./oci-images.ts";

/** What the example app and the Admin Console pull, as Docker Hub / ghcr.io name them (normalised). */
export const EXAMPLE_SOURCE_IMAGES = [
  "docker.io/kotsadm/kotsadm:v1.88.0",
  "docker.io/kotsadm/kotsadm-migrations:v1.88.0",
  "docker.io/library/postgres:14.5-alpine",
  "docker.io/library/postgres:10.22-alpine",
  "docker.io/minio/minio:RELEASE.2022-10-15T19-57-03Z",
  "docker.io/library/redis:7.2-alpine",
  "ghcr.io/acme/helpdesk-web:3.4.1",
] as const;

/**
 * Builds each of {@link EXAMPLE_SOURCE_IMAGES} in the OCI layout `layout` (layers of the given
 * sizes in bytes) and pushes it to the open (plain HTTP, no auth) `registry` under its repository
 * path without the registry host (`<registry>/kotsadm/kotsadm:v1.88.0`), so a mirror of docker.io
 * or ghcr.io onto that registry finds it. @throws the copy engine's error when a push fails
 */
export async function serveExampleImages(registry: RunningRegistry, layout: string, layers: number[]): Promise<void> {
  for (const image of EXAMPLE_SOURCE_IMAGES) {
    const name = image.replace(/^[^/]+\//, "");
    buildImage(layout, { name, layers });
    await copyImage({ layout, name }, `${registry.host}/${name}`, { dst: { plainHttp: true } });
  }
}
