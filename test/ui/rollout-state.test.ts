import { describe, expect, test } from "bun:test";
import type { InstallEvent, ObjectRef } from "../../src/install/events.ts";
import { foldEvents, rolloutReducer, initialRollout, rowElapsed, stallOf, waitElapsed } from "../../ui/rollout-state.ts";

const dep: ObjectRef = { kind: "Deployment", name: "kotsadm", namespace: "apps" };
const pg: ObjectRef = { kind: "StatefulSet", name: "kotsadm-postgres", namespace: "apps" };
const sc = (ref: ObjectRef, status: "Current" | "InProgress" | "Failed", at: number, extra: Partial<InstallEvent & { type: "status-changed" }> = {}): InstallEvent => ({
  type: "status-changed",
  at,
  ref,
  status,
  message: `${status} message`,
  elapsedMs: at - 1000,
  budgetMs: 300_000,
  ...extra,
});

describe("rollout reducer", () => {
  test("rendered objects become pending rows, applied, then statuses", () => {
    let s = foldEvents([
      { type: "step-started", step: "apply", at: 0, message: "applying" },
      { type: "rendered", at: 1, objects: [pg, dep] },
      { type: "object-applied", at: 2, ref: pg, action: "created" },
    ]);
    expect(s.rows.map((r) => [r.ref.name, r.status])).toEqual([
      ["kotsadm-postgres", "Applied"],
      ["kotsadm", "Pending"],
    ]);
    expect(s.rows[0]!.action).toBe("created");
    s = rolloutReducer(s, sc(dep, "InProgress", 2000, { reason: "ImagePullBackOff", message: 'Back-off pulling image "kotsadm/kotsadm:v1"' }));
    expect(s.rows[1]).toMatchObject({ status: "InProgress", reason: "ImagePullBackOff" });
    s = rolloutReducer(s, sc(dep, "Current", 5000));
    expect(s.rows[1]).toMatchObject({ status: "Current", elapsedMs: 4000 });
    expect(s.steps).toEqual([{ step: "apply", state: "running", message: "applying" }]);
  });

  test("live elapsed times, frozen when finished", () => {
    let s = rolloutReducer(initialRollout, sc(dep, "InProgress", 11_000));
    expect(waitElapsed(s, 21_000)).toBe(20_000);
    expect(rowElapsed(s, s.rows[0]!, 21_000)).toBe(20_000);
    s = rolloutReducer(s, { type: "error", at: 22_000, message: "timed out", exitCode: 1, applied: [dep] });
    expect(waitElapsed(s, 99_000)).toBe(10_000);
    expect(s.error?.applied).toEqual([dep]);
  });

  test("stall: the engine's warning, or no change for 30 s while not ready", () => {
    let s = rolloutReducer(initialRollout, sc(dep, "InProgress", 1000));
    expect(stallOf(s, s.rows[0]!, 20_000)).toBeUndefined();
    expect(stallOf(s, s.rows[0]!, 41_000)).toBe("no progress for 40s");
    s = rolloutReducer(s, { type: "warning", at: 2000, ref: dep, message: "Unschedulable for 20s: 0/1 nodes are available" });
    expect(stallOf(s, s.rows[0]!, 2000)).toContain("Unschedulable");
    s = rolloutReducer(s, sc(dep, "Current", 3000));
    expect(stallOf(s, s.rows[0]!, 90_000)).toBeUndefined();
  });

  test("port-forward and done", () => {
    const s = foldEvents([
      { type: "port-forward", at: 1, localPort: 8801, requestedPort: 8800, url: "http://localhost:8801", healthy: true },
      { type: "done", at: 2, durationMs: 65_000, namespace: "apps", url: "http://localhost:8801" },
    ]);
    expect(s.portForward?.localPort).toBe(8801);
    expect(s.done?.url).toBe("http://localhost:8801");
  });
});
