/**
 * The one install preparation (design: one engine, two views). The headless command and the
 * wizard both get from here the release, the one license check, the ConfigValues checked against
 * the release's Config, the one run of the built-in checks, and the one rendered plan, which the
 * review shows and the engine applies (InstallInputs.plan).
 */
import type { K8sObject } from "../kube/apply.ts";
import type { Cluster } from "../kube/cluster.ts";
import { runBuiltinChecks, type CheckResult } from "../preflight/builtin.ts";
import { runAppPreflight, type AppCheckResult } from "../preflight/app/run.ts";
import { releasePreflightSources, renderPreflightSpec } from "../preflight/app/release-spec.ts";
import { PreflightSpecError, type PreflightSpec } from "../preflight/app/spec.ts";
import { UsageError } from "../errors.ts";
import { planObjects } from "./engine.ts";
import type { InstallOptions } from "./options.ts";
import { isReleaseDir, releaseApplicationYaml } from "./release.ts";
import { loadSeeds } from "./seeds.ts";
import { prepareAirgap, type AirgapPreparation } from "./airgap.ts";
import type { ImagePushEvent } from "./events.ts";
import { clusterFactsOnce, lookupCalls, releaseLookupTexts, type ClusterFacts } from "../templates/cluster-facts.ts";
import { preloadTemplates } from "../templates/index.ts";

export interface Preparation {
  /** APP when it is a local release directory. */
  releaseDir?: string;
  /** The release's kots.io/v1beta1 Application YAML. */
  applicationYaml?: string;
  /** The verified license text (kotsadm-default-license). */
  license?: string;
  /** The ConfigValues text, checked against the release's Config (kotsadm-default-configvalues). */
  configValues?: string;
  /** Things to know that stop nothing (e.g. ConfigValues items the Config does not know). */
  warnings: string[];
  /** The built-in checks, run once. */
  checks: CheckResult[];
  /** The release's own troubleshoot Preflight checks, run once (none without a Preflight, or when a built-in check failed). */
  appChecks: AppCheckResult[];
  /** The exact objects the engine will apply. Empty when a check failed (nothing to plan). */
  plan: K8sObject[];
  /** --airgap-bundle: the opened bundle and its hand-over to kotsadm (the engine pushes it); dispose() when done. */
  airgap?: AirgapPreparation;
}

/**
 * Prepares an install of APP `app` with `options` against `cluster`, changing nothing: seeds
 * (license and ConfigValues: UsageError, exit 2, naming the flag and every problem), the
 * release's Preflight rendered with them (a bad spec: UsageError, exit 2), then the built-in
 * checks (`onCheck` gets each result as it is known), then the app's preflight checks when the
 * built-in ones passed (`onAppCheck`; only strict analyzers with --skip-preflights), then the plan
 * when nothing failed. With --airgap-bundle the bundle is opened and checked first (its app must be
 * the license's, UsageError otherwise) and the registry login tried, and the release comes from
 * the bundle; `onBundleEvent` gets the read progress. Nothing is pushed or applied here. Throws API
 * errors the checks could not absorb.
 */
export async function prepareInstall(
  app: string | undefined,
  options: InstallOptions,
  ctx: { cluster: Cluster; licensePublicKey?: string; onCheck?: (r: CheckResult) => void; onAppCheck?: (r: AppCheckResult) => void; onBundleEvent?: (e: ImagePushEvent) => void },
): Promise<Preparation> {
  if (options.airgapBundle && app !== undefined && isReleaseDir(app))
    throw new UsageError(`APP ${app} is a release directory, but --airgap-bundle brings the release: give the app slug as APP`);
  const airgap = options.airgapBundle ? await prepareAirgap(options, ctx.onBundleEvent) : undefined;
  try {
    return await prepareWith(app, options, ctx, airgap);
  } catch (err) {
    airgap?.dispose();
    throw err;
  }
}

async function prepareWith(
  app: string | undefined,
  options: InstallOptions,
  ctx: { cluster: Cluster; licensePublicKey?: string; onCheck?: (r: CheckResult) => void; onAppCheck?: (r: AppCheckResult) => void },
  airgap: AirgapPreparation | undefined,
): Promise<Preparation> {
  const releaseDir = airgap?.releaseDir ?? (app !== undefined && isReleaseDir(app) ? app : undefined);
  // the run's one snapshot of cluster facts for the templates (Distribution, NodeCount, …); the
  // template engine loads in the background meanwhile, so the first render finds it loaded
  // instead of compiling it synchronously (issue 12: off the critical path)
  const engine = releaseDir ? preloadTemplates() : Promise.resolve();
  const facts = Promise.all([clusterFactsOnce(ctx.cluster, { lookups: lookupCalls(releaseLookupTexts(releaseDir)) }), engine]).then(([f]) => f);
  const seeds = await loadSeeds(options, ctx.licensePublicKey, releaseDir, facts);
  const applicationYaml = releaseDir ? releaseApplicationYaml(releaseDir) : undefined;
  const spec = releaseDir ? appPreflightSpec(releaseDir, options, { ...seeds, cluster: await facts }) : undefined;
  const checks = await runBuiltinChecks(ctx.cluster, options, ctx.onCheck);
  let ok = checks.every((c) => c.outcome !== "fail");
  let appChecks: AppCheckResult[] = [];
  if (ok && spec) {
    appChecks = (await runAppPreflight(ctx.cluster, spec, { strictOnly: options.skipPreflights })).results;
    appChecks.forEach((r) => ctx.onAppCheck?.(r));
    ok = appChecks.every((c) => c.outcome !== "fail");
  }
  const plan = ok ? await planObjects(options, { cluster: ctx.cluster, license: seeds.license, configValues: seeds.configValues, applicationYaml, airgap }) : [];
  return { releaseDir, applicationYaml, license: seeds.license, configValues: seeds.configValues, warnings: seeds.warnings, checks, appChecks, plan, airgap };
}

/**
 * The release's Preflight rendered with this install's template context (`seeds.cluster`: the
 * run's cluster facts), or undefined when the release has none. Throws UsageError (exit 2) naming the file for a template error or a bad spec.
 */
export function appPreflightSpec(
  releaseDir: string,
  options: Pick<InstallOptions, "namespace" | "appSlug">,
  seeds: { license?: string; configValues?: string; cluster?: ClusterFacts },
): PreflightSpec | undefined {
  const sources = releasePreflightSources(releaseDir);
  if (sources.length === 0) return undefined;
  try {
    return renderPreflightSpec(sources, { releaseDir, configValues: seeds.configValues, license: seeds.license, namespace: options.namespace, appSlug: options.appSlug, cluster: seeds.cluster });
  } catch (err) {
    if (err instanceof PreflightSpecError) throw new UsageError(`the release's Preflight ${err.message}`);
    throw err;
  }
}
