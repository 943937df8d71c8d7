/**
 * The presence analyzers of troubleshoot v0.133.0: customResourceDefinition (crd.go),
 * storageClass (storage_class.go), ingressClass (ingress_class.go), ingress (ingress.go). `when`
 * is ignored; the last pass / fail outcome's message is used; the default-class variants have
 * default messages. Expected values worked out from the Go source.
 */
import { describe, expect, test } from "bun:test";
import { customResourceDefinition } from "../../../src/preflight/app/analyzers/crd.ts";
import { ingressClass } from "../../../src/preflight/app/analyzers/ingress-class.ts";
import { ingress } from "../../../src/preflight/app/analyzers/ingress.ts";
import { storageClass } from "../../../src/preflight/app/analyzers/storage-class.ts";
import { files, namedList } from "./cluster-helpers.ts";

const crds = files({ "cluster-resources/custom-resource-definitions.json": namedList("CustomResourceDefinition", "apiextensions.k8s.io/v1", [{ name: "backups.velero.io" }]) });

describe("customResourceDefinition", () => {
  test("found: pass with the last pass outcome's message, when ignored", () => {
    const spec = { customResourceDefinitionName: "backups.velero.io", outcomes: [{ pass: { message: "p1" } }, { fail: { message: "f" } }, { pass: { when: "false", message: "p2", uri: "u2" } }] };
    expect(customResourceDefinition.analyze(spec, crds)).toEqual([{ title: "Custom resource definition backups.velero.io", outcome: "pass", message: "p2", uri: "u2", strict: false }]);
    expect(customResourceDefinition.analyze({ customResourceDefinitionName: "backups.velero.io" }, crds)).toEqual([
      { title: "Custom resource definition backups.velero.io", outcome: "pass", message: "", uri: "", strict: false },
    ]);
  });

  test("missing: the last fail/warn outcome's message; warn wins the outcome if any warn exists", () => {
    const name = { customResourceDefinitionName: "restores.velero.io", checkName: "Velero" };
    expect(customResourceDefinition.analyze({ ...name, outcomes: [{ fail: { message: "f1" } }, { pass: { message: "p" } }] }, crds)).toEqual([
      { title: "Velero", outcome: "fail", message: "f1", uri: "", strict: false },
    ]);
    expect(customResourceDefinition.analyze({ ...name, outcomes: [{ warn: { message: "w1" } }, { fail: { message: "f1", uri: "fu" } }] }, crds)).toEqual([
      { title: "Velero", outcome: "warn", message: "f1", uri: "fu", strict: false },
    ]);
    expect(customResourceDefinition.analyze({ ...name, outcomes: [{ fail: { message: "f1" } }, { warn: { message: "w1" } }] }, crds)[0]).toMatchObject({ outcome: "warn", message: "w1" });
    expect(customResourceDefinition.analyze({ ...name, outcomes: [{ pass: { message: "p" } }] }, crds)).toEqual([]);
  });

  test("errors are troubleshoot's unwrapped ones", () => {
    expect(() => customResourceDefinition.analyze({ customResourceDefinitionName: "x" }, files({}))).toThrow(/^file cluster-resources\/custom-resource-definitions.json was not collected$/);
    expect(() => customResourceDefinition.analyze({ customResourceDefinitionName: "x" }, files({ "cluster-resources/custom-resource-definitions.json": "" }))).toThrow(/^unexpected end of JSON input$/);
  });
});

const classes = files({
  "cluster-resources/storage-classes.json": namedList("StorageClass", "storage.k8s.io/v1", [{ name: "standard", annotations: { "storageclass.kubernetes.io/is-default-class": "true" } }, { name: "fast" }]),
  "cluster-resources/ingress-classes.json": namedList("IngressClass", "networking.k8s.io/v1", [{ name: "nginx" }, { name: "traefik", annotations: { "ingressclass.kubernetes.io/is-default-class": "TRUE" } }]),
});

