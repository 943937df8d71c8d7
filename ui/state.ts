import { fieldProblem, InstallOptionsSchema, sharedPasswordProblem, type InstallOptions, type StorageMode } from "../src/install/options.ts";
import type {
  ClusterInfo,
  ConfigIssue,
  ConfigSession,
  LicenseCheck,
  LicenseInfo,
  NamespaceInfo,
  PreflightResult,
} from "./services.ts";

/**
 * The wizard's step machine: a pure reducer. Side effects (service calls) live in the step
 * components, which dispatch their results here. Answers survive going back (Esc).
 */
export const STEPS = ["cluster", "namespace", "password", "license", "config", "preflights", "registry", "review", "apply"] as const;
export type StepId = (typeof STEPS)[number];

export const STEP_TITLES: Record<StepId, string> = {
  cluster: "Cluster",
  namespace: "Namespace",
  password: "Admin password",
  license: "License",
  config: "Configuration",
  preflights: "Preflight checks",
  registry: "Registry and storage",
  review: "Review",
  apply: "Install",
};

export const MIN_PASSWORD = 6;

/** public registries; a private registry for the Admin Console images; or an airgap bundle pushed to a private registry. */
export type RegistryMode = "public" | "private" | "airgap";
/** The Registry step's choices, in the order shown. */
export const REGISTRY_MODES: readonly RegistryMode[] = ["public", "private", "airgap"];
export const STORAGE_MODES: readonly StorageMode[] = ["minio", "none"];
export type RegistryField = "mode" | "bundle" | "host" | "username" | "password" | "storage";

export interface RegistryAnswers {
  mode: RegistryMode;
  /** the .airgap bundle's path (mode airgap) */
  bundle: string;
  host: string;
  username: string;
  password: string;
  storage: StorageMode;
}

export type Loadable<T> =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "done"; value: T }
  | { status: "error"; message: string };

export interface WizardState {
  step: StepId;
  appSlug: string;
  /** Options given on the command line (port, wait duration, kubeconfig, storage class, …). */
  base: Partial<InstallOptions>;
  cluster: Loadable<ClusterInfo>;
  /** The kubeconfig's context and server, known before the reachability check answers. */
  clusterContext?: { context: string; server: string };
  namespace: {
    value: string;
    /** live DNS-1123 message */
    error?: string;
    checking: boolean;
    /** the last inspection, for the name it was made for */
    info?: NamespaceInfo & { name: string };
  };
  password: { value: string; confirm: string; field: 0 | 1; error?: string };
  license: { path: string; checking: boolean; result?: LicenseInfo; error?: string };
  config: {
    status: "idle" | "loading" | "ready" | "none" | "error";
    session?: ConfigSession;
    group: number;
    focus: number;
    /** bumped after every set(): the view re-reads visibleGroups() */
    revision: number;
    issues: ConfigIssue[];
    error?: string;
  };
  preflights: {
    status: "idle" | "running" | "done" | "error";
    run: number;
    results: PreflightResult[];
    error?: string;
    notice?: string;
  };
  registry: RegistryAnswers & {
    focus: RegistryField;
    error?: { field: RegistryField; message: string };
    check?: { key: string; status: "checking" | "ok" | "failed"; message: string };
  };
  review: { offset: number };
}

export interface WizardInit {
  appSlug: string;
  /** defaults for the answers, e.g. from flags */
  namespace?: string;
  licenseFile?: string;
  base?: Partial<InstallOptions>;
}

