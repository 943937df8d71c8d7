/**
 * renderAdminConsole: InstallOptions + secrets → the Admin Console object set (design §3), in the
 * apply order of design §4. Pure: no I/O, no clock, no randomness; the same input gives deeply equal
 * output, so a server-side re-apply is a no-op.
 */
import { storageModeOf, type InstallOptions } from "../install/options.ts";
import { dockerConfigJsonString } from "../registry/dockerconfig.ts";
import { splitRegistryLocation } from "../registry/image.ts";
import { NAMES } from "./constants.ts";
import { minioObjects, postgresObjects, type DatastoreObjects } from "./datastores.ts";
import { adminConsoleImages } from "./images.ts";
import { kotsadmObjects } from "./kotsadm.ts";
import { addAffinity, addExtraMetadata, addKotsadmLabels, addPullSecret, setStorageClass } from "./pod.ts";
import { APPLICATION_METADATA_NAME, applicationMetadataConfigMap, kotsadmConfigMap } from "./kotsadm-config.ts";
import { configValuesSecret, coreSecrets, dockerConfigSecret, licenseSecret } from "./secret-objects.ts";
import { renderTemplate } from "./template.ts";
import { TEMPLATES } from "./templates.ts";
import type { GeneratedSecrets, K8sObject, RenderExtra } from "./types.ts";

/** Apply phases of design §4, in order. Objects of one phase may be applied in parallel. */
export const APPLY_PHASES = ["namespace", "rbac", "config", "datastores", "kotsadm", "service"] as const;
export type ApplyPhase = (typeof APPLY_PHASES)[number];

/** The phase an object of this set belongs to (by kind, and name for kotsadm's own workload/Service). */
export function applyPhaseOf(obj: Pick<K8sObject, "kind" | "metadata">): ApplyPhase {
  switch (obj.kind) {
    case "Namespace":
      return "namespace";
    case "ServiceAccount":
    case "Role":
    case "RoleBinding":
    case "ClusterRole":
    case "ClusterRoleBinding":
      return "rbac";
    case "Secret":
    case "ConfigMap":
      return "config";
    case "Service":
      return obj.metadata.name === NAMES.kotsadm ? "service" : "datastores";
    default:
      return obj.metadata.name === NAMES.kotsadm ? "kotsadm" : "datastores";
  }
}

/**
 * Objects applied create-only (POST; an existing one is left as it is): the Namespace (often the
 * operator's own), kotsadm-application-metadata (KOTS writes it once, kotsadm owns it after) and
 * the Secrets of generated values (design §3: a secret is never rotated; of two runs racing, the
 * first one's values win and both use them).
 */
export function isCreateOnly(obj: Pick<K8sObject, "kind" | "metadata">): boolean {
  if (obj.kind === "Namespace") return true;
  if (obj.kind === "ConfigMap") return obj.metadata.name === APPLICATION_METADATA_NAME;
  return obj.kind === "Secret" && GENERATED_SECRET_NAMES.has(obj.metadata.name);
}

/** The Secrets whose values the installer generates (or hashes): never rotated. */
export const GENERATED_SECRET_NAMES: ReadonlySet<string> = new Set([
  NAMES.passwordSecret,
  NAMES.postgres,
  NAMES.minio,
  NAMES.sessionSecret,
  NAMES.encryptionSecret,
  NAMES.clusterTokenSecret,
]);

/**
 * The Admin Console objects for `opts`, in apply order:
 *   Namespace; ServiceAccount kotsadm, Role+RoleBinding (`useMinimalRbac`) or ClusterRole+ClusterRoleBinding
 *   (kotsadm-role / kotsadm-rolebinding-<namespace>); Secrets kotsadm-password, kotsadm-postgres, kotsadm-minio (MinIO
 *   only), kotsadm-session, kotsadm-encryption, kotsadm-cluster-token, kotsadm-private-registry (with
 *   `kotsadmRegistry` + credentials),
 *   kotsadm-default-license / -configvalues (when in `extra`); ConfigMaps kotsadm-confg,
 *   kotsadm-application-metadata (create-only) and kotsadm-postgres;
 *   StatefulSet+Service kotsadm-postgres, then kotsadm-minio (MinIO only); kotsadm Deployment (StatefulSet with PVC kotsadmdata when
 *   no object store); Service kotsadm (ClusterIP 3000).
 * Every object except the Namespace carries kots.io/kotsadm=true and kots.io/backup=velero; every pod
 * gets the linux/amd64 affinity, the pull secret when there is one, and images per `adminConsoleImages`.
 * Throws on an invalid registry location or an app slug that is not a label value (with license/config).
 */
export function renderAdminConsole(opts: InstallOptions, secrets: GeneratedSecrets, extra: RenderExtra = {}): K8sObject[] {
  const ns = opts.namespace;
  const mode = storageModeOf(opts);
  const images = adminConsoleImages(opts);

  const [namespace, serviceAccount, role, roleBinding, clusterRole, clusterRoleBinding] = [
    ...renderTemplate(TEMPLATES["namespace.yaml"], { namespace: ns }, "namespace.yaml"),
    ...renderTemplate(TEMPLATES["rbac.yaml"], { namespace: ns }, "rbac.yaml"),
  ] as K8sObject[];
  const rbac = opts.useMinimalRbac ? [serviceAccount!, role!, roleBinding!] : [serviceAccount!, clusterRole!, clusterRoleBinding!];

  const config: K8sObject[] = coreSecrets(ns, secrets, mode === "minio");
  config.push(kotsadmConfigMap(opts), applicationMetadataConfigMap(ns, opts.appSlug, extra.applicationYaml));
  let pullSecret: string | undefined;
  if (opts.kotsadmRegistry && opts.registryUsername && opts.registryPassword !== undefined) {
    const { host } = splitRegistryLocation(opts.kotsadmRegistry);
    const json = dockerConfigJsonString([{ host, username: opts.registryUsername, password: opts.registryPassword }]);
    config.push(dockerConfigSecret(ns, NAMES.privateRegistrySecret, json));
    pullSecret = NAMES.privateRegistrySecret;
  }
  if (extra.license !== undefined) config.push(licenseSecret(ns, opts.appSlug, extra.license));
  if (extra.configValues !== undefined) config.push(configValuesSecret(ns, opts.appSlug, extra.configValues));

  const stores: DatastoreObjects[] = [postgresObjects(ns, images.postgres, images.postgres10)];
  if (mode === "minio") stores.push(minioObjects(ns, images.minio));
  for (const s of stores) config.push(...s.config);
  const datastores = stores.flatMap((s) => [s.statefulSet, s.service]);

  const kotsadm = kotsadmObjects({
    namespace: ns,
    port: opts.port,
    image: images.kotsadm,
    migrationsImage: images.kotsadmMigrations,
    storage: mode,
    disableOutboundConnections: Boolean(opts.kotsadmRegistry),
    proxy: { httpProxy: opts.httpProxy, httpsProxy: opts.httpsProxy, noProxy: opts.noProxy },
  });

  const all = [namespace!, ...rbac, ...config, ...datastores, kotsadm.workload, kotsadm.service];
  for (const obj of all) {
    addKotsadmLabels(obj);
    addAffinity(obj);
    addPullSecret(obj, pullSecret);
    setStorageClass(obj, opts.storageClass);
    addExtraMetadata(obj, opts.additionalLabels, opts.additionalAnnotations);
  }
  return all;
}
