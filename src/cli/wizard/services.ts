import { checkRegistryAccess } from "../../registry/check.ts";
import { isReleaseDir, releaseApplicationYaml, releaseDocuments } from "../../install/release.ts";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Cluster } from "../../kube/cluster.ts";
import type { K8sObject } from "../../kube/apply.ts";
import { apiMessage } from "../../kube/errors.ts";
import { connect } from "../../kube/cluster.ts";
import { install, planObjects, type InstallResult } from "../../install/engine.ts";
import type { InstallEvent } from "../../install/events.ts";
import type { InstallOptions } from "../../install/options.ts";
import { checkApiServer, inspectNamespace, runBuiltinChecks, type CheckResult } from "../../preflight/builtin.ts";
import { runAppPreflight, type AppCheckResult } from "../../preflight/app/run.ts";
import { appPreflightSpec } from "../../install/prepare.ts";
import { prepareAirgap, type AirgapPreparation } from "../../install/airgap.ts";
import { openBundleRelease } from "../../install/airgap-release.ts";
import { CliError } from "../../errors.ts";
import { formatBytes } from "../../../ui/pull-progress.ts";
import { checkLicenseFile, LicenseInputError, licenseProblems } from "../../license/index.ts";
import { plainErrno, readBoundedText } from "../../read-file.ts";
import { newConfigSession, parseConfig, type ConfigSession as EngineConfigSession } from "../../config/index.ts";
import { preloadTemplates } from "../../templates/index.ts";
import { clusterFactsIfReachable, lookupCalls, releaseLookupTexts } from "../../templates/cluster-facts.ts";
import { licenseTemplateDocument } from "../../install/app-templates.ts";
import type {
  ClusterInfo,
  ConfigGroupView,
  ConfigIssue,
  ConfigSession,
  LicenseCheck,
  NamespaceInfo,
  PreflightResult,
  RegistryCheck,
  WizardServices,
} from "../../../ui/services.ts";

/**
 * Writes the ConfigValues of this install to `<cwd>/<slug>-configvalues.yaml` (or the home
 * directory when the working directory is not writable), mode 0600: it may hold passwords.
 * Returns the absolute path.
 */
function writeConfigValuesFile(slug: string, yaml: string): string {
  for (const dir of [process.cwd(), os.homedir()]) {
    const file = path.join(dir, `${slug}-configvalues.yaml`);
    try {
      writeFileSync(file, yaml, { mode: 0o600 });
      chmodSync(file, 0o600);
      return file;
    } catch {
      // try the next place
    }
  }
  throw new Error("cannot write the ConfigValues file to the working or the home directory");
}

/** `~` and `~/x` → the home directory. */
export function expandHome(p: string): string {
  if (p === "~") return os.homedir();
  if (p.startsWith("~/")) return path.join(os.homedir(), p.slice(2));
  return p;
}

/**
 * The engine's ConfigSession seen through the ui's ConfigSession interface. A `file` item keeps
 * the path the operator types; the file is read when the answers are validated (not on every
 * keystroke) and then shows as "name (size)".
 */
export class ConfigSessionAdapter implements ConfigSession {
  private readonly paths = new Map<string, string>();
  private readonly loaded = new Map<string, string>();

  constructor(readonly inner: EngineConfigSession) {}

  visibleGroups(): ConfigGroupView[] {
    return this.inner.visibleGroups().map((g) => ({
      name: g.name,
      title: g.title,
      description: g.description || undefined,
      items: this.inner.itemsOf(g).map((i) => {
        const typed = this.paths.get(i.name);
        return {
          name: i.name,
          title: i.title,
          type: i.type,
          value: typed ?? i.userValue ?? (i.value === i.default ? "" : i.value),
          default: i.default || undefined,
          required: i.required,
          hidden: false,
          readonly: i.readonly,
          help_text: (typed !== undefined ? this.loaded.get(i.name) : undefined) ?? (i.helpText || undefined),
          options: i.options.length > 0 ? i.options.map((o) => ({ name: o.name, title: o.title })) : undefined,
        };
      }),
    }));
  }

  set(name: string, value: string): void {
    let type: string | undefined;
    try {
      type = this.inner.item(name).type;
    } catch {
      type = undefined;
    }
    if (type === "file") {
      this.loaded.delete(name);
      if (value === "") {
        this.paths.delete(name);
        this.inner.unset(name);
      } else this.paths.set(name, value);
      return;
    }
    if (value === "") this.inner.unset(name);
    else this.inner.set(name, value);
  }

