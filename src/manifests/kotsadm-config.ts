/**
 * The ConfigMaps kotsadm v1.88.0 reads at install time (pkg/kotsadm/objects/configmaps_objects.go,
 * application_metadata_objects.go; read back by pkg/kotsutil GetInstallationParams):
 * `kotsadm-confg` (the install parameters) and `kotsadm-application-metadata` (the app's
 * kots.io Application, for branding before the first version is installed).
 */
import type { InstallOptions } from "../install/options.ts";
import { splitRegistryLocation } from "../registry/image.ts";
import type { K8sObject } from "./types.ts";

export const KOTSADM_CONFIG_NAME = "kotsadm-confg"; // sic: KOTS's own spelling
export const APPLICATION_METADATA_NAME = "kotsadm-application-metadata";

/**
 * Go's time.Duration.String() for a whole number of milliseconds: "2m0s", "1h30m0s", "1.5s",
 * "500ms", "0s" (what KOTS writes into `wait-duration` and time.ParseDuration reads back).
 */
export function goDurationString(ms: number): string {
  if (ms === 0) return "0s";
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const rest = ms % 60_000;
  const secs = rest % 1000 === 0 ? String(rest / 1000) : (rest / 1000).toFixed(3).replace(/0+$/, "");
  if (h > 0) return `${h}h${m}m${secs}s`;
  if (m > 0) return `${m}m${secs}s`;
  return `${secs}s`;
}

/** `registry` or `registry/namespace` of --kotsadm-registry, as KOTS's KotsadmRegistry() joins them. */
function registryValue(location: string): string {
  const { host, namespace } = splitRegistryLocation(location);
  return namespace ? `${host}/${namespace}` : host;
}

/**
 * ConfigMap `kotsadm-confg` with KOTS v1.88.0's keys, booleans as "true"/"false" and the wait as a
 * Go duration. Settings this installer has no flag for carry KOTS's defaults (images not pushed,
 * registry writable, RBAC ensured and checked, no strict security context). `kotsadm-registry`
 * only with --kotsadm-registry. Labels are added by the renderer.
 */
export function kotsadmConfigMap(o: InstallOptions): K8sObject {
  const bool = (b: boolean) => String(b);
  const data: Record<string, string> = {
    "initial-app-images-pushed": "false",
    "skip-preflights": bool(o.skipPreflights),
    "registry-is-read-only": "false",
    "minio-enabled-snapshots": bool(o.withMinio),
    "skip-compatibility-check": "false",
    "ensure-rbac": "true",
    "skip-rbac-check": "false",
    "use-minimal-rbac": bool(o.useMinimalRbac),
    "strict-security-context": "false",
    "wait-duration": goDurationString(o.waitDurationMs),
    "with-minio": bool(o.withMinio),
    "app-version-label": "",
  };
  if (o.kotsadmRegistry) data["kotsadm-registry"] = registryValue(o.kotsadmRegistry);
  return { apiVersion: "v1", kind: "ConfigMap", metadata: { name: KOTSADM_CONFIG_NAME, namespace: o.namespace }, data };
}

/**
 * ConfigMap `kotsadm-application-metadata`: `application.yaml` = the release's kots.io/v1beta1
 * Application YAML ("" when the app is known by slug only, as KOTS writes it without metadata),
 * `upstreamUri` = replicated://<slug>; label kotsadm=application. KOTS creates it once and never
 * updates it: the engine applies it create-only.
 */
export function applicationMetadataConfigMap(namespace: string, appSlug: string, applicationYaml: string | undefined): K8sObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: APPLICATION_METADATA_NAME, namespace, labels: { kotsadm: "application" } },
    data: { "application.yaml": applicationYaml ?? "", upstreamUri: `replicated://${appSlug}` },
  };
}
