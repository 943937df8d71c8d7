/**
 * imagePullSecret (troubleshoot v0.133.0 pkg/analyze/image_pull_secret.go) with the `preflight`
 * CLI's file lookup (pkg/analyze/download.go: filepath.Glob of cluster-resources/image-pull-secrets,
 * the directory the clusterResources collector writes <ns>/<secret>.json files into). Expected
 * values worked out from the Go source (and troubleshoot's preflight run against the cluster).
 */
import { describe, expect, test } from "bun:test";
import { imagePullSecret } from "../../../src/preflight/app/analyzers/image-pull-secret.ts";
import { files } from "./cluster-helpers.ts";

// What the lookup hands the analyzer when it names a file: {"<registry>": "<username>"}.
const secrets = files({ "cluster-resources/image-pull-secrets": '{"registry.example.com":"robot","quay.io":"bob"}' });

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

  test("no Secret collected: nothing found, a fail (image-pull-secrets-errors.json is another path)", () => {
    expect(imagePullSecret.analyze({ registryName: "quay.io" }, files({}))).toEqual([
      { title: "Image Pull Secrets", outcome: "fail", message: "Credentials to pull from: quay.io not found", uri: "", strict: false },
    ]);
    const errorsOnly = files({ "cluster-resources/image-pull-secrets-errors.json": '{\n  "app/broken": "unexpected end of JSON input"\n}' });
    expect(imagePullSecret.analyze({ registryName: "app/broken" }, errorsOnly)[0]?.outcome).toBe("fail");
  });

  test("Secrets collected: the pattern names their directory, which cannot be read", () => {
    const dir = files({ "cluster-resources/image-pull-secrets/app/regcred.json": '{"quay.io":"robot"}' });
    expect(() => imagePullSecret.analyze({ registryName: "quay.io" }, dir)).toThrow(
      'failed to get file contents for image pull secrets: read "cluster-resources/image-pull-secrets": read cluster-resources/image-pull-secrets: is a directory',
    );
  });

  test("a file that is not a string map", () => {
    expect(() => imagePullSecret.analyze({ registryName: "quay.io" }, files({ "cluster-resources/image-pull-secrets": "[]" }))).toThrow(
      "failed to parse registry secret: json: cannot unmarshal array into Go value of type map[string]string",
    );
  });
});
