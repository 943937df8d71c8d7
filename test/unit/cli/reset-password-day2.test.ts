/**
 * The pure parts of `kots reset-password` (the Secrets as KOTS v1.88 pkg/password writes them) and
 * the day-2 inputs, plus `kots version` on the compiled binary.
 */
import { describe, expect, test } from "bun:test";
import { clearedSessionsSecret, newPasswordSecret, resetPasswordSecret, rfc3339Seconds } from "../../../src/day2/reset-password.ts";
import { durationInput, namespaceInput, secretInput } from "../../../src/cli/day2-inputs.ts";
import { UsageError } from "../../../src/errors.ts";
import { ensureBinary } from "../../support/kots.ts";
import type { K8sObject } from "../../../src/kube/apply.ts";

const b64 = (s: string) => Buffer.from(s).toString("base64");
const T = Date.UTC(2026, 11, 1, 22, 54, 43, 987);

describe("the password Secret", () => {
  test("passwordUpdatedAt is Go's time.RFC3339 of a UTC time: whole seconds, Z", () => {
    expect(rfc3339Seconds(T)).toBe("2026-12-01T22:54:43Z");
  });

  test("a reset replaces data with exactly passwordBcrypt and passwordUpdatedAt and drops the lockout labels only", () => {
    const existing: K8sObject = {
      apiVersion: "v1",
      kind: "Secret",
      type: "Opaque",
      metadata: { name: "kotsadm-password", namespace: "a", resourceVersion: "7", labels: { "kots.io/kotsadm": "true", numAttempts: "11", lastFailure: "1700000000", team: "x" }, managedFields: [{ manager: "kots" }] },
      data: { passwordBcrypt: b64("old"), other: b64("y") },
    };
    const out = resetPasswordSecret(existing, "$2b$10$new", T);
    expect(out.data).toEqual({ passwordBcrypt: b64("$2b$10$new"), passwordUpdatedAt: b64("2026-12-01T22:54:43Z") });
    expect(out.metadata).toEqual({ name: "kotsadm-password", namespace: "a", resourceVersion: "7", labels: { "kots.io/kotsadm": "true", team: "x" } });
    expect(out.type).toBe("Opaque");
    expect(existing.metadata.labels!.numAttempts).toBe("11"); // pure
  });

  test("a new one carries our labels; the sessions Secret keeps its metadata and loses every session", () => {
    expect(newPasswordSecret("a", "$2b$10$h", T)).toMatchObject({ metadata: { name: "kotsadm-password", namespace: "a", labels: { "kots.io/kotsadm": "true", "kots.io/backup": "velero" } }, type: "Opaque" });
    const sessions: K8sObject = { apiVersion: "v1", kind: "Secret", metadata: { name: "kotsadm-sessions", resourceVersion: "3", labels: { "kots.io/kotsadm": "true" } }, data: { s1: "e30=" } };
    expect(clearedSessionsSecret(sessions)).toEqual({ apiVersion: "v1", kind: "Secret", metadata: { name: "kotsadm-sessions", resourceVersion: "3", labels: { "kots.io/kotsadm": "true" } }, data: {} });
  });
});

describe("day-2 inputs", () => {
  const usage = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      expect(err).toBeInstanceOf(UsageError);
      return (err as Error).message;
    }
    throw new Error("no error");
  };
  test("the namespace: argument or -n (agreeing) or KOTS_NAMESPACE, a DNS-1123 label, never a default", () => {
    expect(namespaceInput("a", undefined, {})).toBe("a");
    expect(namespaceInput(undefined, "b", {})).toBe("b");
    expect(namespaceInput("c", "c", {})).toBe("c");
    expect(namespaceInput(undefined, undefined, { KOTS_NAMESPACE: "d" })).toBe("d");
    expect(usage(() => namespaceInput(undefined, undefined, {}))).toBe("missing input: namespace (-n/--namespace or KOTS_NAMESPACE)");
    expect(usage(() => namespaceInput("a", "b", {}))).toContain("given twice");
    expect(usage(() => namespaceInput("A_b", undefined, {}))).toContain("not a valid namespace name");
    expect(usage(() => namespaceInput("a".repeat(64), undefined, {}))).toContain("not a valid namespace name");
  });
  test("durations and secrets", async () => {
    expect(durationInput("wait-duration", "90s", undefined, "5m")).toBe(90_000);
    expect(durationInput("wait-duration", undefined, "1m", "5m")).toBe(60_000);
    expect(usage(() => durationInput("wait-duration", "0s", undefined, "5m"))).toContain("must be longer than 0s");
    const io = { env: { KOTS_SHARED_PASSWORD: "from-env" }, readStdin: async () => "from-stdin\n" };
    expect(await secretInput("password", undefined, true, "KOTS_SHARED_PASSWORD", io)).toEqual({ value: "from-stdin", source: "--password-stdin" });
    expect(await secretInput("password", undefined, undefined, "KOTS_SHARED_PASSWORD", io)).toEqual({ value: "from-env", source: "KOTS_SHARED_PASSWORD" });
    expect(await secretInput("password", undefined, undefined, "KOTS_SHARED_PASSWORD", { ...io, env: {} })).toBeUndefined();
    await expect(secretInput("password", "/x", true, "E", io)).rejects.toThrow("give the password once");
  });
});

describe("kots version", () => {
  const run = (args: string[]) => {
    const r = Bun.spawnSync([ensureBinary(), ...args], { stdout: "pipe", stderr: "pipe", env: { PATH: process.env.PATH ?? "" } });
    return { code: r.exitCode, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
  };
  test("--output json gives version, commit, build date and the bundled kotsadm tag; text says the same in one line", () => {
    const pkg = require("../../../package.json") as { version: string };
    const commit = Bun.spawnSync(["git", "rev-parse", "--short=12", "HEAD"]).stdout.toString().trim();
    const j = run(["version", "--output", "json"]);
    expect(j.code).toBe(0);
    const info = JSON.parse(j.stdout);
    expect(Object.keys(info)).toEqual(["version", "commit", "buildDate", "kotsadmTag"]);
    expect(info.version).toBe(pkg.version);
    expect(info.commit).toBe(commit);
    expect(Math.abs(Date.parse(info.buildDate) - Date.now())).toBeLessThan(3_600_000);
    expect(info.kotsadmTag).toMatch(/^v1\.88\.\d+$/);
    const t = run(["version"]);
    expect(t.stdout).toBe(`kots ${info.version} (commit ${info.commit}, built ${info.buildDate}, kotsadm ${info.kotsadmTag})\n`);
    const bad = run(["version", "-o", "yaml"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
  }, 60_000);
});
