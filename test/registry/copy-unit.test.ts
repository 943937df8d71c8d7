/** Pure pieces of the copy engine: challenge parsing, Docker config credentials, platforms, hosts, locations. */
import { describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseChallenges } from "../../src/registry/copy/challenge.ts";
import { apiHost, backoffDelay, checkHost } from "../../src/registry/copy/client.ts";
import { credentialsFromDockerConfig, defaultDockerConfigPath, resolveCredentials } from "../../src/registry/copy/credentials.ts";
import { parseLocation } from "../../src/registry/copy/copy.ts";
import { CopyError, fileProblem, transportProblem } from "../../src/registry/copy/errors.ts";
import { detectMediaType, parsePlatform, platformMatches } from "../../src/registry/copy/manifest.ts";

describe("WWW-Authenticate", () => {
  test("Bearer with realm, service and a scope holding commas (Docker Hub's shape)", () => {
    expect(parseChallenges('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull,push"')).toEqual([
      { scheme: "bearer", params: { realm: "https://auth.docker.io/token", service: "registry.docker.io", scope: "repository:library/nginx:pull,push" } },
    ]);
  });
  test("Basic, several challenges, an error parameter, unquoted values", () => {
    expect(parseChallenges('Basic realm="Registry Realm"')).toEqual([{ scheme: "basic", params: { realm: "Registry Realm" } }]);
    const two = parseChallenges('Bearer realm="https://h/t",error="insufficient_scope", Basic realm=x');
    expect(two.map((c) => c.scheme)).toEqual(["bearer", "basic"]);
    expect(two[0]!.params.error).toBe("insufficient_scope");
    expect(two[1]!.params.realm).toBe("x");
    expect(parseChallenges(null)).toEqual([]);
  });
});

describe("Docker config credentials", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "kots-dockercfg-"));
  const cfg = path.join(dir, "config.json");
  test("auth (base64 user:password, a colon in the password), username/password, https:// keys, Docker Hub's key", () => {
    writeFileSync(
      cfg,
      JSON.stringify({
        auths: {
          "reg.example:5000": { auth: Buffer.from("alice:pa:ss").toString("base64") },
          "https://other.example": { username: "bob", password: "pw" },
          "https://index.docker.io/v1/": { auth: Buffer.from("hub:tok").toString("base64") },
          "empty.example": {},
        },
        credsStore: "desktop",
      }),
    );
    expect(credentialsFromDockerConfig("reg.example:5000", cfg)).toEqual({ username: "alice", password: "pa:ss" });
    expect(credentialsFromDockerConfig("other.example", cfg)).toEqual({ username: "bob", password: "pw" });
    expect(credentialsFromDockerConfig("docker.io", cfg)).toEqual({ username: "hub", password: "tok" });
    expect(credentialsFromDockerConfig("empty.example", cfg)).toBeUndefined();
    expect(credentialsFromDockerConfig("unknown.example", cfg)).toBeUndefined();
    expect(resolveCredentials("reg.example:5000", { username: "flag", password: "f" }, cfg)).toEqual({ username: "flag", password: "f" });
    expect(resolveCredentials("reg.example:5000", {}, cfg)?.username).toBe("alice");
  });
  test("a missing or broken file is no credentials, not an error; DOCKER_CONFIG picks the directory", () => {
    writeFileSync(cfg, "{not json");
    expect(credentialsFromDockerConfig("reg.example:5000", cfg)).toBeUndefined();
    expect(credentialsFromDockerConfig("reg.example:5000", path.join(dir, "nope.json"))).toBeUndefined();
    expect(defaultDockerConfigPath({ DOCKER_CONFIG: "/etc/d", HOME: "/root" })).toBe("/etc/d/config.json");
    expect(defaultDockerConfigPath({ HOME: "/home/u" })).toBe("/home/u/.docker/config.json");
    rmSync(dir, { recursive: true, force: true });
  });
});