  validate(): ConfigIssue[] {
    const issues: ConfigIssue[] = [];
    // KOTS stores a file item's content base64-encoded, with the file's name.
    for (const [name, typed] of this.paths) {
      const p = expandHome(typed.trim());
      try {
        const content = readFileSync(p);
        this.inner.set(name, content.toString("base64"), path.basename(p));
        this.loaded.set(name, `${path.basename(p)} (${formatSize(content.length)})`);
      } catch (err) {
        this.inner.unset(name);
        issues.push({ item: name, message: `${typed} cannot be read: ${plainErrno((err as NodeJS.ErrnoException).code)}` });
      }
    }
    const bad = new Set(issues.map((i) => i.item));
    for (const e of this.inner.validate()) if (!bad.has(e.item ?? "")) issues.push({ item: e.item ?? e.group ?? "", message: e.detail || e.message });
    return issues;
  }

  values(): Record<string, string> {
    return this.inner.values();
  }
}

/** "812 B", "1.4 KiB", "3.0 MiB". */
function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

export interface WizardServiceInputs {
  /** APP as given on the command line (slug or release directory). */
  app: string;
  appSlug: string;
  kubeconfig?: string;
  context?: string;
  /** --license-public-key / KOTS_LICENSE_PUBLIC_KEY: a file or an inline PEM. */
  licensePublicKey?: string;
  /** The options known from flags (storage class, RBAC mode) for the built-in checks. */
  base: Partial<InstallOptions>;
  /** Aborted on Ctrl-C during the install. */
  signal: AbortSignal;
  /** Called with the engine's result when the install finishes (forwarder, url). */
  onResult?(result: InstallResult): void;
  /** Called with the install's failure (after the error event was shown). */
  onError?(err: unknown): void;
  fetchImpl?: typeof fetch;
}

