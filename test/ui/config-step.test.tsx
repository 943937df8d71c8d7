import { afterEach, describe, expect, test } from "bun:test";
import { cleanup } from "ink-testing-library";
import { advanceTo, BACKSPACE, DOWN, ENTER, ESC, fakeConfig, fakeServices, PGDN, renderWizard, RIGHT, TAB } from "./helpers.tsx";

afterEach(() => cleanup());

async function atConfig() {
  const cfg = fakeConfig();
  const services = fakeServices({ loadConfig: async () => cfg });
  const d = renderWizard({ services });
  await advanceTo(d, "config");
  await d.waitText("Settings");
  return { d, cfg, services };
}

describe("5 Config", () => {
  test("renders the group: title, description, required marks, help text of the focused item, defaults", async () => {
    const { d } = await atConfig();
    const f = d.frame();
    expect(f).toContain("Settings  (1/2)");
    expect(f).toContain("How users reach the app.");
    expect(f).toMatch(/❯ Hostname \*/);
    expect(f).toContain("The DNS name users type in their browser");
    expect(f).toContain("[ ] Enable TLS");
    expect(f).toMatch(/Database password \*/);
    expect(f).not.toContain("TLS certificate");
  });

  test("`when` shows and hides an item live", async () => {
    const { d, cfg } = await atConfig();
    await d.press(DOWN);
    await d.waitText(/❯ \[ \] Enable TLS/);
    await d.press(" ");
    let f = await d.waitText("TLS certificate");
    expect(f).toContain("[x] Enable TLS");
    expect(cfg.sets).toContainEqual(["enable_tls", "1"]);
    await d.press(" ");
    f = await d.waitFor((x) => !x.includes("TLS certificate"), "certificate hidden");
    expect(f).toContain("[ ] Enable TLS");
  });

  test("required and regex messages; the group does not advance until fixed", async () => {
    const { d } = await atConfig();
    await d.press(PGDN);
    let f = await d.waitText("Hostname is required");
    expect(f).toContain("Database password is required");
    expect(f).toContain("2 items need attention");
    expect(f).toContain("Settings  (1/2)");
    await d.press("Bad Host!", ENTER);
    await d.waitText(/❯ \[ \] Enable TLS/);
    await d.press(PGDN);
    f = await d.waitText("must be a DNS name like app.example.com");
    expect(f).toMatch(/❯ Hostname \*\s+Bad Host!/);
    await d.press(BACKSPACE.repeat(9), "app.example.com", ENTER, DOWN, "dbsecret1", ENTER);
    f = await d.waitText("Advanced  (2/2)");
    expect(f).not.toContain("is required");
  });

  test("password items are masked; select, heading, label, textarea; Esc goes back a group with values kept", async () => {
    const { d, cfg } = await atConfig();
    await d.press("app.example.com", TAB, TAB, "dbsecret1");
    let f = await d.waitText("*********");
    expect(f).not.toContain("dbsecret1");
    await d.press(ENTER);
    f = await d.waitText("Advanced  (2/2)");
    expect(f).toContain("Logging");
    expect(f).toContain("These settings rarely need changing.");
    expect(f).toMatch(/◉ Info/);
    expect(f).toMatch(/○ Debug/);
    await d.press(RIGHT);
    f = await d.waitText(/◉ Warn/);
    expect(f).toMatch(/○ Info/);
    expect(cfg.sets).toContainEqual(["log_level", "warn"]);
    await d.press(DOWN, "line one", ENTER, "line two");
    f = await d.waitText("line two");
    expect(f).toContain("line one");
    expect(cfg.values().motd).toBe("line one\nline two");
    await d.press(ESC);
    f = await d.waitText("Settings  (1/2)");
    expect(f).toMatch(/Hostname \*\s+app\.example\.com/);
    await d.press(ESC);
    await d.waitText("4/9 License");
    await d.press(ENTER);
    f = await d.waitText("Settings  (1/2)");
    await d.press(PGDN);
    f = await d.waitText("Advanced  (2/2)");
    expect(f).toMatch(/◉ Warn/);
    await d.press(PGDN);
    await d.waitText("6/9 Preflight");
  });

  test("an app without Config says so and Enter continues", async () => {
    const d = renderWizard({ services: fakeServices() });
    await advanceTo(d, "config");
    await d.waitText("no configuration");
    await d.press(ENTER);
    await d.waitText("6/9 Preflight");
  });
});
