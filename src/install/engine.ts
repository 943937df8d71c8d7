import type { Cluster } from "../kube/cluster.ts";
import { serverSideApply, type K8sObject } from "../kube/apply.ts";
import { startPortForward, type Forwarder } from "../kube/portforward.ts";
import { getJson } from "../kube/watch.ts";
import { apiMessage } from "../kube/errors.ts";
import { runBuiltinChecks, type CheckResult } from "../preflight/builtin.ts";
import type { AppCheckResult } from "../preflight/app/run.ts";
import { isCreateOnly, renderAdminConsole } from "../manifests/render.ts";
import { generateSecrets, secretsFromExisting } from "../manifests/secrets.ts";
import { CliError, InterruptedError } from "../errors.ts";
import type { InstallEvent, ObjectRef, StepName } from "./events.ts";
import type { InstallOptions } from "./options.ts";
import { planApply, WATCHED_KINDS } from "./plan.ts";
import { AsyncQueue } from "./queue.ts";
import { retryTransient } from "./retry.ts";
import { waitForCurrent } from "./wait.ts";
import { checkHealthz } from "./healthz.ts";
import { findReadyKotsadmPod } from "./kotsadm-pod.ts";
import { acquireInstallLease, LeaseHeldError, type LeaseHandle } from "../kube/lease.ts";
import { pruneOrder, refsOf, unionRefs } from "./inventory.ts";
import { pruneOne, readInventory, writeInventory } from "./prune.ts";
import { existingInstallCheck, existingObjects } from "./ownership-check.ts";
import { storageClassChange } from "./immutable.ts";
import { replaceObject } from "../kube/replace.ts";
import { airgapPlan, pushAndVerify, type AirgapPreparation } from "./airgap.ts";

export interface InstallInputs {
  cluster: Cluster;
  /** The verified license YAML to seed (kotsadm-default-license), if any. */
  license?: string;
  /** The ConfigValues YAML to seed (kotsadm-default-configvalues), if any. */
  configValues?: string;
  /** The release's kots.io/v1beta1 Application YAML (kotsadm-application-metadata), when the app is known. */
  applicationYaml?: string;
  /** Results of the built-in checks when the caller (the wizard) ran them already: not run twice. */
  builtinChecks?: CheckResult[];
  /**
   * Results of the release's own troubleshoot Preflight, run once by the caller's preparation
   * (prepareInstall, the wizard's Preflights step) before anything changed. Reported in the
   * preflight step; any fail stops the install there with exit 1.
   */
  appChecks?: AppCheckResult[];
  /** The plan the caller prepared and showed (prepareInstall, the wizard's Review): applied as it is, not rendered again. */
  plan?: K8sObject[];
  /**
   * --airgap-bundle, opened by prepareInstall: the `push-images` step pushes its images and checks
   * every image of the plan's pods and the app in the registry before the first apply; the plan
   * carries the airgap ConfigMaps and marks for kotsadm (airgap-objects.ts).
   */
  airgap?: AirgapPreparation;
  signal: AbortSignal;
}

export interface InstallResult {
  objects: K8sObject[];
  /** Writes the API server confirmed. */
  applied: ObjectRef[];
  /** Writes sent but not confirmed when the run stopped: they may or may not have happened. */
  inFlight: Map<string, ObjectRef>;
  forwarder?: Forwarder;
  url?: string;
}

const refOf = (o: K8sObject): ObjectRef => ({ kind: o.kind, name: o.metadata.name, namespace: o.metadata.namespace });

/**
 * The install engine (design §2, §4): preflight → render → server-side apply of namespace, RBAC,
 * secrets/config and the datastores → wait until the datastores are Current → apply kotsadm and
 * its Service → wait (kstatus, by watch) → port-forward + GET /healthz. Yields typed InstallEvents; returns the
 * rendered objects, what was applied, and the running port-forward (caller closes it).
 * Errors: CliError exit 1 for a failed check, apply or wait; InterruptedError (130) when `signal`
 * aborts. Before failing it yields one `error` event naming what was applied so far.
 * No event or error contains a secret value.
 */
export async function* install(options: InstallOptions, inputs: InstallInputs): AsyncGenerator<InstallEvent, InstallResult> {
  const queue = new AsyncQueue<InstallEvent>();
  const result: InstallResult = { objects: [], applied: [], inFlight: new Map() };
  const started = Date.now();
  const run = runInstall(options, inputs, result, (e) => queue.push(e)).then(
    () => queue.close(),
    (err) => queue.fail(err),
  );
  try {
    for await (const e of queue) yield e;
  } catch (err) {
    const maybe = [...result.inFlight.values()];
    const wrapped = inputs.signal.aborted ? new InterruptedError(`interrupted; ${summary(result.applied, maybe)}`, interruptExitCode(inputs.signal)) : err;
    const exitCode = wrapped instanceof CliError ? wrapped.exitCode : 1;
    const message = wrapped instanceof Error ? wrapped.message : String(wrapped);
    await result.forwarder?.close();
    yield { type: "error", at: Date.now(), message, exitCode, applied: result.applied, ...(maybe.length > 0 ? { maybeApplied: maybe } : {}) };
    throw wrapped;
  }
  await run;
  yield { type: "done", at: Date.now(), durationMs: Date.now() - started, namespace: options.namespace, url: result.url };
  return result;
}

