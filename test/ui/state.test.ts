import { describe, expect, test } from "bun:test";
import {
  buildResult,
  initialState,
  licenseProblem,
  namespaceError,
  registryError,
  wizardReducer,
  type WizardAction,
  type WizardState,
} from "../../ui/state.ts";
import { headlessCommand, headlessLines, shellQuote } from "../../ui/headless.ts";
import { InstallOptionsSchema } from "../../src/install/options.ts";
import { fakeConfig } from "./helpers.tsx";

const run = (s: WizardState, ...actions: WizardAction[]) => actions.reduce(wizardReducer, s);
const start = () => initialState({ appSlug: "sentry-pro" });
const NOW = Date.parse("2025-06-01T00:00:00Z");

describe("wizard reducer", () => {
  test("starts on the cluster step, namespace defaults to the app slug", () => {
    const s = start();
    expect(s.step).toBe("cluster");
    expect(s.namespace.value).toBe("sentry-pro");
    expect(s.namespace.error).toBeUndefined();
  });

  test("namespace is checked as a DNS-1123 label on every input", () => {
    expect(namespaceError("")).toBe("enter a namespace name");
    expect(namespaceError("Bad_NS")).toContain("DNS-1123");
    expect(namespaceError("-x")).toContain("DNS-1123");
    expect(namespaceError("a".repeat(64))).toBe("must be at most 63 characters");
    expect(namespaceError("ok-1")).toBeUndefined();
    const s = run(start(), { type: "namespace/input", value: "Nope" });
    expect(s.namespace.error).toContain("DNS-1123");
    expect(run(s, { type: "namespace/input", value: "yes" }).namespace.error).toBeUndefined();
  });

  test("an inspected namespace without install advances; an existing install waits for confirmation", () => {
    const s = run(start(), { type: "next" }, { type: "namespace/checking" });
    expect(run(s, { type: "namespace/inspected", name: "sentry-pro", info: { exists: true, hasInstall: false } }).step).toBe("password");
    const held = run(s, { type: "namespace/inspected", name: "sentry-pro", info: { exists: true, hasInstall: true } });
    expect(held.step).toBe("namespace");
    expect(held.namespace.info?.hasInstall).toBe(true);
    // a stale inspection (name changed meanwhile) never advances
    const stale = run(s, { type: "namespace/input", value: "other" }, { type: "namespace/inspected", name: "sentry-pro", info: { exists: false, hasInstall: false } });
    expect(stale.step).toBe("namespace");
  });

  test("password: at least 6, typed twice, mismatch clears the second", () => {
    let s = run(start(), { type: "next" }, { type: "next" });
    expect(s.step).toBe("password");
    s = run(s, { type: "password/input", field: 0, value: "abc" }, { type: "password/submit" });
    expect(s.password.error).toContain("at least 6");
    expect(s.password.field).toBe(0);
    s = run(s, { type: "password/input", field: 0, value: "abcdef" }, { type: "password/submit" });
    expect(s.password.field).toBe(1);
    s = run(s, { type: "password/input", field: 1, value: "abcdeX" }, { type: "password/submit" });
    expect(s.password.error).toContain("do not match");
    expect(s.password.confirm).toBe("");
    s = run(s, { type: "password/input", field: 1, value: "abcdef" }, { type: "password/submit" });
    expect(s.step).toBe("license");
  });

  test("back keeps every answer", () => {
    let s = run(start(), { type: "next" }, { type: "namespace/input", value: "my-ns" }, { type: "next" });
    s = run(s, { type: "password/input", field: 0, value: "secret1" }, { type: "back" });
    expect(s.step).toBe("namespace");
    expect(s.namespace.value).toBe("my-ns");
    expect(s.password.value).toBe("secret1");
    expect(run(s, { type: "back" }, { type: "back" }).step).toBe("cluster");
  });

  test("license: refused for another app, expired, bad signature; accepted otherwise", () => {
    const ok = { ok: true as const, licensee: "A", appSlug: "sentry-pro", signature: "valid" };
    expect(licenseProblem({ ok: false, reason: "bad signature" }, "sentry-pro", NOW)).toBe("bad signature");
    expect(licenseProblem({ ...ok, appSlug: "x" }, "sentry-pro", NOW)).toContain('for the app "x"');
    expect(licenseProblem({ ...ok, expiresAt: "2024-01-01T00:00:00Z" }, "sentry-pro", NOW)).toContain("expired");
    expect(licenseProblem({ ...ok, expiresAt: "2030-01-01T00:00:00Z" }, "sentry-pro", NOW)).toBeUndefined();
    expect(licenseProblem(ok, "sentry-pro", NOW)).toBeUndefined();
    const s = run(start(), { type: "license/input", value: "x.yaml" }, { type: "license/checked", result: { ...ok, appSlug: "x" }, now: NOW });
    expect(s.license.result).toBeUndefined();
    expect(s.license.error).toContain("not \"sentry-pro\"");
  });

  test("preflights: fail blocks, warn needs continue anyway, stale runs are ignored", () => {
    let s = run(start(), { type: "preflights/start" });
    const run1 = s.preflights.run;
    s = run(
      s,
      { type: "preflights/result", run: run1, result: { check: "a", outcome: "warn", message: "low memory" } },
      { type: "preflights/result", run: run1 - 1, result: { check: "old", outcome: "fail", message: "stale" } },
      { type: "preflights/done", run: run1 },
    );
    expect(s.preflights.results.map((r) => r.check)).toEqual(["a"]);
    s = { ...s, step: "preflights" };
    const held = run(s, { type: "preflights/continue", anyway: false });
    expect(held.step).toBe("preflights");
    expect(held.preflights.notice).toContain("continue anyway");
    expect(run(s, { type: "preflights/continue", anyway: true }).step).toBe("registry");
    const failed = run(
      { ...s, preflights: { ...s.preflights, results: [{ check: "b", outcome: "fail", message: "no nodes" }] } },
      { type: "preflights/continue", anyway: true },
    );
    expect(failed.step).toBe("preflights");
    expect(failed.preflights.notice).toContain("failed");
  });

  test("registry answers: host format, credentials together", () => {
    const base = start().registry;
    expect(registryError(base)).toBeUndefined();
    expect(registryError({ ...base, mode: "private" })?.field).toBe("host");
    expect(registryError({ ...base, mode: "private", host: "bad host" })?.message).toContain("host[:port][/namespace]");
    expect(registryError({ ...base, mode: "private", host: "r.example.com/org" })?.field).toBe("username");
    expect(registryError({ ...base, mode: "private", host: "r.example.com/org", username: "u" })?.field).toBe("password");
    expect(registryError({ ...base, storage: "none" })).toBeUndefined();
  });

  test("a registry check result only counts for the credentials it checked", () => {
    let s = run(start(), { type: "registry/mode", mode: "private" }, { type: "registry/set", field: "host", value: "r.io/o" });
    s = run(s, { type: "registry/checking", key: "k1" }, { type: "registry/checked", key: "k0", ok: true, message: "old" });
    expect(s.registry.check?.status).toBe("checking");
    s = run(s, { type: "registry/checked", key: "k1", ok: false, message: "unauthorized" });
    expect(s.registry.check).toEqual({ key: "k1", status: "failed", message: "unauthorized" });
  });

  test("buildResult: InstallOptions from the answers (schema-valid) plus config values", () => {
    const cfg = fakeConfig();
    cfg.set("hostname", "app.example.com");
    let s = run(
      initialState({ appSlug: "sentry-pro", base: { port: 8801, waitDurationMs: 600_000 } }),
      { type: "cluster/loaded", info: { context: "kind-dev", server: "https://x", reachable: true } },
      { type: "namespace/input", value: "apps" },
      { type: "password/input", field: 0, value: "secret1" },
      { type: "license/input", value: "~/l.yaml" },
      { type: "license/checked", now: NOW, result: { ok: true, licensee: "A", appSlug: "sentry-pro", signature: "valid", path: "/home/op/l.yaml" } },
      { type: "config/loaded", session: cfg },
      { type: "registry/mode", mode: "private" },
      { type: "registry/set", field: "host", value: "r.example.com/org" },
      { type: "registry/set", field: "username", value: "bob" },
      { type: "registry/set", field: "password", value: "pw" },
      { type: "registry/storage", storage: "none" },
    );
    const r = buildResult(s);
    expect(InstallOptionsSchema.safeParse(r.options).success).toBe(true);
    expect(r.options).toMatchObject({
      appSlug: "sentry-pro",
      namespace: "apps",
      context: "kind-dev",
      sharedPassword: "secret1",
      licenseFile: "/home/op/l.yaml",
      kotsadmRegistry: "r.example.com/org",
      registryUsername: "bob",
      registryPassword: "pw",
      withMinio: false,
      port: 8801,
      waitDurationMs: 600_000,
    });
    expect(r.configValues).toEqual({ hostname: "app.example.com" });
    // public registry + MinIO: no registry fields at all
    s = run(s, { type: "registry/mode", mode: "public" }, { type: "registry/storage", storage: "minio" });
    const pub = buildResult(s).options;
    expect(pub.kotsadmRegistry).toBeUndefined();
    expect(pub.registryPassword).toBeUndefined();
    expect(pub.withMinio).toBe(true);
  });
});

