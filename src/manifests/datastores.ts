/**
 * The datastores: Postgres (always), and MinIO as the object store (when used).
 * Each renders its template; labels, affinity, pull secrets and storage class come from the renderer.
 */
import { PVC_SIZES } from "./constants.ts";
import { renderTemplate } from "./template.ts";
import { SCRIPTS, TEMPLATES } from "./templates.ts";
import type { K8sObject } from "./types.ts";

/** The objects of one datastore: config (ConfigMaps), the StatefulSet and its ClusterIP Service. */
export interface DatastoreObjects {
  config: K8sObject[];
  statefulSet: K8sObject;
  service: K8sObject;
}

function split(objs: K8sObject[], file: string): DatastoreObjects {
  const statefulSet = objs.find((o) => o.kind === "StatefulSet");
  const service = objs.find((o) => o.kind === "Service");
  if (!statefulSet || !service) throw new Error(`template ${file} needs a StatefulSet and a Service`);
  return { config: objs.filter((o) => o.kind === "ConfigMap"), statefulSet, service };
}

/**
 * Postgres 14: ConfigMap kotsadm-postgres (passwd and the 10 → 14 upgrade scripts), StatefulSet +
 * Service kotsadm-postgres (5432), PVC 1Gi; init containers copy-postgres-10 (`image10`) and
 * upgrade-postgres (`image`).
 */
export function postgresObjects(namespace: string, image: string, image10: string): DatastoreObjects {
  const vars = {
    namespace,
    image,
    postgres10Image: image10,
    size: PVC_SIZES.postgres,
    copyPostgres10Script: SCRIPTS["copy-postgres-10.sh"],
    upgradePostgresScript: SCRIPTS["upgrade-postgres.sh"],
  };
  return split(renderTemplate(TEMPLATES["postgres.yaml"], vars, "postgres.yaml"), "postgres.yaml");
}

/** MinIO: StatefulSet + Service kotsadm-minio (9000), PVC 4Gi. */
export function minioObjects(namespace: string, image: string): DatastoreObjects {
  return split(renderTemplate(TEMPLATES["minio.yaml"], { namespace, image, size: PVC_SIZES.minio }, "minio.yaml"), "minio.yaml");
}
