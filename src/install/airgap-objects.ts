/**
 * What kotsadm v1.88.0 reads to know that an install is airgapped and where its app comes from
 * (facts from KOTS v1.88.0; written our own way):
 *   - pkg/kotsadm/main.go Deploy: ConfigMaps `kotsadm-airgap-meta` (`airgap.yaml`, base64) and
 *     `kotsadm-airgap-images` (`images.json`, base64: the kustomize images list of the pushed
 *     images), labels `kots.io/automation: airgap` and `kots.io/app: <slug>`;
 *   - pkg/kotsadm/objects/configmaps_objects.go: `initial-app-images-pushed: "true"` in
 *     `kotsadm-confg` (read back as SkipImagePush by pkg/kotsutil GetInstallationParams);
 *   - pkg/kotsadm/objects/license_objects.go: annotation `kots.io/airgap: "true"` on
 *     `kotsadm-default-license`;
 *   - pkg/kotsadm/objects/kotsadm_objects.go: `DISABLE_OUTBOUND_CONNECTIONS=true` on kotsadm
 *     (already rendered whenever --kotsadm-registry is set).
 * pkg/automation/automation.go AutomateInstall then creates the app from every key of every
 * ConfigMap with those two labels, each written as a file (base64-decoded), and extracts each
 * file that is a tar.gz as the release (pkg/airgap extractAppRelease). KOTS's CLI uploads the
 * release archive to kotsadm's `/api/v1/airgap/install` after the port-forward; this installer
 * hands the bundle's app.tar.gz over as one more such ConfigMap, `kotsadm-airgap-release`, and writes no
 * `wait-for-airgap-app`, so kotsadm installs the app at its first start (docs/design-notes.md).
 */
import type { K8sObject } from "../kube/apply.ts";
import { KOTSADM_LABELS, NAMES } from "../manifests/constants.ts";
import { KOTSADM_CONFIG_NAME } from "../manifests/kotsadm-config.ts";
import { addExtraMetadata } from "../manifests/pod.ts";
import type { KustomizeImage } from "../pull/rewrite.ts";

export const AIRGAP_META_NAME = "kotsadm-airgap-meta";
export const AIRGAP_IMAGES_NAME = "kotsadm-airgap-images";
export const AIRGAP_RELEASE_NAME = "kotsadm-airgap-release";

/**
 * The most a ConfigMap holds: the API server refuses one whose data exceeds 1 MiB
 * (k8s.io/apimachinery validation MaxSecretSize/ConfigMap 1 MiB); base64 makes 3 bytes 4.
 */
export const MAX_RELEASE_ARCHIVE_BYTES = Math.floor(((1024 * 1024 - 4096) * 3) / 4);

/** What the airgap ConfigMaps hold. */
export interface AirgapHandOver {
  /** the bundle's airgap.yaml (kots.io/v1beta1 Airgap), as YAML text */
  airgapYaml: string;
  /** the release archive (the bundle's app.tar.gz: a gzip'd tar of the release files) */
  releaseArchive: Uint8Array;
  /** the kustomize images list of the pushed app images (KOTS's images.json) */
  images: KustomizeImage[];
}

const b64 = (b: Uint8Array | string) => Buffer.from(b).toString("base64");

function airgapConfigMap(namespace: string, appSlug: string, name: string, key: string, value: Uint8Array | string): K8sObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name, namespace, labels: { ...KOTSADM_LABELS, "kots.io/automation": "airgap", "kots.io/app": appSlug } },
    data: { [key]: b64(value) },
  };
}

/**
 * The three airgap ConfigMaps for an install of `appSlug` into `namespace`, in apply order, with
 * the install's extra labels and annotations. Pure. Throws Error when the release archive is too
 * large for a ConfigMap (the caller checks MAX_RELEASE_ARCHIVE_BYTES first, as bad input).
 */
export function airgapConfigMaps(
  namespace: string,
  appSlug: string,
  hand: AirgapHandOver,
  extra: { labels: Readonly<Record<string, string>>; annotations: Readonly<Record<string, string>> } = { labels: {}, annotations: {} },
): K8sObject[] {
  if (hand.releaseArchive.byteLength > MAX_RELEASE_ARCHIVE_BYTES) throw new Error(`the release archive (${hand.releaseArchive.byteLength} bytes) is larger than a ConfigMap holds`);
  const out = [
    airgapConfigMap(namespace, appSlug, AIRGAP_META_NAME, "airgap.yaml", hand.airgapYaml),
    airgapConfigMap(namespace, appSlug, AIRGAP_IMAGES_NAME, "images.json", JSON.stringify(hand.images)),
    airgapConfigMap(namespace, appSlug, AIRGAP_RELEASE_NAME, "app.tar.gz", hand.releaseArchive),
  ];
  for (const o of out) addExtraMetadata(o, extra.labels, extra.annotations);
  return out;
}

/**
 * Marks a rendered Admin Console object set as airgapped, in place, and returns it: the license
 * Secret gets `kots.io/airgap: "true"`, kotsadm-confg `initial-app-images-pushed: "true"`; the
 * airgap ConfigMaps go right after kotsadm-confg (the same apply phase). Pure apart from the
 * in-place edit of `objects`.
 */
export function markAirgapped(objects: K8sObject[], configMaps: K8sObject[]): K8sObject[] {
  for (const o of objects) {
    if (o.kind === "Secret" && o.metadata.name === NAMES.licenseSecret) o.metadata.annotations = { ...o.metadata.annotations, "kots.io/airgap": "true" };
    if (o.kind === "ConfigMap" && o.metadata.name === KOTSADM_CONFIG_NAME) (o.data as Record<string, string>)["initial-app-images-pushed"] = "true";
  }
  const at = objects.findIndex((o) => o.kind === "ConfigMap" && o.metadata.name === KOTSADM_CONFIG_NAME);
  objects.splice(at < 0 ? objects.length : at + 1, 0, ...configMaps);
  return objects;
}
