/**
 * Reads an existing Admin Console back into the install options that made it, for
 * `kots admin-console upgrade` (KOTS v1.88.0 pkg/kotsadm ReadDeployOptionsFromCluster does the
 * same from the same objects): the install's own records (kotsadm-confg, the application
 * metadata, the seeds) and what the objects show (workload kind, proxy env, storage class,
 * registry credentials, the labels and annotations field manager kots set). Only the kotsadm
 * version changes: re-rendering these options gives the same objects with new images.
 */
import type { Cluster } from "../kube/cluster.ts";
import { getObject, FIELD_MANAGER, type K8sObject } from "../kube/apply.ts";
import { CliError } from "../errors.ts";
import { parseDurationMs, type InstallOptions } from "../install/options.ts";
import { KOTSADM_LABELS, NAMES } from "../manifests/constants.ts";
import { APPLICATION_METADATA_NAME, KOTSADM_CONFIG_NAME } from "../manifests/kotsadm-config.ts";
import { KOTSADM_NO_PROXY } from "../manifests/kotsadm.ts";
import { authKeyFor } from "../registry/dockerconfig.ts";
import { splitRegistryLocation } from "../registry/image.ts";

type Json = Record<string, any>;

/** The live objects an upgrade reads (undefined = not there). */
export interface InstalledObjects {
  workload?: K8sObject;
  postgres?: K8sObject;
  minio?: K8sObject;
  config?: K8sObject;
  applicationMetadata?: K8sObject;
  password?: K8sObject;
  registrySecret?: K8sObject;
  license?: K8sObject;
  configValues?: K8sObject;
  serviceAccount?: K8sObject;
  role?: K8sObject;
}

/** What an install with these options seeded, to render again as it is (not to be pruned). */
export interface InstalledSeeds {
  license?: string;
  configValues?: string;
  applicationYaml?: string;
}

/** GETs every object `readInstalledOptions` needs, in parallel. Throws API errors other than 404. */
export async function fetchInstalled(cluster: Cluster, namespace: string): Promise<InstalledObjects> {
  const get = (kind: string, name: string) => getObject(cluster, kind, name, namespace);
  const [deployment, statefulSet, postgres, minio, config, applicationMetadata, password, registrySecret, license, configValues, serviceAccount, role] = await Promise.all([
    get("Deployment", NAMES.kotsadm),
    get("StatefulSet", NAMES.kotsadm),
    get("StatefulSet", NAMES.postgres),
    get("StatefulSet", NAMES.minio),
    get("ConfigMap", KOTSADM_CONFIG_NAME),
    get("ConfigMap", APPLICATION_METADATA_NAME),
    get("Secret", NAMES.passwordSecret),
    get("Secret", NAMES.privateRegistrySecret),
    get("Secret", NAMES.licenseSecret),
    get("Secret", NAMES.configValuesSecret),
    get("ServiceAccount", NAMES.serviceAccount),
    get("Role", NAMES.role),
  ]);
  return { workload: statefulSet ?? deployment, postgres, minio, config, applicationMetadata, password, registrySecret, license, configValues, serviceAccount, role };
}

const decode = (obj: K8sObject | undefined, key: string): string | undefined => {
  const v = (obj?.data as Record<string, string> | undefined)?.[key];
  return v === undefined ? undefined : Buffer.from(v, "base64").toString("utf8");
};

/** The kotsadm container of a workload's pod template. */
export function kotsadmContainer(workload: K8sObject | undefined): Json | undefined {
  const containers = (workload?.spec as Json | undefined)?.template?.spec?.containers as Json[] | undefined;
  return containers?.find((c) => c.name === "kotsadm") ?? containers?.[0];
}

/** The keys of `metadata.<field>` that field manager kots applied (managedFields fieldsV1), with their live values. */
export function appliedByKots(obj: K8sObject | undefined, field: "labels" | "annotations"): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = (obj?.metadata.managedFields as Json[] | undefined) ?? [];
  const live = (obj?.metadata[field] as Record<string, string> | undefined) ?? {};
  for (const m of entries) {
    if (m.manager !== FIELD_MANAGER || m.operation !== "Apply") continue;
    for (const k of Object.keys(m.fieldsV1?.["f:metadata"]?.[`f:${field}`] ?? {})) {
      const key = k.replace(/^f:/, "");
      if (k !== "." && live[key] !== undefined) out[key] = live[key]!;
    }
  }
  return out;
}

