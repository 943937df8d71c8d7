/**
 * The YAML templates of manifests/, imported as text so `bun build --compile` bundles them into the
 * executable (no file system access at run time). Keyed by file name for error messages.
 */
import namespaceYaml from "../../manifests/namespace.yaml" with { type: "text" };
import rbacYaml from "../../manifests/rbac.yaml" with { type: "text" };
import secretYaml from "../../manifests/secret.yaml" with { type: "text" };
import postgresYaml from "../../manifests/postgres.yaml" with { type: "text" };
import minioYaml from "../../manifests/minio.yaml" with { type: "text" };
import kotsadmYaml from "../../manifests/kotsadm.yaml" with { type: "text" };
import copyPostgres10Sh from "../../manifests/scripts/copy-postgres-10.sh" with { type: "text" };
import upgradePostgresSh from "../../manifests/scripts/upgrade-postgres.sh" with { type: "text" };

function text(name: string, value: unknown): string {
  if (typeof value !== "string") throw new Error(`manifest template ${name} was not bundled as text`);
  return value;
}

/** Template file name → YAML text. */
export const TEMPLATES = {
  "namespace.yaml": text("namespace.yaml", namespaceYaml),
  "rbac.yaml": text("rbac.yaml", rbacYaml),
  "secret.yaml": text("secret.yaml", secretYaml),
  "postgres.yaml": text("postgres.yaml", postgresYaml),
  "minio.yaml": text("minio.yaml", minioYaml),
  "kotsadm.yaml": text("kotsadm.yaml", kotsadmYaml),
} as const;

/** The Postgres 10 → 14 upgrade scripts of the kotsadm-postgres ConfigMap (manifests/scripts/). */
export const SCRIPTS = {
  "copy-postgres-10.sh": text("copy-postgres-10.sh", copyPostgres10Sh),
  "upgrade-postgres.sh": text("upgrade-postgres.sh", upgradePostgresSh),
} as const;

export type TemplateName = keyof typeof TEMPLATES;
