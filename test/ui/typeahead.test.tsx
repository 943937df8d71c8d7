/**
 * Keys typed ahead (a paste over SSH, fast typing) while a step or field is switching: the wizard's
 * KeyRouter must hand each key, in order and once, to the field focused when it is processed — like
 * a terminal's line discipline — however long the step's check takes. The checks here answer after
 * 60 ms, longer than one paced key used to wait (15 ms), as a real namespace check does on a loaded
 * machine (tmux test "text and Enter in one write").
 */
import { describe, expect, test } from "bun:test";
import { advanceTo, ESC, fakeServices, renderWizard, type Driver } from "./helpers.tsx";
import type { WizardServices } from "../../ui/services.ts";

const CHECK_MS = 60;
const later = <T,>(value: T, ms = CHECK_MS) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

/** fakeServices whose namespace and license checks and Config load take `ms`. */
function slowServices(ms = CHECK_MS): WizardServices & { inspected: string[] } {
  const inspected: string[] = [];
  const base = fakeServices();
  return {
    ...base,
    inspected,
    inspectNamespace: (ns) => {
      inspected.push(ns);
      return later({ exists: false, hasInstall: false }, ms);
    },
    checkLicense: async (p) => later(await base.checkLicense(p), ms),
    loadConfig: () => later(undefined, ms),
  };
}

/** Writes the chunks as separate stdin reads, `gapMs` apart (0: back to back in one tick). */
async function write(d: Driver, chunks: string[], gapMs: number) {
  for (const c of chunks) {
    d.stdin.write(c);
    if (gapMs) await Bun.sleep(gapMs);
  }
}

/** On the License step: Esc back shows both password fields with `n` characters each, and the namespace `ns`. */
async function expectAnswers(d: Driver, n: number, ns: string) {
  await d.press(ESC);
  const pw = await d.waitText("3/9 Admin password");
  // exactly n stars (then the cursor or the line's end)
  expect(pw).toMatch(new RegExp(`Password\\s+\\*{${n}}(_|\\s)`));
  expect(pw).toMatch(new RegExp(`Again\\s+\\*{${n}}(_|\\s)`));
  await d.press(ESC);
  const nsFrame = await d.waitText("2/9 Namespace");
  expect(nsFrame).toMatch(new RegExp(`Namespace\\s+${ns}(_|\\s)`));
}

/** Stays on the License step (an extra Enter would skip the empty license to 5/9); no frame from `from` on showed an error. */
async function expectAdvancedOnce(d: Driver, from: number) {
  await d.waitText("4/9 License", 3000);
  await Bun.sleep(CHECK_MS * 3);
  expect(d.frame()).toContain("4/9 License");
  for (const f of d.allFrames().slice(from)) {
    expect(f).not.toContain("✗"); // no refusal: too short, do not match, a bad name
    expect(f).not.toContain("5/9");
  }
}

const PASTE = "team-ahead\rsecret123456\rsecret123456\r";
// split at awkward places: inside a word, right before and after an Enter, an Enter alone
const SPLITS: string[][] = [
  [PASTE],
  ["team-ahead\rsecret12", "3456\rsecret123456\r"],
  ["team-ahead\r", "secret123456\r", "secret123456\r"],
  ["team-ahead", "\r", "secret123456\rsecret123456", "\r"],
  ["team-ahead\rsecret123456", "\r", "secret", "123456\r"],
];

describe("a paste across the namespace check and the Password → Again switch", () => {
  for (const chunks of SPLITS)
    for (const gap of [0, 20])
      test(`${JSON.stringify(chunks)}${gap ? `, ${gap} ms apart` : ", in one tick"}: each line goes to its field once`, async () => {
        const services = slowServices();
        const d = renderWizard({ services });
        await advanceTo(d, "namespace");
        await d.press("\u0015"); // Ctrl+U clears the pre-filled name
        await d.waitText(/Namespace\s+❯?\s*_/);
        const from = d.allFrames().length;
        await write(d, chunks, gap);
        await expectAdvancedOnce(d, from);
        expect(services.inspected).toEqual(["team-ahead"]);
        await expectAnswers(d, 12, "team-ahead");
      });
});

describe("a paste on the Password step (field switch only)", () => {
  const cases: string[][] = [
    ["secret123456\rsecret123456\r"],
    ["secret123456", "\rsecret123456\r"],
    ["secret1234", "56\rsec", "ret123456", "\r"],
  ];
  for (const chunks of cases)
    test(JSON.stringify(chunks), async () => {
      const d = renderWizard({ services: fakeServices() });
      await advanceTo(d, "password");
      const from = d.allFrames().length;
      await write(d, chunks, 0);
      await expectAdvancedOnce(d, from);
      await expectAnswers(d, 12, "sentry-pro");
    });
});

describe("keys typed ahead across the license check and the Config load", () => {
  test("path, Enter (check), Enter (continue), Enter (no configuration) in one read reach the Preflight checks", async () => {
    const d = renderWizard({ services: slowServices() });
    await advanceTo(d, "license");
    d.stdin.write("~/license.yaml\r\r\r");
    await d.waitText("6/9 Preflight", 3000);
    await Bun.sleep(CHECK_MS * 2);
    expect(d.frame()).toContain("6/9 Preflight");
    expect(d.allFrames().some((f) => f.includes("license accepted") || f.includes("Acme Corp"))).toBe(true);
  });
});

describe("Esc while a check holds the keys", () => {
  test("goes back at once, drops what was typed ahead, and the late answer does not move the wizard", async () => {
    const services = slowServices(300);
    const d = renderWizard({ services });
    await advanceTo(d, "namespace");
    await d.press("\u0015");
    d.stdin.write("team-b\rsecret1");
    await d.waitText("checking the namespace");
    await d.press(ESC);
    await d.waitText("1/9 Cluster", 250); // before the check answers
    await Bun.sleep(400); // the answer arrives
    expect(d.frame()).toContain("1/9 Cluster");
    await d.press("\r");
    const ns = await d.waitText("2/9 Namespace");
    expect(ns).toMatch(/Namespace\s+team-b(_|\s)/);
    await d.press("\r");
    const pw = await d.waitText("3/9 Admin password", 2000);
    expect(pw).toMatch(/Password\s+_/); // "secret1" was dropped with the Esc
  });
});