/** The real WizardServices over the engine: only reads the cluster until install() is called. */
export function createWizardServices(inputs: WizardServiceInputs): WizardServices & { cluster(): Cluster; dispose(): void } {
  let cached: Cluster | undefined;
  const cluster = (): Cluster => (cached ??= connect({ kubeconfig: inputs.kubeconfig, context: inputs.context }));
  let namespace = inputs.base.namespace ?? inputs.appSlug;
  let config: ConfigSessionAdapter | undefined;
  const doFetch = inputs.fetchImpl ?? fetch;
  let checked: CheckResult[] | undefined;
  let licenseText: { file: string; text: string } | undefined;
  // The license step read and verified the file once; the Review and the install use that text.
  const licenseTextFor = (file: string | undefined): string | undefined => {
    if (!file) return undefined;
    const path = expandHome(file);
    return licenseText?.file === path ? licenseText.text : readBoundedText(path);
  };
  let reviewed: { key: string; plan: K8sObject[] } | undefined;
  const reviewKey = (o: InstallOptions, v?: Record<string, string>) => JSON.stringify([o, v ?? null]);
  let checkedFor: string | undefined;
  let appChecked: AppCheckResult[] | undefined;
  // The Registry step's airgap choice: the bundle the install's own preparation opened and checked.
  let airgap: { key: string; prep: AirgapPreparation } | undefined;
  const airgapKey = (o: Pick<InstallOptions, "airgapBundle" | "kotsadmRegistry" | "registryUsername" | "registryPassword">) =>
    JSON.stringify([o.airgapBundle ? expandHome(o.airgapBundle) : "", o.kotsadmRegistry, o.registryUsername ?? "", o.registryPassword ?? ""]);
  const airgapFor = (o: InstallOptions) => (o.airgapBundle && airgap?.key === airgapKey(o) ? airgap.prep : undefined);
  // --airgap-bundle on the command line: the release (Config, Preflight, Application) is the bundle's, read at the Config step
  let bundleRelease: Promise<{ dir: string; dispose(): void }> | undefined;
  const releaseDir = async (): Promise<string | undefined> => {
    if (isReleaseDir(inputs.app)) return inputs.app;
    if (!inputs.base.airgapBundle) return undefined;
    bundleRelease ??= openBundleRelease(expandHome(inputs.base.airgapBundle), inputs.appSlug);
    bundleRelease.catch(() => (bundleRelease = undefined)); // a retry opens it again
    return (await bundleRelease).dir;
  };
  // the run's one snapshot of cluster facts for the templates (taken at the first use, shared)
  const clusterFacts = (dir: string | undefined) => clusterFactsIfReachable(cluster, { timeoutMs: 5000, lookups: lookupCalls(releaseLookupTexts(dir)) });
  const applicationYamlFor = async (o: InstallOptions) => {
    const prep = airgapFor(o);
    return releaseApplicationYaml(prep ? prep.releaseDir : ((await releaseDir().catch(() => undefined)) ?? inputs.app));
  };

  return {
    cluster,

    dispose() {
      airgap?.prep.dispose();
      airgap = undefined;
      bundleRelease?.then((r) => r.dispose(), () => undefined);
    },

    async checkAirgap(bundle: string, host: string, username: string, password: string, onProgress: (message: string) => void): Promise<RegistryCheck> {
      const o = { airgapBundle: bundle, kotsadmRegistry: host, registryUsername: username || undefined, registryPassword: password || undefined };
      airgap?.prep.dispose();
      airgap = undefined;
      try {
        const prep = await prepareAirgap({ ...o, airgapBundle: expandHome(bundle), appSlug: inputs.appSlug, licenseFile: licenseText?.file, registryCaFile: inputs.base.registryCaFile }, (e) => {
          if (e.type === "bundle-read") onProgress(`reading the bundle: ${formatBytes(e.bytesRead)} / ${formatBytes(e.bytesTotal)}`);
        });
        airgap = { key: airgapKey(o), prep };
        const m = prep.bundle.meta;
        return { ok: true, message: `bundle of ${m.appSlug}${m.versionLabel ? ` ${m.versionLabel}` : ""}: ${prep.bundle.images.length} images, checked; logged in to ${host}` };
      } catch (err) {
        if (err instanceof CliError) return { ok: false, message: err.message };
        throw err;
      }
    },

    async clusterContext() {
      try {
        const c = cluster();
        return { context: c.context, server: c.server };
      } catch {
        return undefined; // clusterInfo() reports the kubeconfig problem
      }
    },

    async clusterInfo(): Promise<ClusterInfo> {
      let c: Cluster;
      try {
        c = cluster();
      } catch (err) {
        return { context: inputs.context ?? "?", server: "?", reachable: false, error: err instanceof Error && "exitCode" in err ? err.message : apiMessage(err) };
      }
      const r = await checkApiServer(c);
      return r.outcome === "pass"
        ? { context: c.context, server: c.server, reachable: true, version: r.version }
        : { context: c.context, server: c.server, reachable: false, error: r.message };
    },

    async inspectNamespace(ns: string): Promise<NamespaceInfo> {
      namespace = ns;
      // the operator goes on to the password step next: load the template engine (Go → wasm,
      // for the Config and the app's preflights) in the background meanwhile
      void preloadTemplates();
      return inspectNamespace(cluster(), ns);
    },

    async checkLicense(p: string): Promise<LicenseCheck> {
      const file = expandHome(p.trim());
      let v;
      try {
        const res = checkLicenseFile(file, { appSlug: inputs.appSlug, publicKey: inputs.licensePublicKey });
        v = res.verified;
        if (v.ok) licenseText = { file, text: res.text }; // the text the license step verified is the one seeded
      } catch (err) {
        if (err instanceof LicenseInputError) return { ok: false, reason: err.lineFor(file) };
        throw err;
      }
      if (!v.ok) return { ok: false, reason: licenseProblems(v) };
      const key = v.signature.keyName ?? "trusted key";
      const id = v.signature.keyId ? ` ${v.signature.keyId.slice(0, 8)}` : "";
      return {
        ok: true,
        licensee: v.customerName,
        appSlug: v.appSlug,
        channel: v.channelName || undefined,
        expiresAt: v.expiresAt ?? undefined,
        signature: `valid (${key}${id})`,
        path: file,
      };
    },

    async loadConfig(): Promise<ConfigSession | undefined> {
      const dir = await releaseDir();
      if (!dir) return undefined;
      const doc = releaseDocuments(dir).find((d) => d.kind === "Config" && d.apiVersion === "kots.io/v1beta1");
      if (!doc) return undefined;
      // the app's template context: the license the license step verified, the run's cluster facts
      const context = { namespace, appSlug: inputs.appSlug, licenseDocument: licenseTemplateDocument(licenseText?.text), cluster: await clusterFacts(dir) };
      config = new ConfigSessionAdapter(newConfigSession(parseConfig(doc.yaml, path.basename(doc.file)), { context }));
      return config;
    },

    async runPreflights(onResult: (result: PreflightResult) => void): Promise<void> {
      // The engine's own checks; their results go to the install, which does not run them again.
      checked = await runBuiltinChecks(cluster(), { namespace, storageClass: inputs.base.storageClass, useMinimalRbac: inputs.base.useMinimalRbac ?? false }, (r) =>
        onResult({ check: r.check, outcome: r.outcome, message: r.message }),
      );
      checkedFor = namespace;
      appChecked = undefined;
      // Then the release's own Preflight, rendered with the answers so far, once: the install reports these results.
      const dir = await releaseDir();
      if (!dir || checked.some((c) => c.outcome === "fail")) return;
      const values = config ? config.inner.toConfigValues({ name: inputs.appSlug }) : undefined;
      const spec = appPreflightSpec(dir, { namespace, appSlug: inputs.appSlug }, { license: licenseText?.text, configValues: values, cluster: await clusterFacts(dir) });
      if (!spec) return;
      const run = await runAppPreflight(cluster(), spec, { strictOnly: inputs.base.skipPreflights ?? false });
      for (const r of run.results) onResult({ check: r.title, outcome: r.outcome, message: r.message, strict: r.strict, uri: r.uri || undefined });
      appChecked = run.results;
    },

    checkRegistry(host: string, username: string, password: string): Promise<RegistryCheck> {
      return checkRegistryAccess(host, username, password, doFetch);
    },

    async review(options: InstallOptions, configValues?: Record<string, string>) {
      const license = licenseTextFor(options.licenseFile);
      const values = configValues && config ? config.inner.toConfigValues({ name: options.appSlug }) : undefined;
      const objects = await planObjects(options, { cluster: cluster(), license, configValues: values, applicationYaml: await applicationYamlFor(options), airgap: airgapFor(options) });
      reviewed = { key: reviewKey(options, configValues), plan: objects };
      return {
        planned: objects.map((o) => ({ kind: o.kind, name: o.metadata.name, namespace: o.metadata.namespace })),
        app: inputs.app,
        licensePublicKey: inputs.licensePublicKey && !inputs.licensePublicKey.includes("-----BEGIN") ? inputs.licensePublicKey : undefined,
        configValuesFile: values ? writeConfigValuesFile(options.appSlug, values) : undefined,
      };
    },

    install(options: InstallOptions, configValues?: Record<string, string>): AsyncIterable<InstallEvent> {
      return engineEvents(options, configValues);
    },
  };

  async function* engineEvents(options: InstallOptions, configValues?: Record<string, string>): AsyncGenerator<InstallEvent> {
    let license: string | undefined;
    try {
      license = licenseTextFor(options.licenseFile);
    } catch (err) {
      const message = `the license ${options.licenseFile} ${(err as Error).message}`;
      inputs.onError?.(new Error(message));
      yield { type: "error", at: Date.now(), message, exitCode: 2, applied: [] };
      return;
    }
    if (options.airgapBundle && !airgapFor(options)) {
      // never install from a bundle the Registry step did not open and check with these answers
      const message = `--airgap-bundle ${options.airgapBundle} was not checked with this registry and these credentials: go back to the Registry step and press Enter`;
      inputs.onError?.(new CliError(message, 2));
      yield { type: "error", at: Date.now(), message, exitCode: 2, applied: [] };
      return;
    }
    const values = configValues && config ? config.inner.toConfigValues({ name: options.appSlug }) : undefined;
    // The preflight step's results count only for the namespace and options they were run for.
    const reuse = checkedFor === options.namespace && options.storageClass === inputs.base.storageClass && options.useMinimalRbac === (inputs.base.useMinimalRbac ?? false);
    const gen = install(options, {
      cluster: cluster(),
      license,
      configValues: values,
      applicationYaml: await applicationYamlFor(options),
      airgap: airgapFor(options),
      builtinChecks: reuse ? checked : undefined,
      // the Preflights step's run of the app's checks (it re-runs whenever the step is entered)
      appChecks: appChecked,
      // the plan the Review showed is the one applied (not rendered again) while the answers are the same
      plan: reviewed?.key === reviewKey(options, configValues) ? reviewed.plan : undefined,
      signal: inputs.signal,
    });
    try {
      for (;;) {
        const next = await gen.next();
        if (next.done) {
          inputs.onResult?.(next.value);
          return;
        }
        yield next.value;
      }
    } catch (err) {
      // The engine already yielded an `error` event for the board; remember the failure for the exit code.
      inputs.onError?.(err);
    }
  }
}
