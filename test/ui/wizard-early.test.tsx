import { afterEach, describe, expect, test } from "bun:test";
import { cleanup, render } from "ink-testing-library";
import { Text } from "ink";
import { StepFrame } from "../../ui/components/StepFrame.tsx";
import { LayoutContext, makeLayout } from "../../ui/layout.ts";
import { makeTheme, ThemeContext } from "../../ui/theme.ts";
import { advanceTo, BACKSPACE, DOWN, ENTER, ESC, fakeServices, renderWizard, UP } from "./helpers.tsx";

afterEach(() => cleanup());

describe("1 Cluster", () => {
  test("shows context, server and connectivity; Enter continues", async () => {
    const d = renderWizard({ services: fakeServices() });
    const f = await d.waitText("reachable");
    expect(f).toContain("1/9 Cluster");
    expect(f).toContain("kind-dev");
    expect(f).toContain("https://127.0.0.1:6443");
    expect(f).toContain("Kubernetes v1.31.2");
    await d.press(ENTER);
    await d.waitText("2/9 Namespace");
  });

  test("an unreachable cluster blocks until a re-check succeeds", async () => {
    let reachable = false;
    const d = renderWizard({
      services: fakeServices({
        clusterInfo: async () => ({ context: "prod", server: "https://10.0.0.1:6443", reachable, error: "dial tcp 10.0.0.1:6443: connection refused" }),
      }),
    });
    const f = await d.waitText("unreachable");
    expect(f).toContain("connection refused");
    await d.press(ENTER);
    expect(d.frame()).toContain("1/9 Cluster");
    reachable = true;
    await d.press("r");
    await d.waitText(/✓ reachable/);
    await d.press(ENTER);
    await d.waitText("2/9 Namespace");
  });
});

describe("2 Namespace", () => {
  test("defaults to the app slug; DNS-1123 check as you type; bad name does not advance", async () => {
    const d = renderWizard({ services: fakeServices() });
    await advanceTo(d, "namespace");
    expect(d.frame()).toMatch(/Namespace\s+sentry-pro/);
    expect(d.frame()).toContain("valid name");
    await d.press(BACKSPACE.repeat(10), "Bad_Name");
    let f = await d.waitText("DNS-1123");
    expect(f).toContain("Bad_Name");
    await d.press(ENTER);
    f = d.frame();
    expect(f).toContain("2/9 Namespace");
    expect(f).toContain("DNS-1123");
    await d.press(BACKSPACE.repeat(8), "good-ns");
    await d.waitText("valid name");
    expect(d.frame()).not.toContain("DNS-1123");
    await d.press(ENTER);
    await d.waitText("3/9 Admin password");
  });

  test("says when an install already exists and needs a second Enter", async () => {
    const seen: string[] = [];
    const d = renderWizard({
      services: fakeServices({
        inspectNamespace: async (ns) => {
          seen.push(ns);
          return { exists: true, hasInstall: true };
        },
      }),
    });
    await advanceTo(d, "namespace");
    await d.press(ENTER);
    const f = await d.waitText("already installed");
    expect(f).toContain('"sentry-pro"');
    expect(f).toContain("install over it");
    expect(f).toContain("2/9 Namespace");
    await d.press(ENTER);
    const p = await d.waitText("3/9 Admin password");
    // the existing install's password is kept: the step says so and asks for nothing
    expect(p.replace(/\s+/g, " ")).toContain("its admin password is kept");
    expect(p).not.toContain("Again");
    await d.press(ENTER);
    await d.waitText("4/9 License");
    expect(seen).toEqual(["sentry-pro"]);
  });
});

describe("3 Admin password", () => {
  test("too short, then mismatched, then accepted; never echoed", async () => {
    const d = renderWizard({ services: fakeServices() });
    await advanceTo(d, "password");
    await d.press("abc", ENTER);
    let f = await d.waitText("at least 6 characters");
    expect(f).toContain("✗ the password must be at least 6 characters");
    await d.press(BACKSPACE.repeat(3), "hunter22", ENTER);
    await d.waitText(/❯ Again/);
    await d.press("hunter23", ENTER);
    f = await d.waitText("do not match");
    expect(f).toContain("3/9 Admin password");
    await d.press("hunter22", ENTER);
    await d.waitText("4/9 License");
    for (const fr of d.allFrames()) expect(fr).not.toContain("hunter2");
    expect(d.allFrames().some((fr) => fr.includes("********"))).toBe(true);
  });

  test("up arrow returns to the first field", async () => {
    const d = renderWizard({ services: fakeServices() });
    await advanceTo(d, "password");
    await d.press("secret1", ENTER);
    await d.waitText(/❯ Again/);
    await d.press(UP);
    await d.waitText(/❯ Password/);
    await d.press(DOWN);
    await d.waitText(/❯ Again/);
  });
});

