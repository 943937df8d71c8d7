/**
 * Cross-cutting edits every rendered object gets (design §3): labels, node affinity, image pull
 * secrets, storage class. Each function mutates the object it is given (a fresh template copy) and
 * returns it.
 */
import { KOTSADM_LABELS } from "./constants.ts";
import type { K8sObject } from "./types.ts";

type Json = Record<string, unknown>;

/** Kinds whose `spec.template` is a pod template. */
const WORKLOAD_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job"]);

/**
 * Required node affinity: kubernetes.io/os In [linux] and kubernetes.io/arch In [amd64] (seed 001:
 * the Admin Console runs on linux/amd64 only; KOTS v1.88 affinity_objects.go expresses the arch as
 * NotIn [arm64], design §3 as In [amd64]).
 */
export function linuxAmd64Affinity(): Json {
  return {
    nodeAffinity: {
      requiredDuringSchedulingIgnoredDuringExecution: {
        nodeSelectorTerms: [
          {
            matchExpressions: [
              { key: "kubernetes.io/os", operator: "In", values: ["linux"] },
              { key: "kubernetes.io/arch", operator: "In", values: ["amd64"] },
            ],
          },
        ],
      },
    },
  };
}

/** The pod template of a workload object, or undefined for other kinds. */
export function podTemplateOf(obj: K8sObject): { metadata?: Json; spec: Json } | undefined {
  if (!WORKLOAD_KINDS.has(obj.kind)) return undefined;
  const tpl = (obj.spec as Json | undefined)?.template as { metadata?: Json; spec: Json } | undefined;
  return tpl?.spec ? tpl : undefined;
}

/** The volumeClaimTemplates of a StatefulSet (empty for other kinds). */
export function volumeClaimTemplatesOf(obj: K8sObject): K8sObject[] {
  if (obj.kind !== "StatefulSet") return [];
  return ((obj.spec as Json | undefined)?.volumeClaimTemplates as K8sObject[] | undefined) ?? [];
}

/** Every container (init and regular) of a workload's pod template. */
export function containersOf(obj: K8sObject): Json[] {
  const spec = podTemplateOf(obj)?.spec;
  if (!spec) return [];
  return [...((spec.initContainers as Json[] | undefined) ?? []), ...((spec.containers as Json[] | undefined) ?? [])];
}

/**
 * Adds KOTSADM_LABELS to the object, its pod template and its volumeClaimTemplates (as KOTS does),
 * keeping the object's own labels (e.g. `app`, `kots.io/automation`). Namespaces are left alone: the namespace may be the operator's.
 */
export function addKotsadmLabels(obj: K8sObject): K8sObject {
  if (obj.kind === "Namespace") return obj;
  obj.metadata.labels = { ...KOTSADM_LABELS, ...obj.metadata.labels };
  const tpl = podTemplateOf(obj);
  if (tpl) {
    const md = (tpl.metadata ??= {});
    md.labels = { ...KOTSADM_LABELS, ...(md.labels as Record<string, string> | undefined) };
  }
  for (const vct of volumeClaimTemplatesOf(obj)) vct.metadata.labels = { ...KOTSADM_LABELS, ...vct.metadata.labels };
  return obj;
}

/** Sets the linux/amd64 required node affinity on a workload's pods (other kinds unchanged). */
export function addAffinity(obj: K8sObject): K8sObject {
  const spec = podTemplateOf(obj)?.spec;
  if (spec) spec.affinity = linuxAmd64Affinity();
  return obj;
}

/** Sets `imagePullSecrets: [{name}]` on a workload's pods when `secretName` is given. */
export function addPullSecret(obj: K8sObject, secretName: string | undefined): K8sObject {
  const spec = podTemplateOf(obj)?.spec;
  if (spec && secretName) spec.imagePullSecrets = [{ name: secretName }];
  return obj;
}

/** Sets `spec.storageClassName` on every volumeClaimTemplate when `storageClass` is given. */
export function setStorageClass(obj: K8sObject, storageClass: string | undefined): K8sObject {
  if (!storageClass) return obj;
  for (const vct of volumeClaimTemplatesOf(obj)) ((vct.spec ??= {}) as Json).storageClassName = storageClass;
  return obj;
}

/**
 * Adds --additional-labels and --additional-annotations to the object and its pod template
 * (later KOTS releases do the same for these flags). The installer's own labels win: the schema
 * refuses the reserved keys. Namespaces are left alone.
 */
export function addExtraMetadata(obj: K8sObject, labels: Readonly<Record<string, string>>, annotations: Readonly<Record<string, string>>): K8sObject {
  if (obj.kind === "Namespace") return obj;
  const hasLabels = Object.keys(labels).length > 0;
  const hasAnnotations = Object.keys(annotations).length > 0;
  const merge = (md: { labels?: Record<string, string>; annotations?: Record<string, string> }) => {
    if (hasLabels) md.labels = { ...labels, ...md.labels };
    if (hasAnnotations) md.annotations = { ...annotations, ...md.annotations };
  };
  merge(obj.metadata);
  const tpl = podTemplateOf(obj);
  if (tpl) merge((tpl.metadata ??= {}) as never);
  return obj;
}
