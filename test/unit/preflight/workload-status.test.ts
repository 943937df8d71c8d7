// Expected values are written from troubleshoot v0.133.0 pkg/analyze/{common,deployment,statefulset,
// job,replicaset}_status.go and the Go standard library, not from our output.
import { describe, expect, test } from "bun:test";
import { CollectedFiles } from "../../../src/preflight/app/collected.ts";
import { deploymentStatus } from "../../../src/preflight/app/analyzers/deployment-status.ts";
import { statefulsetStatus } from "../../../src/preflight/app/analyzers/statefulset-status.ts";
import { jobStatus } from "../../../src/preflight/app/analyzers/job-status.ts";
import { replicasetStatus } from "../../../src/preflight/app/analyzers/replicaset-status.ts";
import { compareActualToWhen } from "../../../src/preflight/app/analyzers/compare.ts";
import { goCleanPath, goJoinPath } from "../../../src/go/path.ts";
import { goAtoi } from "../../../src/go/strconv.ts";
import { goTrimSpace } from "../../../src/go/strings.ts";

const list = (kind: string, items: object[]) => JSON.stringify({ kind: `${kind}List`, apiVersion: "apps/v1", items });
const deploy = (ns: string, name: string, status: object) => ({ kind: "Deployment", metadata: { name, namespace: ns }, status });

describe("Go helpers", () => {
  test("strconv.Atoi accepts a sign and decimal digits only, with Go's error texts", () => {
    expect(goAtoi("+7")).toBe(7n);
    expect(goAtoi("-0")).toBe(0n);
    expect(goAtoi("9223372036854775807")).toBe(9223372036854775807n);
    expect(goAtoi("-9223372036854775808")).toBe(-9223372036854775808n);
    expect(() => goAtoi("9223372036854775808")).toThrow('strconv.Atoi: parsing "9223372036854775808": value out of range');
    expect(() => goAtoi("1_000")).toThrow('strconv.Atoi: parsing "1_000": invalid syntax');
    expect(() => goAtoi("")).toThrow('strconv.Atoi: parsing "": invalid syntax');
    expect(() => goAtoi("0x10")).toThrow('strconv.Atoi: parsing "0x10": invalid syntax');
    expect(() => goAtoi(" 1")).toThrow('strconv.Atoi: parsing " 1": invalid syntax');
  });
  test("strings.TrimSpace trims Go's white space (NEL yes, BOM no)", () => {
    expect(goTrimSpace("\u0085\t< 1\u00a0 ")).toBe("< 1");
    expect(goTrimSpace("\ufeff< 1")).toBe("\ufeff< 1");
  });
  test("filepath.Join drops empty parts and cleans", () => {
    expect(goJoinPath("secrets", "", "s1")).toBe("secrets/s1");
    expect(goJoinPath("", "")).toBe("");
    expect(goJoinPath("cluster-resources/jobs", "../x.json")).toBe("cluster-resources/x.json");
    expect(goCleanPath("a//b/./c/..")).toBe("a/b");
  });
});

describe("compareActualToWhen", () => {
  test.each([
    ["< 1", 0, true],
    ["< 1", 1, false],
    ["= 2", 2, true],
    ["== 2", 2, true],
    ["=== 2", 3, false],
    ["> 1", 2, true],
    ["<= 1", 1, true],
    [">= 3", 2, false],
    ["  >= 2 ", 2, true],
  ])("%s with %d ready", (when, actual, want) => expect(compareActualToWhen(when, actual)).toBe(want));
  test("errors carry Go's texts", () => {
    expect(() => compareActualToWhen("<1", 0)).toThrow("unable to parse when range");
    expect(() => compareActualToWhen("<  1", 0)).toThrow("unable to parse when range");
    expect(() => compareActualToWhen("< x", 0)).toThrow('failed to parse when value: strconv.Atoi: parsing "x": invalid syntax');
    expect(() => compareActualToWhen("!= 1", 0)).toThrow('unknown comparator: "!="');
  });
});