function summary(applied: ObjectRef[], maybe: ObjectRef[]): string {
  const more = maybe.length > 0 ? ` (and ${maybe.length} more maybe, their writes were in flight)` : "";
  if (applied.length === 0 && maybe.length === 0) return "nothing was applied";
  return `applied ${applied.length} object(s)${more}; run the same command again to finish the install`;
}

/** 130 for SIGINT, 129 for SIGHUP, 143 for SIGTERM (128 + signal number), from the abort reason. */
function interruptExitCode(signal: AbortSignal): number {
  const code = (signal.reason as { exitCode?: unknown } | undefined)?.exitCode;
  return typeof code === "number" ? code : 130;
}

/** Namespaces of Kubernetes itself: installing there works, but earns a warning. */
const SYSTEM_NAMESPACES = new Set(["kube-system", "kube-public", "kube-node-lease"]);

/** The warning of a run into a namespace whose admin password exists (kots admin-console upgrade expects it). */
export const KEPT_PASSWORD_WARNING = "kotsadm-password exists and was kept: use kots reset-password to change the admin password";

/** How long a second run into the same namespace waits for the first one's Lease, ms. */
const LEASE_WAIT_MS = 120_000;

async function runInstall(options: InstallOptions, inputs: InstallInputs, result: InstallResult, emit: (e: InstallEvent) => void): Promise<void> {
  const { cluster, signal } = inputs;
  let foreign = new Set<string>();
  const step = async <T>(name: StepName, message: string, fn: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    emit({ type: "step-started", step: name, at: t, message });
    const out = await fn();
    emit({ type: "step-finished", step: name, at: Date.now(), durationMs: Date.now() - t, message });
    return out;
  };

  await step("preflight", inputs.appChecks?.length ? "built-in cluster checks and the app's preflight checks" : "built-in cluster checks", async () => {
    await builtinChecks(cluster, options, inputs.builtinChecks, emit);
    reportAppChecks(inputs.appChecks ?? [], emit);
  });

  const objects = await step("validate", "render the Admin Console objects and check what exists", async () => {
    const existing = await existingSecrets(cluster, options.namespace);
    if (existing.some((s) => s.metadata.name === "kotsadm-password"))
      emit({ type: "warning", at: Date.now(), message: KEPT_PASSWORD_WARNING });
    const rendered = inputs.plan ?? renderPlan(options, secretsFromExisting(existing, await generateSecrets(options.sharedPassword)), inputs);
    const found = await existingObjects(cluster, rendered);
    const check = existingInstallCheck(options.namespace, found, options.adopt);
    emit({ type: "preflight-result", at: Date.now(), check: check.check, outcome: check.outcome, message: check.message });
    if (check.outcome === "fail") throw new CliError(check.message, 1);
    const moved = storageClassChange(found.ours, rendered, options.storageClass);
    if (moved) throw new CliError(moved, 2);
    foreign = new Set(found.foreign.map((f) => `${f.obj.kind}/${f.obj.metadata.name}`));
    return rendered;
  });
  result.objects = objects;
  emit({ type: "rendered", at: Date.now(), objects: objects.map(refOf) });
  if (options.dryRun) return;
  const airgap = inputs.airgap;
  if (airgap)
    await step("push-images", `push the bundle's images to ${airgap.registry} and check every image the install names is there`, () => pushAndVerify(airgap, objects, signal, emit));

  // KOTS's start order (v1.88.0 pkg/kotsadm/main.go ensureKotsadm): kotsadm's schemahero-plan init
  // container opens one Postgres connection with no retry, so kotsadm is applied only once the
  // datastores are Current.
  const deadline = Date.now() + options.waitDurationMs;
  const phases = planApply(objects);
  const isKotsadmPhase = (p: { phase: string }) => p.phase === "kotsadm" || p.phase === "service";
  const applyPhases = async (list: typeof phases) => {
    for (const phase of list) await Promise.all(phase.objects.map((obj) => applyOne(obj)));
  };
  const write = (obj: K8sObject) =>
    foreign.has(`${obj.kind}/${obj.metadata.name}`) ? replaceObject(cluster, obj, { signal }) : serverSideApply(cluster, obj, { signal, createOnly: isCreateOnly(obj) });
  const applyOne = async (obj: K8sObject) => {
    const ref = refOf(obj);
    const k = `${obj.kind}/${obj.metadata.namespace ?? ""}/${obj.metadata.name}`;
    result.inFlight.set(k, ref);
    const { action } = await retryTransient(() => write(obj), deadline, signal, (err, ms) =>
      emit({ type: "warning", at: Date.now(), ref, message: `API server error, retrying in ${ms} ms: ${apiMessage(err)}` }),
    ).catch((err) => {
      if (signal.aborted) throw err;
      result.inFlight.delete(k);
      throw new CliError(`applying ${obj.kind}/${obj.metadata.name} failed: ${apiMessage(err)}`, 1);
    });
    result.inFlight.delete(k);
    result.applied.push(ref);
    emit({ type: "object-applied", at: Date.now(), ref, action });
    if (!WATCHED_KINDS.has(obj.kind))
      emit({ type: "status-changed", at: Date.now(), ref, status: "Current", message: "Resource is current", elapsedMs: 0, budgetMs: options.waitDurationMs });
  };
  const waitFor = (refs: ObjectRef[]) => {
    const waitStart = Date.now();
    return waitForCurrent(cluster, {
      namespace: options.namespace,
      refs,
      budgetMs: Math.max(1000, deadline - waitStart),
      startedAt: waitStart,
      initRestartGraceMs: options.initRestartGraceMs,
      signal,
      emit,
    });
  };
  const watched = (list: typeof phases) => list.flatMap((p) => p.objects).filter((o) => WATCHED_KINDS.has(o.kind)).map(refOf);
  const nsPhase = phases.filter((p) => p.phase === "namespace");
  const first = phases.filter((p) => p.phase !== "namespace" && !isKotsadmPhase(p));
  const last = phases.filter(isKotsadmPhase);
  const rendered = refsOf(objects);
  const warnRetry = (what: string) => (err: unknown, ms: number) =>
    emit({ type: "warning", at: Date.now(), message: `API server error ${what}, retrying in ${ms} ms: ${apiMessage(err)}` });
  const budget = `budget ${Math.round(options.waitDurationMs / 1000)}s`;

  let lease: LeaseHandle | undefined;
  try {
    let previous: ObjectRef[] = [];
    await step("apply", "server-side apply (field manager kots): namespace, RBAC, secrets and config, datastores", async () => {
      await applyPhases(nsPhase);
      // One install per namespace at a time (design §4): a second run waits for the first.
      lease = await acquireInstallLease(cluster, options.namespace, {
        deadline: Math.min(deadline, Date.now() + LEASE_WAIT_MS),
        signal,
        onRetry: warnRetry("taking the install Lease"),
        onWait: (holder) => emit({ type: "warning", at: Date.now(), message: `another kots install is running in ${options.namespace} (holder ${holder}): waiting up to ${LEASE_WAIT_MS / 1000}s for it to finish` }),
      }).catch((err) => {
        if (err instanceof LeaseHeldError) throw new CliError(err.message, 1);
        throw err;
      });
      previous = await retryTransient(() => readInventory(cluster, options.namespace, signal), deadline, signal, warnRetry("reading the inventory"));
      // Before writing anything else: an interrupted run must still know all it may have made.
      await retryTransient(() => writeInventory(cluster, options.namespace, unionRefs(previous, rendered), signal), deadline, signal, warnRetry("writing the inventory"));
      await applyPhases(first);
    });
    await step("wait-datastores", `wait for the datastores to be ready before kotsadm starts (${budget})`, () => waitFor(watched(first)));
    await step("apply-kotsadm", "server-side apply (field manager kots): kotsadm and its Service; prune what is no longer rendered", async () => {
      await applyPhases(last);
      for (const ref of pruneOrder(previous, rendered)) {
        const outcome = await retryTransient(() => pruneOne(cluster, ref, signal), deadline, signal, warnRetry(`pruning ${ref.kind}/${ref.name}`));
        if (outcome === "deleted") emit({ type: "object-pruned", at: Date.now(), ref });
        if (outcome === "kept-foreign") emit({ type: "warning", at: Date.now(), ref, message: `${ref.kind}/${ref.name} is in the inventory but no longer ours: left as it is` });
      }
      await retryTransient(() => writeInventory(cluster, options.namespace, rendered, signal), deadline, signal, warnRetry("writing the inventory"));
    });
    await step("wait", `wait for the Admin Console to be ready (${budget})`, () => waitFor(watched(phases)));
  } finally {
    await lease?.release();
  }

  if (!options.portForward) return;
  await step("port-forward", `port-forward localhost:${options.port} to kotsadm:3000`, async () => {
    const pod = await findReadyKotsadmPod(cluster, options.namespace);
    const fwd = await startPortForward(cluster, options.namespace, pod, 3000, options.port);
    result.forwarder = fwd;
    const url = `http://localhost:${fwd.localPort}`;
    if (fwd.movedFrom) emit({ type: "warning", at: Date.now(), message: `port ${fwd.movedFrom} is in use; forwarding from ${fwd.localPort} instead` });
    const where = `localhost:${fwd.localPort}`;
    // The install itself is done here: a port-forward or /healthz problem is told apart from it.
    const health = await checkHealthz(fwd.localPort, Math.min(30_000, Math.max(5_000, deadline - Date.now())), signal, (el, budget, why) =>
      emit({ type: "warning", at: Date.now(), message: `installed; ${where} not answering /healthz yet (${why}), retrying ${Math.round(el / 1000)} s of ${Math.round(budget / 1000)} s` }),
    );
    emit({ type: "port-forward", at: Date.now(), localPort: fwd.localPort, requestedPort: options.port, url, healthy: health.ok });
    if (!health.ok)
      throw new CliError(
        `installed (every Admin Console object is ready), but ${where} does not answer GET /healthz (${health.message}): reconnect with kots admin-console -n ${options.namespace}`,
        1,
      );
    result.url = url;
  });
}

