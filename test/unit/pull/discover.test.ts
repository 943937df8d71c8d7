// Image discovery and pull-secret patches of kots pull (issue 13 part 2). Expected values written
// from the rule: containers, initContainers and ephemeralContainers of Pod, Deployment,
// StatefulSet, DaemonSet, ReplicaSet, Job and CronJob (under jobTemplate), plus additionalImages.
import { describe, expect, test } from "bun:test";
import { distinctImages, imagesOfDocument, podSpecPath } from "../../../src/pull/discover.ts";
import { pullSecretName, pullSecretObject, pullSecretPatch, pullSecretPatchesYaml } from "../../../src/pull/pullsecrets.ts";
import { isExcludedByAnnotation, isKotsKind } from "../../../src/pull/base.ts";
import { parseAllDocuments } from "yaml";

const pod = (images: { c?: string[]; i?: string[]; e?: string[] }) => ({
  containers: (images.c ?? []).map((image, n) => ({ name: `c${n}`, image })),
  ...(images.i ? { initContainers: images.i.map((image, n) => ({ name: `i${n}`, image })) } : {}),
  ...(images.e ? { ephemeralContainers: images.e.map((image, n) => ({ name: `e${n}`, image })) } : {}),
});
const templated = (kind: string, spec: object) => ({ apiVersion: "apps/v1", kind, metadata: { name: "w" }, spec: { template: { spec } } });

