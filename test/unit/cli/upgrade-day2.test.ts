/**
 * The pure parts of `kots admin-console upgrade`: kotsadm tag order (the downgrade guard), the
 * image comparison shown before applying, and reading an install's options back from its objects.
 */
import { describe, expect, test } from "bun:test";
import { compareVersions, imageRepository, imageTag, parseTagVersion } from "../../../src/day2/kotsadm-version.ts";
import { describeChange, imageChanges } from "../../../src/day2/upgrade.ts";
import { appliedByKots, readInstalledOptions } from "../../../src/day2/upgrade-read.ts";
import type { K8sObject } from "../../../src/kube/apply.ts";
import { CliError } from "../../../src/errors.ts";

const v = (t: string) => parseTagVersion(t)!;

describe("kotsadm versions", () => {
  test("tags of image references, with registries, ports, namespaces and digests", () => {
    expect(imageTag("kotsadm/kotsadm:v1.88.0")).toBe("v1.88.0");
    expect(imageTag("registry.example:5000/mirror/kotsadm:v1.87.0")).toBe("v1.87.0");
    expect(imageTag("registry.example:5000/mirror/kotsadm")).toBeUndefined();
    expect(imageTag("kotsadm/kotsadm@sha256:abc")).toBeUndefined();
    expect(imageRepository("registry.example:5000/mirror/kotsadm:v1.87.0")).toBe("registry.example:5000/mirror/kotsadm");
    expect(imageRepository("registry.example:5000/kotsadm")).toBe("registry.example:5000/kotsadm");
  });

  test("semver order: numeric parts, a pre-release before its release, build metadata ignored, non-versions refused", () => {
    const order = ["v1.87.9", "v1.88.0-alpha", "v1.88.0-alpha.1", "v1.88.0-alpha.beta", "v1.88.0-beta.2", "v1.88.0-beta.11", "v1.88.0-rc.1", "v1.88.0", "v1.88.10", "v2.0.0"];
    for (let i = 1; i < order.length; i++) {
      expect(compareVersions(v(order[i - 1]!), v(order[i]!))).toBeLessThan(0);
      expect(compareVersions(v(order[i]!), v(order[i - 1]!))).toBeGreaterThan(0);
    }
    expect(compareVersions(v("v1.88.0+build.5"), v("1.88.0"))).toBe(0);
    for (const bad of ["latest", "alpha", "v1.88", "v01.88.0", ""]) expect(parseTagVersion(bad)).toBeUndefined();
  });
});

const workload = (kind: string, name: string, containers: Record<string, string>, init: Record<string, string> = {}, env: { name: string; value: string }[] = []): K8sObject => ({
  apiVersion: "apps/v1",
  kind,
  metadata: { name },
  spec: {
    template: {
      spec: {
        initContainers: Object.entries(init).map(([n, image]) => ({ name: n, image })),
        containers: Object.entries(containers).map(([n, image]) => ({ name: n, image, env })),
      },
    },
  },
});

describe("image changes", () => {
  test("grouped per workload and (old, new), unchanged images left out", () => {
    const running = [workload("Deployment", "kotsadm", { kotsadm: "kotsadm/kotsadm:v1.87.0" }, { "schemahero-plan": "kotsadm/kotsadm-migrations:v1.87.0", "restore-db": "kotsadm/kotsadm:v1.87.0" }), workload("StatefulSet", "kotsadm-postgres", { "kotsadm-postgres": "postgres:14.5-alpine" })];
    const plan = [workload("Deployment", "kotsadm", { kotsadm: "kotsadm/kotsadm:v1.88.0" }, { "schemahero-plan": "kotsadm/kotsadm-migrations:v1.88.0", "restore-db": "kotsadm/kotsadm:v1.88.0" }), workload("StatefulSet", "kotsadm-postgres", { "kotsadm-postgres": "postgres:14.5-alpine" })];
    const changes = imageChanges(running, plan);
    expect(changes.map((c) => describeChange(c))).toEqual([
      "Deployment/kotsadm kotsadm/kotsadm-migrations v1.87.0 → v1.88.0 (schemahero-plan)",
      "Deployment/kotsadm kotsadm/kotsadm v1.87.0 → v1.88.0 (restore-db, kotsadm)",
    ]);
    const moved = imageChanges([workload("Deployment", "kotsadm", { kotsadm: "kotsadm/kotsadm:v1.87.0" })], [workload("Deployment", "kotsadm", { kotsadm: "registry.example/kotsadm:v1.88.0" })]);
    expect(describeChange(moved[0]!, "->")).toBe("Deployment/kotsadm kotsadm/kotsadm:v1.87.0 -> registry.example/kotsadm:v1.88.0 (kotsadm)");
  });
});

