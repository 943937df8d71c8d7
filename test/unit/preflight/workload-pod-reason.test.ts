// Expected reasons follow troubleshoot v0.133.0 pkg/k8sutil/pod.go (kubectl's printer rules).
import { describe, expect, test } from "bun:test";
import { isPodUnhealthy, podStatusReason } from "../../../src/preflight/app/analyzers/pod-status-reason.ts";

const pod = (status: object, spec: object = {}, metadata: object = {}) => ({ metadata: { name: "p", namespace: "n", ...metadata }, spec, status });
const running = { running: { startedAt: "2026-01-01T00:00:00Z" } };

describe("podStatusReason", () => {
  test("phase when nothing else says more", () => {
    expect(podStatusReason(pod({ phase: "Running", containerStatuses: [{ name: "c", ready: true, state: running }] }))).toEqual(["Running", ""]);
  });
  test("status.reason wins over the phase", () => {
    expect(podStatusReason(pod({ phase: "Failed", reason: "Evicted" }))).toEqual(["Evicted", ""]);
  });
  test("unschedulable: Pending with the PodScheduled=False message", () => {
    const p = pod({ phase: "Pending", conditions: [{ type: "PodScheduled", status: "False", message: "0/2 nodes are available" }] });
    expect(podStatusReason(p)).toEqual(["Pending", "0/2 nodes are available"]);
  });
  test("waiting reason with the last termination's message, else its exit code", () => {
    const p = pod({
      phase: "Running",
      containerStatuses: [
        { name: "a", state: { waiting: { reason: "CrashLoopBackOff" } }, lastState: { terminated: { exitCode: 1 } } },
        { name: "b", state: { waiting: { reason: "ImagePullBackOff" } }, lastState: { terminated: { exitCode: 2, message: "boom" } } },
      ],
    });
    // containers are walked from the last: b first, then a overrides the reason; messages add up
    expect(podStatusReason(p)).toEqual(["CrashLoopBackOff", "boomExitCode:1"]);
  });
  test("terminated with and without a reason", () => {
    expect(podStatusReason(pod({ phase: "Failed", containerStatuses: [{ state: { terminated: { reason: "OOMKilled", exitCode: 137 } } }] }))).toEqual([
      "OOMKilled",
      "ExitCode:137",
    ]);
    expect(podStatusReason(pod({ phase: "Failed", containerStatuses: [{ state: { terminated: { exitCode: 3 } } }] }))).toEqual(["ExitCode:3", ""]);
    expect(podStatusReason(pod({ phase: "Failed", containerStatuses: [{ state: { terminated: { signal: 9, exitCode: 3 } } }] }))).toEqual(["Signal:9", ""]);
  });
  test("Completed with a running ready container: Running if the pod is Ready, else NotReady", () => {
    const status = (ready: string) => ({
      phase: "Running",
      conditions: [{ type: "Ready", status: ready }],
      containerStatuses: [
        { name: "a", ready: true, state: running },
        { name: "b", state: { terminated: { reason: "Completed", exitCode: 0 } } },
      ],
    });
    expect(podStatusReason(pod(status("True")))[0]).toBe("Running");
    expect(podStatusReason(pod(status("False")))[0]).toBe("NotReady");
  });
  test("init containers: failed, waiting, pending count, native sidecar", () => {
    const spec = { initContainers: [{ name: "i1" }, { name: "i2" }] };
    expect(podStatusReason(pod({ phase: "Pending", initContainerStatuses: [{ state: { terminated: { exitCode: 1, reason: "Error" } } }] }, spec))).toEqual([
      "Init:Error",
      "",
    ]);
    expect(podStatusReason(pod({ phase: "Pending", initContainerStatuses: [{ state: { terminated: { exitCode: 2 } } }] }, spec))[0]).toBe("Init:ExitCode:2");
    expect(podStatusReason(pod({ phase: "Pending", initContainerStatuses: [{ state: { terminated: { exitCode: 2, signal: 15 } } }] }, spec))[0]).toBe(
      "Init:Signal:15",
    );
    expect(
      podStatusReason(
        pod(
          {
            phase: "Pending",
            initContainerStatuses: [{ state: { waiting: { reason: "CrashLoopBackOff" } }, lastState: { terminated: { exitCode: 1, message: "db down" } } }],
          },
          spec,
        ),
      ),
    ).toEqual(["Init:CrashLoopBackOff", "db down"]);
    expect(podStatusReason(pod({ phase: "Pending", initContainerStatuses: [{ state: { waiting: { reason: "PodInitializing" } } }] }, spec))[0]).toBe(
      "Init:0/2",
    );
    const ok = { state: { terminated: { exitCode: 0, reason: "Completed" } } };
    expect(podStatusReason(pod({ phase: "Pending", initContainerStatuses: [ok, { state: running }] }, spec))[0]).toBe("Init:1/2");
    const sidecarSpec = { initContainers: [{ name: "i1" }, { name: "side", restartPolicy: "Always" }] };
    expect(podStatusReason(pod({ phase: "Running", initContainerStatuses: [ok, { state: running }] }, sidecarSpec))[0]).toBe("Running");
  });
  test("deletion: Terminating, or Unknown for NodeLost", () => {
    expect(podStatusReason(pod({ phase: "Running" }, {}, { deletionTimestamp: "2026-01-01T00:00:00Z" }))[0]).toBe("Terminating");
    expect(podStatusReason(pod({ phase: "Running", reason: "NodeLost" }, {}, { deletionTimestamp: "2026-01-01T00:00:00Z" }))[0]).toBe("Unknown");
  });
});

describe("isPodUnhealthy", () => {
  test.each([
    ["Pending", pod({ phase: "Pending" }), true],
    ["Failed", pod({ phase: "Failed" }), true],
    ["Unknown", pod({ phase: "Unknown" }), true],
    ["Succeeded / Completed", pod({ phase: "Succeeded", containerStatuses: [{ state: { terminated: { reason: "Completed", exitCode: 0 } } }] }), false],
    ["Running and ready", pod({ phase: "Running", containerStatuses: [{ ready: true, state: running }] }), false],
    [
      "Running, a container not ready",
      pod({
        phase: "Running",
        containerStatuses: [
          { ready: true, state: running },
          { ready: false, state: running },
        ],
      }),
      true,
    ],
    ["Running but CrashLoopBackOff", pod({ phase: "Running", containerStatuses: [{ state: { waiting: { reason: "CrashLoopBackOff" } } }] }), true],
  ])("%s", (_name, p, want) => expect(isPodUnhealthy(p)).toBe(want));
});
