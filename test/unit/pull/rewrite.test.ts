// Table tests of the kots pull rewrite rules. Expected values written from KOTS's documented rule
// (seed 003: <registry>/<namespace>/<last path segment>, tag or digest kept; KOTS v1.88
// pkg/image/image.go DestImage, RewriteDockerRegistryImage and BuildImageAltNames).
import { describe, expect, test } from "bun:test";
import {
  alternativeNames,
  destinationImage,
  imageMappings,
  kustomizeImages,
  parseRewriteTarget,
  RewriteInputError,
  stripTagAndDigest,
} from "../../../src/pull/rewrite.ts";
import { InvalidImageReferenceError } from "../../../src/registry/image.ts";

const SHA = "sha256:" + "b".repeat(64);
const T = { host: "registry.example.com", namespace: "acme" };

describe("parseRewriteTarget: --registry-endpoint and --image-namespace", () => {
  const good: [string, string | undefined, { host: string; namespace: string }][] = [
    ["registry.example.com", "acme", { host: "registry.example.com", namespace: "acme" }],
    ["https://registry.somebigbank.com", "application-name", { host: "registry.somebigbank.com", namespace: "application-name" }],
    ["http://127.0.0.1:5000/", undefined, { host: "127.0.0.1:5000", namespace: "" }],
    ["registry.local:5000/team", "app", { host: "registry.local:5000", namespace: "team/app" }],
    ["harbor.example.com", "/project/sub/", { host: "harbor.example.com", namespace: "project/sub" }],
    ["[::1]:5000", "ns", { host: "[::1]:5000", namespace: "ns" }],
  ];
  for (const [endpoint, ns, want] of good)
    test(`${endpoint} + ${ns ?? "(no namespace)"}`, () => {
      expect(parseRewriteTarget(endpoint, ns)).toEqual(want);
    });

  const bad: [string, string | undefined, RegExp][] = [
    ["", "acme", /--registry-endpoint "" is not a registry endpoint/],
    ["registry example.com", "acme", /--registry-endpoint/],
    ["https://user@registry.example.com", "acme", /--registry-endpoint/],
    ["registry.example.com:port", "acme", /--registry-endpoint/],
    ["-registry.example.com", "acme", /--registry-endpoint/],
    ["registry.example.com/Team", "acme", /path component "Team"/],
    ["registry.example.com", "Acme", /--image-namespace "Acme" is not a registry namespace/],
    ["registry.example.com", "my app", /--image-namespace/],
    ["registry.example.com", "a//b", /--image-namespace/],
    ["registry.example.com", "-x", /--image-namespace/],
  ];
  for (const [endpoint, ns, want] of bad)
    test(`refused: "${endpoint}" + ${ns}`, () => {
      expect(() => parseRewriteTarget(endpoint, ns)).toThrow(RewriteInputError);
      expect(() => parseRewriteTarget(endpoint, ns)).toThrow(want);
    });
});

describe("destinationImage: <host>/<namespace>/<last segment>, tag or digest kept", () => {
  const cases: [string, { host: string; namespace: string }, string][] = [
    ["redis:7.2-alpine", T, "registry.example.com/acme/redis:7.2-alpine"],
    ["postgres", T, "registry.example.com/acme/postgres:latest"],
    ["docker.io/library/postgres:14", T, "registry.example.com/acme/postgres:14"],
    ["index.docker.io/minio/minio:RELEASE.2022-10-15T19-57-03Z", T, "registry.example.com/acme/minio:RELEASE.2022-10-15T19-57-03Z"],
    ["ghcr.io/acme/helpdesk-web:3.4.1", T, "registry.example.com/acme/helpdesk-web:3.4.1"],
    [`quay.io/org/team/app@${SHA}`, T, `registry.example.com/acme/app@${SHA}`],
    // a tag next to a digest is dropped (distribution's ParseDockerRef keeps the digest only)
    [`nginx:1.25@${SHA}`, T, `registry.example.com/acme/nginx@${SHA}`],
    ["registry.local:5000/a/b/c:x", { host: "127.0.0.1:5000", namespace: "" }, "127.0.0.1:5000/c:x"],
    ["kotsadm/kotsadm:v1.88.0", { host: "r.io", namespace: "team/kots" }, "r.io/team/kots/kotsadm:v1.88.0"],
  ];
  for (const [src, target, want] of cases)
    test(`${src} → ${want}`, () => {
      expect(destinationImage(src, target)).toBe(want);
    });

  test("a reference that does not parse is refused", () => {
    for (const bad of ["Redis:7", "redis:", "ghcr.io/acme/web:bad tag", "redis@sha256:123", ""]) expect(() => destinationImage(bad, T)).toThrow(InvalidImageReferenceError);
  });
});

