import { afterEach, describe, expect, test } from "bun:test";
import { cleanup } from "ink-testing-library";
import type { InstallOptions } from "../../src/install/options.ts";
import type { PreflightResult } from "../../ui/services.ts";
import type { WizardOutcome } from "../../ui/steps/common.ts";
import { advanceTo, DOWN, ENTER, ESC, eventStream, fakeConfig, fakeServices, PGDN, renderWizard, RIGHT, UP } from "./helpers.tsx";

afterEach(() => cleanup());

function preflightService(sets: PreflightResult[][]) {
  let i = 0;
  return async (on: (r: PreflightResult) => void) => {
    for (const r of sets[Math.min(i, sets.length - 1)]!) on(r);
    i++;
  };
}

describe("6 Preflights", () => {
  test("a warning needs an explicit continue anyway", async () => {
    const d = renderWizard({
      services: fakeServices({
        runPreflights: preflightService([
          [
            { check: "Kubernetes version", outcome: "pass", message: "v1.31.2" },
            { check: "Node memory", outcome: "warn", message: "3 GiB allocatable; 4 GiB recommended" },
          ],
        ]),
      }),
    });
    await advanceTo(d, "preflights");
    let f = await d.waitText("1 passed · 1 warning · 0 failed");
    expect(f).toMatch(/⚠ WARN\s+Node memory\s+3 GiB allocatable/);
    expect(f).toMatch(/✓ PASS\s+Kubernetes version/);
    // failures/warnings sort first
    expect(f.indexOf("Node memory")).toBeLessThan(f.indexOf("Kubernetes version"));
    expect(f).toContain("Press c to continue anyway");
    await d.press(ENTER);
    f = await d.waitText("1 warning: press c to continue anyway");
    expect(f).toContain("6/9 Preflight");
    await d.press("c");
    await d.waitText("7/9 Registry");
  });

  test("a failure blocks (even c), r re-runs, and a clean run continues", async () => {
    const d = renderWizard({
      services: fakeServices({
        runPreflights: preflightService([
          [
            { check: "Default StorageClass", outcome: "fail", message: "no default StorageClass; pass --storage-class", strict: true },
            { check: "Kubernetes version", outcome: "pass", message: "v1.31.2" },
          ],
          [
            { check: "Default StorageClass", outcome: "pass", message: "standard" },
            { check: "Kubernetes version", outcome: "pass", message: "v1.31.2" },
          ],
        ]),
      }),
    });
    await advanceTo(d, "preflights");
    let f = await d.waitText("1 passed · 0 warnings · 1 failed");
    expect(f).toMatch(/✗ FAIL\s+Default StorageClass \(strict\)/);
    expect(f).toContain("Fix the failed checks, then press r to re-run");
    expect(f).not.toContain("continue anyway");
    await d.press("c");
    f = await d.waitText("1 check failed");
    await d.press(ENTER);
    expect(d.frame()).toContain("6/9 Preflight");
    await d.press("r");
    f = await d.waitText("All checks passed");
    await d.press(ENTER);
    await d.waitText("7/9 Registry");
  });

  test("live list while running; details of the selected row", async () => {
    let release!: () => void;
    const d = renderWizard({
      services: fakeServices({
        runPreflights: async (on) => {
          on({ check: "API server", outcome: "pass", message: "reachable" });
          await new Promise<void>((r) => (release = r));
          on({
            check: "Node count",
            outcome: "warn",
            message: "only 1 linux/amd64 node; the Admin Console and the app share it, which is fine for a trial but not for production",
          });
        },
      }),
    });
    await advanceTo(d, "preflights");
    let f = await d.waitText("Running preflight checks… (1 done)");
    expect(f).toMatch(/PASS\s+API server/);
    release();
    f = await d.waitText("1 warning");
    expect(f).toContain("not for production");
    await d.press(DOWN);
    await d.waitText(/❯ ✓ PASS/);
    await d.press(UP, ESC);
    await d.waitText("5/9 Configuration");
  });
});

