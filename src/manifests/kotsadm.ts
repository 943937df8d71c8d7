/**
 * The kotsadm workload and its Service (KOTS v1.88 pkg/kotsadm/objects/kotsadm_objects.go):
 * a Deployment with the storage env of the chosen object store, or a StatefulSet with its own
 * `kotsadmdata` PVC when there is none (`--with-minio=false`).
 */
import type { StorageMode } from "../install/options.ts";
import { NAMES, PVC_SIZES } from "./constants.ts";
import { SECRET_LOCATIONS } from "./secrets.ts";
import { renderTemplate } from "./template.ts";
import { TEMPLATES } from "./templates.ts";
import type { K8sObject } from "./types.ts";

type Json = Record<string, unknown>;
type EnvVar = { name: string; value?: string; valueFrom?: Json };

export interface KotsadmParams {
  namespace: string;
  /** Local port the console is advertised on (API_ADVERTISE_ENDPOINT http://localhost:<port>). */
  port: number;
  image: string;
  migrationsImage: string;
  storage: StorageMode;
  /** KOTS sets DISABLE_OUTBOUND_CONNECTIONS=true when a private kotsadm registry is used. */
  disableOutboundConnections: boolean;
  /** --http-proxy / --https-proxy / --no-proxy (or the shell's, with --copy-proxy-env). */
  proxy?: { httpProxy?: string; httpsProxy?: string; noProxy?: string };
}

/** NO_PROXY entries KOTS v1.88 always adds for kotsadm (proxy_objects.go): its in-cluster peers. */
export const KOTSADM_NO_PROXY = ["kotsadm-postgres", "kotsadm-minio", "kotsadm-api-node"];

/**
 * HTTP_PROXY, HTTPS_PROXY and NO_PROXY for the kotsadm container, as KOTS v1.88 sets them
 * (pkg/kotsadm/objects/proxy_objects.go): all three always present, empty when not given, and
 * NO_PROXY = the operator's list, then KOTSADM_NO_PROXY, comma-separated.
 */
export function proxyEnv(p: KotsadmParams["proxy"] = {}): EnvVar[] {
  const noProxy = [p.noProxy, KOTSADM_NO_PROXY.join(",")].filter((x) => x !== undefined && x !== "").join(",");
  return [
    { name: "HTTP_PROXY", value: p.httpProxy ?? "" },
    { name: "HTTPS_PROXY", value: p.httpsProxy ?? "" },
    { name: "NO_PROXY", value: noProxy },
  ];
}

function secretEnv(name: string, loc: { secret: string; key: string }): EnvVar {
  return { name, valueFrom: { secretKeyRef: { name: loc.secret, key: loc.key } } };
}

/**
 * The env that selects the file store (kotsadm v1.88.0 pkg/filestore/store.go: S3 when
 * S3_ENDPOINT is set, else a blob store under /kotsadmdata): MinIO's S3 endpoint and keys, or
 * nothing for the StatefulSet that mounts /kotsadmdata.
 */
export function storageEnv(p: Pick<KotsadmParams, "storage">): EnvVar[] {
  if (p.storage === "none") return [];
  return [
    { name: "S3_ENDPOINT", value: `http://${NAMES.minio}:9000` },
    { name: "S3_BUCKET_NAME", value: "kotsadm" },
    secretEnv("S3_ACCESS_KEY_ID", SECRET_LOCATIONS.minioAccessKey),
    secretEnv("S3_SECRET_ACCESS_KEY", SECRET_LOCATIONS.minioSecretKey),
    { name: "S3_BUCKET_ENDPOINT", value: "true" },
  ];
}

const RESTORE_RESOURCES = { limits: { cpu: "1", memory: "2Gi" }, requests: { cpu: "100m", memory: "100Mi" } };

/**
 * The restore init containers of the MinIO-less StatefulSet (KOTS v1.88 kotsadm_objects.go):
 * `restore-data` loads a Velero dump from /backup into Postgres and /kotsadmdata, and `migrate-s3`
 * moves files of an earlier MinIO install into /kotsadmdata (the MinIO keys are optional: absent
 * on a fresh install).
 */
function statefulSetRestoreContainers(image: string): Json[] {
  const dataMount = { name: NAMES.kotsadmData, mountPath: "/kotsadmdata" };
  const optionalKey = (key: string) => ({ secretKeyRef: { name: NAMES.minio, key, optional: true } });
  return [
    {
      name: "restore-data",
      image,
      imagePullPolicy: "IfNotPresent",
      command: ["/restore.sh"],
      volumeMounts: [dataMount, { name: "backup", mountPath: "/backup" }, { name: "tmp", mountPath: "/tmp" }],
      env: [secretEnv("POSTGRES_PASSWORD", SECRET_LOCATIONS.postgresPassword)],
      resources: RESTORE_RESOURCES,
    },
    {
      name: "migrate-s3",
      image,
      imagePullPolicy: "IfNotPresent",
      command: ["/migrate-s3.sh"],
      volumeMounts: [dataMount],
      env: [
        { name: "S3_ENDPOINT", value: `http://${NAMES.minio}:9000` },
        { name: "S3_BUCKET_NAME", value: "kotsadm" },
        { name: "S3_ACCESS_KEY_ID", valueFrom: optionalKey("accesskey") },
        { name: "S3_SECRET_ACCESS_KEY", valueFrom: optionalKey("secretkey") },
        { name: "S3_BUCKET_ENDPOINT", value: "true" },
      ],
      resources: RESTORE_RESOURCES,
    },
  ];
}

/**
 * Converts the kotsadm Deployment into a StatefulSet with a `kotsadmdata` volumeClaimTemplate
 * mounted at /kotsadmdata, with the StatefulSet's restore init containers instead of restore-db
 * and restore-s3.
 */
function toStatefulSet(deployment: K8sObject, image: string): K8sObject {
  const spec = deployment.spec as Json;
  const podSpec = (spec.template as Json).spec as Json;
  const container = (podSpec.containers as Json[])[0]!;
  (container.volumeMounts as Json[]).unshift({ name: NAMES.kotsadmData, mountPath: "/kotsadmdata" });
  const schemahero = (podSpec.initContainers as Json[]).filter((c) => String(c.name).startsWith("schemahero-"));
  podSpec.initContainers = [...schemahero, ...statefulSetRestoreContainers(image)];
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
  env.push(...storageEnv(p), ...proxyEnv(p.proxy));
  if (p.disableOutboundConnections) env.push({ name: "DISABLE_OUTBOUND_CONNECTIONS", value: "true" });
  return { workload: p.storage === "none" ? toStatefulSet(deployment, p.image) : deployment, service };
}
