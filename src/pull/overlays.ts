/**
 * base/ and overlays/ of kots pull (KOTS v1.88 pkg/base/write.go, pkg/midstream/write.go,
 * pkg/downstream): the base kustomization listing the rendered files; the midstream over
 * `../../base` with the `images:` rewrites, the pull Secret (`secret.yaml`) and the
 * `pullsecrets.yaml` patches; the downstream `this-cluster` over `../../midstream`.
 */
import type { RenderedFile } from "./base.ts";
import { isWorkloadKind } from "./discover.ts";
import { pullSecretName, pullSecretObject, pullSecretPatchesYaml, type WorkloadHeader } from "./pullsecrets.ts";
import type { ProxyPlan } from "../registry/proxy.ts";
import { kustomizeImageEntries, kustomizeImages, type RewriteTarget } from "./rewrite.ts";
import { KUSTOMIZATION, yamlText, type TreeFile } from "./tree.ts";

/** The midstream's kustomize transformer configuration: where else the images transformer looks. */
const IMAGES_CONFIG = "kustomizeconfig-images.yaml";
const EPHEMERAL_IMAGE_FIELDS = {
  images: [
    { path: "spec/ephemeralContainers[]/image", kind: "Pod" },
    { path: "spec/template/spec/ephemeralContainers[]/image" },
    { path: "spec/jobTemplate/spec/template/spec/ephemeralContainers[]/image", kind: "CronJob" },
  ],
};

/**
 * `base/`: each rendered file that keeps documents (Secrets' files mode 0600) and a
 * kustomization.yaml whose resources list them; plus the workloads found, for the patches.
 */
export function baseFiles(rendered: readonly RenderedFile[]): { files: TreeFile[]; workloads: WorkloadHeader[] } {
  const files: TreeFile[] = [];
  const resources: string[] = [];
  const workloads: WorkloadHeader[] = [];
  for (const f of rendered) {
    if (f.baseDocs.length === 0) continue;
    files.push({ path: `base/${f.path}`, text: f.baseDocs.map((d) => `---\n${d}`).join(""), secret: f.baseObjects.some((o) => o.kind === "Secret") });
    resources.push(f.path);
    for (const o of f.baseObjects) {
      if (!isWorkloadKind(o.kind)) continue;
      const md = (o.metadata ?? {}) as { name?: string; namespace?: string };
      workloads.push({ apiVersion: String(o.apiVersion), kind: String(o.kind), name: String(md.name ?? ""), namespace: md.namespace });
    }
  }
  files.push({ path: "base/kustomization.yaml", text: yamlText({ ...KUSTOMIZATION, resources }) });
  return { files, workloads };
}

/** What the midstream needs. */
export interface MidstreamInputs {
  appSlug: string;
  /** the source images (as written) */
  sources: readonly string[];
  workloads: readonly WorkloadHeader[];
  rewrite?: RewriteTarget;
  registry?: { username: string; password: string };
  /**
   * Without a rewrite target, with a license: the proxy rewrite of the private images and the
   * license ID for the pull Secret (KOTS pull.go writeMidstream, the `license != nil` branch).
   */
  proxy?: { plan: ProxyPlan; licenseID: string };
}

/**
 * `overlays/midstream/`: kustomization.yaml (bases [../../base]; with a rewrite target its
 * `images:` entries and `configurations` for ephemeralContainers; with credentials `resources:
 * [secret.yaml]` and `patchesStrategicMerge: [pullsecrets.yaml]`; commonAnnotations
 * kots.io/app-slug), and those files. A rewrite without credentials writes no Secret or patches
 * and returns a warning. With `proxy` instead (a license, no rewrite target): `images:` entries for
 * the proxied private images only (public ones and the kept ones are untouched), the Secret
 * `<appSlug>-registry` for the proxy and Replicated registry hosts with the license ID as username
 * and password, and the patches on every workload, as KOTS writes them whether or not an image is
 * private. Throws InvalidImageReferenceError for a source that does not parse.
 */
export function midstreamFiles(m: MidstreamInputs): { files: TreeFile[]; warnings: string[] } {
  const files: TreeFile[] = [];
  const warnings: string[] = [];
  const k: Record<string, unknown> = { ...KUSTOMIZATION, bases: ["../../base"] };
  const resources: string[] = [];
  const patches: string[] = [];
  if (m.rewrite) {
    k.images = kustomizeImages(m.sources, m.rewrite);
    // kustomize's images transformer skips ephemeralContainers: these field specs add them.
    files.push({ path: `overlays/midstream/${IMAGES_CONFIG}`, text: yamlText(EPHEMERAL_IMAGE_FIELDS) });
    k.configurations = [IMAGES_CONFIG];
    if (m.registry) {
      const secret = pullSecretObject(m.appSlug, m.rewrite.host, m.registry.username, m.registry.password);
      files.push({ path: "overlays/midstream/secret.yaml", text: yamlText(secret), secret: true });
      resources.push("secret.yaml");
      if (m.workloads.length > 0) {
        files.push({ path: "overlays/midstream/pullsecrets.yaml", text: pullSecretPatchesYaml(m.workloads, pullSecretName(m.appSlug)) });
        patches.push("pullsecrets.yaml");
      }
    } else {
      warnings.push(`no --registry-username and no docker login for ${m.rewrite.host}: no pull Secret ${pullSecretName(m.appSlug)} was written; the cluster must already be able to pull from ${m.rewrite.host}`);
    }
  }
  if (!m.rewrite && m.proxy) {
    const pairs = m.sources.filter((s) => m.proxy!.plan.proxied.has(s)).map((source) => ({ source, destination: m.proxy!.plan.proxied.get(source)! }));
    if (pairs.length > 0) {
      k.images = kustomizeImageEntries(pairs);
      files.push({ path: `overlays/midstream/${IMAGES_CONFIG}`, text: yamlText(EPHEMERAL_IMAGE_FIELDS) });
      k.configurations = [IMAGES_CONFIG];
    }
    const info = m.proxy.plan.info;
    const secret = pullSecretObject(m.appSlug, [info.host, info.replicatedHost], m.proxy.licenseID, m.proxy.licenseID);
    files.push({ path: "overlays/midstream/secret.yaml", text: yamlText(secret), secret: true });
    resources.push("secret.yaml");
    if (m.workloads.length > 0) {
      files.push({ path: "overlays/midstream/pullsecrets.yaml", text: pullSecretPatchesYaml(m.workloads, pullSecretName(m.appSlug)) });
      patches.push("pullsecrets.yaml");
    }
  }
  if (resources.length > 0) k.resources = resources;
  if (patches.length > 0) k.patchesStrategicMerge = patches;
  k.commonAnnotations = { "kots.io/app-slug": m.appSlug };
  files.push({ path: "overlays/midstream/kustomization.yaml", text: yamlText(k) });
  return { files, warnings };
}

/** `overlays/downstreams/this-cluster/kustomization.yaml`: bases [../../midstream], and `namespace` when given. */
export function downstreamFile(namespace?: string): TreeFile {
  const k: Record<string, unknown> = { ...KUSTOMIZATION, bases: ["../../midstream"] };
  if (namespace) k.namespace = namespace;
  return { path: "overlays/downstreams/this-cluster/kustomization.yaml", text: yamlText(k) };
}
