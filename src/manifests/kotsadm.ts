/**
 * The kotsadm workload and its Service (KOTS v1.88 pkg/kotsadm/objects/kotsadm_objects.go):
 * a Deployment with the storage env of the chosen object store, or a StatefulSet with its own
 * `kotsadmdata` PVC when there is none (`--with-minio=false`).
 */
import type { StorageMode } from "../install/options.ts";
import { DISTRIBUTION_STORAGE_URI, NAMES, PVC_SIZES } from "./constants.ts";
import { SECRET_LOCATIONS } from "./secrets.ts";
import { renderTemplate } from "./template.ts";
import { TEMPLATES } from "./templates.ts";
import type { K8sObject } from "./types.ts";

type Json = Record<string, unknown>;
type EnvVar = { name: string; value?: string; valueFrom?: Json };

/** Mount point of the external storage registry's docker config (our own; DOCKER_CONFIG points here). */
export const STORAGE_AUTH_MOUNT = "/etc/kotsadm/storage-registry";

export interface KotsadmParams {
  namespace: string;
  /** Local port the console is advertised on (API_ADVERTISE_ENDPOINT http://localhost:<port>). */
  port: number;
  image: string;
  migrationsImage: string;
  storage: StorageMode;
  /** `docker://host/org/repo`; required when storage is "external". */
  storageBaseUri?: string;
  storageBaseUriPlainHttp?: boolean;
  /** Name of a dockerconfigjson Secret with the external storage registry's credentials. */
  storageAuthSecret?: string;
  /** KOTS sets DISABLE_OUTBOUND_CONNECTIONS=true when a private kotsadm registry is used. */
  disableOutboundConnections: boolean;
}

function secretEnv(name: string, loc: { secret: string; key: string }): EnvVar {
  return { name, valueFrom: { secretKeyRef: { name: loc.secret, key: loc.key } } };
}

/** The env that selects and reaches the object store, by storage mode. Throws for external without a URI. */
export function storageEnv(p: Pick<KotsadmParams, "storage" | "storageBaseUri" | "storageBaseUriPlainHttp" | "storageAuthSecret">): EnvVar[] {
  switch (p.storage) {
    case "minio":
      return [
        { name: "S3_ENDPOINT", value: `http://${NAMES.minio}:9000` },
        { name: "S3_BUCKET_NAME", value: "kotsadm" },
        secretEnv("S3_ACCESS_KEY_ID", SECRET_LOCATIONS.minioAccessKey),
        secretEnv("S3_SECRET_ACCESS_KEY", SECRET_LOCATIONS.minioSecretKey),
        { name: "S3_BUCKET_ENDPOINT", value: "true" },
      ];
    case "dockerdistribution":
      return [
        { name: "STORAGE_BASEURI", value: DISTRIBUTION_STORAGE_URI },
        { name: "STORAGE_BASEURI_PLAINHTTP", value: "true" },
      ];
    case "external": {
      if (!p.storageBaseUri) throw new Error("external storage needs --storage-base-uri");
      const env: EnvVar[] = [
        { name: "STORAGE_BASEURI", value: p.storageBaseUri },
        { name: "STORAGE_BASEURI_PLAINHTTP", value: String(p.storageBaseUriPlainHttp ?? false) },
      ];
      if (p.storageAuthSecret) env.push({ name: "DOCKER_CONFIG", value: STORAGE_AUTH_MOUNT });
      return env;
    }
    case "none":
      return [];
  }
}

/** Converts the kotsadm Deployment into a StatefulSet with a `kotsadmdata` volumeClaimTemplate mounted at /kotsadmdata. */
function toStatefulSet(deployment: K8sObject): K8sObject {
  const spec = deployment.spec as Json;
  const podSpec = (spec.template as Json).spec as Json;
  const container = (podSpec.containers as Json[])[0]!;
  (container.volumeMounts as Json[]).unshift({ name: NAMES.kotsadmData, mountPath: "/kotsadmdata" });
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: deployment.metadata,
    spec: {
      serviceName: NAMES.kotsadm,
      replicas: spec.replicas,
      selector: spec.selector,
      template: spec.template,
      volumeClaimTemplates: [
        {
          metadata: { name: NAMES.kotsadmData },
          spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: PVC_SIZES.kotsadmData } } },
        },
      ],
    },
  };
}

/**
 * The kotsadm workload (Deployment, or StatefulSet when `storage` is "none") and its ClusterIP
 * Service `kotsadm` on port 3000. Labels, affinity, pull secrets and storage class are added by the
 * renderer. Readiness: GET /healthz on 3000.
 */
export function kotsadmObjects(p: KotsadmParams): { workload: K8sObject; service: K8sObject } {
  const [deployment, service] = renderTemplate(
    TEMPLATES["kotsadm.yaml"],
    { namespace: p.namespace, port: p.port, image: p.image, migrationsImage: p.migrationsImage },
    "kotsadm.yaml",
  ) as [K8sObject, K8sObject];
  const podSpec = ((deployment.spec as Json).template as Json).spec as Json;
  const container = (podSpec.containers as Json[])[0]!;
  const env = container.env as EnvVar[];
  if (p.storage !== "none") {
    // KOTS sets POD_OWNER_KIND only on the Deployment, right after POD_NAMESPACE.
    env.splice(env.findIndex((e) => e.name === "POD_NAMESPACE") + 1, 0, { name: "POD_OWNER_KIND", value: "deployment" });
  }
  env.push(...storageEnv(p));
  if (p.disableOutboundConnections) env.push({ name: "DISABLE_OUTBOUND_CONNECTIONS", value: "true" });
  if (p.storage === "external" && p.storageAuthSecret) {
    (podSpec.volumes as Json[]).push({
      name: "storage-registry-auth",
      secret: { secretName: p.storageAuthSecret, items: [{ key: ".dockerconfigjson", path: "config.json" }] },
    });
    (container.volumeMounts as Json[]).push({ name: "storage-registry-auth", mountPath: STORAGE_AUTH_MOUNT, readOnly: true });
  }
  return { workload: p.storage === "none" ? toStatefulSet(deployment) : deployment, service };
}
