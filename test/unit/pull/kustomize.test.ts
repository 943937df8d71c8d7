// kots pull's overlays rendered by the real `kubectl kustomize` (the kubectl built for the test
// cluster: scripts/cluster bin-dir; scripts/cluster build makes it): every image of the output
// points at the private registry and every workload carries the pull secret.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { copyJobs, readImagesJson } from "../../../src/pull/copy-plan.ts";
import { imagesOfDocument, isWorkloadKind, podSpecOf } from "../../../src/pull/discover.ts";
import { fixtureRelease, outputs, REPO, rewriteArgs, runPull, SECRET, removeTempDirs, tempDir } from "./support.ts";

afterAll(removeTempDirs);

function kubectl(): string {
  const r = Bun.spawnSync([path.join(REPO, "scripts/cluster"), "bin-dir"], { stdout: "pipe", stderr: "pipe" });
  const bin = path.join(r.stdout.toString().trim().split("\n").pop() ?? "", "kubectl");
  if (!existsSync(bin)) throw new Error(`no kubectl at ${bin}: run scripts/cluster build`);
  return bin;
}

function kustomize(dir: string): Record<string, unknown>[] {
  const r = Bun.spawnSync([kubectl(), "kustomize", dir], { stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${r.stderr.toString()}`);
  return parseAllDocuments(r.stdout.toString()).map((d) => d.toJS() as Record<string, unknown>).filter(Boolean);
}

const REGISTRY = "127.0.0.1:5000/acme/";
let appDir: string;
let run: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  const root = tempDir("kots-pull-k-");
  run = await runPull([fixtureRelease(), ...rewriteArgs(root), "-n", "helpdesk"], { stdin: `${SECRET}\n` });
  appDir = path.join(root, "acme-helpdesk");
});

describe("kubectl kustomize of the pulled tree", () => {
  test("the pull succeeds and ends with the kubectl apply -k commands", () => {
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines[lines.length - 1]).toBe(`kubectl apply -k ${appDir}/overlays/downstreams/this-cluster`);
    expect(lines).toContain(`kubectl apply -k ${appDir}/admin-console`);
  });

  for (const overlay of ["overlays/midstream", "overlays/downstreams/this-cluster"])
    test(`${overlay}: every image at the private registry, every workload with the pull secret`, () => {
      const docs = kustomize(path.join(appDir, overlay));
      const workloads = docs.filter((d) => isWorkloadKind(d.kind));
      expect(workloads.map((d) => `${d.kind}/${(d.metadata as { name: string }).name}`).sort()).toEqual(
        ["CronJob/acme-report", "DaemonSet/acme-agent", "Deployment/acme-redis", "Deployment/acme-web", "Job/acme-seed", "Pod/acme-debug", "ReplicaSet/acme-worker", "StatefulSet/acme-postgres"],
      );
      const images = docs.flatMap((d) => imagesOfDocument(d, overlay));
      expect(images.length).toBe(11);
      for (const i of images) expect(`${i.object} ${i.field} ${i.image}`).toStartWith(`${i.object} ${i.field} ${REGISTRY}`);
      const byName = Object.fromEntries(images.map((i) => [`${i.object} ${i.field}`, i.image]));
      expect(byName["Pod/acme-debug spec.ephemeralContainers[0].image"]).toBe(`${REGISTRY}debugger@sha256:${"0123456789abcdef".repeat(4)}`);
      expect(byName["DaemonSet/acme-agent spec.template.spec.containers[0].image"]).toBe(`${REGISTRY}agent:latest`);
      expect(byName["CronJob/acme-report spec.jobTemplate.spec.template.spec.initContainers[0].image"]).toBe(`${REGISTRY}busybox:1.36`);
      expect(byName["ReplicaSet/acme-worker spec.template.spec.containers[0].image"]).toBe(`${REGISTRY}redis:7.2-alpine`);
      for (const w of workloads) expect(podSpecOf(w)?.imagePullSecrets).toContainEqual({ name: "acme-helpdesk-registry" });
      const secret = docs.find((d) => d.kind === "Secret" && (d.metadata as { name: string }).name === "acme-helpdesk-registry") as { type: string; data: Record<string, string> };
      expect(secret.type).toBe("kubernetes.io/dockerconfigjson");
      expect(JSON.parse(Buffer.from(secret.data[".dockerconfigjson"]!, "base64").toString()).auths["127.0.0.1:5000"].username).toBe("pusher");
      if (overlay.includes("this-cluster")) for (const d of docs) expect((d.metadata as { namespace?: string }).namespace).toBe("helpdesk");
    });

  test("admin-console: kotsadm, Postgres and MinIO images at the private registry, with kotsadm-private-registry", () => {
    const docs = kustomize(path.join(appDir, "admin-console"));
    const images = docs.flatMap((d) => imagesOfDocument(d, "admin-console"));
    expect(images.length).toBeGreaterThan(4);
    for (const i of images) expect(i.image).toStartWith(REGISTRY);
    for (const w of docs.filter((d) => isWorkloadKind(d.kind))) expect(podSpecOf(w)?.imagePullSecrets).toContainEqual({ name: "kotsadm-private-registry" });
    expect(docs.some((d) => d.kind === "Secret" && (d.metadata as { name: string }).name === "kotsadm-password")).toBe(false);
    expect(docs.some((d) => d.kind === "Namespace")).toBe(false);
  });

  test("one repository with two tags: each image keeps its own tag", async () => {
    const root = tempDir("kots-pull-k2-");
    const extra = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: two\nspec:\n  template:\n    spec:\n      containers:\n        - {name: a, image: 'postgres:16'}\n        - {name: b, image: 'docker.io/library/postgres:10'}\n";
    const r = await runPull([fixtureRelease(extra), ...rewriteArgs(root), "--exclude-admin-console"], { stdin: SECRET });
    expect(r.code).toBe(0);
    const docs = kustomize(path.join(root, "acme-helpdesk/overlays/downstreams/this-cluster"));
    const two = docs.find((d) => (d.metadata as { name: string }).name === "two")!;
    expect(imagesOfDocument(two, "x").map((i) => i.image)).toEqual([`${REGISTRY}postgres:16`, `${REGISTRY}postgres:10`]);
    // the release's own postgres:14.5-alpine (LocalImageName) is rendered at the registry in base
    const pg = docs.find((d) => (d.metadata as { name: string }).name === "acme-postgres" && d.kind === "StatefulSet")!;
    expect(imagesOfDocument(pg, "x").map((i) => i.image)).toEqual([`${REGISTRY}postgres:14.5-alpine`]);
  });

  test("images.json lists every source image with its destination", () => {
    const j = JSON.parse(readFileSync(path.join(appDir, "images.json"), "utf8"));
    const sources = j.images.map((i: { source: string }) => i.source).sort();
    expect(sources).toEqual(
      ["busybox:1.36", "docker.io/acme/report:2.0", "docker.io/library/postgres:14.5-alpine", "ghcr.io/acme/helpdesk-web:3.4.1", "ghcr.io/acme/seed:1.0", "index.docker.io/library/alpine:3.19", "library/redis:7.2-alpine", "nginx:1.25", "postgres:14.5-alpine", `quay.io/acme/tools/debugger@sha256:${"0123456789abcdef".repeat(4)}`, "redis:7.2-alpine", "registry.local:5000/team/agent"].sort(),
    );
    expect(j.images.find((i: { source: string }) => i.source === "nginx:1.25")).toEqual({ source: "nginx:1.25", normalized: "docker.io/library/nginx:1.25", destination: `${REGISTRY}nginx:1.25` });
    expect(j.registry).toEqual({ host: "127.0.0.1:5000", namespace: "acme" });
    expect(j.adminConsoleImages.map((i: { destination: string }) => i.destination)).toContain(`${REGISTRY}kotsadm:v1.88.0`);
    // the copy engine's jobs: one per distinct normalised source (postgres:14.5-alpine is written twice)
    const jobs = copyJobs(readImagesJson(appDir));
    expect(jobs).toContainEqual({ src: "docker.io/library/redis:7.2-alpine", dst: `${REGISTRY}redis:7.2-alpine` });
    expect(jobs).toContainEqual({ src: "docker.io/kotsadm/kotsadm:v1.88.0", dst: `${REGISTRY}kotsadm:v1.88.0` });
    expect(jobs.filter((j) => j.src === "docker.io/library/postgres:14.5-alpine")).toHaveLength(1);
    expect(new Set(jobs.map((j) => j.src)).size).toBe(jobs.length);
  });

  test("the registry password is in no output, and only in 0600 files", () => {
    for (const o of outputs) expect(o).not.toContain(SECRET);
    const secretFile = path.join(appDir, "overlays/midstream/secret.yaml");
    expect(Bun.spawnSync(["stat", "-c", "%a", secretFile]).stdout.toString().trim()).toBe("600");
    const acSecret = path.join(appDir, "admin-console/10-secret-kotsadm-private-registry.yaml");
    expect(Bun.spawnSync(["stat", "-c", "%a", acSecret]).stdout.toString().trim()).toBe("600");
    // only inside the base64 data of those two Secrets, never in plain text
    expect(Bun.spawnSync(["grep", "-rl", SECRET, appDir]).stdout.toString()).toBe("");
    const decoded = (f: string) => Buffer.from((readFileSync(f, "utf8").match(/\.dockerconfigjson: (\S+)/) ?? [])[1] ?? "", "base64").toString();
    expect(JSON.parse(decoded(secretFile)).auths["127.0.0.1:5000"].password).toBe(SECRET);
    expect(JSON.parse(decoded(acSecret)).auths["127.0.0.1:5000"].password).toBe(SECRET);
  });
});
