/**
 * The private-image step of `kots pull` with a license (issue 14 parts 2 and 3; KOTS v1.88
 * pkg/pull writeMidstream → findPrivateImages, pkg/image GetPrivateImages): the proxy registry of
 * the app (checked first: bad input before any network), then which of the release's images are
 * private, then the proxy plan (src/registry/proxy.ts). The images checked are the source images
 * (manifests and the Application's additionalImages) and the string literals given to
 * LocalImageName (src/pull/discover.ts localImageNameLiterals). `spec.proxyPublicImages: true`
 * makes every one private without a check (KOTS allImagesPrivate).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { UsageError } from "../errors.ts";
import { isRegistryHost, parseImageRef } from "../registry/image.ts";
import { checkImagePrivacy } from "../registry/private-images.ts";
import { proxyPlan, proxyRegistryInfo, type ProxyPlan } from "../registry/proxy.ts";
import { releaseYamlFiles } from "./base.ts";
import { localImageNameLiterals } from "./discover.ts";

/** What the step needs. */
export interface PrivateStepInputs {
  releaseDir: string;
  appSlug: string;
  /** the source images as written (distinct) */
  sources: readonly string[];
  /** the license's spec scalars (licenseTemplateFields) */
  license: Record<string, unknown>;
  /** the release's kots.io Application spec, when it has one */
  application?: Record<string, unknown>;
  /** PEM CA file for the registries */
  caFile?: string;
}

/** The plan, the private images (as written) and the warnings of the check (one per registry that could not be asked). */
export interface PrivateStepResult {
  plan: ProxyPlan;
  privateImages: Set<string>;
  warnings: string[];
}

/**
 * Runs the step. Throws UsageError (exit 2, before any request) for a proxy or Replicated registry
 * host that is no `host[:port]`, naming where it can come from; never throws for a registry's answer.
 */
export async function privateImagesStep(i: PrivateStepInputs): Promise<PrivateStepResult> {
  const info = proxyRegistryInfo(i.license, i.application);
  for (const [host, what] of [
    [info.host, "proxy registry host (the Application's spec.proxyRegistryDomain, the license's spec.replicatedProxyDomain or KOTS_TUI_PROXY_REGISTRY_HOST)"],
    [info.replicatedHost, "Replicated registry host (the Application's spec.replicatedRegistryDomain)"],
  ] as const)
    if (!isRegistryHost(host)) throw new UsageError(`the ${what} "${host}" is not a registry host: give host[:port] without a scheme or path`);
  const texts = releaseYamlFiles(i.releaseDir).map((f) => readFileSync(path.join(i.releaseDir, f), "utf8"));
  const candidates = [...new Set([...i.sources, ...localImageNameLiterals(texts).filter(parses)])];
  const warnings: string[] = [];
  let privateImages: Set<string>;
  if (i.application?.proxyPublicImages === true) privateImages = new Set(candidates);
  else {
    const report = await checkImagePrivacy(candidates, { caFile: i.caFile });
    warnings.push(...report.warnings);
    privateImages = new Set([...report.images.values()].filter((p) => p.private).map((p) => p.image));
  }
  return { plan: proxyPlan([...privateImages], info, i.appSlug), privateImages, warnings };
}

/** Whether a LocalImageName literal is an image reference (the others are left to the template, which gives ""). */
function parses(image: string): boolean {
  try {
    parseImageRef(image);
    return true;
  } catch {
    return false;
  }
}
