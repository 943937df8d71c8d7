/**
 * `kots admin-console upgrade`: the existing install's options read back (upgrade-read.ts) with
 * the kotsadm tag this binary bundles (or --kotsadm-tag), rendered by the install's own renderer
 * with every existing secret kept, compared image by image with what runs, and refused when it
 * would be a downgrade. The engine then applies the plan with the install's start order and
 * waits (datastores Current before kotsadm). Read-only until the engine runs.
 */
import type { Cluster } from "../kube/cluster.ts";
import type { K8sObject } from "../kube/apply.ts";
import { CliError, UsageError } from "../errors.ts";
import { planObjects } from "../install/engine.ts";
import { InstallOptionsSchema, type InstallOptions } from "../install/options.ts";
import { KOTSADM_DEFAULT_TAG } from "../manifests/images.ts";
import { NAMES } from "../manifests/constants.ts";
import { containersOf } from "../manifests/pod.ts";
import { compareVersions, imageRepository, imageTag, parseTagVersion } from "./kotsadm-version.ts";
import { fetchInstalled, kotsadmContainer, readInstalledOptions, type InstalledSeeds } from "./upgrade-read.ts";

/** One image that changes: where it runs and old → new. */
export interface ImageChange {
  /** "Deployment/kotsadm" */
  workload: string;
  /** Container names (init and regular) that run it. */
  containers: string[];
  from: string;
  to: string;
}

export interface UpgradePlan {
  options: InstallOptions;
  /** The objects the engine will apply (every generated secret as it is in the cluster). */
  plan: K8sObject[];
  seeds: InstalledSeeds;
  /** kotsadm's tag now and after. */
  fromTag: string;
  toTag: string;
  changes: ImageChange[];
}

/** Images per workload and container, for the comparison: "Deployment/kotsadm" → {container → image}. */
function imagesOf(objects: readonly (K8sObject | undefined)[]): Map<string, Map<string, string>> {
  const out = new Map<string, Map<string, string>>();
  for (const o of objects) {
    if (!o) continue;
    const m = new Map<string, string>();
    for (const c of containersOf(o)) m.set(String(c.name), String(c.image));
    if (m.size > 0) out.set(`${o.kind}/${o.metadata.name}`, m);
  }
  return out;
}

/** What changes image by image between the running workloads and the plan, grouped per (workload, from, to). Pure. */
export function imageChanges(running: readonly (K8sObject | undefined)[], plan: readonly K8sObject[]): ImageChange[] {
  const before = imagesOf(running);
  const after = imagesOf(plan);
  const out: ImageChange[] = [];
  for (const [workload, containers] of after) {
    for (const [name, to] of containers) {
      const from = before.get(workload)?.get(name) ?? "(none)";
      if (from === to) continue;
      const same = out.find((c) => c.workload === workload && c.from === from && c.to === to);
      if (same) same.containers.push(name);
      else out.push({ workload, containers: [name], from, to });
    }
  }
  return out;
}

/** A password no one knows: the schema wants one, and the existing kotsadm-password is always kept instead. */
const placeholderPassword = () => Buffer.from(crypto.getRandomValues(new Uint8Array(24))).toString("hex");

/**
 * Prepares the upgrade of the Admin Console in `namespace`. Throws UsageError (exit 2) for a
 * --kotsadm-tag this object set cannot run; CliError (exit 1) when there is no Admin Console,
 * a secret is missing, the running kotsadm's version cannot be told, or the upgrade would be a
 * downgrade ("refuses to downgrade": messages name both tags and the fix).
 */
export async function prepareUpgrade(
  cluster: Cluster,
  namespace: string,
  flags: { kotsadmTag?: string; waitDurationMs?: number; initRestartGraceMs?: number; kubeconfig?: string; context?: string },
): Promise<UpgradePlan> {
  const installed = await fetchInstalled(cluster, namespace);
  const { options: read, seeds } = readInstalledOptions(namespace, installed);
  const toTag = flags.kotsadmTag ?? KOTSADM_DEFAULT_TAG;
  const parsed = InstallOptionsSchema.safeParse({
    ...read,
    kubeconfig: flags.kubeconfig,
    context: flags.context,
    sharedPassword: placeholderPassword(),
    kotsadmTag: toTag,
    waitDurationMs: flags.waitDurationMs ?? read.waitDurationMs,
    initRestartGraceMs: flags.initRestartGraceMs,
    portForward: false,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = String(issue.path[0]);
    if (field === "kotsadmTag") throw new UsageError(`--kotsadm-tag ${toTag} ${issue.message}`);
    throw new CliError(`the Admin Console in ${namespace} has a setting this installer cannot render again (${field} ${issue.message}): not upgraded`, 1);
  }
  const options = parsed.data;

  const image = String(kotsadmContainer(installed.workload)?.image ?? "");
  const fromTag = imageTag(image);
  const from = fromTag ? parseTagVersion(fromTag) : undefined;
  const to = parseTagVersion(toTag)!;
  if (!from) throw new CliError(`cannot tell the kotsadm version in ${namespace} from its image ${image || "(none)"} (no vMAJOR.MINOR.PATCH tag): not upgraded, as it could be a downgrade`, 1);
  if (compareVersions(from, to) > 0)
    throw new CliError(`kotsadm in ${namespace} runs ${fromTag}, newer than ${toTag}: refusing to downgrade; use a kots release that bundles ${fromTag} or later${flags.kotsadmTag ? "" : ` (this one bundles ${KOTSADM_DEFAULT_TAG})`}`, 1);

  const plan = await planObjects(options, { cluster, license: seeds.license, configValues: seeds.configValues, applicationYaml: seeds.applicationYaml });
  // Belt and braces: the admin password is the one in the cluster, never the placeholder's hash.
  const rendered = plan.find((o) => o.kind === "Secret" && o.metadata.name === NAMES.passwordSecret);
  const want = (installed.password?.data as Record<string, string> | undefined)?.passwordBcrypt;
  if ((rendered?.data as Record<string, string> | undefined)?.passwordBcrypt !== want)
    throw new CliError(`Secret ${NAMES.passwordSecret} in ${namespace} could not be read back as it is (is it labelled kots.io/kotsadm=true?): not upgraded`, 1);

  const changes = imageChanges([installed.workload, installed.postgres, installed.minio], plan);
  return { options, plan, seeds, fromTag: fromTag!, toTag, changes };
}

/** "kotsadm/kotsadm v1.87.0 → v1.88.0" when only the tag differs, else both references. */
export function describeChange(c: ImageChange, arrow = "→"): string {
  const sameRepo = c.from !== "(none)" && imageRepository(c.from) === imageRepository(c.to);
  const what = sameRepo ? `${imageRepository(c.to)} ${imageTag(c.from) ?? c.from} ${arrow} ${imageTag(c.to) ?? c.to}` : `${c.from} ${arrow} ${c.to}`;
  return `${c.workload} ${what} (${c.containers.join(", ")})`;
}
