/**
 * containerRuntime (troubleshoot v0.133.0 pkg/analyze/container_runtime.go): the URL scheme of
 * each node's containerRuntimeVersion against "== SCHEME". Expected values worked out from the Go
 * source.
 */
import { describe, expect, test } from "bun:test";
import { compareRuntimeWhen, containerRuntime } from "../../../src/preflight/app/analyzers/container-runtime.ts";
import type { AnalyzerSpec } from "../../../src/preflight/app/types.ts";
import { files, node, nodeList, NODES } from "./cluster-helpers.ts";

const runtimes = (...r: string[]) => files({ [NODES]: nodeList(...r.map((runtime, i) => node({ name: `n${i}`, runtime }))) });

const spec: AnalyzerSpec = {
  outcomes: [
    { fail: { when: "== docker", message: "Docker is not supported", uri: "https://example.com/docker" } },
    { warn: { when: "== cri-o", message: "CRI-O is untested" } },
    { pass: { when: "== containerd", message: "containerd" } },
  ],
};

describe("containerRuntime", () => {
  test("fail / warn / pass by scheme; any node may match; default title", () => {
    expect(containerRuntime.analyze(spec, runtimes("containerd://1.7.2"))).toEqual([{ title: "Container Runtime", outcome: "pass", message: "containerd", uri: "", strict: false }]);
    expect(containerRuntime.analyze(spec, runtimes("containerd://1.7.2", "cri-o://1.28.1"))).toEqual([{ title: "Container Runtime", outcome: "warn", message: "CRI-O is untested", uri: "", strict: false }]);
    expect(containerRuntime.analyze({ ...spec, checkName: "CRI", strict: "1" }, runtimes("containerd://1.7.2", "docker://20.10.7"))).toEqual([
      { title: "CRI", outcome: "fail", message: "Docker is not supported", uri: "https://example.com/docker", strict: true },
    ]);
  });

  test("the scheme is lower-cased; only = == === compare; no match gives no result", () => {
    expect(compareRuntimeWhen("== docker", "Docker://20.10")).toBe(true);
    expect(compareRuntimeWhen("= fake", "fake://kwok")).toBe(true);
    expect(compareRuntimeWhen("=== fake", "fake://kwok")).toBe(true);
    expect(compareRuntimeWhen("!= docker", "containerd://1.7")).toBe(false);
    // TrimSpace leaves one word: not a conditional
    expect(() => compareRuntimeWhen("== ", "containerd://1.7")).toThrow(/^unable to parse conditional$/);
    expect(compareRuntimeWhen("== containerd", "containerd")).toBe(false);
    expect(containerRuntime.analyze(spec, runtimes("fake://kwok"))).toEqual([]);
    expect(containerRuntime.analyze(spec, files({ [NODES]: nodeList() }))).toEqual([]);
  });

  test("an outcome without when always matches, even with no nodes", () => {
    expect(containerRuntime.analyze({ outcomes: [{ warn: { message: "unknown" } }] }, files({ [NODES]: nodeList() }))[0]).toMatchObject({ outcome: "warn", message: "unknown" });
  });

  test("errors (only reached when there is a node to compare)", () => {
    expect(() => containerRuntime.analyze({ outcomes: [{ pass: { when: "containerd" } }] }, runtimes("containerd://1"))).toThrow(/^failed to compare runtime conditional: unable to parse conditional$/);
    expect(containerRuntime.analyze({ outcomes: [{ pass: { when: "containerd" } }] }, files({ [NODES]: nodeList() }))).toEqual([]);
    expect(() => containerRuntime.analyze(spec, runtimes("://1.7"))).toThrow('failed to compare runtime conditional: failed to parse url: parse "://1.7": missing protocol scheme');
    expect(() => containerRuntime.analyze(spec, files({}))).toThrow("failed to get contents of nodes.json: file cluster-resources/nodes.json was not collected");
  });
});
