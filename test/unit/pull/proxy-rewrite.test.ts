// The proxy registry rules (issue 14 part 2; seed 004; KOTS v1.88 pkg/docker/registry
// MakeProxiedImageURL / ProxyEndpointFromLicense, pkg/image RewritePrivateImage, pkg/base
// FindPrivateImages), the LocalImageName literals the privacy check adds, and the Application's
// additionalNamespaces. Expectations are KOTS's, worked out by hand from its source.
import { afterAll, describe, expect, test } from "bun:test";
import { appendFileSync, existsSync, readdirSync } from "node:fs";
import { UsageError } from "../../../src/errors.ts";
import { additionalNamespaceFiles, additionalNamespacesOf } from "../../../src/pull/additional-namespaces.ts";
import { localImageNameLiterals } from "../../../src/pull/discover.ts";
import { kustomizeImageEntries } from "../../../src/pull/rewrite.ts";
import { keptWarnings, proxiedImage, proxyPlan, proxyRegistryInfo } from "../../../src/registry/proxy.ts";
import { fixtureRelease, LICENSE, PUBLIC_KEY, removeTempDirs, runPull, tempDir } from "./support.ts";

afterAll(removeTempDirs);

const DIGEST = "sha256:" + "ab".repeat(32);
const R = { host: "proxy.replicated.com", replicatedHost: "registry.replicated.com" };

describe("proxiedImage (KOTS RewritePrivateImage)", () => {
  test.each([
    ["quay.io/my-org/api:v1.0.1", "proxy.replicated.com/proxy/my-kots-app/quay.io/my-org/api:v1.0.1"], // seed 004
    ["redis:7", "proxy.replicated.com/proxy/my-kots-app/redis:7"], // the name as written, not normalised
    ["acme/api:2", "proxy.replicated.com/proxy/my-kots-app/acme/api:2"],
    [`quay.io/a/b:1@${DIGEST}`, `proxy.replicated.com/proxy/my-kots-app/quay.io/a/b@${DIGEST}`], // a tag beside a digest is dropped
    [`ghcr.io/a/b@${DIGEST}`, `proxy.replicated.com/proxy/my-kots-app/ghcr.io/a/b@${DIGEST}`],
    ["quay.io/a/b", "proxy.replicated.com/proxy/my-kots-app/quay.io/a/b:latest"], // ParseDockerRef tags it latest
    ["127.31.0.9/team/x:3", "proxy.replicated.com/proxy/my-kots-app/127.31.0.9/team/x:3"],
  ])("%s → %s", (image, want) => expect(proxiedImage(image, R, "my-kots-app")).toEqual({ image: want }));

  test("images on the Replicated registry or the proxy host stay; a registry with a port cannot be proxied", () => {
    expect(proxiedImage("registry.replicated.com/app/x:1", R, "app")).toEqual({ kept: "replicated-registry" });
    expect(proxiedImage("proxy.replicated.com/proxy/app/quay.io/x:1", R, "app")).toEqual({ kept: "proxy-host" });
    expect(proxiedImage("registry.local:5000/x:1", R, "app")).toEqual({ kept: "host-with-port" });
    expect(proxiedImage("127.0.0.1:5000/a/b", R, "app")).toEqual({ kept: "host-with-port" });
    const plan = proxyPlan(["quay.io/a:1", "registry.local:5000/x:1", "registry.replicated.com/app/y:2"], R, "app");
    expect([...plan.proxied.keys()]).toEqual(["quay.io/a:1"]);
    expect(keptWarnings(plan)).toEqual([expect.stringContaining("registry.local:5000/x:1")]);
    expect(keptWarnings(plan)[0]).not.toContain("registry.replicated.com");
  });
});

describe("proxyRegistryInfo", () => {
  test("defaults; the staging endpoint; an endpoint that is no URL keeps the defaults", () => {
    expect(proxyRegistryInfo(undefined, undefined, {})).toEqual(R);
    expect(proxyRegistryInfo({ endpoint: "https://replicated.app" }, undefined, {})).toEqual(R);
    expect(proxyRegistryInfo({ endpoint: "https://staging.replicated.app" }, undefined, {})).toEqual({ host: "proxy.staging.replicated.com", replicatedHost: "registry.staging.replicated.com" });
    expect(proxyRegistryInfo({ endpoint: "not a url" }, undefined, {})).toEqual(R);
  });

  test("the Application's custom domains, then the license's replicatedProxyDomain, then the test-only env", () => {
    const app = { proxyRegistryDomain: "proxy.acme.example", replicatedRegistryDomain: "registry.acme.example" };
    expect(proxyRegistryInfo({}, app, {})).toEqual({ host: "proxy.acme.example", replicatedHost: "registry.acme.example" });
    expect(proxyRegistryInfo({ replicatedProxyDomain: "images.acme.example" }, app, {})).toEqual({ host: "images.acme.example", replicatedHost: "registry.acme.example" });
    expect(proxyRegistryInfo({}, app, { KOTS_TUI_PROXY_REGISTRY_HOST: "127.0.0.1:5999" })).toEqual({ host: "127.0.0.1:5999", replicatedHost: "registry.acme.example" });
    expect(proxyRegistryInfo({}, { proxyRegistryDomain: "  " }, {})).toEqual(R);
  });
});