describe("reading an install back", () => {
  const b64 = (s: string) => Buffer.from(s).toString("base64");
  const base = () => ({
    workload: workload("StatefulSet", "kotsadm", { kotsadm: "r.example:5000/m/kotsadm:v1.87.0" }, {}, [
      { name: "API_ADVERTISE_ENDPOINT", value: "http://localhost:8899" },
      { name: "HTTP_PROXY", value: "http://proxy:3128" },
      { name: "HTTPS_PROXY", value: "" },
      { name: "NO_PROXY", value: "corp.example,kotsadm-postgres,kotsadm-minio,kotsadm-api-node" },
    ]),
    postgres: { apiVersion: "apps/v1", kind: "StatefulSet", metadata: { name: "kotsadm-postgres" }, spec: { volumeClaimTemplates: [{ metadata: { name: "kotsadm-postgres" }, spec: { storageClassName: "fast" } }] } },
    config: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "kotsadm-confg" }, data: { "use-minimal-rbac": "true", "skip-preflights": "false", "wait-duration": "3m0s", "kotsadm-registry": "r.example:5000/m" } },
    applicationMetadata: { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "kotsadm-application-metadata" }, data: { "application.yaml": "", upstreamUri: "replicated://acme-helpdesk" } },
    password: { apiVersion: "v1", kind: "Secret", metadata: { name: "kotsadm-password" }, data: { passwordBcrypt: b64("$2b$10$x") } },
    registrySecret: { apiVersion: "v1", kind: "Secret", metadata: { name: "kotsadm-private-registry" }, data: { ".dockerconfigjson": b64(JSON.stringify({ auths: { "r.example:5000": { username: "bob", password: "p:w", auth: b64("bob:p:w") } } })) } },
    serviceAccount: {
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: {
        name: "kotsadm",
        labels: { "kots.io/kotsadm": "true", "kots.io/backup": "velero", team: "payments", "someone.else/label": "x" },
        annotations: { owner: "ops" },
        managedFields: [
          { manager: "kots", operation: "Apply", fieldsV1: { "f:metadata": { "f:labels": { "f:kots.io/kotsadm": {}, "f:kots.io/backup": {}, "f:team": {} }, "f:annotations": { "f:owner": {} } } } },
          { manager: "kubectl-label", operation: "Update", fieldsV1: { "f:metadata": { "f:labels": { "f:someone.else/label": {} } } } },
        ],
      },
    },
  }) as Parameters<typeof readInstalledOptions>[1];

  test("every option the objects show, only the labels and annotations kots applied", () => {
    const { options, seeds } = readInstalledOptions("acme", base());
    expect(options).toEqual({
      appSlug: "acme-helpdesk",
      namespace: "acme",
      skipPreflights: false,
      withMinio: false,
      useMinimalRbac: true,
      storageClass: "fast",
      kotsadmRegistry: "r.example:5000/m",
      registryUsername: "bob",
      registryPassword: "p:w",
      httpProxy: "http://proxy:3128",
      httpsProxy: undefined,
      noProxy: "corp.example",
      additionalLabels: { team: "payments" },
      additionalAnnotations: { owner: "ops" },
      port: 8899,
      waitDurationMs: 180_000,
    });
    expect(seeds).toEqual({ license: undefined, configValues: undefined, applicationYaml: "" });
    expect(appliedByKots(base().serviceAccount, "labels")).toEqual({ "kots.io/kotsadm": "true", "kots.io/backup": "velero", team: "payments" });
  });

  test("no workload, no password, no app slug: a CliError naming what is missing", () => {
    const msg = (o: Parameters<typeof readInstalledOptions>[1]) => {
      try {
        readInstalledOptions("acme", o);
      } catch (err) {
        expect(err).toBeInstanceOf(CliError);
        return (err as Error).message;
      }
      throw new Error("no error");
    };
    expect(msg({ ...base(), workload: undefined })).toContain("no Admin Console in namespace acme");
    expect(msg({ ...base(), password: undefined })).toContain("set one with kots reset-password acme, then upgrade");
    expect(msg({ ...base(), applicationMetadata: undefined })).toContain("cannot tell which app");
  });
});