export type WizardAction =
  | { type: "next" }
  | { type: "back" }
  | { type: "cluster/loading" }
  | { type: "cluster/context"; context: string; server: string }
  | { type: "cluster/loaded"; info: ClusterInfo }
  | { type: "cluster/failed"; message: string }
  | { type: "namespace/input"; value: string }
  | { type: "namespace/checking" }
  | { type: "namespace/inspected"; name: string; info: NamespaceInfo }
  | { type: "namespace/failed"; message: string }
  | { type: "password/input"; field: 0 | 1; value: string }
  | { type: "password/focus"; field: 0 | 1 }
  | { type: "password/submit" }
  | { type: "license/input"; value: string }
  | { type: "license/checking" }
  | { type: "license/checked"; result: LicenseCheck; now: number }
  | { type: "license/failed"; message: string }
  | { type: "config/loading" }
  | { type: "config/loaded"; session: ConfigSession | undefined }
  | { type: "config/failed"; message: string }
  | { type: "config/changed" }
  | { type: "config/focus"; focus: number }
  | { type: "config/issues"; issues: ConfigIssue[] }
  | { type: "config/group"; group: number }
  | { type: "preflights/start" }
  | { type: "preflights/result"; run: number; result: PreflightResult }
  | { type: "preflights/done"; run: number }
  | { type: "preflights/failed"; run: number; message: string }
  | { type: "preflights/continue"; anyway: boolean }
  | { type: "registry/set"; field: Exclude<RegistryField, "mode" | "storage">; value: string }
  | { type: "registry/mode"; mode: RegistryMode }
  /** the next (+1) or previous (-1) choice, from the state itself: fast keys each move once */
  | { type: "registry/cycle"; field: "mode" | "storage"; step: 1 | -1 }
  | { type: "registry/storage"; storage: StorageMode }
  | { type: "registry/focus"; focus: RegistryField }
  | { type: "registry/error"; field: RegistryField; message: string }
  | { type: "registry/checking"; key: string }
  | { type: "registry/checked"; key: string; ok: boolean; message: string; advance?: boolean }
  /** the check's progress while it runs (the airgap bundle is read and checked) */
  | { type: "registry/progress"; key: string; message: string }
  | { type: "review/scroll"; offset: number };

export function initialState(init: WizardInit): WizardState {
  const base = init.base ?? {};
  const storage: StorageMode = base.withMinio === false ? "none" : "minio";
  const ns = init.namespace ?? base.namespace ?? init.appSlug;
  return {
    step: "cluster",
    appSlug: init.appSlug,
    base,
    cluster: { status: "idle" },
    namespace: { value: ns, error: namespaceError(ns), checking: false },
    // a password from --shared-password-file/env is pre-filled (both fields): Enter keeps it
    password: { value: base.sharedPassword ?? "", confirm: base.sharedPassword ?? "", field: 0 },
    license: { path: init.licenseFile ?? base.licenseFile ?? "", checking: false },
    config: { status: "idle", group: 0, focus: 0, revision: 0, issues: [] },
    preflights: { status: "idle", run: 0, results: [] },
    registry: {
      mode: base.airgapBundle ? "airgap" : base.kotsadmRegistry ? "private" : "public",
      bundle: base.airgapBundle ?? "",
      host: base.kotsadmRegistry ?? "",
      username: base.registryUsername ?? "",
      password: base.registryPassword ?? "",
      storage,
      focus: "mode",
    },
    review: { offset: 0 },
  };
}

// ---------------------------------------------------------------------------------------------
// Validation (pure, also used by the views for live messages)

export function namespaceError(value: string): string | undefined {
  if (value.length === 0) return "enter a namespace name";
  return fieldProblem("namespace", value);
}

/** Why a (signature-valid) license is refused for this install, or undefined when it is acceptable. */
export function licenseProblem(result: LicenseCheck, appSlug: string, now: number): string | undefined {
  if (!result.ok) return result.reason;
  if (result.appSlug !== appSlug) return `this license is for the app "${result.appSlug}", not "${appSlug}"`;
  if (result.expiresAt) {
    const t = Date.parse(result.expiresAt);
    if (Number.isNaN(t)) return `the license has an unreadable expiry date "${result.expiresAt}"`;
    if (t <= now) return `the license expired on ${result.expiresAt}`;
  }
  return undefined;
}


