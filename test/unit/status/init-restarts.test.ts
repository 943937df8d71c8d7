import { describe, expect, test } from "bun:test";
import { containerFailure, initContainerRestart, notReadyExplanation, workloadFailure } from "../../../src/kube/status/index.ts";
import { ago, deployment, merge, NOW, pod } from "./fixtures.ts";

// kotsadm's schemahero-plan opens one Postgres connection with no retry: on a real cluster it
// fails and is restarted by the kubelet until the kotsadm-postgres Service has a ready endpoint.
const REFUSED = "dial tcp 10.96.0.15:5432: connect: connection refused";
const terminatedError = { terminated: { exitCode: 1, reason: "Error", message: REFUSED, startedAt: ago(5_000), finishedAt: ago(4_000) } };

/** A kotsadm pod created `ageMs` before NOW whose schemahero-plan is in `state` after `restarts` restarts. */
function initPod(ageMs: number, restarts: number, state: Record<string, unknown>, lastState: Record<string, unknown> = terminatedError) {
  return merge(pod, {
    metadata: { creationTimestamp: ago(ageMs) },
    spec: { initContainers: [{ name: "schemahero-plan" }, { name: "schemahero-apply" }], containers: [{ name: "kotsadm" }] },
    status: {
      phase: "Pending",
      conditions: [
        { type: "PodScheduled", status: "True" },
        { type: "Initialized", status: "False", reason: "ContainersNotInitialized" },
        { type: "Ready", status: "False", reason: "ContainersNotReady" },
      ],
      initContainerStatuses: [
        { name: "schemahero-plan", ready: false, restartCount: restarts, state, lastState },
        { name: "schemahero-apply", ready: false, restartCount: 0, state: { waiting: { reason: "PodInitializing" } } },
      ],
      containerStatuses: [{ name: "kotsadm", ready: false, restartCount: 0, state: { waiting: { reason: "PodInitializing" } } }],
    },
  });
}

const crashLoop = { waiting: { reason: "CrashLoopBackOff", message: "back-off 10s restarting failed container=schemahero-plan" } };

describe("initContainerRestart: which init container is failing and restarting", () => {
  const cases: Array<[string, Record<string, unknown>, number, { reason: string; lastExit: string } | undefined]> = [
    ["terminated with an error", terminatedError, 1, { reason: "Error", lastExit: `Error, ${REFUSED}` }],
    ["waiting in CrashLoopBackOff", crashLoop, 2, { reason: "CrashLoopBackOff", lastExit: `Error, ${REFUSED}` }],
    ["running again after a failure (no restart shown while it runs)", { running: { startedAt: ago(1_000) } }, 1, undefined],
    ["completed", { terminated: { exitCode: 0, reason: "Completed" } }, 0, undefined],
  ];
  for (const [name, state, restarts, want] of cases) {
    test(name, () => {
      const r = initContainerRestart(initPod(30_000, restarts, state));
      if (want === undefined) expect(r).toBeUndefined();
      else expect(r).toMatchObject({ container: "schemahero-plan", restarts, ...want, since: NOW - 30_000 });
    });
  }

  test("an image pull problem is not a restart (containerFailure fails it at once)", () => {
    const p = initPod(10_000, 0, { waiting: { reason: "ImagePullBackOff", message: "not found" } }, {});
    expect(initContainerRestart(p)).toBeUndefined();
    expect(containerFailure(p, { now: NOW })).toMatchObject({ reason: "ImagePullBackOff", container: "schemahero-plan" });
  });
});

describe("grace window (design §4; default 2 min, --init-restart-grace)", () => {
  test("within the window a CrashLoopBackOff init container is waiting, not failed", () => {
    expect(containerFailure(initPod(60_000, 2, crashLoop), { now: NOW })).toBeUndefined();
    expect(workloadFailure(deployment, [initPod(60_000, 2, crashLoop)], [], NOW)).toBeUndefined();
  });

  test("past the window it fails, naming the init container and its last exit", () => {
    const f = workloadFailure(deployment, [initPod(121_000, 4, crashLoop)], [], NOW);
    expect(f).toMatchObject({ reason: "CrashLoopBackOff", container: "schemahero-plan", initContainer: true, pod: "kotsadm-7c9f8d6b5d-x2k8q" });
    expect(f!.message).toBe(`pod kotsadm-7c9f8d6b5d-x2k8q: init container schemahero-plan: still failing after 120s, restarted 4×: Error, ${REFUSED}`);
  });

  test("the window is configurable", () => {
    expect(containerFailure(initPod(20_000, 2, crashLoop), { now: NOW, initRestartGraceMs: 15_000 })).toMatchObject({ initContainer: true });
    expect(containerFailure(initPod(20_000, 2, crashLoop), { now: NOW, initRestartGraceMs: 30_000 })).toBeUndefined();
  });

  test("a main container in CrashLoopBackOff still fails at once (today's fail-fast rule)", () => {
    const p = merge(pod, {
      metadata: { creationTimestamp: ago(5_000) },
      status: { phase: "Running", containerStatuses: [{ name: "kotsadm", restartCount: 3, state: crashLoop, lastState: terminatedError }] },
    });
    expect(containerFailure(p, { now: NOW })).toMatchObject({ reason: "CrashLoopBackOff", container: "kotsadm" });
  });

  test("without a clock (kstatus-only callers) a CrashLoopBackOff init container fails as before", () => {
    expect(containerFailure(initPod(1_000, 2, crashLoop))).toMatchObject({ reason: "CrashLoopBackOff", container: "schemahero-plan" });
  });
});

describe("the waiting line on the board", () => {
  test("names the init container, its restarts and the last exit", () => {
    expect(notReadyExplanation(deployment, [initPod(30_000, 2, crashLoop)], [])).toBe(
      `pod kotsadm-7c9f8d6b5d-x2k8q: init container schemahero-plan restarted 2×: Error, ${REFUSED} (waiting for its dependencies)`,
    );
    expect(notReadyExplanation(deployment, [initPod(10_000, 1, terminatedError)], [])).toContain("restarted 1×: Error");
  });
});