describe("deploymentStatus", () => {
  const files = new CollectedFiles({
    "cluster-resources/deployments/app.json": list("Deployment", [
      deploy("app", "web", { replicas: 2, readyReplicas: 2, availableReplicas: 2 }),
      deploy("app", "stuck", { replicas: 1, unavailableReplicas: 1 }),
      deploy("app", "twice", { readyReplicas: 5 }),
      deploy("app", "twice", { readyReplicas: 1 }),
    ]),
    "cluster-resources/deployments/other.json": list("Deployment", [deploy("other", "half", { replicas: 3, readyReplicas: 1, availableReplicas: 1 })]),
  });
  const outcomes = [{ fail: { when: "< 1", message: "none", uri: "u1" } }, { warn: { when: "< 2", message: "one" } }, { pass: { message: "ok" } }];

  test("titles", () => {
    expect(deploymentStatus.title({ checkName: "c", name: "web" })).toBe("c");
    expect(deploymentStatus.title({ name: "web", namespace: "app" })).toBe("app/web Deployment Status");
    expect(deploymentStatus.title({ name: "web" })).toBe("web Deployment Status");
    expect(deploymentStatus.title({ namespace: "app" })).toBe("app Deployment Status");
    expect(deploymentStatus.title({})).toBe("Deployment Status");
  });

  test("one deployment: first matching outcome; result titled NAME Status whatever the checkName", () => {
    expect(deploymentStatus.analyze({ checkName: "mine", name: "web", namespace: "app", outcomes, strict: "true" }, files)).toEqual([
      { title: "web Status", outcome: "pass", message: "ok", uri: "", strict: true },
    ]);
    expect(deploymentStatus.analyze({ name: "stuck", namespace: "app", outcomes }, files)).toEqual([
      { title: "stuck Status", outcome: "fail", message: "none", uri: "u1", strict: false },
    ]);
  });

  test("the last item of that name counts", () => {
    expect(deploymentStatus.analyze({ name: "twice", namespace: "app", outcomes }, files)[0].outcome).toBe("warn");
  });

  test("a missing deployment fails every non-absent outcome with the default message and that outcome's uri", () => {
    expect(deploymentStatus.analyze({ name: "nope", namespace: "app", outcomes: [{ warn: { when: "> 5", message: "x", uri: "w" } }] }, files)).toEqual([
      { title: "nope Status", outcome: "fail", message: 'The deployment "nope" was not found', uri: "w", strict: false },
    ]);
  });

  test("absent: applies only to a missing deployment, skipped for a present one", () => {
    const o = [{ pass: { when: "absent", message: "gone" } }, { fail: { message: "present" } }];
    expect(deploymentStatus.analyze({ name: "nope", namespace: "app", outcomes: o }, files)[0]).toMatchObject({ outcome: "pass", message: "gone" });
    expect(deploymentStatus.analyze({ name: "web", namespace: "app", outcomes: o }, files)[0]).toMatchObject({ outcome: "fail", message: "present" });
  });

  test("no outcome matching, no outcomes, or no collected namespace file: no result", () => {
    expect(deploymentStatus.analyze({ name: "web", namespace: "app", outcomes: [{ fail: { when: "< 1" } }] }, files)).toEqual([]);
    expect(deploymentStatus.analyze({ name: "web", namespace: "app" }, files)).toEqual([]);
    expect(deploymentStatus.analyze({ name: "web", namespace: "gone", outcomes }, files)).toEqual([]);
  });

  test("bad when: troubleshoot's wrapped error", () => {
    expect(() => deploymentStatus.analyze({ name: "web", namespace: "app", outcomes: [{ warn: { when: "<1" } }] }, files)).toThrow(
      "failed to process status: failed to parse warn range: unable to parse when range",
    );
  });

  test("all in a namespace: a fail per deployment whose replicas differ from available ones; outcomes unused", () => {
    expect(deploymentStatus.analyze({ namespace: "app", outcomes: [{ pass: { message: "never" } }], strict: true }, files)).toEqual([
      { title: "app/stuck Deployment Status", outcome: "fail", message: "The deployment app/stuck has 0/1 replicas", uri: "", strict: true },
    ]);
  });

  test("all namespaces when neither namespace nor namespaces is set; namespace and namespaces both read", () => {
    expect(deploymentStatus.analyze({}, files).map((r) => r.title)).toEqual(["app/stuck Deployment Status", "other/half Deployment Status"]);
    expect(deploymentStatus.analyze({ namespaces: ["other"] }, files).map((r) => r.message)).toEqual(["The deployment other/half has 1/3 replicas"]);
    expect(deploymentStatus.analyze({ namespace: "other", namespaces: ["other"] }, files)).toHaveLength(2);
  });
});

