/**
 * Image discovery in rendered manifests (issue 13 part 2; KOTS v1.88 pkg/image FindImages and
 * pkg/k8sdoc ListImages, extended as the issue asks): the `image` of every container, init
 * container and ephemeral container of a Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job
 * or CronJob (under `jobTemplate`), plus the kots.io Application's `spec.additionalImages`.
 */

/** Kinds whose pod template (or pod spec) carries images; CronJob's is under spec.jobTemplate. */
export const WORKLOAD_KINDS = ["Pod", "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob"] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

/** The container lists of a pod spec that hold images. */
export const CONTAINER_FIELDS = ["containers", "initContainers", "ephemeralContainers"] as const;

/** One image found: where it is (file, kind/name, JSON path of the field) and its text as written. */
export interface FoundImage {
  image: string;
  file: string;
  /** `Deployment/acme-web`, or `Application/acme-helpdesk` for additionalImages */
  object: string;
  /** e.g. `spec.template.spec.initContainers[0].image` */
  field: string;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** Whether `kind` is one of WORKLOAD_KINDS. */
export function isWorkloadKind(kind: unknown): kind is WorkloadKind {
  return typeof kind === "string" && (WORKLOAD_KINDS as readonly string[]).includes(kind);
}

/**
 * The path of the pod spec inside an object of `kind`: [] for a Pod, ["spec","template","spec"]
 * for the controllers, ["spec","jobTemplate","spec","template","spec"] for a CronJob; undefined
 * for any other kind.
 */
export function podSpecPath(kind: string): string[] | undefined {
  if (!isWorkloadKind(kind)) return undefined;
  if (kind === "Pod") return ["spec"];
  if (kind === "CronJob") return ["spec", "jobTemplate", "spec", "template", "spec"];
  return ["spec", "template", "spec"];
}

/** The pod spec object of a workload document, or undefined when absent or not a workload. */
export function podSpecOf(doc: Obj): Obj | undefined {
  const p = podSpecPath(String(doc.kind));
  if (!p) return undefined;
  let cur: unknown = doc;
  for (const k of p) cur = isObj(cur) ? cur[k] : undefined;
  return isObj(cur) ? cur : undefined;
}

/**
 * Every image of one parsed document, in document order (containers, then initContainers, then
 * ephemeralContainers). A non-string `image` is reported with its JSON text, so that the caller's
 * parse check names it (KOTS would fail to decode it).
 */
export function imagesOfDocument(doc: unknown, file: string): FoundImage[] {
  if (!isObj(doc)) return [];
  const kind = String(doc.kind ?? "");
  const name = isObj(doc.metadata) ? String(doc.metadata.name ?? "") : "";
  const out: FoundImage[] = [];
  if (kind === "Application" && String(doc.apiVersion) === "kots.io/v1beta1") {
    const extra = isObj(doc.spec) ? doc.spec.additionalImages : undefined;
    if (Array.isArray(extra))
      extra.forEach((image, i) => out.push({ image: typeof image === "string" ? image : JSON.stringify(image), file, object: `Application/${name}`, field: `spec.additionalImages[${i}]` }));
    return out;
  }
  const spec = podSpecOf(doc);
  if (!spec) return out;
  const prefix = podSpecPath(kind)!.join(".");
  for (const field of CONTAINER_FIELDS) {
    const list = spec[field];
    if (!Array.isArray(list)) continue;
    list.forEach((c, i) => {
      if (!isObj(c) || c.image === undefined || c.image === null) return;
      out.push({ image: typeof c.image === "string" ? c.image : JSON.stringify(c.image), file, object: `${kind}/${name}`, field: `${prefix}.${field}[${i}].image` });
    });
  }
  return out;
}

/** Distinct image strings of `found`, first occurrence order. */
export function distinctImages(found: readonly FoundImage[]): string[] {
  return [...new Set(found.map((f) => f.image))];
}

/**
 * The image names a release passes to `LocalImageName` as string literals (`"…"` or `` `…` ``),
 * as written, first occurrence order: an operator's images are often only such arguments (in an
 * env value), which no image field holds. Their privacy is checked with the manifests' images, so
 * that LocalImageName can answer with the proxy name as KOTS's live check would (KOTS calls
 * IsPrivateImage inside the template function; our templates do no I/O). An argument computed at
 * render time (`LocalImageName (ConfigOption "x")`) is not seen here: list such images in the
 * Application's additionalImages, as KOTS asks of operators anyway.
 */
export function localImageNameLiterals(texts: readonly string[]): string[] {
  const out = new Set<string>();
  const re = /\bLocalImageName\s+(?:"((?:[^"\\\n]|\\.)*)"|`([^`]*)`)/g;
  for (const t of texts) for (const m of t.matchAll(re)) out.add(m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2]!);
  return [...out];
}