describe("stripTagAndDigest and alternativeNames (KOTS BuildImageAltNames, plus index.docker.io)", () => {
  test("strip", () => {
    expect(stripTagAndDigest("redis:7")).toBe("redis");
    expect(stripTagAndDigest(`ghcr.io/a/b:1@${SHA}`)).toBe("ghcr.io/a/b");
    expect(stripTagAndDigest("registry.local:5000/app")).toBe("registry.local:5000/app");
    expect(stripTagAndDigest("registry.local:5000/app:2")).toBe("registry.local:5000/app");
  });
  const cases: [string, string[]][] = [
    ["redis", ["redis", "library/redis", "docker.io/redis", "docker.io/library/redis", "index.docker.io/redis", "index.docker.io/library/redis"]],
    ["docker.io/library/redis", ["docker.io/library/redis", "redis", "library/redis", "docker.io/redis", "index.docker.io/redis", "index.docker.io/library/redis"]],
    ["library/redis", ["library/redis", "redis", "docker.io/redis", "docker.io/library/redis", "index.docker.io/redis", "index.docker.io/library/redis"]],
    ["acme/report", ["acme/report", "docker.io/acme/report", "index.docker.io/acme/report"]],
    ["docker.io/acme/report", ["docker.io/acme/report", "acme/report", "index.docker.io/acme/report"]],
    ["ghcr.io/acme/web", ["ghcr.io/acme/web"]],
    ["localhost:5000/app", ["localhost:5000/app"]],
  ];
  for (const [name, want] of cases)
    test(name, () => {
      expect(alternativeNames(name)).toEqual(want);
    });
});

describe("kustomizeImages: the midstream images: entries", () => {
  test("newTag for tags (latest when untagged), digest for digests, every spelling of a Docker Hub name", () => {
    const entries = kustomizeImages(["redis:7.2-alpine", "ghcr.io/acme/web:3.4.1", `quay.io/o/tool@${SHA}`, "registry.local:5000/team/agent"], T);
    expect(entries).toContainEqual({ name: "redis", newName: "registry.example.com/acme/redis", newTag: "7.2-alpine" });
    expect(entries).toContainEqual({ name: "docker.io/library/redis", newName: "registry.example.com/acme/redis", newTag: "7.2-alpine" });
    expect(entries).toContainEqual({ name: "ghcr.io/acme/web", newName: "registry.example.com/acme/web", newTag: "3.4.1" });
    expect(entries).toContainEqual({ name: "quay.io/o/tool", newName: "registry.example.com/acme/tool", digest: SHA });
    expect(entries).toContainEqual({ name: "registry.local:5000/team/agent", newName: "registry.example.com/acme/agent", newTag: "latest" });
    expect(entries.filter((e) => e.newName.endsWith("/redis"))).toHaveLength(6);
    expect(entries.map((e) => e.name)).toEqual([...entries.map((e) => e.name)].sort());
    expect(new Set(entries.map((e) => e.name)).size).toBe(entries.length);
  });

  test("one name with two tags: newName only, so each image keeps its own tag", () => {
    const entries = kustomizeImages(["postgres:14.5-alpine", "postgres:10.22-alpine"], T);
    expect(entries.find((e) => e.name === "postgres")).toEqual({ name: "postgres", newName: "registry.example.com/acme/postgres" });
  });

  test("the same image twice is one entry per name", () => {
    expect(kustomizeImages(["redis:7", "redis:7"], T)).toEqual(kustomizeImages(["redis:7"], T));
  });

  test("imageMappings: source as written, normalised, destination", () => {
    expect(imageMappings(["redis:7", "redis:7", "ghcr.io/a/b@" + SHA], T)).toEqual([
      { source: "redis:7", normalized: "docker.io/library/redis:7", destination: "registry.example.com/acme/redis:7" },
      { source: "ghcr.io/a/b@" + SHA, normalized: "ghcr.io/a/b@" + SHA, destination: "registry.example.com/acme/b@" + SHA },
    ]);
    expect(imageMappings(["redis"])).toEqual([{ source: "redis", normalized: "docker.io/library/redis" }]);
  });
});
