import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { InstallEvent } from "../../src/install/events.ts";
import { boardRows } from "../../ui/RolloutBoard.tsx";
import { rowText } from "../../ui/components/segments.ts";
import { foldEvents } from "../../ui/rollout-state.ts";
import { makeTheme } from "../../ui/theme.ts";
import { ensureCluster, uniqueNamespace, type TestCluster } from "../support/cluster.ts";
import { dropNamespace, getItems, getOne } from "../support/inspect.ts";
import { runKots, type KotsRun } from "../support/kots.ts";

// The "realistic" kwok profile (scripts/kwok/realistic-profile.yaml) stands for what a real
// cluster does and kwok's default stages do not: Postgres and MinIO pass their readiness probes
// 5–10 s after they start, PVCs are bound 2–4 s late by an external provisioner, and kotsadm's
// schemahero-plan init container fails twice (connection refused, then CrashLoopBackOff) before
// the database answers. "init-fails" is the same with a database that never answers.
let tc: TestCluster;
const okNs = uniqueNamespace("real");
const failNs = uniqueNamespace("initfail");
let ok: KotsRun;
let failed: KotsRun;

const install = (ns: string, profile: string, extra: string[] = []) =>
  runKots(
    [
      "install", "acme-helpdesk", "-n", ns, "--yes", "--no-port-forward", "--output", "json", "--kubeconfig", tc.kubeconfig, "--wait-duration", "3m",
      "--additional-labels", `kots-tui.dev/profile=${profile}`, "--storage-class", "kots-tui-late-binding", ...extra,
    ],
    { env: { KOTS_SHARED_PASSWORD: `pw-${crypto.randomUUID()}` }, timeoutMs: 200_000 },
  );

beforeAll(async () => {
  tc = ensureCluster();
  [ok, failed] = await Promise.all([install(okNs, "realistic"), install(failNs, "init-fails", ["--init-restart-grace", "15s"])]);
}, 220_000);

afterAll(() => {
  dropNamespace(tc, okNs);
  dropNamespace(tc, failNs);
});

const statusesOf = (run: KotsRun, kind: string, name: string) =>
  run.events.flatMap((e) => (e.type === "status-changed" && e.ref.kind === kind && e.ref.name === name ? [e] : []));
const indexOf = (run: KotsRun, pred: (e: InstallEvent) => boolean) => run.events.findIndex(pred);

describe("a fresh install on the realistic profile", () => {
  test("succeeds and ends with a done event", () => {
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(ok.events.at(-1)?.type).toBe("done");
  });

  test("the profile was in force: the datastores were not Ready at once and the PVCs bound late", () => {
    const pg = statusesOf(ok, "StatefulSet", "kotsadm-postgres");
    expect(pg.some((e) => e.status === "InProgress" && /waiting for PVC .* to be Bound/.test(e.message))).toBe(true);
    expect(pg.some((e) => e.status === "InProgress" && /ContainersNotReady/.test(e.message))).toBe(true);
    expect(getOne(tc, "pod", "kotsadm-postgres-0", okNs).metadata.labels["kots-tui.dev/profile"]).toBe("realistic");
    for (const pvc of getItems(tc, "pvc", okNs)) expect(pvc.spec.storageClassName).toBe("kots-tui-late-binding");
  });

  test("KOTS's start order: kotsadm is applied only after both datastores are Current", () => {
    const steps = ok.events.flatMap((e) => (e.type === "step-started" ? [e.step] : []));
    expect(steps).toEqual(["preflight", "validate", "apply", "wait-datastores", "apply-kotsadm", "wait"]);
    const kotsadmApplied = indexOf(ok, (e) => e.type === "object-applied" && e.ref.kind === "Deployment" && e.ref.name === "kotsadm");
    const datastoreApplied = indexOf(ok, (e) => e.type === "object-applied" && e.ref.name === "kotsadm-postgres" && e.ref.kind === "StatefulSet");
    for (const name of ["kotsadm-postgres", "kotsadm-minio"]) {
      const current = indexOf(ok, (e) => e.type === "status-changed" && e.ref.kind === "StatefulSet" && e.ref.name === name && e.status === "Current");
      expect(current).toBeGreaterThan(datastoreApplied);
      expect(current).toBeLessThan(kotsadmApplied);
    }
  });

  test("schemahero-plan's two restarts are reported as waiting, never as Failed", () => {
    const k = statusesOf(ok, "Deployment", "kotsadm");
    const waiting = k.filter((e) => /init container schemahero-plan restarted/.test(e.message));
    expect(waiting.map((e) => e.message.match(/restarted (\d)×/)![1])).toEqual(["1", "2"]);
    for (const e of waiting) {
      expect(e.status).toBe("InProgress");
      expect(e.message).toContain("connection refused");
      expect(e.message).toContain("waiting for its dependencies");
    }
    expect(k.some((e) => e.status === "Failed")).toBe(false);
    expect(k.at(-1)?.status).toBe("Current");
  });

  test("the rollout board, folded from the same stream, shows the restart as a waiting row", () => {
    const upTo = indexOf(ok, (e) => e.type === "status-changed" && /restarted 2×/.test(e.message));
    const s = foldEvents(ok.events.slice(0, upTo + 1));
    const rows = boardRows(s, s.wait!.at, makeTheme({ color: false, unicode: true }), 120, 40).map(rowText);
    const i = rows.findIndex((r) => r.includes("Deployment/kotsadm"));
    expect(rows[i]).toContain("InProgress");
    expect(rows[i + 1]).toContain("init container schemahero-plan restarted 2×");
    expect(rows.join("\n")).not.toContain("Failed");
  });

  test("kotsadm-confg and kotsadm-application-metadata are in the cluster", () => {
    expect(getOne(tc, "configmap", "kotsadm-confg", okNs).data).toMatchObject({ "with-minio": "true", "wait-duration": "3m0s", "use-minimal-rbac": "false" });
    expect(getOne(tc, "configmap", "kotsadm-application-metadata", okNs).data.upstreamUri).toBe("replicated://acme-helpdesk");
  });
});

describe("an init container that fails past the grace window", () => {
  test("fails the install with exit 1, naming the init container and its last log line", () => {
    expect(failed.code).toBe(1);
    const err = failed.events.at(-1);
    if (err?.type !== "error") throw new Error(`last event is ${err?.type}, not error`);
    expect(err.exitCode).toBe(1);
    expect(err.message).toContain("Deployment/kotsadm failed: CrashLoopBackOff");
    expect(err.message).toContain("init container schemahero-plan: still failing after 15s");
    // read through the API with previous=true (kwok serves the failed instance's log file)
    expect(err.message).toContain("last log line: Error: dial tcp 10.96.0.15:5432: connect: connection refused");
  });

  test("before the window ended the same restarts were only waiting", () => {
    const k = statusesOf(failed, "Deployment", "kotsadm");
    const failedAt = k.findIndex((e) => e.status === "Failed");
    expect(failedAt).toBe(k.length - 1);
    expect(k.slice(0, failedAt).some((e) => /restarted 2×/.test(e.message) && e.status === "InProgress")).toBe(true);
  });
});