describe("platforms, hosts, locations, media types", () => {
  test("platform filter: os/arch, variant when asked, arm64 defaults to v8", () => {
    expect(parsePlatform("linux/arm64/v8")).toEqual({ os: "linux", architecture: "arm64", variant: "v8" });
    expect(platformMatches({ os: "linux", architecture: "arm64" }, parsePlatform("linux/arm64/v8"))).toBe(true);
    expect(platformMatches({ os: "linux", architecture: "arm", variant: "v7" }, parsePlatform("linux/arm/v6"))).toBe(false);
    expect(platformMatches({ os: "linux", architecture: "amd64" }, parsePlatform("linux/amd64"))).toBe(true);
    expect(platformMatches(undefined, parsePlatform("linux/amd64"))).toBe(false);
    expect(() => parsePlatform("linux/amd64/v1/x")).toThrow(CopyError);
  });
  test("hosts: port range, no scheme; Docker Hub's API host", () => {
    expect(() => checkHost("[::1]:5000")).not.toThrow();
    expect(() => checkHost("reg:0")).toThrow(/out of range/);
    expect(() => checkHost("reg/ns")).toThrow(/not a registry endpoint/);
    expect(apiHost("docker.io")).toBe("registry-1.docker.io");
    expect(apiHost("ghcr.io")).toBe("ghcr.io");
  });
  test("locations: oci:<dir>:<name> keeps colons of the name; references normalise Docker Hub", () => {
    expect(parseLocation("oci:/tmp/app/images:docker.io/library/nginx:1.25")).toEqual({ layout: "/tmp/app/images", name: "docker.io/library/nginx:1.25" });
    expect(parseLocation("nginx:1.25")).toEqual({ registry: "docker.io", repository: "library/nginx", tag: "1.25" });
  });
  test("media type from the field, else Content-Type, else the shape", () => {
    const enc = (o: unknown) => new TextEncoder().encode(JSON.stringify(o));
    expect(detectMediaType(enc({ schemaVersion: 2, mediaType: "application/vnd.docker.distribution.manifest.v2+json" }), null)).toBe("application/vnd.docker.distribution.manifest.v2+json");
    expect(detectMediaType(enc({ schemaVersion: 2 }), "application/vnd.oci.image.index.v1+json; charset=utf-8")).toBe("application/vnd.oci.image.index.v1+json");
    expect(detectMediaType(enc({ schemaVersion: 2, manifests: [] }), "application/json")).toBe("application/vnd.oci.image.index.v1+json");
    expect(detectMediaType(enc({ schemaVersion: 2, layers: [] }), null)).toBe("application/vnd.oci.image.manifest.v1+json");
  });
});

describe("errors in plain words", () => {
  test("transport and file failures never show errno names", () => {
    expect(transportProblem(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }))).toBe("the connection was refused (nothing listens there)");
    expect(transportProblem(new DOMException("t", "TimeoutError"))).toBe("no answer in time (the request timed out)");
    expect(transportProblem(Object.assign(new Error("unable to verify the first certificate"), { code: "UNABLE_TO_VERIFY_LEAF_SIGNATURE" }))).toContain("TLS certificate is not trusted");
    const full = fileProblem(Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" }), "writing blob sha256:ab of x");
    expect(full.code).toBe("disk-full");
    expect(full.message).toBe("writing blob sha256:ab of x: the disk is full");
    expect(fileProblem(Object.assign(new Error("EACCES: permission denied, open '/x'"), { code: "EACCES" }), "writing y").message).toBe("writing y: permission denied");
  });
  test("backoff doubles per attempt within ±25 %", () => {
    const p = { retries: 4, backoffMs: 100, timeoutMs: 1 };
    for (let i = 0; i < 20; i++) {
      const d = backoffDelay(p, 3);
      expect(d).toBeGreaterThanOrEqual(300);
      expect(d).toBeLessThanOrEqual(500);
    }
  });
});
