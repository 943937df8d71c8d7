// clusterPodStatuses: troubleshoot v0.133.0 pkg/analyze/cluster_pod_statuses.go (templates rendered
// with the corev1.Pod as dot, status reason/message filled in kubectl's way).
import { describe, expect, test } from "bun:test";
import { CollectedFiles } from "../../../src/preflight/app/collected.ts";
import { clusterPodStatuses } from "../../../src/preflight/app/analyzers/pod-statuses.ts";

const podList = (items: object[]) => JSON.stringify({ kind: "PodList", apiVersion: "v1", items });
const pod = (ns: string, name: string, status: object) => ({
  kind: "Pod",
  apiVersion: "v1",
  metadata: { name, namespace: ns, uid: name },
  spec: { containers: [{ name: "c" }] },
  status,
});
const ready = { phase: "Running", conditions: [{ type: "Ready", status: "True" }], containerStatuses: [{ name: "c", ready: true, state: { running: {} } }] };
const pulling = {
  phase: "Pending",
  containerStatuses: [{ name: "c", ready: false, state: { waiting: { reason: "ImagePullBackOff", message: "Back-off pulling image" } } }],
};
const unscheduled = { phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", message: "0/2 nodes are available" }] };
const crashing = {
  phase: "Running",
  containerStatuses: [
    {
      name: "c",
      ready: false,
      restartCount: 3,
      state: { waiting: { reason: "CrashLoopBackOff" } },
      lastState: { terminated: { exitCode: 1, reason: "Error" } },
    },
  ],
};

const files = new CollectedFiles({
  "cluster-resources/pods/app.json": podList([
    pod("app", "ok", ready),
    pod("app", "pull", pulling),
    pod("app", "unsched", unscheduled),
    pod("app", "crash", crashing),
  ]),
  "cluster-resources/pods/done.json": JSON.stringify([
    pod("done", "finished", { phase: "Succeeded", containerStatuses: [{ name: "c", state: { terminated: { reason: "Completed", exitCode: 0 } } }] }),
  ]),
  "cluster-resources/pods/evicted.json": podList([
    pod("evicted", "gone", { phase: "Failed", reason: "Evicted", message: "The node was low on resource: memory." }),
  ]),
  "cluster-resources/events/app.json": JSON.stringify({
    kind: "EventList",
    apiVersion: "v1",
    items: [
      { involvedObject: { kind: "Pod", name: "pull", namespace: "app" }, type: "Warning", reason: "Failed", message: "Failed to pull image x" },
      { involvedObject: { kind: "Pod", name: "pull", namespace: "app" }, type: "Normal", reason: "Pulling", message: "Pulling image x" },
      { involvedObject: { kind: "Pod", name: "pull", namespace: "app" }, type: "Warning", reason: "Failed", message: "Error: ErrImagePull" },
      { involvedObject: { kind: "Pod", name: "ok", namespace: "other" }, type: "Warning", reason: "X", message: "another namespace's ok" },
    ],
  }),
});

const only = (namespaces: string[], outcomes: object[], extra: object = {}) => clusterPodStatuses.analyze({ namespaces, outcomes, ...extra }, files);

describe("clusterPodStatuses", () => {
  test("title of the analyzer: checkName, else Cluster Pod Status", () => {
    expect(clusterPodStatuses.title({})).toBe("Cluster Pod Status");
  });

  test("!= Healthy: each unhealthy pod, with the default title and message", () => {
    expect(only(["app"], [{ fail: { when: "!= Healthy" } }])).toEqual([
      {
        title: "Pod app/pull status",
        outcome: "fail",
        message: "Pod app/pull status is ImagePullBackOff. Message is: Failed to pull image x. Error: ErrImagePull",
        uri: "",
        strict: false,
      },
      {
        title: "Pod app/unsched status",
        outcome: "fail",
        message: "Pod app/unsched status is Pending. Message is: 0/2 nodes are available",
        uri: "",
        strict: false,
      },
      { title: "Pod app/crash status", outcome: "fail", message: "Pod app/crash status is CrashLoopBackOff. Message is: ExitCode:1", uri: "", strict: false },
    ]);
  });

  test("== matches the phase or the reason; first matching outcome per pod; templated checkName and message", () => {
    const r = only(
      ["app"],
      [
        { fail: { when: "== CrashLoopBackOff", message: "{{ .Name }} crashes ({{ .Status.Phase }})" } },
        { warn: { when: "= Pending", message: "  {{ .Name }} waits: {{ .Status.Reason }}  " } },
        { pass: { message: "{{ .Name }} is fine" } },
      ],
      { checkName: "pod {{ .Name }}", strict: true },
    );
    expect(r.map((x) => [x.title, x.outcome, x.message, x.strict])).toEqual([
      ["pod ok", "pass", "ok is fine", true],
      ["pod pull", "warn", "pull waits: ImagePullBackOff", true],
      ["pod unsched", "warn", "unsched waits: Pending", true],
      ["pod crash", "fail", "crash crashes (Running)", true],
    ]);
  });

  test("a status.reason already set is kept with its message; Completed pods are healthy", () => {
    expect(only(["evicted", "done"], [{ warn: { when: "!= Healthy" } }])).toEqual([
      {
        title: "Pod evicted/gone status",
        outcome: "warn",
        message: "Pod evicted/gone status is Evicted. Message is: The node was low on resource: memory.",
        uri: "",
        strict: false,
      },
    ]);
    expect(only(["done"], [{ pass: { when: "== Healthy", message: "{{ .Status.Reason }}" } }])[0].message).toBe("Completed");
  });

  test("an empty message shows None", () => {
    expect(only(["done"], [{ pass: { when: "== Succeeded" } }])[0].message).toBe("Pod done/finished status is Completed. Message is: ExitCode:0");
    const noMessage = new CollectedFiles({ "cluster-resources/pods/x.json": podList([pod("x", "p", { phase: "Pending" })]) });
    expect(clusterPodStatuses.analyze({ outcomes: [{ fail: { when: "== Pending" } }] }, noMessage)[0].message).toBe(
      "Pod x/p status is Pending. Message is: None",
    );
  });

  test("when with one part, or an unknown operator, never matches", () => {
    expect(only(["app"], [{ fail: { when: "Pending" } }, { warn: { when: "< Pending" } }])).toEqual([]);
  });

  test("!= X: neither the phase nor the reason is X", () => {
    expect(only(["app"], [{ fail: { when: "!= Pending" } }]).map((r) => r.title)).toEqual(["Pod app/ok status", "Pod app/crash status"]);
  });

  test("template errors: troubleshoot's wraps", () => {
    expect(() => only(["done"], [{ pass: {} }], { checkName: "{{ .Nope }}" })).toThrow("failed to render template: ");
    expect(() => only(["done"], [{ pass: { message: "{{ .Nope }}" } }])).toThrow("failed to create new title template: ");
  });
});
