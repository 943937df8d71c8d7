// secret / configMap analyzers: troubleshoot v0.133.0 pkg/analyze/secret.go, configmap.go; file
// shapes from pkg/collect/secret.go, configmap.go (as the peer wrote them into its bundle).
import { describe, expect, test } from "bun:test";
import { CollectedFiles } from "../../../src/preflight/app/collected.ts";
import { configMap, objectDataPath, secret } from "../../../src/preflight/app/analyzers/secret-configmap.ts";

const out = (o: object) => JSON.stringify(o, null, 2);
const files = new CollectedFiles({
  "secrets/app/s1/password.json": out({ namespace: "app", name: "s1", key: "password", secretExists: true, keyExists: true }),
  "secrets/app/s1/nokey.json": out({ namespace: "app", name: "s1", key: "nokey", secretExists: true, keyExists: false }),
  "secrets/app/missing.json": out({ namespace: "app", name: "missing", key: "", secretExists: false, keyExists: false }),
  "secrets/app/s1.json": out({ namespace: "app", name: "s1", key: "", secretExists: true, keyExists: false }),
  "configmaps/app/cm1/key1.json": out({ namespace: "app", name: "cm1", key: "key1", configMapExists: true, keyExists: true, value: "v1", data: null }),
  "configmaps/app/cm1.json": out({ namespace: "app", name: "cm1", key: "", configMapExists: true, keyExists: false, data: null }),
  "configmaps/cm0.json": out({ namespace: "", name: "cm0", key: "", configMapExists: false, keyExists: false, data: null }),
});
const outcomes = [
  { fail: { message: "first fail", uri: "f1" } },
  { pass: { message: "first pass" } },
  { fail: { when: "ignored", message: "last fail", uri: "f2" } },
  { pass: { message: "last pass", uri: "p2" } },
];

describe("collector output paths", () => {
  test("secrets/<ns>/<name>[/<key>].json, configmaps likewise; empty parts drop out", () => {
    expect(objectDataPath("secrets", "app", "s1", "password")).toBe("secrets/app/s1/password.json");
    expect(objectDataPath("secrets", "app", "s1", "")).toBe("secrets/app/s1.json");
    expect(objectDataPath("configmaps", "", "cm0", "")).toBe("configmaps/cm0.json");
  });
});

describe("secret", () => {
  test("title: checkName, else Secret <secretName>", () => {
    expect(secret.title({ checkName: "c", secretName: "s" })).toBe("c");
    expect(secret.title({ secretName: "s" })).toBe("Secret s");
  });
  test("present with its key: the LAST pass outcome", () => {
    expect(secret.analyze({ secretName: "s1", namespace: "app", key: "password", outcomes, strict: true }, files)).toEqual([
      { title: "Secret s1", outcome: "pass", message: "last pass", uri: "p2", strict: true },
    ]);
  });
  test("key missing, or secret missing: the LAST fail outcome; when is not read", () => {
    expect(secret.analyze({ secretName: "s1", namespace: "app", key: "nokey", outcomes }, files)[0]).toMatchObject({
      outcome: "fail",
      message: "last fail",
      uri: "f2",
    });
    expect(secret.analyze({ secretName: "missing", namespace: "app", outcomes }, files)[0]).toMatchObject({ outcome: "fail", message: "last fail" });
  });
  test("present without a key and no pass outcome: pass with an empty message", () => {
    expect(secret.analyze({ secretName: "s1", namespace: "app", outcomes: [{ fail: { message: "x" } }] }, files)).toEqual([
      { title: "Secret s1", outcome: "pass", message: "", uri: "", strict: false },
    ]);
  });
  test("not collected: troubleshoot's getFile error", () => {
    expect(() => secret.analyze({ secretName: "s1", namespace: "other", outcomes }, files)).toThrow("file secrets/other/s1.json was not collected");
  });
  test("failing with no fail outcome: Go dereferences nil (the peer panics); we report an error", () => {
    expect(() => secret.analyze({ secretName: "missing", namespace: "app", outcomes: [{ pass: { message: "x" } }] }, files)).toThrow("nil pointer dereference");
  });
});

describe("configMap", () => {
  test("title: checkName, else ConfigMap <configMapName>", () => expect(configMap.title({ configMapName: "cm1" })).toBe("ConfigMap cm1"));
  test("present with key passes; missing fails; no namespace reads configmaps/<name>.json", () => {
    expect(configMap.analyze({ configMapName: "cm1", namespace: "app", key: "key1", outcomes }, files)[0]).toMatchObject({
      title: "ConfigMap cm1",
      outcome: "pass",
      message: "last pass",
    });
    expect(configMap.analyze({ configMapName: "cm1", namespace: "app", outcomes }, files)[0].outcome).toBe("pass");
    expect(configMap.analyze({ configMapName: "cm0", outcomes }, files)[0]).toMatchObject({ outcome: "fail", message: "last fail" });
  });
  test("a file whose key differs from the asked one fails", () => {
    const f = new CollectedFiles({ "configmaps/app/cm1/k.json": out({ name: "cm1", key: "other", configMapExists: true, keyExists: true }) });
    expect(configMap.analyze({ configMapName: "cm1", namespace: "app", key: "k", outcomes }, f)[0].outcome).toBe("fail");
  });
});
