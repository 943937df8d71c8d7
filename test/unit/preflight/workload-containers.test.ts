// clusterContainerStatuses: troubleshoot v0.133.0 pkg/analyze/cluster_container_statuses.go,
// including its quirks (only the first qualifying container per pod, one shared message per
// outcome, no strict).
import { describe, expect, test } from "bun:test";
import { CollectedFiles } from "../../../src/preflight/app/collected.ts";
import { clusterContainerStatuses } from "../../../src/preflight/app/analyzers/container-statuses.ts";

const cs = (name: string, restartCount: number, state: object, lastState: object = {}, ready = false) => ({ name, restartCount, ready, state, lastState });
const pod = (ns: string, name: string, statuses: object[]) => ({
  metadata: { name, namespace: ns, uid: `${ns}-${name}` },
  status: { containerStatuses: statuses },
});
const podList = (items: object[]) => JSON.stringify({ kind: "PodList", apiVersion: "v1", items });

const files = new CollectedFiles({
  "cluster-resources/pods/app.json": podList([
    pod("app", "crashy", [
      cs("main", 4, { waiting: { reason: "CrashLoopBackOff", message: "back-off 40s" } }, { terminated: { reason: "OOMKilled", exitCode: 137 } }),
    ]),
    pod("app", "pull", [cs("init", 0, { running: {} }, {}, true), cs("img", 0, { waiting: { reason: "ImagePullBackOff", message: "not found" } })]),
    pod("app", "fine", [cs("main", 0, { running: {} }, {}, true)]),
  ]),
  "cluster-resources/pods/other.json": JSON.stringify([pod("other", "done", [cs("job", 0, { terminated: { reason: "Completed", exitCode: 0 } })])]),
  "cluster-resources/pods/logs/app/crashy/main.log": "not a pod list",
});

describe("clusterContainerStatuses", () => {
  test("title: checkName, else Cluster Container Status", () => {
    expect(clusterContainerStatuses.title({})).toBe("Cluster Container Status");
    expect(clusterContainerStatuses.title({ checkName: "c" })).toBe("c");
  });

  test("a matching outcome gives one result per pod; last termination reason counts (case-insensitive); never strict", () => {
    const r = clusterContainerStatuses.analyze(
      { strict: true, outcomes: [{ fail: { when: "== oomkilled", message: "oom", uri: "u" } }, { pass: { message: "fine" } }] },
      files,
    );
    expect(r).toEqual([{ title: "Cluster Container Status", outcome: "fail", message: "oom", uri: "u", strict: false }]);
  });

  test("an empty when ends the walk: earlier results win, else it stands alone", () => {
    const o = (when: string) => ({
      checkName: "x",
      outcomes: [{ warn: { when, message: "w" } }, { pass: { message: "all good" } }, { fail: { when: "== Completed", message: "never reached" } }],
    });
    expect(clusterContainerStatuses.analyze(o("== Nope"), files)).toEqual([{ title: "x", outcome: "pass", message: "all good", uri: "", strict: false }]);
    expect(clusterContainerStatuses.analyze(o("== Completed"), files).map((r) => r.outcome)).toEqual(["warn"]);
  });

  test("only each pod's first container at or over restartCount is looked at", () => {
    // pod "pull": its first container (init, running) is kept, so ImagePullBackOff of "img" is never seen
    expect(clusterContainerStatuses.analyze({ outcomes: [{ fail: { when: "== ImagePullBackOff", message: "m" } }] }, files)).toEqual([]);
    // restartCount 3 keeps only crashy's container
    const r = clusterContainerStatuses.analyze({ restartCount: 3, outcomes: [{ fail: { when: "!= Completed", message: "m" } }] }, files);
    expect(r).toHaveLength(1);
  });

  test("!= adds every pod whose kept container lacks the reason; outcomes after a match still run", () => {
    const r = clusterContainerStatuses.analyze(
      {
        namespaces: ["app"],
        outcomes: [{ warn: { when: "!= CrashLoopBackOff", message: "not crashing" } }, { fail: { when: "= CrashLoopBackOff", message: "crashing" } }],
      },
      files,
    );
    expect(r.map((x) => [x.outcome, x.message])).toEqual([
      ["warn", "not crashing"],
      ["warn", "not crashing"],
      ["fail", "crashing"],
    ]);
  });

  test("namespaces filter on the file name; a bare pod array is read too", () => {
    const r = clusterContainerStatuses.analyze({ namespaces: ["other"], outcomes: [{ pass: { when: "=== completed", message: "done" } }] }, files);
    expect(r).toEqual([{ title: "Cluster Container Status", outcome: "pass", message: "done", uri: "", strict: false }]);
  });

  test("when errors are troubleshoot's", () => {
    const run = (when: string) => () => clusterContainerStatuses.analyze({ outcomes: [{ fail: { when } }] }, files);
    expect(run("Completed")).toThrow('failed to analyze container statuses: failed to parse when: expected 2 parts in when "Completed"');
    expect(run("< Completed")).toThrow('failed to analyze container statuses: failed to parse when: unexpected operator "<" in containerStatuses reason');
  });

  test("messages are Go templates over the matched container (*analyzer.matchedContainerInfo)", () => {
    const r = clusterContainerStatuses.analyze(
      {
        outcomes: [
          {
            fail: {
              when: "== CrashLoopBackOff",
              message: " {{ .Namespace }}/{{ .PodName }}/{{ .ContainerName }} ready={{ .Ready }} restarts={{ .RestartCount }}: {{ .Message }} ",
            },
          },
        ],
      },
      files,
    );
    expect(r.map((x) => x.message)).toEqual(["app/crashy/main ready=false restarts=4: back-off 40s"]);
  });

  test("a template error gives troubleshoot's summary line", () => {
    const r = clusterContainerStatuses.analyze({ outcomes: [{ fail: { when: "== CrashLoopBackOff", message: "{{ .Nope }}" } }] }, files);
    expect(r[0].message).toBe("Container matched. Container: main, Namespace: app, Pod: crashy");
  });

  test("all results of one outcome share the message rendered for the first matching pod", () => {
    const r = clusterContainerStatuses.analyze(
      { namespaces: ["app"], outcomes: [{ warn: { when: "!= CrashLoopBackOff", message: "{{ .PodName }}" } }] },
      files,
    );
    expect(r.map((x) => x.message)).toEqual(["pull", "pull"]);
  });
});