/**
 * The app's preflight results as preflight-result events (source "app"). Throws CliError(1)
 * naming every failed check: nothing has been applied yet.
 */
function reportAppChecks(results: AppCheckResult[], emit: (e: InstallEvent) => void): void {
  for (const r of results)
    emit({ type: "preflight-result", at: Date.now(), check: r.title, outcome: r.outcome, message: r.message, source: "app", analyzer: r.analyzer, uri: r.uri || undefined, strict: r.strict });
  const failed = results.filter((r) => r.outcome === "fail");
  if (failed.length > 0) throw new CliError(`the app's preflight checks failed: ${failed.map((r) => `${r.title}: ${r.message}`).join("; ")}`, 1);
}

/**
 * The built-in checks (design §4), emitted as preflight-result events: run here, or, when the
 * wizard already ran them (inputs.builtinChecks), its results reported again without a second
 * run. Throws CliError listing the failures: exit 2 when the only problem is a --storage-class
 * that does not exist, else 1.
 */
async function builtinChecks(cluster: Cluster, options: InstallOptions, given: CheckResult[] | undefined, emit: (e: InstallEvent) => void): Promise<void> {
  const report = (r: CheckResult) => emit({ type: "preflight-result", at: Date.now(), check: r.check, outcome: r.outcome, message: r.message });
  const results = given ?? (await runBuiltinChecks(cluster, options, report));
  if (given) given.forEach(report);
  if (SYSTEM_NAMESPACES.has(options.namespace))
    emit({ type: "warning", at: Date.now(), message: `${options.namespace} is a Kubernetes system namespace: the Admin Console and its Secrets would sit beside the cluster's own components; prefer a namespace of its own (-n NAME)` });
  const failed = results.filter((r) => r.outcome === "fail");
  const badInput = options.storageClass !== undefined && failed.length > 0 && failed.every((r) => r.check === "storage-class");
  if (failed.length > 0) throw new CliError(failed.map((r) => r.message).join("; "), badInput ? 2 : 1);
}

