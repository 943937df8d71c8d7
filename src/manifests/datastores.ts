/**
 * The datastores: Postgres (always), and MinIO or Docker Distribution as the object store.
 * Each renders its template; labels, affinity, pull secrets and storage class come from the renderer.
 */
import { PVC_SIZES } from "./constants.ts";
import { renderTemplate } from "./template.ts";
import { TEMPLATES } from "./templates.ts";
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

/** Postgres 14: ConfigMap kotsadm-postgres (passwd), StatefulSet + Service kotsadm-postgres (5432), PVC 1Gi. */
export function postgresObjects(namespace: string, image: string): DatastoreObjects {
  return split(renderTemplate(TEMPLATES["postgres.yaml"], { namespace, image, size: PVC_SIZES.postgres }, "postgres.yaml"), "postgres.yaml");
}

/** MinIO: StatefulSet + Service kotsadm-minio (9000), PVC 4Gi. */
export function minioObjects(namespace: string, image: string): DatastoreObjects {
  return split(renderTemplate(TEMPLATES["minio.yaml"], { namespace, image, size: PVC_SIZES.minio }, "minio.yaml"), "minio.yaml");
}

/** Docker Distribution: ConfigMap kotsadm-storage-registry-config, StatefulSet + Service kotsadm-storage-registry (5000), PVC 4Gi. */
export function distributionObjects(namespace: string, image: string): DatastoreObjects {
  return split(
    renderTemplate(TEMPLATES["distribution.yaml"], { namespace, image, size: PVC_SIZES.distribution }, "distribution.yaml"),
    "distribution.yaml",
  );
}
