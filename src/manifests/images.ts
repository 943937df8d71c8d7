/**
 * The one place for Admin Console image names and versions (design §3).
 * Sources: KOTS v1.88.0 pkg/image/constants.go (minio, postgres 14) and pkg/kotsadm/objects/images.go
 * (kotsadm, kotsadm-migrations share the kotsadm tag).
 */
import type { InstallOptions } from "../install/options.ts";
import { rewriteForPrivateRegistry, splitRegistryLocation } from "../registry/image.ts";

/** Default kotsadm tag: the KOTS release this Admin Console object set follows. `--kotsadm-tag` overrides. */
export const KOTSADM_DEFAULT_TAG = "v1.88.0";
export const KOTSADM_REPOSITORY = "kotsadm/kotsadm";
export const KOTSADM_MIGRATIONS_REPOSITORY = "kotsadm/kotsadm-migrations";
export const POSTGRES_IMAGE = "postgres:14.5-alpine";
/** Only for the copy-postgres-10 init container (upgrades of installs made by KOTS before v1.70). */
export const POSTGRES_10_IMAGE = "postgres:10.22-alpine";
export const MINIO_IMAGE = "minio/minio:RELEASE.2022-10-15T19-57-03Z";

/** The images of one render, keyed by role. */
export interface AdminConsoleImages {
  kotsadm: string;
  kotsadmMigrations: string;
  postgres: string;
  postgres10: string;
  minio: string;
}

/** The upstream (Docker Hub) images for a kotsadm tag, before any private-registry rewrite. */
export function upstreamImages(kotsadmTag: string = KOTSADM_DEFAULT_TAG): AdminConsoleImages {
  return {
    kotsadm: `${KOTSADM_REPOSITORY}:${kotsadmTag}`,
    kotsadmMigrations: `${KOTSADM_MIGRATIONS_REPOSITORY}:${kotsadmTag}`,
    postgres: POSTGRES_IMAGE,
    postgres10: POSTGRES_10_IMAGE,
    minio: MINIO_IMAGE,
  };
}

/**
 * The images a render uses: upstream images with `--kotsadm-tag`, each rewritten to
 * `<host>/<namespace>/<last segment>:<tag>` when `--kotsadm-registry host[/namespace]` is set
 * (KOTS v1.88 images.go rewrites with or without credentials). Throws on an invalid registry host.
 */
export function adminConsoleImages(opts: Pick<InstallOptions, "kotsadmTag" | "kotsadmRegistry">): AdminConsoleImages {
  const up = upstreamImages(opts.kotsadmTag ?? KOTSADM_DEFAULT_TAG);
  if (!opts.kotsadmRegistry) return up;
  const { host, namespace } = splitRegistryLocation(opts.kotsadmRegistry);
  const rewrite = (image: string) => rewriteForPrivateRegistry(image, host, namespace);
  return {
    kotsadm: rewrite(up.kotsadm),
    kotsadmMigrations: rewrite(up.kotsadmMigrations),
    postgres: rewrite(up.postgres),
    postgres10: rewrite(up.postgres10),
    minio: rewrite(up.minio),
  };
}