/**
 * The exact objects an install with these options would apply, from the same renderer the engine
 * uses (existing secrets kept, new ones generated but not written): what the wizard's Review
 * lists. Reads the cluster (Secrets of the namespace); writes nothing. Throws API errors.
 */
export async function planObjects(options: InstallOptions, inputs: Omit<InstallInputs, "signal">): Promise<K8sObject[]> {
  const secrets = secretsFromExisting(await existingSecrets(inputs.cluster, options.namespace), await generateSecrets(options.sharedPassword));
  return renderPlan(options, secrets, inputs);
}

/** The renderer's object set, with the airgap ConfigMaps and marks when the install has a bundle. */
function renderPlan(options: InstallOptions, secrets: Parameters<typeof renderAdminConsole>[1], inputs: Omit<InstallInputs, "signal" | "cluster">): K8sObject[] {
  const objects = renderAdminConsole(options, secrets, { license: inputs.license, configValues: inputs.configValues, applicationYaml: inputs.applicationYaml });
  return inputs.airgap ? airgapPlan(objects, options, inputs.airgap) : objects;
}

async function existingSecrets(cluster: Cluster, namespace: string): Promise<K8sObject[]> {
  const list = (await getJson(cluster, `/api/v1/namespaces/${namespace}/secrets?labelSelector=${encodeURIComponent("kots.io/kotsadm=true")}`)) as { items: K8sObject[] };
  return list.items.map((s) => ({ ...s, apiVersion: "v1", kind: "Secret" })); // list items carry no kind
}