describe("headless command", () => {
  const o = InstallOptionsSchema.parse({
    appSlug: "sentry-pro",
    namespace: "apps",
    sharedPassword: "TOPSECRET",
    context: "kind-dev",
    kotsadmRegistry: "r.example.com/org",
    registryUsername: "bob",
    registryPassword: "REGSECRET",
    withMinio: false,
    port: 9000,
  });
  test("repeats APP and every answer as flags; secrets come from a file and stdin", () => {
    const cmd = headlessCommand(o, {
      app: "./releases/sentry-pro",
      licensePath: "~/my license.yaml",
      licensePublicKey: "keys/vendor.pem",
      configValuesFile: "/home/op/sentry-pro-configvalues.yaml",
    });
    expect(cmd).toBe(
      "kots install ./releases/sentry-pro -n apps --yes --shared-password-file admin-password.txt --context kind-dev --license-file ~/'my license.yaml' " +
        "--license-public-key keys/vendor.pem --config-values /home/op/sentry-pro-configvalues.yaml --kotsadm-registry r.example.com/org --registry-username bob " +
        "--registry-password-stdin --with-minio=false --port 9000",
    );
    expect(cmd).not.toContain("TOPSECRET");
    expect(cmd).not.toContain("REGSECRET");
    expect(cmd).not.toContain("KOTS_SHARED_PASSWORD");
  });
  test("wraps with backslash continuations within the width, and never cuts", () => {
    const x = { app: "examples/acme-helpdesk", licensePath: `/very/${"long/".repeat(20)}license.yaml` };
    for (const width of [40, 60, 80]) {
      const lines = headlessLines(o, width, x);
      expect(lines.length).toBeGreaterThan(1);
      for (const l of lines) expect(l.length).toBeLessThanOrEqual(width);
      expect(lines.slice(0, -1).every((l) => l.endsWith("\\"))).toBe(true);
      expect(lines[0]).toStartWith("kots install examples/acme-helpdesk");
      // what the shell makes of it: the same words as the one-line command
      const joined = lines.join("\n").replace(/\\\n/g, "");
      expect(joined.split(/\s+/)).toEqual(headlessCommand(o, x).split(" "));
    }
  });
  test("shell quoting", () => {
    expect(shellQuote("a/b-c.yaml")).toBe("a/b-c.yaml");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(shellQuote("")).toBe("''");
  });
});