export function registryFields(r: Pick<RegistryAnswers, "mode" | "storage">): RegistryField[] {
  return [
    "mode",
    ...(r.mode === "airgap" ? (["bundle"] as const) : []),
    ...(r.mode !== "public" ? (["host", "username", "password"] as const) : []),
    "storage",
  ];
}

export function registryCheckKey(r: RegistryAnswers): string {
  return `${r.mode === "airgap" ? r.bundle : ""}\u0000${r.host}\u0000${r.username}\u0000${r.password}`;
}

/** The first problem with the registry/storage answers (without the network check). */
export function registryError(r: RegistryAnswers): { field: RegistryField; message: string } | undefined {
  if (r.mode === "airgap" && !r.bundle.trim()) return { field: "bundle", message: "enter the path of the .airgap bundle" };
  if (r.mode !== "public") {
    if (!r.host) return { field: "host", message: "enter the registry host[/namespace]" };
    const hostProblem = fieldProblem("kotsadmRegistry", r.host);
    if (hostProblem) return { field: "host", message: `${hostProblem}, e.g. registry.example.com/myorg` };
    if (!r.username) return { field: "username", message: "enter the registry username" };
    if (!r.password) return { field: "password", message: "enter the registry password" };
  }
  return undefined;
}

export function preflightCounts(results: PreflightResult[]): { pass: number; warn: number; fail: number } {
  const c = { pass: 0, warn: 0, fail: 0 };
  for (const r of results) c[r.outcome]++;
  return c;
}

function configGroupCount(s: WizardState): number {
  return s.config.session ? s.config.session.visibleGroups().length : 0;
}

// ---------------------------------------------------------------------------------------------

/** Stands in for the admin password over an existing install: the kept Secret wins, this is never hashed into it. */
const KEPT_PASSWORD = "kept-existing-password";

/** True when the chosen namespace holds an Admin Console already: its password is kept. */
export function keepsPassword(s: WizardState): boolean {
  return !!s.namespace.info?.hasInstall && s.namespace.info.name === s.namespace.value;
}

function go(s: WizardState, step: StepId): WizardState {
  // The password step always starts on its first field (both answers are kept).
  if (step === "password") return { ...s, step, password: { ...s.password, field: 0, error: undefined } };
  return { ...s, step };
}

function stepIndex(step: StepId): number {
  return STEPS.indexOf(step);
}

