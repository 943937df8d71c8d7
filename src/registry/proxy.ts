/**
 * The Replicated proxy registry rewrite (issue 14 part 2; seed 004; design §5; KOTS v1.88
 * pkg/docker/registry ProxyEndpointFromLicense, MakeProxiedImageURL, pkg/image RewritePrivateImage,
 * pkg/base FindPrivateImages): without a private registry, a licensed app's private images are
 * pulled through `<proxy host>/proxy/<appSlug>/<image as written, without tag or digest>`, keeping
 * the tag or digest; images on the Replicated registry or the proxy host stay as they are.
 */
import { parseImageRef } from "./image.ts";

/** KOTS's defaults (pkg/docker/registry RegistryProxyInfo). */
export const DEFAULT_PROXY_HOST = "proxy.replicated.com";
export const DEFAULT_REPLICATED_REGISTRY = "registry.replicated.com";

/**
 * The test-only override of the proxy host (docs/design-notes.md): tests point it at a loopback
 * registry standing in for proxy.replicated.com. Not a product setting; not in --help.
 */
export const PROXY_HOST_ENV = "KOTS_TUI_PROXY_REGISTRY_HOST";

/** The proxy host and the Replicated registry host of an app. */
export interface ProxyRegistryInfo {
  /** where private images are proxied, e.g. proxy.replicated.com */
  host: string;
  /** the Replicated registry, whose images are private but never rewritten */
  replicatedHost: string;
}

/**
 * The proxy registry of a license and Application, in KOTS's order of precedence:
 *   1. the license's endpoint: `staging.replicated.app` → proxy.staging.replicated.com /
 *      registry.staging.replicated.com, else the defaults (KOTS v1.88 ProxyEndpointFromLicense);
 *   2. the Application's `spec.proxyRegistryDomain` / `spec.replicatedRegistryDomain` (the custom
 *      domains of later KOTS, GetRegistryProxyInfo);
 *   3. the license's `spec.replicatedProxyDomain` (later KOTS takes the channel's custom domain
 *      into the Installation, which wins over the Application);
 *   4. the test-only env `KOTS_TUI_PROXY_REGISTRY_HOST` for the proxy host.
 * `license`: the license's spec scalars (licenseTemplateFields); `app`: the Application's spec.
 */
export function proxyRegistryInfo(
  license: Record<string, unknown> | undefined,
  app: Record<string, unknown> | undefined,
  env: Record<string, string | undefined> = process.env,
): ProxyRegistryInfo {
  const info: ProxyRegistryInfo = { host: DEFAULT_PROXY_HOST, replicatedHost: DEFAULT_REPLICATED_REGISTRY };
  const endpoint = typeof license?.endpoint === "string" && license.endpoint !== "" ? license.endpoint : "https://replicated.app";
  let hostname = "";
  try {
    hostname = new URL(endpoint).hostname;
  } catch {
    /* KOTS keeps the defaults for an endpoint that is no URL */
  }
  if (hostname === "staging.replicated.app") {
    info.host = "proxy.staging.replicated.com";
    info.replicatedHost = "registry.staging.replicated.com";
  }
  const str = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);
  info.host = str(app?.proxyRegistryDomain) ?? info.host;
  info.replicatedHost = str(app?.replicatedRegistryDomain) ?? info.replicatedHost;
  info.host = str(license?.replicatedProxyDomain) ?? info.host;
  info.host = str(env[PROXY_HOST_ENV]) ?? info.host;
  return info;
}

/** Why a private image keeps its name. */
export type KeptReason = "replicated-registry" | "proxy-host" | "host-with-port";

/**
 * The proxy reference of a private image (KOTS RewritePrivateImage): `<host>/proxy/<appSlug>/` +
 * the image as written without its tag and digest, then `@digest` (a tag next to a digest is
 * dropped), else `:tag`, else `:latest` (KOTS parses with containers/image ParseDockerRef, which
 * tags an untagged name `latest`). Returns `{kept}` instead for an
 * image on the Replicated registry or the proxy host (KOTS: "replicated images are also private,
 * but we don't rewrite those"), and for one whose registry host has a port: a port's `:` cannot
 * appear in a repository path, so `<proxy>/proxy/app/host:5000/…` would be no image reference
 * (KOTS's own code has "TODO: host with a port breaks this" and cuts the name at the port).
 * Throws InvalidImageReferenceError for a reference that does not parse.
 */
export function proxiedImage(image: string, info: ProxyRegistryInfo, appSlug: string): { image: string } | { kept: KeptReason } {
  const ref = parseImageRef(image);
  if (ref.registry === info.replicatedHost) return { kept: "replicated-registry" };
  if (ref.registry === info.host) return { kept: "proxy-host" };
  const name = image.split("@")[0]!.replace(/:[^/:]*$/, "");
  if (/:/.test(name)) return { kept: "host-with-port" };
  const base = `${info.host}/proxy/${appSlug}/${name}`;
  if (ref.digest !== undefined) return { image: `${base}@${ref.digest}` };
  return { image: `${base}:${ref.tag ?? "latest"}` };
}

/** What the proxy rewrite of one pull decided: source image → proxy reference, and the private images kept as written. */
export interface ProxyPlan {
  info: ProxyRegistryInfo;
  /** private image as written → its proxy reference */
  proxied: Map<string, string>;
  /** private images left as written, with the reason */
  kept: Map<string, KeptReason>;
}

/**
 * The plan for `privateImages` (references as written). Throws InvalidImageReferenceError for one
 * that does not parse.
 */
export function proxyPlan(privateImages: readonly string[], info: ProxyRegistryInfo, appSlug: string): ProxyPlan {
  const plan: ProxyPlan = { info, proxied: new Map(), kept: new Map() };
  for (const i of privateImages) {
    const p = proxiedImage(i, info, appSlug);
    if ("image" in p) plan.proxied.set(i, p.image);
    else plan.kept.set(i, p.kept);
  }
  return plan;
}

/** The warning for private images whose registry host has a port (left as written). */
export function keptWarnings(plan: ProxyPlan): string[] {
  const ported = [...plan.kept.entries()].filter(([, r]) => r === "host-with-port").map(([i]) => i);
  if (ported.length === 0) return [];
  return [`private image${ported.length === 1 ? "" : "s"} on a registry with a port cannot go through the proxy registry ${plan.info.host} (a port is not allowed in its path): left as written, the cluster must be able to pull ${ported.join(", ")}`];
}