describe("7 Registry and storage", () => {
  test("private registry: live access check message, failure blocks, success continues", async () => {
    const checks: string[] = [];
    const d = renderWizard({
      services: fakeServices({
        checkRegistry: async (host, user, pass) => {
          checks.push(`${host} ${user}`);
          return pass === "good-pass" ? { ok: true, message: `logged in to ${host} as ${user}` } : { ok: false, message: "unauthorized: incorrect username or password" };
        },
      }),
    });
    await advanceTo(d, "registry");
    let f = d.frame();
    expect(f).toMatch(/❯ ◉ Public registries/);
    expect(f).toContain("◉ MinIO");
    await d.press(RIGHT);
    await d.waitText(/Registry\s/);
    await d.press(ENTER, "bad host", ENTER, "bob", ENTER, "wrong", ENTER);
    // leaving the password field starts the check, but a malformed host is reported on its field first
    f = await d.waitText("must be host[:port][/namespace]");
    expect(f).toMatch(/❯ Registry\s+bad host/);
    expect(checks).toEqual([]);
    await d.press("\u007F".repeat(8), "r.example.com/org", ENTER, ENTER, ENTER);
    f = await d.waitText("unauthorized: incorrect username or password");
    expect(f).toContain("registry access failed");
    expect(f).not.toContain("wrong");
    await d.press(ENTER); // storage is the last field: submitting re-checks the same credentials and stays
    await Bun.sleep(50);
    expect(d.frame()).toContain("7/9 Registry");
    await d.press(UP, "\u007F".repeat(5), "good-pass", ENTER);
    f = await d.waitText("logged in to r.example.com/org as bob");
    await d.press(ENTER);
    await d.waitText("8/9 Review");
    expect(checks.every((c) => c === "r.example.com/org bob")).toBe(true);
  });

  test("storage offers only what kotsadm v1.88 can use: MinIO or its own volume", async () => {
    const d = renderWizard({ services: fakeServices() });
    await advanceTo(d, "registry");
    await d.press(DOWN, RIGHT);
    const f = await d.waitText("◉ No MinIO");
    expect(f).not.toContain("Docker Distribution");
    expect(f).not.toContain("External OCI registry");
    await d.press(RIGHT);
    await d.waitText("◉ MinIO");
  });

});

async function toReview(over: Parameters<typeof fakeServices>[0] = {}, props: Record<string, unknown> = {}) {
  const cfg = fakeConfig();
  const services = fakeServices({ loadConfig: async () => cfg, ...over });
  const d = renderWizard({ services, size: { columns: 80, rows: 40 }, ...props });
  await d.waitText("reachable");
  await d.press(ENTER);
  await d.waitText("2/9 Namespace");
  await d.press(ENTER);
  await d.waitText("3/9 Admin password");
  await d.press("TopSecret9", ENTER, "TopSecret9", ENTER);
  await d.waitText("4/9 License");
  await d.press("~/license.yaml", ENTER);
  await d.waitText("license accepted");
  await d.press(ENTER);
  await d.waitText("Settings");
  await d.press("app.example.com", ENTER, ENTER, "DbPass-77", ENTER);
  await d.waitText("Advanced");
  await d.press(PGDN);
  await d.waitText("All checks passed");
  await d.press(ENTER);
  await d.waitText("7/9 Registry");
  await d.press(RIGHT, ENTER, "r.example.com/org", ENTER, "bob", ENTER, "good-pass", ENTER);
  await d.waitText("logged in");
  await d.press(ENTER);
  await d.waitText("8/9 Review");
  return { d, services, cfg };
}

describe("8 Review", () => {
  test("shows what will be created, secrets masked, and the headless command", async () => {
    const { d } = await toReview();
    const f = d.frame();
    expect(f).toMatch(/Namespace\s+sentry-pro \(will be created\)/);
    expect(f).toMatch(/Password\s+\*{6}/);
    expect(f).toMatch(/Images\s+r\.example\.com\/org as bob \(password \*{6}\)/);
    expect(f).toMatch(/Hostname\s+app\.example\.com/);
    expect(f).toMatch(/Database password\s+\*{6}/);
    expect(f).toContain("kots install sentry-pro -n sentry-pro --yes");
    expect(f).toContain("--shared-password-file admin-password.txt");
    expect(f).toContain("Write the admin password to admin-password.txt first");
    expect(f).toContain("--registry-password-stdin");
    expect(f).toContain("--kotsadm-registry r.example.com/org");
    expect(f).toContain("--config-values configvalues.yaml");
    for (const fr of d.allFrames()) {
      expect(fr).not.toContain("TopSecret9");
      expect(fr).not.toContain("DbPass-77");
      expect(fr).not.toContain("good-pass");
    }
    await d.press(PGDN, PGDN);
    const g = await d.waitText("Secret/kotsadm-private-registry");
    expect(g).toContain("Deployment/kotsadm");
  });

  test("uses services.plannedObjects when given; Esc goes back to the registry with answers", async () => {
    const { d } = await toReview({
      plannedObjects: async (o: InstallOptions) => [{ kind: "ConfigMap", name: `planned-for-${o.namespace}` }],
    });
    await d.press(PGDN, PGDN);
    await d.waitText("ConfigMap/planned-for-sentry-pro");
    await d.press(ESC);
    const f = await d.waitText("7/9 Registry");
    expect(f).toMatch(/Registry\s+r\.example\.com\/org/);
    expect(f).toMatch(/Password\s+\*{9}/);
  });
});