export function wizardReducer(s: WizardState, a: WizardAction): WizardState {
  switch (a.type) {
    case "next": {
      const i = stepIndex(s.step);
      if (i >= STEPS.length - 1) return s;
      const step = STEPS[i + 1]!;
      if (step === "preflights") return { ...s, step, preflights: { ...s.preflights, status: "idle", results: [], notice: undefined, error: undefined } };
      if (step === "config") return { ...s, step, config: { ...s.config, group: 0, focus: 0, issues: [] } };
      if (step === "review") return { ...s, step, review: { offset: 0 } };
      return go(s, step);
    }
    case "back": {
      const i = stepIndex(s.step);
      if (i === 0 || s.step === "apply") return s;
      const step = STEPS[i - 1]!;
      if (step === "config") {
        const last = Math.max(0, configGroupCount(s) - 1);
        return { ...s, step, config: { ...s.config, group: last, focus: 0, issues: [] } };
      }
      return go(s, step);
    }

    case "cluster/loading":
      return { ...s, cluster: { status: "loading" } };
    case "cluster/context":
      return { ...s, clusterContext: { context: a.context, server: a.server } };
    case "cluster/loaded":
      return { ...s, cluster: { status: "done", value: a.info } };
    case "cluster/failed":
      return { ...s, cluster: { status: "error", message: a.message } };

    case "namespace/input":
      return { ...s, namespace: { ...s.namespace, value: a.value, error: namespaceError(a.value) } };
    case "namespace/checking":
      return { ...s, namespace: { ...s.namespace, checking: true } };
    case "namespace/inspected": {
      const ns = { ...s.namespace, checking: false, info: { ...a.info, name: a.name } };
      // a late answer (the operator typed another name, or left the step with Esc) moves nothing
      if (a.name !== s.namespace.value || s.step !== "namespace") return { ...s, namespace: ns };
      // An existing install needs a second Enter (confirmation) on the step itself.
      return a.info.hasInstall ? { ...s, namespace: ns } : go({ ...s, namespace: ns }, "password");
    }
    case "namespace/failed":
      return { ...s, namespace: { ...s.namespace, checking: false, error: a.message } };

    case "password/input":
      return {
        ...s,
        password: { ...s.password, [a.field === 0 ? "value" : "confirm"]: a.value, error: undefined },
      };
    case "password/focus":
      return { ...s, password: { ...s.password, field: a.field } };
    case "password/submit": {
      const p = s.password;
      // Over an existing install the admin password is kept (its Secret is never replaced): the
      // step only says so. The install still needs a value; it is never stored.
      if (keepsPassword(s)) return { ...s, step: "license", password: { value: p.value || KEPT_PASSWORD, confirm: p.value || KEPT_PASSWORD, field: 0 } };
      const problem = sharedPasswordProblem(p.value);
      if (problem) return { ...s, password: { ...p, field: 0, confirm: "", error: `the password ${problem}` } };
      if (p.field === 0) return { ...s, password: { ...p, field: 1, error: undefined } };
      if (p.confirm !== p.value)
        return { ...s, password: { ...p, confirm: "", field: 1, error: "the passwords do not match: type it again" } };
      return { ...s, step: "license", password: { ...p, error: undefined } };
    }

    case "license/input":
      return { ...s, license: { path: a.value, checking: false, result: undefined, error: undefined } };
    case "license/checking":
      return { ...s, license: { ...s.license, checking: true, error: undefined, result: undefined } };
    case "license/checked": {
      const problem = licenseProblem(a.result, s.appSlug, a.now);
      if (problem || !a.result.ok) return { ...s, license: { ...s.license, checking: false, error: problem, result: undefined } };
      return { ...s, license: { ...s.license, checking: false, error: undefined, result: a.result } };
    }
    case "license/failed":
      return { ...s, license: { ...s.license, checking: false, result: undefined, error: a.message } };

    case "config/loading":
      return { ...s, config: { ...s.config, status: "loading" } };
    case "config/loaded":
      return {
        ...s,
        config: { ...s.config, status: a.session ? "ready" : "none", session: a.session, group: 0, focus: 0, issues: [] },
      };
    case "config/failed":
      return { ...s, config: { ...s.config, status: "error", error: a.message } };
    case "config/changed":
      return { ...s, config: { ...s.config, revision: s.config.revision + 1 } };
    case "config/focus":
      return { ...s, config: { ...s.config, focus: a.focus } };
    case "config/issues":
      return { ...s, config: { ...s.config, issues: a.issues } };
    case "config/group":
      return { ...s, config: { ...s.config, group: a.group, focus: 0, issues: [] } };

    case "preflights/start":
      return { ...s, preflights: { status: "running", run: s.preflights.run + 1, results: [] } };
    case "preflights/result":
      if (a.run !== s.preflights.run) return s;
      return { ...s, preflights: { ...s.preflights, results: [...s.preflights.results, a.result] } };
    case "preflights/done":
      if (a.run !== s.preflights.run) return s;
      return { ...s, preflights: { ...s.preflights, status: "done" } };
    case "preflights/failed":
      if (a.run !== s.preflights.run) return s;
      return { ...s, preflights: { ...s.preflights, status: "error", error: a.message } };
    case "preflights/continue": {
      const p = s.preflights;
      if (p.status !== "done") return { ...s, preflights: { ...p, notice: "the checks have not finished" } };
      const c = preflightCounts(p.results);
      if (c.fail > 0)
        return {
          ...s,
          preflights: { ...p, notice: `${c.fail} check${c.fail === 1 ? "" : "s"} failed: fix the cause and press r to re-run` },
        };
      if (c.warn > 0 && !a.anyway)
        return {
          ...s,
          preflights: { ...p, notice: `${c.warn} warning${c.warn === 1 ? "" : "s"}: press c to continue anyway, r to re-run` },
        };
      return { ...s, step: "registry", preflights: { ...p, notice: undefined } };
    }

    case "registry/set": {
      const r = { ...s.registry, [a.field]: a.value };
      return { ...s, registry: { ...r, error: undefined } };
    }
    case "registry/mode":
      return { ...s, registry: { ...s.registry, mode: a.mode, error: undefined } };
    case "registry/cycle": {
      const list: readonly string[] = a.field === "mode" ? REGISTRY_MODES : STORAGE_MODES;
      const next = list[(list.indexOf(s.registry[a.field]) + a.step + list.length) % list.length]!;
      return { ...s, registry: { ...s.registry, [a.field]: next, error: undefined } };
    }
    case "registry/storage":
      return { ...s, registry: { ...s.registry, storage: a.storage, error: undefined } };
    case "registry/focus":
      return { ...s, registry: { ...s.registry, focus: a.focus } };
    case "registry/error":
      return { ...s, registry: { ...s.registry, focus: a.field, error: { field: a.field, message: a.message } } };
    case "registry/checking":
      return { ...s, registry: { ...s.registry, check: { key: a.key, status: "checking", message: s.registry.mode === "airgap" ? "reading the bundle" : "checking access" } } };
    case "registry/progress":
      if (s.registry.check?.key !== a.key || s.registry.check.status !== "checking") return s;
      return { ...s, registry: { ...s.registry, check: { ...s.registry.check, message: a.message } } };
    case "registry/checked":
      if (s.registry.check?.key !== a.key) return s;
      return {
        ...s,
        step: a.ok && a.advance && s.step === "registry" ? "review" : s.step,
        review: a.ok && a.advance && s.step === "registry" ? { offset: 0 } : s.review,
        registry: { ...s.registry, check: { key: a.key, status: a.ok ? "ok" : "failed", message: a.message } },
      };

    case "review/scroll":
      return { ...s, review: { offset: Math.max(0, a.offset) } };
  }
}