describe("statefulsetStatus", () => {
  const files = new CollectedFiles({
    "cluster-resources/statefulsets/db.json": list("StatefulSet", [
      { metadata: { name: "pg", namespace: "db" }, status: { replicas: 3, readyReplicas: 2 } },
      { metadata: { name: "ok", namespace: "db" }, status: { replicas: 1, readyReplicas: 1 } },
    ]),
  });
  test("title pattern", () => expect(statefulsetStatus.title({ name: "pg", namespace: "db" })).toBe("db/pg Statefulset Status"));
  test("named with outcomes: common rules, default missing message names a statefulset", () => {
    const outcomes = [{ fail: { when: "< 3", message: "degraded" } }, { pass: { message: "ok" } }];
    expect(statefulsetStatus.analyze({ name: "pg", namespace: "db", outcomes }, files)[0]).toMatchObject({
      title: "pg Status",
      outcome: "fail",
      message: "degraded",
    });
    expect(statefulsetStatus.analyze({ name: "x", namespace: "db", outcomes }, files)[0].message).toBe('The statefulset "x" was not found');
  });
  test("named without outcomes: the default check", () => {
    expect(statefulsetStatus.analyze({ name: "pg", namespace: "db" }, files)).toEqual([
      { title: "db/pg Statefulset Status", outcome: "fail", message: "The statefulset db/pg has 2/3 replicas", uri: "", strict: false },
    ]);
    expect(statefulsetStatus.analyze({ name: "ok", namespace: "db" }, files)).toEqual([]);
  });
  test("named, missing, without outcomes: Go dereferences nil (the peer panics); we report an error", () => {
    expect(() => statefulsetStatus.analyze({ name: "x", namespace: "db" }, files)).toThrow("nil pointer dereference");
  });
  test("all: default check per statefulset", () => {
    expect(statefulsetStatus.analyze({ namespace: "db" }, files).map((r) => r.title)).toEqual(["db/pg Statefulset Status"]);
  });
});

describe("jobStatus", () => {
  const job = (ns: string, name: string, spec: object, status: object) => ({ metadata: { name, namespace: ns }, spec, status });
  const files = new CollectedFiles({
    "cluster-resources/jobs/batch.json": list("Job", [
      job("batch", "done", { completions: 1 }, { succeeded: 1 }),
      job("batch", "broken", { completions: 1 }, { failed: 2 }),
      job("batch", "running", { completions: 1 }, { active: 1 }),
      job("batch", "many", {}, { succeeded: 2, failed: 1 }),
      job("batch", "one-of-unset", {}, { succeeded: 1, failed: 1 }),
    ]),
    "cluster-resources/jobs/other.json": list("Job", [job("other", "bad", { completions: 2 }, { succeeded: 1, failed: 1 })]),
  });
  test("missing job: a fail titled NAME Job Status", () => {
    expect(jobStatus.analyze({ name: "nope", namespace: "batch", outcomes: [{ pass: { message: "x" } }] }, files)).toEqual([
      { title: "nope Job Status", outcome: "fail", message: 'The job "nope" was not found', uri: "", strict: false },
    ]);
  });
  test("outcomes on succeeded / failed", () => {
    const outcomes = [{ fail: { when: "failed > 0", message: "failed" } }, { pass: { when: "succeeded = 1", message: "done" } }];
    expect(jobStatus.analyze({ name: "broken", namespace: "batch", outcomes }, files)[0]).toMatchObject({
      title: "broken Status",
      outcome: "fail",
      message: "failed",
    });
    expect(jobStatus.analyze({ name: "done", namespace: "batch", outcomes }, files)[0]).toMatchObject({ outcome: "pass", message: "done" });
    expect(jobStatus.analyze({ name: "running", namespace: "batch", outcomes }, files)).toEqual([]);
  });
  test("when errors", () => {
    const run = (when: string) => () => jobStatus.analyze({ name: "done", namespace: "batch", outcomes: [{ fail: { when } }] }, files);
    expect(run("failed >")).toThrow("failed to process status: failed to parse fail range: unable to parse when range: failed >");
    expect(run("failed > x")).toThrow('failed to parse fail range: failed to parse when value: x: strconv.Atoi: parsing "x": invalid syntax');
    expect(run("active > 0")).toThrow("unknown when value: active");
    expect(run("failed != 0")).toThrow('unknown comparator: "!="');
  });
  test("int32 conversion of the value: 4294967296 is 0", () => {
    const outcomes = [{ pass: { when: "failed = 4294967296", message: "wrapped" } }];
    expect(jobStatus.analyze({ name: "done", namespace: "batch", outcomes }, files)[0]?.message).toBe("wrapped");
  });
  test("named without outcomes: the default check", () => {
    expect(jobStatus.analyze({ name: "broken", namespace: "batch" }, files)[0]).toMatchObject({
      title: "batch/broken Job Status",
      message: "The job batch/broken is not complete",
    });
    expect(jobStatus.analyze({ name: "running", namespace: "batch" }, files)).toEqual([]); // failed 0
    expect(jobStatus.analyze({ name: "many", namespace: "batch" }, files)).toEqual([]); // completions unset, succeeded > 1
    expect(jobStatus.analyze({ name: "one-of-unset", namespace: "batch" }, files)).toHaveLength(1);
  });
  test("all with namespace but no namespaces also reads every namespace (*.json)", () => {
    expect(jobStatus.analyze({ namespace: "batch" }, files).map((r) => r.title)).toEqual([
      "batch/broken Job Status",
      "batch/one-of-unset Job Status",
      "batch/broken Job Status",
      "batch/one-of-unset Job Status",
      "other/bad Job Status",
    ]);
    expect(jobStatus.analyze({ namespaces: ["other"] }, files).map((r) => r.title)).toEqual(["other/bad Job Status"]);
  });
});