describe("9 Apply", () => {
  test("the rollout board follows status events; the final screen shows URL, port-forward, reconnect", async () => {
    const stream = eventStream();
    const outcomes: WizardOutcome[] = [];
    let clock = 1_000_000;
    const { d, services } = await toReview({ install: (o, cv) => ((services.installed.options = o), (services.installed.configValues = cv), stream.iterable) }, {
      now: () => clock,
      tickMs: 10,
      onExit: (o: WizardOutcome) => outcomes.push(o),
    });
    await d.press(ENTER);
    await d.waitText("9/9 Install");
    const opts = services.installed.options as InstallOptions;
    expect(opts).toMatchObject({ namespace: "sentry-pro", sharedPassword: "TopSecret9", kotsadmRegistry: "r.example.com/org", registryPassword: "good-pass" });
    expect(services.installed.configValues).toMatchObject({ hostname: "app.example.com", db_password: "DbPass-77" });

    const dep = { kind: "Deployment", name: "kotsadm", namespace: "sentry-pro" };
    const pg = { kind: "StatefulSet", name: "kotsadm-postgres", namespace: "sentry-pro" };
    stream.push(
      { type: "step-started", step: "apply", at: clock, message: "" },
      { type: "rendered", at: clock, objects: [pg, dep] },
      { type: "object-applied", at: clock, ref: pg, action: "created" },
      { type: "object-applied", at: clock, ref: dep, action: "created" },
      { type: "step-finished", step: "apply", at: clock, durationMs: 300, message: "" },
      { type: "step-started", step: "wait", at: clock, message: "" },
      { type: "status-changed", at: clock, ref: pg, status: "InProgress", message: "0/1 ready", elapsedMs: 0, budgetMs: 300_000 },
      {
        type: "status-changed",
        at: clock,
        ref: dep,
        status: "InProgress",
        reason: "ImagePullBackOff",
        message: 'Back-off pulling image "kotsadm/kotsadm:v1.88.0"',
        elapsedMs: 0,
        budgetMs: 300_000,
      },
    );
    let f = await d.waitText("ImagePullBackOff");
    expect(f).toMatch(/◐ StatefulSet\/kotsadm-postgres\s+InProgress\s+0s \/ 5m00s/);
    expect(f).toContain('Back-off pulling image "kotsadm/kotsadm:v1.88.0"');
    expect(f).toContain("✓ apply");
    expect(f).toContain("◐ wait");
    clock += 45_000;
    f = await d.waitText("no progress for 45s");
    expect(f).toContain("Waiting 45s of 5m00s");
    stream.push({ type: "status-changed", at: clock, ref: pg, status: "Current", message: "ready", elapsedMs: 45_000, budgetMs: 300_000 });
    f = await d.waitText(/✓ StatefulSet\/kotsadm-postgres\s+Current\s+45s \/ 5m00s/);
    expect(f).toContain("1/2 ready");
    stream.push(
      { type: "status-changed", at: clock, ref: dep, status: "Current", message: "ready", elapsedMs: 50_000, budgetMs: 300_000 },
      { type: "step-finished", step: "wait", at: clock, durationMs: 50_000, message: "" },
      { type: "port-forward", at: clock, localPort: 8800, requestedPort: 8800, url: "http://localhost:8800", healthy: true },
      { type: "done", at: clock, durationMs: 51_000, namespace: "sentry-pro", url: "http://localhost:8800" },
    );
    stream.end();
    await d.waitText("The Admin Console is installed");
    f = await d.waitText("q quit (stops the port-forward)");
    expect(f).toMatch(/URL\s+http:\/\/localhost:8800/);
    expect(f).toMatch(/Port-forward\s+running: localhost:8800/);
    expect(f).toContain("kubectl kots admin-console -n sentry-pro");
    expect(f).toContain("q quit (stops the port-forward)");
    await d.press("q");
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ kind: "installed", url: "http://localhost:8800", namespace: "sentry-pro" });
  });

  test("an engine error shows the reason and what was applied", async () => {
    const stream = eventStream();
    const outcomes: WizardOutcome[] = [];
    const { d } = await toReview({ install: () => stream.iterable }, { onExit: (o: WizardOutcome) => outcomes.push(o), tickMs: 10 });
    await d.press(ENTER);
    const dep = { kind: "Deployment", name: "kotsadm", namespace: "sentry-pro" };
    stream.push(
      { type: "object-applied", at: 1, ref: dep, action: "created" },
      { type: "status-changed", at: 2, ref: dep, status: "Failed", reason: "CrashLoopBackOff", message: "back-off 40s restarting", elapsedMs: 9000, budgetMs: 300_000 },
      { type: "error", at: 3, message: "Deployment/kotsadm failed: CrashLoopBackOff", exitCode: 1, applied: [dep] },
    );
    const f = await d.waitText("The install failed");
    expect(f).toContain("1 objects were applied");
    expect(f).toMatch(/✗ Deployment\/kotsadm\s+Failed/);
    expect(f).toContain("✗ Deployment/kotsadm failed: CrashLoopBackOff");
    await d.press("q");
    expect(outcomes[0]).toMatchObject({ kind: "failed", exitCode: 1 });
  });
});