describe("Esc goes back with the answers kept", () => {
  test("namespace and password survive back and forth", async () => {
    const d = renderWizard({ services: fakeServices() });
    await advanceTo(d, "namespace");
    await d.press(BACKSPACE.repeat(10), "team-a", ENTER);
    await d.waitText("3/9 Admin password");
    await d.press("secret1", ENTER, "secret1", ENTER);
    await d.waitText("4/9 License");
    await d.press("~/lic.yaml");
    await d.waitText("~/lic.yaml");
    await d.press(ESC);
    let f = await d.waitText("3/9 Admin password");
    expect(f).toMatch(/Password\s+\*{7}/);
    expect(f).toMatch(/Again\s+\*{7}/);
    await d.press(ESC);
    f = await d.waitText("2/9 Namespace");
    expect(f).toMatch(/Namespace\s+team-a/);
    await d.press(ESC);
    await d.waitText("1/9 Cluster");
    await d.press(ENTER);
    await d.waitText("2/9 Namespace");
    await d.press(ENTER);
    await d.waitText("3/9 Admin password");
    await d.press(ENTER);
    await d.waitText(/❯ Again/);
    await d.press(ENTER);
    f = await d.waitText("4/9 License");
    expect(f).toContain("~/lic.yaml");
  });
});

describe("4 License", () => {
  test("refuses a bad signature, another app, an expired license, with the reason", async () => {
    const d = renderWizard({ services: fakeServices() });
    await advanceTo(d, "license");
    await d.press("~/bad.yaml", ENTER);
    let f = await d.waitText("signature does not verify");
    expect(f).toContain("license refused");
    expect(f).toContain("4/9 License");
    await d.press(BACKSPACE.repeat(20), "~/other.yaml", ENTER);
    f = await d.waitText('this license is for the app "other-app", not "sentry-pro"');
    await d.press(ENTER);
    expect(d.frame()).toContain("4/9 License");
    await d.press(BACKSPACE.repeat(20), "~/old.yaml", ENTER);
    f = await d.waitText("the license expired on 2020-01-01T00:00:00Z");
  });

  test("shows licensee, app, expiry and signature; Enter continues", async () => {
    const d = renderWizard({ services: fakeServices() });
    await advanceTo(d, "license");
    await d.press("~/license.yaml", ENTER);
    const f = await d.waitText("license accepted");
    expect(f).toMatch(/Licensee\s+Acme Corp/);
    expect(f).toMatch(/App\s+sentry-pro\s+\(channel Stable\)/);
    expect(f).toMatch(/Expires\s+2099-01-01T00:00:00Z/);
    expect(f).toMatch(/Signature\s+valid \(Production key\)/);
    await d.press(ENTER);
    await d.waitText("5/9 Configuration");
  });

  test("an empty path skips the license", async () => {
    const d = renderWizard({ services: fakeServices() });
    await advanceTo(d, "license");
    expect(d.frame()).toContain("Enter skip");
    await d.press(ENTER);
    await d.waitText("5/9 Configuration");
  });
});

describe("1 Cluster: context first, quit keys", () => {
  test("the context and API server show while the reachability check is still running", async () => {
    let answer!: (i: { context: string; server: string; reachable: boolean; version?: string }) => void;
    const d = renderWizard({
      services: fakeServices({
        clusterContext: async () => ({ context: "prod-eu", server: "https://k8s.prod.example:6443" }),
        clusterInfo: () => new Promise((r) => (answer = r)),
      }),
    });
    const f = await d.waitText("checking that it answers");
    expect(f).toContain("prod-eu");
    expect(f).toContain("https://k8s.prod.example:6443");
    answer({ context: "prod-eu", server: "https://k8s.prod.example:6443", reachable: true, version: "v1.31.2" });
    await d.waitText("reachable (Kubernetes v1.31.2)");
  });

  for (const key of ["q", ESC]) {
    test(`${key === ESC ? "Esc" : "q"} on the first step quits, changing nothing`, async () => {
      const outcomes: string[] = [];
      const d = renderWizard({ services: fakeServices(), onExit: (o) => outcomes.push(o.kind) });
      await d.waitText("reachable");
      await d.press(key);
      for (let i = 0; i < 100 && outcomes.length === 0; i++) await Bun.sleep(5);
      expect(outcomes).toEqual(["quit"]);
    });
  }
});

