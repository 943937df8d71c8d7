import { describe, expect, test } from "bun:test";
import { computeStatus } from "../../../src/kube/status/index.ts";
import { ago, merge, NOW, pod, podUnschedulable, podWaiting } from "./fixtures.ts";

// kstatus podConditions (cli-utils pkg/kstatus/status/core.go); ScheduleWindow = 15 s from creation.
describe("Pod (kstatus rules)", () => {
  const running = (ready: boolean) =>
    merge(pod, {
      status: {
        phase: "Running",
        conditions: [
          { type: "PodScheduled", status: "True" },
          ready
            ? { type: "Ready", status: "True" }
            : { type: "Ready", status: "False", reason: "ContainersNotReady", message: "containers with unready status: [kotsadm]" },
        ],
        containerStatuses: [{ name: "kotsadm", ready, restartCount: 0, state: { running: { startedAt: ago(30_000) } } }],
      },
    });

  const cases: [string, Record<string, unknown>, string, string | undefined, string][] = [
    ["not yet observed (no phase)", pod, "InProgress", "PodNotObserved", "Pod phase not available"],
    ["Pending, being scheduled", merge(pod, { status: { phase: "Pending" } }), "InProgress", "PodPending", "Pod is in the Pending phase"],
    ["Pending, pulling images", podWaiting("ContainerCreating"), "InProgress", "PodPending", "Pod is in the Pending phase"],
    ["Pending with ImagePullBackOff is still only Pending for kstatus", podWaiting("ImagePullBackOff", 'Back-off pulling image "kotsadm/kotsadm:nope"'), "InProgress", "PodPending", "Pod is in the Pending phase"],
    ["Unschedulable for 5 s", podUnschedulable(5_000), "InProgress", "PodNotScheduled", "Pod has not been scheduled"],
    ["Unschedulable for 20 s", podUnschedulable(20_000), "Failed", "PodUnschedulable", "Pod could not be scheduled"],
    ["Running and Ready", running(true), "Current", undefined, "Pod is Ready"],
    ["Running, not Ready", running(false), "InProgress", "PodRunningNotReady", "Pod is running but is not Ready"],
    [
      "Running, crash looping",
      podWaiting("CrashLoopBackOff", "back-off 40s restarting failed container=kotsadm pod=kotsadm-7c9f8d6b5d-x2k8q_kots(b3f0f3a4)"),
      "Failed",
      "ContainerCrashLooping",
      "Containers in CrashLoop state: kotsadm",
    ],
    ["Succeeded", merge(pod, { status: { phase: "Succeeded" } }), "Current", undefined, "Pod has completed successfully"],
    ["Failed phase is Current for kstatus", merge(pod, { status: { phase: "Failed" } }), "Current", undefined, "Pod has completed, but not successfully"],
  ];
  for (const [name, obj, status, reason, message] of cases) {
    test(name, () => {
      expect(computeStatus(obj, { now: NOW })).toEqual(reason ? { status: status as never, reason, message } : { status: status as never, message });
    });
  }

  test("the scheduling window is measured from creationTimestamp", () => {
    // Condition flipped 2 s ago, but the pod is 1 min old: kstatus already calls it Failed.
    const p = merge(podUnschedulable(2_000), { metadata: { creationTimestamp: ago(60_000) } });
    expect(computeStatus(p, { now: NOW }).status).toBe("Failed");
  });

  test("both crash-looping containers are listed", () => {
    const p = merge(pod, {
      status: {
        phase: "Running",
        containerStatuses: [
          { name: "kotsadm", state: { waiting: { reason: "CrashLoopBackOff" } } },
          { name: "sidecar", state: { running: {} } },
          { name: "migrations", state: { waiting: { reason: "CrashLoopBackOff" } } },
        ],
      },
    });
    expect(computeStatus(p, { now: NOW }).message).toBe("Containers in CrashLoop state: kotsadm,migrations");
  });

  test("an unrecognised phase is Unknown", () => {
    expect(computeStatus(merge(pod, { status: { phase: "Unknown" } }), { now: NOW }).status).toBe("Unknown");
  });
});