// ---------------------------------------------------------------------------------------------
// The wizard's result

export interface WizardResult {
  options: InstallOptions;
  /** Config item values (name -> value), when the app has a Config. */
  configValues?: Record<string, string>;
}

export function storageOptions(storage: StorageMode): Pick<InstallOptions, "withMinio"> {
  return { withMinio: storage === "minio" };
}

/**
 * InstallOptions from the answers, validated by the schema (throws a ZodError if an answer slipped
 * past the step checks). The wizard has run the preflights and taken every confirmation already.
 */
export function buildResult(s: WizardState): WizardResult {
  const r = s.registry;
  const priv = r.mode !== "public";
  const cluster = s.cluster.status === "done" ? s.cluster.value : undefined;
  const options = InstallOptionsSchema.parse({
    ...s.base,
    appSlug: s.appSlug,
    namespace: s.namespace.value,
    context: s.base.context ?? cluster?.context,
    sharedPassword: s.password.value,
    licenseFile: s.license.result ? (s.license.result.path ?? s.license.path) : undefined,
    kotsadmRegistry: priv ? r.host : undefined,
    registryUsername: priv ? r.username : undefined,
    registryPassword: priv ? r.password : undefined,
    airgapBundle: r.mode === "airgap" ? r.bundle.trim() : undefined,
    ...storageOptions(r.storage),
    // The Preflights step ran the app's checks (strict only with --skip-preflights); the repeat command keeps the operator's flag.
    skipPreflights: s.base.skipPreflights ?? false,
  });
  const configValues = s.config.session ? s.config.session.values() : undefined;
  return configValues ? { options, configValues } : { options };
}