/**
 * The options an existing install was made with, except the kotsadm tag, and what it seeded.
 * Pure. Throws CliError (exit 1) naming what is missing when there is no Admin Console, when
 * kotsadm-password is missing (an upgrade keeps every secret: it would have to invent one; `kots
 * reset-password` sets one), or when the app slug cannot be told.
 */
export function readInstalledOptions(namespace: string, o: InstalledObjects): { options: Partial<InstallOptions>; seeds: InstalledSeeds } {
  if (!o.workload) throw new CliError(`no Admin Console in namespace ${namespace} (no kotsadm Deployment or StatefulSet): install it with kots install … -n ${namespace}`, 1);
  if (!o.password) throw new CliError(`Secret ${NAMES.passwordSecret} is missing in ${namespace}: an upgrade keeps every secret and cannot invent the admin password; set one with kots reset-password ${namespace}, then upgrade`, 1);
  const cfg = (o.config?.data as Record<string, string> | undefined) ?? {};
  const meta = (o.applicationMetadata?.data as Record<string, string> | undefined) ?? {};
  const appSlug = /^replicated:\/\/([^/]+)/.exec(meta.upstreamUri ?? "")?.[1] ?? o.license?.metadata.labels?.["kots.io/app"] ?? o.configValues?.metadata.labels?.["kots.io/app"];
  if (!appSlug) throw new CliError(`cannot tell which app the Admin Console in ${namespace} is for (ConfigMap ${APPLICATION_METADATA_NAME} is missing): not upgraded`, 1);

  const env = ((kotsadmContainer(o.workload)?.env as Json[] | undefined) ?? []) as { name: string; value?: string }[];
  const envValue = (name: string) => env.find((e) => e.name === name)?.value || undefined;
  const port = Number(/:(\d+)$/.exec(envValue("API_ADVERTISE_ENDPOINT") ?? "")?.[1] ?? 8800);
  const suffix = KOTSADM_NO_PROXY.join(",");
  const noProxyRaw = envValue("NO_PROXY");
  const noProxy = noProxyRaw === undefined || noProxyRaw === suffix ? undefined : noProxyRaw.endsWith(`,${suffix}`) ? noProxyRaw.slice(0, -suffix.length - 1) : noProxyRaw;

  const vct = ((o.postgres?.spec as Json | undefined)?.volumeClaimTemplates as Json[] | undefined)?.[0];
  const registry = cfg["kotsadm-registry"] || undefined;
  let registryUsername: string | undefined;
  let registryPassword: string | undefined;
  const dockerConfig = decode(o.registrySecret, ".dockerconfigjson");
  if (registry && dockerConfig) {
    try {
      const auth = (JSON.parse(dockerConfig) as { auths?: Record<string, { username?: string; password?: string; auth?: string }> }).auths?.[authKeyFor(splitRegistryLocation(registry).host)];
      const [u, ...p] = auth?.auth ? Buffer.from(auth.auth, "base64").toString("utf8").split(":") : [];
      registryUsername = auth?.username ?? u;
      registryPassword = auth?.password ?? (p.length ? p.join(":") : undefined);
    } catch {
      /* unreadable: rendered without credentials, the engine's apply then reports the difference */
    }
  }
  const stripOurs = (m: Record<string, string>) => Object.fromEntries(Object.entries(m).filter(([k]) => !(k in KOTSADM_LABELS)));
  let waitDurationMs: number | undefined;
  try {
    waitDurationMs = cfg["wait-duration"] ? parseDurationMs(cfg["wait-duration"]) : undefined;
  } catch {
    waitDurationMs = undefined;
  }

  const options: Partial<InstallOptions> = {
    appSlug,
    namespace,
    skipPreflights: cfg["skip-preflights"] === "true",
    withMinio: o.workload.kind === "Deployment",
    useMinimalRbac: cfg["use-minimal-rbac"] !== undefined ? cfg["use-minimal-rbac"] === "true" : !!o.role,
    storageClass: (vct?.spec?.storageClassName as string | undefined) || undefined,
    kotsadmRegistry: registry,
    registryUsername,
    registryPassword,
    httpProxy: envValue("HTTP_PROXY"),
    httpsProxy: envValue("HTTPS_PROXY"),
    noProxy,
    additionalLabels: stripOurs(appliedByKots(o.serviceAccount, "labels")),
    additionalAnnotations: appliedByKots(o.serviceAccount, "annotations"),
    port: Number.isInteger(port) && port > 0 && port < 65536 ? port : 8800,
    waitDurationMs,
  };
  const seeds: InstalledSeeds = {
    license: decode(o.license, "license"),
    configValues: decode(o.configValues, "configvalues"),
    applicationYaml: meta["application.yaml"],
  };
  return { options, seeds };
}
