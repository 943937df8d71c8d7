import type { InstallEvent, ObjectRef } from "../src/install/events.ts";
import type { InstallOptions } from "../src/install/options.ts";

/**
 * Everything the wizard needs from the outside world. ui/ does no I/O of its own (no kube call,
 * no file, no network, no process control): src/cli implements this interface. Every function
 * returns plain data; failures the operator should see are returned (ok:false / error), not thrown.
 * A thrown error is shown as-is and the step offers a retry.
 */
export interface WizardServices {
  /** Current kube context, API server and whether it answers (with its version). */
  clusterInfo(): Promise<ClusterInfo>;
  /** Optional: the context and API server from the kubeconfig alone (no network), shown while clusterInfo() runs. */
  clusterContext?(): Promise<{ context: string; server: string } | undefined>;
  /** Whether the namespace exists and whether an Admin Console is already installed there. */
  inspectNamespace(namespace: string): Promise<NamespaceInfo>;
  /** Parse and verify a license file. The service expands a leading `~`. */
  checkLicense(path: string): Promise<LicenseCheck>;
  /** The app's Config as a live session; undefined when the app has no Config. */
  loadConfig(): Promise<ConfigSession | undefined>;
  /** Run the preflight checks, reporting each result as it arrives; resolves when all are done. */
  runPreflights(onResult: (result: PreflightResult) => void): Promise<void>;
  /** Log in to a registry with these credentials (a live access check). */
  checkRegistry(host: string, username: string, password: string): Promise<RegistryCheck>;
  /**
   * Optional: open and check an airgap bundle for this app and log in to the registry its images
   * go to (the install's own preparation: nothing is pushed). `onProgress` gets a line while the
   * bundle is read. A bad bundle or refused login is returned as ok:false with its reason.
   */
  checkAirgap?(bundle: string, host: string, username: string, password: string, onProgress: (message: string) => void): Promise<RegistryCheck>;
  /** Optional: the objects the install will create/configure (src/manifests). A built-in summary is shown otherwise. */
  plannedObjects?(options: InstallOptions): Promise<ObjectRef[]>;
  /**
   * Optional, preferred over plannedObjects: what the Review shows, prepared by src/cli: the
   * renderer's object list, and for the repeat command the real APP, --license-public-key and the
   * ConfigValues file it wrote (mode 0600) with these values.
   */
  review?(options: InstallOptions, configValues?: Record<string, string>): Promise<ReviewFacts>;
  /** Start the install: the engine's event stream. `configValues` are the Config item values (name -> value). */
  install(options: InstallOptions, configValues?: Record<string, string>): AsyncIterable<InstallEvent>;
}

export interface ReviewFacts {
  planned: ObjectRef[];
  app: string;
  licensePublicKey?: string;
  /** where the ConfigValues were written (mode 0600), when the app has a Config */
  configValuesFile?: string;
}

export interface ClusterInfo {
  context: string;
  server: string;
  reachable: boolean;
  /** e.g. "v1.31.2" */
  version?: string;
  error?: string;
}

export interface NamespaceInfo {
  exists: boolean;
  hasInstall: boolean;
}

export interface LicenseInfo {
  ok: true;
  licensee: string;
  appSlug: string;
  channel?: string;
  /** RFC 3339; absent = never expires */
  expiresAt?: string;
  /** e.g. "valid (Production key bdee5656)" */
  signature: string;
  /** The resolved path (after `~` expansion) handed to the install as licenseFile. */
  path?: string;
}

export type LicenseCheck = LicenseInfo | { ok: false; reason: string };

export type PreflightOutcome = "pass" | "warn" | "fail";

export interface PreflightResult {
  /** a built-in check's name, or an app check's title */
  check: string;
  outcome: PreflightOutcome;
  message: string;
  strict?: boolean;
  /** where to read more (an app check's outcome URI) */
  uri?: string;
}

export interface RegistryCheck {
  ok: boolean;
  message: string;
}

/** A kots.io/v1beta1 Config item as the wizard shows it (values as KOTS stores them: bool is "1"/"0"). */
export interface ConfigItemView {
  name: string;
  title: string;
  type: "text" | "textarea" | "password" | "file" | "bool" | "select_one" | "radio" | "label" | "heading" | (string & {});
  /** The current value ("" when unset; the view falls back to `default` for display and selection). */
  value: string;
  default?: string;
  required: boolean;
  hidden: boolean;
  readonly: boolean;
  help_text?: string;
  options?: { name: string; title: string }[];
}

export interface ConfigGroupView {
  name: string;
  title: string;
  description?: string;
  items: ConfigItemView[];
}

export interface ConfigIssue {
  /** item name */
  item: string;
  message: string;
}

/**
 * A Config being filled in. The view calls set() on every edit and then re-reads visibleGroups(), so a
 * session must re-evaluate `when` (groups and items) on set. Items whose `when` is false may be omitted
 * or returned with hidden=true. For `file` items the view passes the path the operator typed; the
 * session (src/cli adapter) reads it. validate() reports required-but-empty and validation.regex failures.
 */
export interface ConfigSession {
  visibleGroups(): ConfigGroupView[];
  set(name: string, value: string): void;
  validate(): ConfigIssue[] | Promise<ConfigIssue[]>;
  /** name -> value of every item that has a value (what becomes ConfigValues). */
  values(): Record<string, string>;
}
