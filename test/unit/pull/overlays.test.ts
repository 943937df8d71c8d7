// The kustomizations of kots pull's tree (KOTS v1.88 pkg/midstream, pkg/downstream shapes).
import { afterAll, describe, expect, test } from "bun:test";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { downstreamFile, midstreamFiles } from "../../../src/pull/overlays.ts";
import { writeTree } from "../../../src/pull/tree.ts";
import { removeTempDirs, tempDir } from "./support.ts";

afterAll(removeTempDirs);

const T = { host: "registry.example.com", namespace: "acme" };
const W = [{ apiVersion: "batch/v1", kind: "CronJob", name: "report" }];
const byPath = (files: { path: string; text: string }[]) => Object.fromEntries(files.map((f) => [f.path, f.text]));

describe("midstreamFiles", () => {
  test("no rewrite: bases and the app-slug annotation only", () => {
    const { files, warnings } = midstreamFiles({ appSlug: "acme", sources: ["redis:7"], workloads: W });
    expect(files.map((f) => f.path)).toEqual(["overlays/midstream/kustomization.yaml"]);
    expect(parse(files[0]!.text)).toEqual({ apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", bases: ["../../base"], commonAnnotations: { "kots.io/app-slug": "acme" } });
    expect(warnings).toEqual([]);
  });

  test("rewrite with credentials: images, configurations, secret.yaml, pullsecrets.yaml", () => {
    const { files } = midstreamFiles({ appSlug: "acme", sources: ["ghcr.io/a/web:1"], workloads: W, rewrite: T, registry: { username: "u", password: "p" } });
    const f = byPath(files);
    const k = parse(f["overlays/midstream/kustomization.yaml"]!);
    expect(k.bases).toEqual(["../../base"]);
    expect(k.resources).toEqual(["secret.yaml"]);
    expect(k.patchesStrategicMerge).toEqual(["pullsecrets.yaml"]);
    expect(k.configurations).toEqual(["kustomizeconfig-images.yaml"]);
    expect(k.images).toEqual([{ name: "ghcr.io/a/web", newName: "registry.example.com/acme/web", newTag: "1" }]);
    expect(parse(f["overlays/midstream/pullsecrets.yaml"]!)).toEqual({ apiVersion: "batch/v1", kind: "CronJob", metadata: { name: "report" }, spec: { jobTemplate: { spec: { template: { spec: { imagePullSecrets: [{ name: "acme-registry" }] } } } } } });
    expect(parse(f["overlays/midstream/secret.yaml"]!).metadata.name).toBe("acme-registry");
    expect(files.find((x) => x.path.endsWith("secret.yaml"))!.secret).toBe(true);
  });

  test("rewrite without credentials: no Secret, no patches, a warning", () => {
    const { files, warnings } = midstreamFiles({ appSlug: "acme", sources: ["redis:7"], workloads: W, rewrite: T });
    expect(files.map((f) => f.path).sort()).toEqual(["overlays/midstream/kustomization.yaml", "overlays/midstream/kustomizeconfig-images.yaml"]);
    expect(warnings[0]).toContain("no pull Secret acme-registry was written");
  });

  test("downstream this-cluster", () => {
    expect(parse(downstreamFile().text)).toEqual({ apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", bases: ["../../midstream"] });
    expect(parse(downstreamFile("helpdesk").text).namespace).toBe("helpdesk");
  });
});

describe("writeTree", () => {
  test("renamed into place; secrets 0600; nothing else left beside it", () => {
    const rel = tempDir("kots-tree-rel-");
    const root = tempDir("kots-tree-root-");
    writeTree(rel, path.join(root, "app"), [{ path: "a/b.yaml", text: "x: 1\n" }, { path: "s.yaml", text: "s\n", secret: true }], "--rootdir r");
    expect(readdirSync(root)).toEqual(["app"]);
    expect(readFileSync(path.join(root, "app/a/b.yaml"), "utf8")).toBe("x: 1\n");
    expect(statSync(path.join(root, "app/s.yaml")).mode & 0o777).toBe(0o600);
    expect(readdirSync(path.join(root, "app/upstream"))).toEqual([]);
  });

  test("a file where a directory must go: the error is rethrown and the temporary directory removed", () => {
    const rel = tempDir("kots-tree-rel-");
    const root = tempDir("kots-tree-root-");
    expect(() => writeTree(rel, path.join(root, "app"), [{ path: "a", text: "file" }, { path: "a/b.yaml", text: "x" }], "--rootdir r")).toThrow();
    expect(readdirSync(root)).toEqual([]);
  });
});