describe("storageClass", () => {
  test("default class: titles and default messages", () => {
    expect(storageClass.analyze({}, classes)).toEqual([{ title: "Default Storage Class", outcome: "pass", message: "Default Storage Class found", uri: "", strict: false }]);
    const noDefault = files({ "cluster-resources/storage-classes.json": namedList("StorageClass", "storage.k8s.io/v1", [{ name: "fast", annotations: { "storageclass.kubernetes.io/is-default-class": "false" } }]) });
    expect(storageClass.analyze({ outcomes: [{ fail: { message: "" } }] }, noDefault)).toEqual([{ title: "Default Storage Class", outcome: "fail", message: "No Default Storage Class found", uri: "", strict: false }]);
    expect(storageClass.analyze({ outcomes: [{ pass: { message: "yes" } }, { fail: { message: "no", uri: "https://x" } }] }, noDefault)).toEqual([
      { title: "Default Storage Class", outcome: "fail", message: "no", uri: "https://x", strict: false },
    ]);
  });

  test("a named class: no default message", () => {
    expect(storageClass.analyze({ storageClassName: "fast", outcomes: [{ pass: { message: "has fast" } }] }, classes)).toEqual([{ title: "Storage class fast", outcome: "pass", message: "has fast", uri: "", strict: false }]);
    expect(storageClass.analyze({ storageClassName: "slow", checkName: "Slow", strict: true }, classes)).toEqual([{ title: "Slow", outcome: "fail", message: "", uri: "", strict: true }]);
  });

  test("errors", () => {
    expect(() => storageClass.analyze({}, files({}))).toThrow(/^file cluster-resources\/storage-classes.json was not collected$/);
  });
});

describe("ingressClass", () => {
  test("the default annotation must be exactly \"true\"", () => {
    expect(ingressClass.analyze({}, classes)).toEqual([{ title: "Default Ingress Class", outcome: "fail", message: "No Default Ingress Class found", uri: "", strict: false }]);
    expect(ingressClass.analyze({ ingressClassName: "nginx", outcomes: [{ pass: { message: "nginx ok" } }] }, classes)).toEqual([{ title: "Ingress class nginx", outcome: "pass", message: "nginx ok", uri: "", strict: false }]);
    const withDefault = files({ "cluster-resources/ingress-classes.json": namedList("IngressClass", "networking.k8s.io/v1", [{ name: "x", annotations: { "ingressclass.kubernetes.io/is-default-class": "true" } }]) });
    expect(ingressClass.analyze({}, withDefault)[0]).toMatchObject({ outcome: "pass", message: "Default Ingress Class found" });
    expect(ingressClass.analyze({ ingressClassName: "haproxy" }, classes)[0]).toMatchObject({ title: "Ingress class haproxy", outcome: "fail", message: "" });
  });

  test("errors", () => {
    expect(() => ingressClass.analyze({}, files({}))).toThrow(/^file cluster-resources\/ingress-classes.json was not collected$/);
  });
});

describe("ingress", () => {
  const ing = files({ "cluster-resources/ingress/shop.json": namedList("Ingress", "networking.k8s.io/v1", [{ name: "web" }]) });
  test("found / not found in the namespace's file", () => {
    const outcomes = [{ fail: { message: "no web ingress", uri: "https://x" } }, { pass: { message: "web ingress" } }];
    expect(ingress.analyze({ namespace: "shop", ingressName: "web", outcomes }, ing)).toEqual([{ title: "Ingress web", outcome: "pass", message: "web ingress", uri: "", strict: false }]);
    expect(ingress.analyze({ namespace: "shop", ingressName: "api", outcomes }, ing)).toEqual([{ title: "Ingress api", outcome: "fail", message: "no web ingress", uri: "https://x", strict: false }]);
    expect(ingress.analyze({ namespace: "shop", ingressName: "api", checkName: "API" }, ing)).toEqual([{ title: "API", outcome: "fail", message: "", uri: "", strict: false }]);
  });

  test("the path is filepath.Join'ed; a namespace not collected is an error", () => {
    expect(ingress.analyze({ namespace: "x/../shop", ingressName: "web" }, ing)[0]?.outcome).toBe("pass");
    expect(() => ingress.analyze({ namespace: "other", ingressName: "web" }, ing)).toThrow(/^file cluster-resources\/ingress\/other.json was not collected$/);
    expect(() => ingress.analyze({ ingressName: "web" }, ing)).toThrow(/^file cluster-resources\/ingress\/.json was not collected$/);
  });
});
