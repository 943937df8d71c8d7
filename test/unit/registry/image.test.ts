import { describe, expect, test } from "bun:test";
import {
  formatImageRef,
  InvalidImageReferenceError,
  parseImageRef,
  rewriteForPrivateRegistry,
  splitRegistryLocation,
} from "../../../src/registry/image.ts";

const SHA = "sha256:" + "a".repeat(64);

describe("parseImageRef: Docker Hub normalisation and grammar (distribution/reference)", () => {
  const cases: [string, { registry: string; repository: string; tag?: string; digest?: string }][] = [
    ["postgres:14", { registry: "docker.io", repository: "library/postgres", tag: "14" }],
    ["postgres", { registry: "docker.io", repository: "library/postgres" }],
    ["kotsadm/kotsadm:v1.88.0", { registry: "docker.io", repository: "kotsadm/kotsadm", tag: "v1.88.0" }],
    ["docker.io/postgres:14.5-alpine", { registry: "docker.io", repository: "library/postgres", tag: "14.5-alpine" }],
    ["index.docker.io/library/redis", { registry: "docker.io", repository: "library/redis" }],
    ["index.docker.io/redis", { registry: "docker.io", repository: "library/redis" }],
    ["quay.io/org/app:1", { registry: "quay.io", repository: "org/app", tag: "1" }],
    ["registry.local:5000/team/app:2.0", { registry: "registry.local:5000", repository: "team/app", tag: "2.0" }],
    ["localhost:5000/app", { registry: "localhost:5000", repository: "app" }],
    ["localhost/app:t", { registry: "localhost", repository: "app", tag: "t" }],
    ["127.0.0.1:5000/a/b/c:x", { registry: "127.0.0.1:5000", repository: "a/b/c", tag: "x" }],
    ["[::1]:5000/app:1", { registry: "[::1]:5000", repository: "app", tag: "1" }],
    [`nginx@${SHA}`, { registry: "docker.io", repository: "library/nginx", digest: SHA }],
    [`ghcr.io/o/r:1.2@${SHA}`, { registry: "ghcr.io", repository: "o/r", tag: "1.2", digest: SHA }],
    ["minio/minio:RELEASE.2022-10-15T19-57-03Z", { registry: "docker.io", repository: "minio/minio", tag: "RELEASE.2022-10-15T19-57-03Z" }],
    ["my_org/my-app__x.y:latest", { registry: "docker.io", repository: "my_org/my-app__x.y", tag: "latest" }],
    // An upper-case first component is a domain, not a Docker Hub namespace.
    ["Registry/app", { registry: "Registry", repository: "app" }],
  ];
  for (const [input, want] of cases) {
    test(input, () => {
      expect(parseImageRef(input)).toEqual(want);
    });
  }

  const bad = [
    "",
    " postgres",
    "Postgres:14",
    "docker.io/Library/postgres",
    "postgres:",
    "postgres:-bad",
    "postgres:" + "t".repeat(129),
    "postgres@sha256:abc",
    "postgres@sha256:" + "g".repeat(64),
    "postgres@" + SHA.slice(0, 70),
    ":tag",
    "a//b",
    "-a/b",
    "docker.io/" + "a".repeat(250),
  ];
  for (const input of bad) {
    test(`rejects ${JSON.stringify(input.length > 40 ? input.slice(0, 40) + "…" : input)}`, () => {
      expect(() => parseImageRef(input)).toThrow(InvalidImageReferenceError);
    });
  }
});

describe("formatImageRef", () => {
  test("fully qualified, tag then digest", () => {
    expect(formatImageRef(parseImageRef("postgres:14"))).toBe("docker.io/library/postgres:14");
    expect(formatImageRef({ registry: "r:5000", repository: "a/b", tag: "t", digest: SHA })).toBe(`r:5000/a/b:t@${SHA}`);
    expect(formatImageRef({ registry: "quay.io", repository: "a" })).toBe("quay.io/a");
  });
});

describe("rewriteForPrivateRegistry: <host>/<namespace>/<last path segment>:<tag>|@<digest> (seed 003, design §5)", () => {
  const cases: [string, string, string | undefined, string][] = [
    ["postgres:14.5-alpine", "registry.somebigbank.com", "application-name", "registry.somebigbank.com/application-name/postgres:14.5-alpine"],
    ["kotsadm/kotsadm:v1.88.0", "reg.local:5000", "kots", "reg.local:5000/kots/kotsadm:v1.88.0"],
    ["quay.io/deep/nested/path/app:3", "reg.local", "ns", "reg.local/ns/app:3"],
    ["redis", "reg.local", "ns", "reg.local/ns/redis:latest"],
    [`nginx@${SHA}`, "reg.local", "ns", `reg.local/ns/nginx@${SHA}`],
    // distribution's ParseDockerRef drops the tag when a digest is present (KOTS DestImage).
    [`nginx:1.25@${SHA}`, "reg.local", "ns", `reg.local/ns/nginx@${SHA}`],
    // ECR and others without a namespace: <host>/<last segment>.
    ["minio/minio:RELEASE.2022-10-15T19-57-03Z", "123.dkr.ecr.us-east-1.amazonaws.com", undefined, "123.dkr.ecr.us-east-1.amazonaws.com/minio:RELEASE.2022-10-15T19-57-03Z"],
    ["registry:2.7.1", "reg.local", "", "reg.local/registry:2.7.1"],
    ["registry:2.7.1", "reg.local", "org/team/", "reg.local/org/team/registry:2.7.1"],
  ];
  for (const [src, host, ns, want] of cases) {
    test(`${src} → ${want}`, () => {
      expect(rewriteForPrivateRegistry(src, host, ns)).toBe(want);
    });
  }
  test("rejects a bad host and a bad reference", () => {
    expect(() => rewriteForPrivateRegistry("postgres:14", "bad host", "ns")).toThrow();
    expect(() => rewriteForPrivateRegistry("Bad:Ref", "reg.local", "ns")).toThrow(InvalidImageReferenceError);
  });
});

describe("splitRegistryLocation (KOTS getRegistryConfig splits at the first '/')", () => {
  test("host only, host/ns, host:port/ns/sub", () => {
    expect(splitRegistryLocation("reg.local")).toEqual({ host: "reg.local" });
    expect(splitRegistryLocation("reg.local/kots")).toEqual({ host: "reg.local", namespace: "kots" });
    expect(splitRegistryLocation("reg.local:5000/org/team")).toEqual({ host: "reg.local:5000", namespace: "org/team" });
    expect(splitRegistryLocation("reg.local/")).toEqual({ host: "reg.local" });
  });
  test("rejects a non-host", () => {
    expect(() => splitRegistryLocation("not a host/ns")).toThrow();
  });
});