describe("the midstream images: entries of the proxy rewrite (KOTS FindPrivateImages + BuildImageAltNames)", () => {
  test("seed 004: quay.io/my-org/api:v1.0.1", () => {
    expect(kustomizeImageEntries([{ source: "quay.io/my-org/api:v1.0.1", destination: "proxy.replicated.com/proxy/my-kots-app/quay.io/my-org/api:v1.0.1" }])).toEqual([
      { name: "quay.io/my-org/api", newName: "proxy.replicated.com/proxy/my-kots-app/quay.io/my-org/api", newTag: "v1.0.1" },
    ]);
  });

  test("a Docker Hub image gets every spelling; a digest is kept as digest; no tag → latest", () => {
    const redis = proxiedImage("redis:7", R, "app") as { image: string };
    const db = proxiedImage(`quay.io/a/db@${DIGEST}`, R, "app") as { image: string };
    const plain = proxiedImage("quay.io/a/plain", R, "app") as { image: string };
    const out = kustomizeImageEntries([
      { source: "redis:7", destination: redis.image },
      { source: `quay.io/a/db@${DIGEST}`, destination: db.image },
      { source: "quay.io/a/plain", destination: plain.image },
    ]);
    const n = "proxy.replicated.com/proxy/app/redis";
    expect(out).toEqual([
      { name: "docker.io/library/redis", newName: n, newTag: "7" },
      { name: "docker.io/redis", newName: n, newTag: "7" },
      { name: "index.docker.io/library/redis", newName: n, newTag: "7" },
      { name: "index.docker.io/redis", newName: n, newTag: "7" },
      { name: "library/redis", newName: n, newTag: "7" },
      { name: "quay.io/a/db", newName: "proxy.replicated.com/proxy/app/quay.io/a/db", digest: DIGEST },
      { name: "quay.io/a/plain", newName: "proxy.replicated.com/proxy/app/quay.io/a/plain", newTag: "latest" },
      { name: "redis", newName: n, newTag: "7" },
    ]);
  });
});

describe("localImageNameLiterals", () => {
  test("double-quoted and raw string arguments, each once; computed arguments are not seen", () => {
    const texts = [
      `value: '{{repl LocalImageName "quay.io/a/w:1"}}'\nimage: '{{ repl LocalImageName   "x/y:2" }}'`,
      "value: '{{repl LocalImageName `ghcr.io/b/c@sha256:00`}}' {{repl LocalImageName (ConfigOption \"img\")}}",
      `again: '{{repl LocalImageName "quay.io/a/w:1"}}'`,
    ];
    expect(localImageNameLiterals(texts)).toEqual(["quay.io/a/w:1", "x/y:2", "ghcr.io/b/c@sha256:00"]);
  });
});

describe("additionalNamespaces", () => {
  test("names and \"*\" are read; anything else is bad input naming the file", () => {
    expect(additionalNamespacesOf({ additionalNamespaces: ["jobs", "*", "jobs"] }, "kots-app.yaml")).toEqual(["jobs", "*"]);
    expect(additionalNamespacesOf({}, "kots-app.yaml")).toEqual([]);
    expect(() => additionalNamespacesOf({ additionalNamespaces: ["Bad_NS"] }, "kots-app.yaml")).toThrow(UsageError);
    expect(() => additionalNamespacesOf({ additionalNamespaces: ["Bad_NS"] }, "kots-app.yaml")).toThrow(/kots-app\.yaml: .*"Bad_NS"/);
    expect(() => additionalNamespacesOf({ additionalNamespaces: "jobs" }, "kots-app.yaml")).toThrow(UsageError);
  });

  test("files: the install namespace is dropped; \"*\" is a warning only", () => {
    const secret = (ns: string) => ({ apiVersion: "v1", kind: "Secret", metadata: { name: "app-registry", namespace: ns } });
    const r = additionalNamespaceFiles("app", ["jobs", "apps", "*"], "apps", secret);
    expect(r.namespaces).toEqual(["jobs"]);
    expect(r.files.map((f) => f.path)).toEqual(["additional-namespaces/kustomization.yaml", "additional-namespaces/namespaces.yaml", "additional-namespaces/secrets.yaml"]);
    expect(r.files[2]!.secret).toBe(true);
    expect(r.warnings).toEqual([expect.stringContaining('"*"')]);
    expect(additionalNamespaceFiles("app", ["apps"], "apps", secret).files).toEqual([]);
  });
});

describe("a custom domain that is no registry host", () => {
  test("kots pull: one line naming the setting, exit 2, nothing written", async () => {
    const rel = fixtureRelease();
    appendFileSync(`${rel}/kots-app.yaml`, "  proxyRegistryDomain: https://proxy.acme.example/x\n");
    const root = tempDir("kots-proxy-bad-");
    const r = await runPull([rel, "--rootdir", root, "--license-file", LICENSE, "--license-public-key", PUBLIC_KEY, "--exclude-admin-console"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([expect.stringContaining('proxyRegistryDomain')]);
    expect(r.stderr).toContain('"https://proxy.acme.example/x" is not a registry host');
    expect(existsSync(root) ? readdirSync(root) : []).toEqual([]);
  });
});
