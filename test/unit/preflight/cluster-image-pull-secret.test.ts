/**
 * imagePullSecret (troubleshoot v0.133.0 pkg/analyze/image_pull_secret.go) over the files the
 * clusterResources collector writes: image-pull-secrets/<ns>/<secret>.json = {"<registry>":
 * "<username>"}. Expected values worked out from the Go source.
 */
import { describe, expect, test } from "bun:test";
import { imagePullSecret } from "../../../src/preflight/app/analyzers/image-pull-secret.ts";
import { files } from "./cluster-helpers.ts";

const secrets = files({
  "cluster-resources/image-pull-secrets/app/regcred.json": '{"registry.example.com":"robot"}',
  "cluster-resources/image-pull-secrets/kube-system/other.json": '{"quay.io":"bob"}',
});

describe("imagePullSecret", () => {
  test("found: pass (last pass outcome's message, or the default)", () => {
    expect(imagePullSecret.analyze({ registryName: "quay.io" }, secrets)).toEqual([{ title: "Image Pull Secrets", outcome: "pass", message: "Credentials to pull from: quay.io found", uri: "", strict: false }]);
    const outcomes = [{ fail: { message: "missing", uri: "https://f" } }, { pass: { message: "p1" } }, { pass: { message: "p2", uri: "https://p" } }];
    expect(imagePullSecret.analyze({ registryName: "registry.example.com", checkName: "Registry", outcomes }, secrets)).toEqual([
      { title: "Registry", outcome: "pass", message: "p2", uri: "https://p", strict: false },
    ]);
    // with no pass outcome the fail outcome's message stays
    expect(imagePullSecret.analyze({ registryName: "quay.io", outcomes: [{ fail: { message: "missing" } }] }, secrets)[0]).toMatchObject({ outcome: "pass", message: "missing" });
  });

  test("not found: fail (last fail outcome's message, or the default); warn outcomes are ignored", () => {
    expect(imagePullSecret.analyze({ registryName: "docker.io", outcomes: [{ warn: { message: "w" } }] }, secrets)).toEqual([
      { title: "Image Pull Secrets", outcome: "fail", message: "Credentials to pull from: docker.io not found", uri: "", strict: false },
    ]);
    expect(imagePullSecret.analyze({ registryName: "docker.io", strict: true, outcomes: [{ fail: { message: "f1" } }, { fail: { message: "f2", uri: "u" } }] }, secrets)).toEqual([
      { title: "Image Pull Secrets", outcome: "fail", message: "f2", uri: "u", strict: true },
    ]);
  });

  test("the prefix also takes image-pull-secrets-errors.json, whose keys are secret paths", () => {
    const withErrors = files({ "cluster-resources/image-pull-secrets-errors.json": '{\n  "app/broken": "unexpected end of JSON input"\n}' });
    expect(imagePullSecret.analyze({ registryName: "app/broken" }, withErrors)[0]?.outcome).toBe("pass");
  });

  test("errors", () => {
    expect(() => imagePullSecret.analyze({ registryName: "quay.io" }, files({}))).toThrow(/^failed to get file contents for image pull secrets: File not found: cluster-resources\/image-pull-secrets$/);
    expect(() => imagePullSecret.analyze({ registryName: "quay.io" }, files({ "cluster-resources/image-pull-secrets/a/b.json": "[]" }))).toThrow(
      "failed to parse registry secret: json: cannot unmarshal array into Go value of type map[string]string",
    );
  });
});
