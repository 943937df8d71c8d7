/**
 * clusterVersion (troubleshoot v0.133.0 pkg/analyze/cluster_version.go): the first outcome whose
 * blang range holds the cluster's version gives the result; expected values worked out from the
 * Go source for each case.
 */
import { describe, expect, test } from "bun:test";
import { clusterVersion, parseK8sVersion } from "../../../src/preflight/app/analyzers/cluster-version.ts";
import type { AnalyzerSpec } from "../../../src/preflight/app/types.ts";
import { files } from "./cluster-helpers.ts";

const version = (s: string) => files({ "cluster-info/cluster_version.json": { info: { major: "1", minor: "36", gitVersion: s }, string: s } });

const spec: AnalyzerSpec = {
  outcomes: [
    { fail: { when: "< 1.20.0", message: "too old", uri: "https://k8s.io/old" } },
    { warn: { when: "< 1.36.0", message: "update soon" } },
    { pass: { message: "fine" } },
  ],
};

describe("clusterVersion", () => {
  test("pass / warn / fail by range, first match wins, default title", () => {
    expect(clusterVersion.analyze(spec, version("v1.36.3"))).toEqual([{ title: "Required Kubernetes Version", outcome: "pass", message: "fine", uri: "", strict: false }]);
    expect(clusterVersion.analyze(spec, version("v1.30.1"))).toEqual([{ title: "Required Kubernetes Version", outcome: "warn", message: "update soon", uri: "", strict: false }]);
    expect(clusterVersion.analyze(spec, version("v1.19.16"))).toEqual([{ title: "Required Kubernetes Version", outcome: "fail", message: "too old", uri: "https://k8s.io/old", strict: false }]);
  });

  test("checkName is the title; strict as a bool or a ParseBool string", () => {
    expect(clusterVersion.title({ checkName: "K8s" })).toBe("K8s");
    expect(clusterVersion.title({})).toBe("Required Kubernetes Version");
    const [r] = clusterVersion.analyze({ ...spec, checkName: "K8s", strict: "true" }, version("v1.36.3"));
    expect(r).toMatchObject({ title: "K8s", strict: true });
  });

  test("no outcome matches: no result", () => {
    expect(clusterVersion.analyze({ outcomes: [{ fail: { when: "< 1.20.0", message: "x" } }] }, version("v1.36.3"))).toEqual([]);
  });

  test("an OR of ranges and a wildcard", () => {
    const s = { outcomes: [{ pass: { when: "< 1.20.0 || 1.36.x", message: "ok" } }] };
    expect(clusterVersion.analyze(s, version("v1.36.3"))[0]?.outcome).toBe("pass");
    expect(clusterVersion.analyze(s, version("v1.35.0"))).toEqual([]);
  });

  test("the version string: EKS pre-release suffix dropped, leading v's trimmed, strict semver", () => {
    expect(parseK8sVersion("v1.25.16-eks-8cb36c9")).toMatchObject({ major: 1n, minor: 25n, patch: 16n, pre: [] });
    expect(parseK8sVersion("vv1.2.3")).toMatchObject({ major: 1n, minor: 2n, patch: 3n });
    // a pre-release that is not EKS's stays a pre-release, which sorts before its release
    expect(parseK8sVersion("v1.36.3-rc.1").pre).toEqual([{ str: "rc" }, { num: 1n }]);
    expect(clusterVersion.analyze({ outcomes: [{ fail: { when: "< 1.36.3", message: "pre" } }] }, version("v1.36.3-rc.1"))[0]?.outcome).toBe("fail");
    expect(clusterVersion.analyze({ outcomes: [{ pass: { when: ">= 1.25.16", message: "eks" } }] }, version("v1.25.16-eks-8cb36c9"))[0]?.outcome).toBe("pass");
  });

  test("errors carry troubleshoot's wrapped texts", () => {
    expect(() => clusterVersion.analyze(spec, files({}))).toThrow("failed to get contents of cluster_version.json: file cluster-info/cluster_version.json was not collected");
    expect(() => clusterVersion.analyze(spec, version("v1.17"))).toThrow("failed to parse semver from cluster_version.json: No Major.Minor.Patch elements found");
    expect(() => clusterVersion.analyze(spec, files({ "cluster-info/cluster_version.json": "" }))).toThrow("failed to parse cluster_version.json: unexpected end of JSON input");
    expect(() => clusterVersion.analyze({ outcomes: [{ pass: { when: "<< 1.0.0" } }] }, version("v1.36.3"))).toThrow(
      'failed to parse semver range: Could not parse Range "<<1.0.0": Could not parse comparator "<<" in "<<1.0.0"',
    );
    expect(() => clusterVersion.analyze({ outcomes: [{}] }, version("v1.36.3"))).toThrow(/^empty outcome$/);
  });

  test("an outcome without when matches before a later bad range is read", () => {
    const s = { outcomes: [{ pass: { message: "first" } }, { fail: { when: "garbage" } }] };
    expect(clusterVersion.analyze(s, version("v1.36.3"))[0]?.message).toBe("first");
  });
});
