import { describe, expect, test } from "bun:test";
import { podFailure } from "../../../src/kube/status/index.ts";
import { ago, merge, NOW, pod, podUnschedulable, podWaiting } from "./fixtures.ts";

// Design §4 fail-fast extensions: container waiting reasons and Unschedulable > 15 s.
describe("podFailure: container waiting reasons", () => {
  const messages: Record<string, string> = {
    ImagePullBackOff: 'Back-off pulling image "kotsadm/kotsadm:v1.88.0-nope"',
    ErrImagePull:
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/kotsadm/kotsadm:v1.88.0-nope": not found',
    InvalidImageName: 'Failed to apply default image tag "kotsadm/Kotsadm:v1": couldn\'t parse image reference',
    CreateContainerConfigError: 'secret "kotsadm-postgres" not found',
    CrashLoopBackOff: "back-off 1m20s restarting failed container=kotsadm pod=kotsadm-7c9f8d6b5d-x2k8q_kots(b3f0f3a4)",
  };
  for (const [reason, message] of Object.entries(messages)) {
    test(reason, () => {
      expect(podFailure(podWaiting(reason, message), { now: NOW })).toEqual(
        reason === "CrashLoopBackOff" ? expect.objectContaining({ reason, container: "kotsadm" }) : { reason, message, container: "kotsadm" },
      );
    });
  }

  test("CrashLoopBackOff keeps the kubelet message and adds the last exit", () => {
    const p = podWaiting("CrashLoopBackOff", messages.CrashLoopBackOff, {
      restartCount: 4,
      lastState: { terminated: { exitCode: 1, reason: "Error", startedAt: ago(20_000), finishedAt: ago(19_000) } },
    });
    expect(podFailure(p, { now: NOW })?.message).toBe(`${messages.CrashLoopBackOff} (last exit: Error, code 1)`);
  });

  test("an init container is checked first and named", () => {
    const p = merge(podWaiting("PodInitializing"), {
      status: {
        initContainerStatuses: [
          { name: "schemahero-plan", ready: false, restartCount: 0, state: { waiting: { reason: "ErrImagePull", message: "pull access denied" } } },
        ],
      },
    });
    expect(podFailure(p, { now: NOW })).toEqual({ reason: "ErrImagePull", message: "pull access denied", container: "schemahero-plan" });
  });

  test("a waiting container without a kubelet message still reports the reason", () => {
    expect(podFailure(podWaiting("ImagePullBackOff"), { now: NOW })?.reason).toBe("ImagePullBackOff");
  });

  test("ordinary waits are not failures", () => {
    for (const reason of ["ContainerCreating", "PodInitializing"]) {
      expect(podFailure(podWaiting(reason), { now: NOW })).toBeUndefined();
    }
  });

  test("a healthy pod is not a failure", () => {
    const ready = merge(pod, {
      status: { phase: "Running", conditions: [{ type: "Ready", status: "True" }], containerStatuses: [{ name: "kotsadm", ready: true, state: { running: {} } }] },
    });
    expect(podFailure(ready, { now: NOW })).toBeUndefined();
  });
});

describe("podFailure: Unschedulable", () => {
  test("within the 15 s grace period: not yet", () => {
    expect(podFailure(podUnschedulable(10_000), { now: NOW })).toBeUndefined();
  });

  test("after the grace period: Unschedulable with the scheduler's message", () => {
    expect(podFailure(podUnschedulable(16_000), { now: NOW })).toEqual({
      reason: "Unschedulable",
      message:
        "0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.",
    });
  });

  test("exactly at the grace period counts as failed (as kstatus' window does)", () => {
    expect(podFailure(podUnschedulable(15_000), { now: NOW })?.reason).toBe("Unschedulable");
  });

  test("measured from the condition's lastTransitionTime, not the pod's age", () => {
    const p = merge(podUnschedulable(3_000), { metadata: { creationTimestamp: ago(3_600_000) } });
    expect(podFailure(p, { now: NOW })).toBeUndefined();
  });

  test("falls back to creationTimestamp without lastTransitionTime", () => {
    const p = podUnschedulable(30_000);
    delete ((p.status as { conditions: Record<string, unknown>[] }).conditions[0] as Record<string, unknown>).lastTransitionTime;
    expect(podFailure(p, { now: NOW })?.reason).toBe("Unschedulable");
  });

  test("the grace period is configurable", () => {
    expect(podFailure(podUnschedulable(30_000), { now: NOW, unschedulableGraceMs: 60_000 })).toBeUndefined();
    expect(podFailure(podUnschedulable(61_000), { now: NOW, unschedulableGraceMs: 60_000 })?.reason).toBe("Unschedulable");
  });

  test("PodScheduled=False for another reason is not Unschedulable", () => {
    const p = merge(podUnschedulable(60_000), {
      status: { conditions: [{ type: "PodScheduled", status: "False", reason: "SchedulingGated", lastTransitionTime: ago(60_000) }] },
    });
    expect(podFailure(p, { now: NOW })).toBeUndefined();
  });
});