describe("imagesOfDocument", () => {
  const cases: [string, object, string[], string[]][] = [
    ["Pod", { apiVersion: "v1", kind: "Pod", metadata: { name: "w" }, spec: pod({ c: ["a:1"], i: ["b:1"], e: ["c:1"] }) }, ["a:1", "b:1", "c:1"], ["spec.containers[0].image", "spec.initContainers[0].image", "spec.ephemeralContainers[0].image"]],
    ["Deployment", templated("Deployment", pod({ c: ["a:1", "a:2"], i: ["b"] })), ["a:1", "a:2", "b"], ["spec.template.spec.containers[0].image", "spec.template.spec.containers[1].image", "spec.template.spec.initContainers[0].image"]],
    ["StatefulSet", templated("StatefulSet", pod({ c: ["pg:14"] })), ["pg:14"], ["spec.template.spec.containers[0].image"]],
    ["DaemonSet", templated("DaemonSet", pod({ c: ["agent"], e: ["dbg"] })), ["agent", "dbg"], ["spec.template.spec.containers[0].image", "spec.template.spec.ephemeralContainers[0].image"]],
    ["ReplicaSet", templated("ReplicaSet", pod({ c: ["rs:1"] })), ["rs:1"], ["spec.template.spec.containers[0].image"]],
    ["Job", { apiVersion: "batch/v1", kind: "Job", metadata: { name: "w" }, spec: { template: { spec: pod({ c: ["job:1"], i: ["init:1"] }) } } }, ["job:1", "init:1"], ["spec.template.spec.containers[0].image", "spec.template.spec.initContainers[0].image"]],
    ["CronJob", { apiVersion: "batch/v1", kind: "CronJob", metadata: { name: "w" }, spec: { jobTemplate: { spec: { template: { spec: pod({ c: ["cron:1"], i: ["busybox"] }) } } } } }, ["cron:1", "busybox"], ["spec.jobTemplate.spec.template.spec.containers[0].image", "spec.jobTemplate.spec.template.spec.initContainers[0].image"]],
  ];
  for (const [kind, doc, images, fields] of cases)
    test(kind, () => {
      const found = imagesOfDocument(doc, "f.yaml");
      expect(found.map((f) => f.image)).toEqual(images);
      expect(found.map((f) => f.field)).toEqual(fields);
      expect(found.every((f) => f.object === `${kind}/w` && f.file === "f.yaml")).toBe(true);
    });

  test("kots.io Application additionalImages; other kinds and other Applications give none", () => {
    const app = { apiVersion: "kots.io/v1beta1", kind: "Application", metadata: { name: "acme" }, spec: { additionalImages: ["alpine:3.19", "quay.io/o/x:1"] } };
    expect(imagesOfDocument(app, "app.yaml")).toEqual([
      { image: "alpine:3.19", file: "app.yaml", object: "Application/acme", field: "spec.additionalImages[0]" },
      { image: "quay.io/o/x:1", file: "app.yaml", object: "Application/acme", field: "spec.additionalImages[1]" },
    ]);
    expect(imagesOfDocument({ ...app, apiVersion: "app.k8s.io/v1beta1" }, "a")).toEqual([]);
    expect(imagesOfDocument({ apiVersion: "v1", kind: "Service", metadata: { name: "s" }, spec: { template: { spec: pod({ c: ["x"] }) } } }, "s")).toEqual([]);
    expect(imagesOfDocument({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d" } }, "d")).toEqual([]);
    expect(imagesOfDocument(null, "n")).toEqual([]);
  });

  test("a non-string image is reported (so its parse check names it); a container without image is skipped", () => {
    const found = imagesOfDocument(templated("Deployment", { containers: [{ name: "a", image: 42 }, { name: "b" }] }), "f");
    expect(found.map((f) => f.image)).toEqual(["42"]);
  });

  test("distinctImages keeps first-seen order", () => {
    const found = [...imagesOfDocument(templated("Deployment", pod({ c: ["b", "a", "b"] })), "f")];
    expect(distinctImages(found)).toEqual(["b", "a"]);
  });

  test("podSpecPath", () => {
    expect(podSpecPath("Pod")).toEqual(["spec"]);
    expect(podSpecPath("CronJob")).toEqual(["spec", "jobTemplate", "spec", "template", "spec"]);
    expect(podSpecPath("Job")).toEqual(["spec", "template", "spec"]);
    expect(podSpecPath("Service")).toBeUndefined();
  });
});

describe("pull secret and its patches (KOTS pkg/midstream, pkg/k8sdoc)", () => {
  test("names: <appSlug>-registry", () => {
    expect(pullSecretName("acme-helpdesk")).toBe("acme-helpdesk-registry");
  });

  test("patch shapes: Pod spec, template spec, CronJob jobTemplate", () => {
    const ips = { imagePullSecrets: [{ name: "s" }] };
    expect(pullSecretPatch({ apiVersion: "v1", kind: "Pod", name: "p" }, "s")).toEqual({ apiVersion: "v1", kind: "Pod", metadata: { name: "p" }, spec: ips });
    expect(pullSecretPatch({ apiVersion: "apps/v1", kind: "Deployment", name: "d", namespace: "ns" }, "s")).toEqual({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "d", namespace: "ns" }, spec: { template: { spec: ips } } });
    expect(pullSecretPatch({ apiVersion: "batch/v1", kind: "CronJob", name: "c" }, "s")).toEqual({ apiVersion: "batch/v1", kind: "CronJob", metadata: { name: "c" }, spec: { jobTemplate: { spec: { template: { spec: ips } } } } });
    expect(pullSecretPatch({ apiVersion: "v1", kind: "Service", name: "x" }, "s")).toBeUndefined();
  });

  test("pullsecrets.yaml is one document per workload", () => {
    const text = pullSecretPatchesYaml([{ apiVersion: "apps/v1", kind: "Deployment", name: "a" }, { apiVersion: "batch/v1", kind: "Job", name: "b" }, { apiVersion: "v1", kind: "ConfigMap", name: "c" }], "s");
    const docs = parseAllDocuments(text).map((d) => d.toJS());
    expect(docs.map((d) => `${d.kind}/${d.metadata.name}`)).toEqual(["Deployment/a", "Job/b"]);
    expect(pullSecretPatchesYaml([], "s")).toBe("");
  });

  test("the Secret is a kubernetes.io/dockerconfigjson for the registry host", () => {
    const s = pullSecretObject("acme", "127.0.0.1:5000", "u", "p@ss") as { type: string; metadata: { name: string }; data: Record<string, string> };
    expect(s.type).toBe("kubernetes.io/dockerconfigjson");
    expect(s.metadata.name).toBe("acme-registry");
    expect(JSON.parse(Buffer.from(s.data[".dockerconfigjson"]!, "base64").toString())).toEqual({ auths: { "127.0.0.1:5000": { username: "u", password: "p@ss", auth: Buffer.from("u:p@ss").toString("base64") } } });
  });
});

describe("what the base leaves out (KOTS ShouldBeIncludedInBaseKustomization)", () => {
  test("KOTS kinds", () => {
    for (const apiVersion of ["kots.io/v1beta1", "troubleshoot.sh/v1beta2", "troubleshoot.replicated.com/v1beta1", "app.k8s.io/v1beta1", "kurl.sh/v1beta1"]) expect(isKotsKind({ apiVersion, kind: "X" })).toBe(true);
    expect(isKotsKind({ apiVersion: "velero.io/v1", kind: "Backup" })).toBe(true);
    expect(isKotsKind({ apiVersion: "velero.io/v1", kind: "Restore" })).toBe(false);
    expect(isKotsKind({ apiVersion: "apps/v1", kind: "Deployment" })).toBe(false);
  });

  test("kots.io/exclude and kots.io/when, as Go's ParseBool reads them", () => {
    const doc = (annotations: Record<string, unknown>) => ({ metadata: { annotations } });
    expect(isExcludedByAnnotation(doc({ "kots.io/when": "false" }), "f")).toBe(true);
    expect(isExcludedByAnnotation(doc({ "kots.io/when": "0" }), "f")).toBe(true);
    expect(isExcludedByAnnotation(doc({ "kots.io/when": "True" }), "f")).toBe(false);
    expect(isExcludedByAnnotation(doc({ "kots.io/exclude": true }), "f")).toBe(true);
    expect(isExcludedByAnnotation(doc({ "kots.io/exclude": "f" }), "f")).toBe(false);
    expect(isExcludedByAnnotation({ metadata: {} }, "f")).toBe(false);
    expect(() => isExcludedByAnnotation(doc({ "kots.io/when": "maybe" }), "f.yaml")).toThrow(/f.yaml: annotation kots.io\/when is "maybe"/);
  });
});