describe("replicasetStatus", () => {
  const rs = (name: string, labels: object, replicas: number | undefined, available: number, ready = available) => ({
    metadata: { name, namespace: "web", labels },
    spec: replicas === undefined ? {} : { replicas },
    status: { availableReplicas: available, readyReplicas: ready },
  });
  const files = new CollectedFiles({
    "cluster-resources/replicasets/web.json": list("ReplicaSet", [
      rs("front-1", { app: "front", tier: "web" }, 2, 1),
      rs("front-2", { app: "front", tier: "web" }, 0, 0),
      rs("back-1", { app: "back" }, undefined, 1),
      rs("back-2", { app: "back", count: "5" }, undefined, 0),
    ]),
  });
  test("named: missing, outcomes, default", () => {
    expect(replicasetStatus.analyze({ name: "x", namespace: "web" }, files)[0]).toMatchObject({
      title: "x ReplicaSet Status",
      outcome: "fail",
      message: 'The replicaset "x" was not found',
    });
    const outcomes = [{ fail: { when: "ready < 2", message: "few" } }, { pass: { when: "available >= 2", message: "ok" } }];
    expect(replicasetStatus.analyze({ name: "front-1", namespace: "web", outcomes }, files)[0]).toMatchObject({ title: "front-1 Status", outcome: "fail" });
    expect(replicasetStatus.analyze({ name: "front-1", namespace: "web" }, files)[0]).toMatchObject({
      title: "web/front-1 ReplicaSet Status",
      message: "The replicaset web/front-1 is not ready",
    });
    expect(replicasetStatus.analyze({ name: "back-1", namespace: "web" }, files)).toEqual([]); // unset replicas, 1 available
  });
  test("all: selector filters, default check", () => {
    const titles = (selector: string[]) => replicasetStatus.analyze({ namespace: "web", selector }, files).map((r) => r.title);
    expect(titles([])).toEqual(["web/front-1 ReplicaSet Status", "web/back-2 ReplicaSet Status"]);
    expect(titles(["app=front"])).toEqual(["web/front-1 ReplicaSet Status"]);
    expect(titles(["app in (back)", "count>4"])).toEqual(["web/back-2 ReplicaSet Status"]);
    expect(titles(["!tier"])).toEqual(["web/back-2 ReplicaSet Status"]);
  });
  test("all with outcomes: one result per selected replicaset; unmatched ones give nothing", () => {
    const outcomes = [{ warn: { when: "available = 0", message: "none" } }];
    expect(replicasetStatus.analyze({ namespace: "web", selector: ["app=front"], outcomes }, files)).toEqual([
      { title: "front-2 Status", outcome: "warn", message: "none", uri: "", strict: false },
    ]);
  });
  test("selector errors are apimachinery's, wrapped", () => {
    expect(() => replicasetStatus.analyze({ namespace: "web", selector: ["app=a=b"] }, files)).toThrow(
      "failed to parse selector: found '=', expected: ',' or 'end of string'",
    );
  });
});