describe("the key map", () => {
  test("? shows every key of the wizard; any key goes back to the step as it was", async () => {
    const d = renderWizard({ services: fakeServices() });
    await d.waitText("reachable");
    await d.press("?");
    const f = await d.waitText("Press any key to go back");
    for (const k of ["Enter", "Esc", "Ctrl+U", "PgUp/PgDn", "Ctrl+C"]) expect(f).toContain(k);
    await d.press(" ");
    await d.waitText("reachable");
    expect(d.frame()).toContain("1/9 Cluster");
  });
});

describe("long messages", () => {
  test("a long status message wraps at 80 columns and is never cut; the frame stays 80x24", () => {
    const long = "the registry answered 401 Unauthorized for robot@registry.corp.example:5443/kots: check the username and the password, or the robot account's rights on the kots namespace";
    const r = render(
      <ThemeContext.Provider value={makeTheme({ color: false, unicode: true })}>
        <LayoutContext.Provider value={makeLayout(80, 24)}>
          <StepFrame title="kots install sentry-pro" position="7/9 Registry" status={{ text: long, tone: "error" }} hints={[["Enter", "retry"]]}>
            <Text>body</Text>
          </StepFrame>
        </LayoutContext.Provider>
      </ThemeContext.Provider>,
    );
    const f = r.lastFrame() ?? "";
    expect(f.replace(/\s+/g, " ")).toContain(long);
    for (const line of f.split("\n")) expect(line.length).toBeLessThanOrEqual(80);
    expect(f.split("\n").length).toBeLessThanOrEqual(24);
    r.unmount();
  });
});

describe("every input given: the wizard walks to the first step that needs the operator", () => {
  const base = { namespace: "apps", sharedPassword: "Given-Pw-1", licenseFile: "/home/op/license.yaml" };
  test("no Config, checks pass: it opens at the Review, having checked each step on the way", async () => {
    const seen: string[] = [];
    const d = renderWizard({
      services: fakeServices({
        inspectNamespace: async (ns) => (seen.push(`ns:${ns}`), { exists: false, hasInstall: false }),
        checkLicense: async (p) => (seen.push(`license:${p}`), { ok: true, licensee: "Acme Corp", appSlug: "sentry-pro", signature: "valid", path: p }),
      }),
      namespace: "apps",
      licenseFile: base.licenseFile,
      base,
      autoAdvance: true,
    });
    const f = await d.waitText("8/9 Review", 3000);
    expect(f).toContain("Press Enter to install");
    expect(seen).toEqual(["ns:apps", `license:${base.licenseFile}`]);
  });

  test("a preflight warning stops the walk there", async () => {
    const d = renderWizard({
      services: fakeServices({ runPreflights: async (on) => on({ check: "nodes", outcome: "warn", message: "only 1 node" }) }),
      namespace: "apps",
      base,
      autoAdvance: true,
    });
    await d.waitText("6/9 Preflight checks", 3000);
    await Bun.sleep(200);
    expect(d.frame()).toContain("6/9 Preflight checks");
  });

  test("the operator's first key stops the walk", async () => {
    let answer!: (i: { context: string; server: string; reachable: boolean }) => void;
    const d = renderWizard({ services: fakeServices({ clusterInfo: () => new Promise((r) => (answer = r)) }), namespace: "apps", base, autoAdvance: true });
    await d.waitText("1/9 Cluster");
    await d.press("r"); // any key of the operator's
    answer({ context: "kind-dev", server: "https://127.0.0.1:6443", reachable: true });
    await d.waitText("reachable");
    await Bun.sleep(200);
    expect(d.frame()).toContain("1/9 Cluster");
  });
});

