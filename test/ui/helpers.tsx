import { render } from "ink-testing-library";
import type { InstallEvent } from "../../src/install/events.ts";
import { Wizard, type WizardProps } from "../../ui/Wizard.tsx";
import type { ConfigGroupView, ConfigIssue, ConfigItemView, ConfigSession, WizardServices } from "../../ui/services.ts";

export const ESC = "\u001B";
export const ENTER = "\r";
export const UP = "\u001B[A";
export const DOWN = "\u001B[B";
export const LEFT = "\u001B[D";
export const RIGHT = "\u001B[C";
export const TAB = "\t";
export const BACKSPACE = "\u007F";
export const PGDN = "\u001B[6~";
export const PGUP = "\u001B[5~";

const ANSI = /\u001B\[[0-9;?]*[ -/]*[@-~]/g;
export function strip(s: string | undefined): string {
  return (s ?? "").replace(ANSI, "");
}

/** A queue-backed event stream the test feeds. */
export function eventStream() {
  const queue: InstallEvent[] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  const iterable: AsyncIterable<InstallEvent> = {
    async *[Symbol.asyncIterator]() {
      for (;;) {
        if (queue.length) {
          yield queue.shift()!;
          continue;
        }
        if (ended) return;
        await new Promise<void>((r) => (wake = r));
      }
    },
  };
  return {
    iterable,
    push(...e: InstallEvent[]) {
      queue.push(...e);
      wake?.();
    },
    end() {
      ended = true;
      wake?.();
    },
  };
}

interface FakeItem extends Omit<ConfigItemView, "value" | "hidden" | "readonly" | "required"> {
  required?: boolean;
  readonly?: boolean;
  when?: (v: Record<string, string>) => boolean;
  regex?: { pattern: RegExp; message: string };
}
interface FakeGroup {
  name: string;
  title: string;
  description?: string;
  when?: (v: Record<string, string>) => boolean;
  items: FakeItem[];
}

/** A small Config session with live `when`, required and regex validation (stands in for src/config). */
export function fakeConfig(groups: FakeGroup[] = DEFAULT_CONFIG): ConfigSession & { sets: [string, string][] } {
  const values: Record<string, string> = {};
  const sets: [string, string][] = [];
  const eff = () => {
    const v: Record<string, string> = {};
    for (const g of groups) for (const it of g.items) v[it.name] = values[it.name] ?? it.default ?? "";
    return v;
  };
  const visible = (): { g: FakeGroup; items: FakeItem[] }[] => {
    const v = eff();
    return groups.filter((g) => !g.when || g.when(v)).map((g) => ({ g, items: g.items.filter((it) => !it.when || it.when(v)) }));
  };
  return {
    sets,
    visibleGroups(): ConfigGroupView[] {
      return visible().map(({ g, items }) => ({
        name: g.name,
        title: g.title,
        description: g.description,
        items: items.map((it) => ({
          name: it.name,
          title: it.title,
          type: it.type,
          value: values[it.name] ?? "",
          default: it.default,
          required: !!it.required,
          hidden: false,
          readonly: !!it.readonly,
          help_text: it.help_text,
          options: it.options,
        })),
      }));
    },
    set(name, value) {
      sets.push([name, value]);
      values[name] = value;
    },
    validate(): ConfigIssue[] {
      const v = eff();
      const out: ConfigIssue[] = [];
      for (const { items } of visible())
        for (const it of items) {
          if (it.required && !v[it.name]) out.push({ item: it.name, message: `${it.title} is required` });
          else if (it.regex && v[it.name] && !it.regex.pattern.test(v[it.name]!)) out.push({ item: it.name, message: it.regex.message });
        }
      return out;
    },
    values() {
      const v: Record<string, string> = {};
      for (const { items } of visible()) for (const it of items) if (values[it.name] !== undefined) v[it.name] = values[it.name]!;
      return v;
    },
  };
}

export const DEFAULT_CONFIG: FakeGroup[] = [
  {
    name: "settings",
    title: "Settings",
    description: "How users reach the app.",
    items: [
      {
        name: "hostname",
        title: "Hostname",
        type: "text",
        required: true,
        help_text: "The DNS name users type in their browser",
        regex: { pattern: /^[a-z0-9.-]+$/, message: "must be a DNS name like app.example.com" },
      },
      { name: "enable_tls", title: "Enable TLS", type: "bool", default: "0" },
      { name: "tls_cert", title: "TLS certificate", type: "file", required: true, when: (v) => v.enable_tls === "1" },
      { name: "db_password", title: "Database password", type: "password", required: true },
    ],
  },
  {
    name: "advanced",
    title: "Advanced",
    items: [
      { name: "adv_heading", title: "Logging", type: "heading" },
      { name: "adv_label", title: "These settings rarely need changing.", type: "label" },
      {
        name: "log_level",
        title: "Log level",
        type: "select_one",
        default: "info",
        options: [
          { name: "debug", title: "Debug" },
          { name: "info", title: "Info" },
          { name: "warn", title: "Warn" },
        ],
      },
      { name: "motd", title: "Banner", type: "textarea", default: "Welcome" },
    ],
  },
];

export function fakeServices(over: Partial<WizardServices> = {}): WizardServices & { installed: { options?: unknown; configValues?: unknown } } {
  const installed: { options?: unknown; configValues?: unknown } = {};
  return {
    installed,
    clusterInfo: async () => ({ context: "kind-dev", server: "https://127.0.0.1:6443", reachable: true, version: "v1.31.2" }),
    inspectNamespace: async () => ({ exists: false, hasInstall: false }),
    checkLicense: async (path) =>
      path.includes("bad")
        ? { ok: false, reason: "the signature does not verify (RSA-PSS, Production key bdee5656)" }
        : path.includes("other")
          ? { ok: true, licensee: "Acme", appSlug: "other-app", signature: "valid", expiresAt: undefined }
          : path.includes("old")
            ? { ok: true, licensee: "Acme", appSlug: "sentry-pro", signature: "valid", expiresAt: "2020-01-01T00:00:00Z" }
            : { ok: true, licensee: "Acme Corp", appSlug: "sentry-pro", channel: "Stable", signature: "valid (Production key)", expiresAt: "2099-01-01T00:00:00Z", path: "/home/op/license.yaml" },
    loadConfig: async () => undefined,
    runPreflights: async (on) => {
      on({ check: "Kubernetes version", outcome: "pass", message: "v1.31.2 >= 1.25" });
      on({ check: "Default StorageClass", outcome: "pass", message: "standard" });
    },
    checkRegistry: async (host, user, pass) =>
      pass === "good-pass" ? { ok: true, message: `logged in to ${host} as ${user}` } : { ok: false, message: "unauthorized: incorrect username or password" },
    install: (options, configValues) => {
      installed.options = options;
      installed.configValues = configValues;
      return (async function* () {})();
    },
    ...over,
  };
}

export function renderWizard(props: Partial<WizardProps> & { services: WizardServices }) {
  const r = render(
    <Wizard appSlug="sentry-pro" caps={{ color: false, unicode: true }} size={{ columns: 80, rows: 24 }} now={() => Date.parse("2025-06-01T00:00:00Z")} {...props} />,
  );
  const frame = () => strip(r.lastFrame());
  const allFrames = () => r.frames.map(strip);
  async function waitFor(pred: (f: string) => boolean, what = "frame", ms = 2000): Promise<string> {
    const t0 = Date.now();
    for (;;) {
      const f = frame();
      if (pred(f)) return f;
      if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}; last frame:\n${f}`);
      await Bun.sleep(5);
    }
  }
  const waitText = (text: string | RegExp, ms?: number) =>
    waitFor((f) => (typeof text === "string" ? f.includes(text) : text.test(f)), String(text), ms);
  /** Write keys one at a time, letting Ink render between them (Esc needs its 20 ms flush). */
  async function press(...keys: string[]) {
    for (const k of keys) {
      r.stdin.write(k);
      await Bun.sleep(k === ESC ? 40 : 15);
    }
  }
  return { ...r, frame, allFrames, waitFor, waitText, press };
}

export type Driver = ReturnType<typeof renderWizard>;

/** Drives the wizard forward from the start to `until` with good answers. */
export async function advanceTo(d: Driver, until: "namespace" | "password" | "license" | "config" | "preflights" | "registry" | "review") {
  await d.waitText("reachable");
  await d.press(ENTER);
  await d.waitText("2/9 Namespace");
  if (until === "namespace") return;
  await d.press(ENTER);
  await d.waitText("3/9 Admin password");
  if (until === "password") return;
  await d.press("secret1", ENTER, "secret1", ENTER);
  await d.waitText("4/9 License");
  if (until === "license") return;
  await d.press("~/license.yaml", ENTER);
  await d.waitText("license accepted");
  await d.press(ENTER);
  await d.waitText("5/9 Configuration");
  if (until === "config") return;
  await d.waitText(/no configuration|Settings/);
  if (d.frame().includes("no configuration")) await d.press(ENTER);
  else throw new Error("advanceTo past config needs a config-less service");
  await d.waitText("6/9 Preflight");
  if (until === "preflights") return;
  await d.waitText("All checks passed");
  await d.press(ENTER);
  await d.waitText("7/9 Registry");
  if (until === "registry") return;
  await d.press(DOWN, ENTER);
  await d.waitText("8/9 Review");
}

/** Every frame fits an 80x24 terminal. */
export function assertFits(frames: string[], columns = 80, rows = 24): void {
  for (const f of frames) {
    const lines = f.split("\n");
    if (lines.length > rows) throw new Error(`frame has ${lines.length} rows (> ${rows}):\n${f}`);
    for (const l of lines) if (Bun.stringWidth(l) > columns) throw new Error(`line wider than ${columns}: ${JSON.stringify(l)}`);
  }
}
