// The operator template functions (issue 14 part 3) through the app's renderer
// (src/install/app-templates.ts appTemplateRenderer, whichever engine is behind it): LocalImageName,
// LocalRegistryImagePullSecret, ImagePullSecretName, HasLocalRegistry, LocalRegistryHost,
// LocalRegistryNamespace and LocalRegistryAddress with a private registry, through the proxy, and
// with neither. The expectations follow KOTS v1.88 pkg/template/config_context.go (localImageName,
// localRegistryImagePullSecret), pkg/image DestImage / RewritePrivateImage and
// pkg/docker/registry PullSecretForRegistries, worked out by hand: this file is the spec both
// engines answer to.
import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { appTemplateRenderer, type AppTemplateInputs } from "../../../src/install/app-templates.ts";

const REPO = path.resolve(import.meta.dir, "../../..");
const LICENSE = readFileSync(path.join(REPO, "examples/licenses/acme-operator-v1beta2.yaml"), "utf8");
const LICENSE_ID = "2ExampleLicense0AcmeOperator0";
const DIGEST = "sha256:" + "0f".repeat(32);
const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
const unb64 = (s: string) => Buffer.from(s, "base64").toString("utf8");

function render(text: string, inputs: Partial<AppTemplateInputs>): string {
  return appTemplateRenderer({ appSlug: "acme-operator", namespace: "ops", ...inputs })(text, "spec.yaml");
}

const ALL = [
  "{{repl HasLocalRegistry}}",
  "{{repl LocalRegistryHost}}",
  "{{repl LocalRegistryNamespace}}",
  "{{repl LocalRegistryAddress}}",
  "{{repl ImagePullSecretName}}",
].join("|");

describe("with a private registry (kots pull --rewrite-images)", () => {
  const inputs: Partial<AppTemplateInputs> = { license: LICENSE, localRegistry: { host: "registry.corp:5000", namespace: "acme", username: "pusher", password: "pw:1" } };

  test("HasLocalRegistry, host, namespace, address, ImagePullSecretName", () => {
    expect(render(ALL, inputs)).toBe("true|registry.corp:5000|acme|registry.corp:5000/acme|acme-operator-registry");
    expect(render("{{repl LocalRegistryAddress}}", { localRegistry: { host: "registry.corp:5000" } })).toBe("registry.corp:5000");
  });

  test.each([
    ["registry.acme.example/operator/worker:2.3.1", "registry.corp:5000/acme/worker:2.3.1"],
    ["busybox", "registry.corp:5000/acme/busybox:latest"],
    [`quay.io/a/b:1@${DIGEST}`, `registry.corp:5000/acme/b@${DIGEST}`],
    ["registry.replicated.com/acme-operator/x:1", "registry.corp:5000/acme/x:1"], // every image, the Replicated registry's too
  ])("LocalImageName %s → %s (KOTS DestImage)", (image, want) => {
    expect(render(`{{repl LocalImageName "${image}"}}`, inputs)).toBe(want);
  });

  test("LocalRegistryImagePullSecret: base64 of KOTS's dockerconfigjson for the registry host", () => {
    const got = render("{{repl LocalRegistryImagePullSecret}}", inputs);
    expect(unb64(got)).toBe(`{"auths":{"registry.corp:5000":{"auth":"${b64("pusher:pw:1")}"}}}`);
  });
});

describe("through the proxy registry (a license, no private registry)", () => {
  const proxy = { host: "proxy.replicated.com", replicatedHost: "registry.replicated.com", privateImages: ["registry.acme.example/operator/worker:2.3.1", `quay.io/acme/db@${DIGEST}`, "quay.io/acme/plain", "registry.replicated.com/acme-operator/tools:1", "redis:7"] };
  const inputs: Partial<AppTemplateInputs> = { license: LICENSE, proxy };

  test("no local registry: HasLocalRegistry false, empty host/namespace/address; the pull secret name stays", () => {
    expect(render(ALL, inputs)).toBe("false||||acme-operator-registry");
  });

  test.each([
    ["registry.acme.example/operator/worker:2.3.1", "proxy.replicated.com/proxy/acme-operator/registry.acme.example/operator/worker:2.3.1"],
    [`quay.io/acme/db@${DIGEST}`, `proxy.replicated.com/proxy/acme-operator/quay.io/acme/db@${DIGEST}`],
    ["quay.io/acme/plain", "proxy.replicated.com/proxy/acme-operator/quay.io/acme/plain:latest"],
    ["redis:7", "proxy.replicated.com/proxy/acme-operator/redis:7"],
    ["registry.replicated.com/acme-operator/tools:1", "registry.replicated.com/acme-operator/tools:1"], // private but on the Replicated registry
    ["docker.io/library/busybox:1.36", "docker.io/library/busybox:1.36"], // not private: as written
    ["library/redis:7", "library/redis:7"], // privacy is per reference as written
  ])("LocalImageName %s → %s", (image, want) => {
    expect(render(`{{repl LocalImageName "${image}"}}`, inputs)).toBe(want);
  });

  test("LocalRegistryImagePullSecret: the proxy and Replicated registry hosts, the license ID as username and password, keys sorted", () => {
    const auth = b64(`${LICENSE_ID}:${LICENSE_ID}`);
    expect(unb64(render("{{repl LocalRegistryImagePullSecret}}", inputs))).toBe(`{"auths":{"proxy.replicated.com":{"auth":"${auth}"},"registry.replicated.com":{"auth":"${auth}"}}}`);
  });

  test("a custom proxy host (the Application's domain, or the tests' stand-in) is used by both", () => {
    const custom = { license: LICENSE, proxy: { ...proxy, host: "127.0.0.1:5999", replicatedHost: "registry.acme.example" } };
    expect(render('{{repl LocalImageName "quay.io/acme/plain"}}', custom)).toBe("127.0.0.1:5999/proxy/acme-operator/quay.io/acme/plain:latest");
    const auth = b64(`${LICENSE_ID}:${LICENSE_ID}`);
    expect(unb64(render("{{repl LocalRegistryImagePullSecret}}", custom))).toBe(`{"auths":{"127.0.0.1:5999":{"auth":"${auth}"},"registry.acme.example":{"auth":"${auth}"}}}`);
  });
});

describe("neither (no license, or privacy not checked)", () => {
  test("LocalImageName returns the image as written; the pull secret covers KOTS's default hosts", () => {
    expect(render('{{repl LocalImageName "registry.acme.example/operator/worker:2.3.1"}}', {})).toBe("registry.acme.example/operator/worker:2.3.1");
    expect(render(ALL, {})).toBe("false||||acme-operator-registry");
    expect(unb64(render("{{repl LocalRegistryImagePullSecret}}", {}))).toBe(`{"auths":{"proxy.replicated.com":{"auth":"${b64(":")}"},"registry.replicated.com":{"auth":"${b64(":")}"}}}`);
  });

  test("a staging license: the staging proxy and registry (KOTS ProxyEndpointFromLicense)", () => {
    const staging = LICENSE.replace(/endpoint: https:\/\/replicated\.app/g, "endpoint: https://staging.replicated.app");
    const auth = b64(`${LICENSE_ID}:${LICENSE_ID}`);
    expect(unb64(render("{{repl LocalRegistryImagePullSecret}}", { license: staging }))).toBe(
      `{"auths":{"proxy.staging.replicated.com":{"auth":"${auth}"},"registry.staging.replicated.com":{"auth":"${auth}"}}}`,
    );
  });
});
