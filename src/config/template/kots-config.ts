import { proxiedImage, proxyRegistryInfo } from "../../registry/proxy.ts";
import type { TemplateContext } from "./context.ts";
import { FunctionCallError } from "./errors.ts";
import { fn, type FunctionMap } from "./functions.ts";
import { localRegistryImage } from "./image.ts";
import { base64DecodeStd, utf8 } from "./strings.ts";
import { formatGoFloat } from "./values.ts";

/**
 * KOTS config-context and license-context functions (pkg/template/config_context.go,
 * license_context.go). Faithful quirks: an unknown item gives "" for ConfigOption and false for
 * BOTH ConfigOptionEquals and ConfigOptionNotEquals; ConfigOptionData base64-decodes the value
 * ("" if it is not base64).
 */
export const kotsConfigFunctions: FunctionMap = {
  ConfigOption: fn(["string"], ([name], ctx) => ctx.config?.value(name as string) ?? ""),
  ConfigOptionName: fn(["string"], ([name]) => name),
  ConfigOptionData: fn(["string"], ([name], ctx) => {
    const bytes = base64DecodeStd(ctx.config?.value(name as string) ?? "");
    return bytes ? utf8(bytes) : "";
  }),
  ConfigOptionFilename: fn(["string"], ([name], ctx) => ctx.config?.filename(name as string) ?? ""),
  ConfigOptionEquals: fn(["string", "string"], ([name, value], ctx) => {
    const v = ctx.config?.value(name as string);
    return v !== undefined && v === value;
  }),
  ConfigOptionNotEquals: fn(["string", "string"], ([name, value], ctx) => {
    const v = ctx.config?.value(name as string);
    return v !== undefined && v !== value;
  }),
  HasLocalRegistry: fn([], (_a, ctx) => Boolean(ctx.localRegistry?.host)),
  LocalRegistryHost: fn([], (_a, ctx) => ctx.localRegistry?.host ?? ""),
  LocalRegistryNamespace: fn([], (_a, ctx) => ctx.localRegistry?.namespace ?? ""),
  LocalRegistryAddress: fn([], (_a, ctx) => {
    const r = ctx.localRegistry;
    if (!r?.host) return "";
    return r.namespace ? `${r.host}/${r.namespace}` : r.host;
  }),
  LocalImageName: fn(["string"], ([image], ctx) => {
    const r = ctx.localRegistry;
    if (r?.host) return localRegistryImage(r.host, r.namespace, image as string) ?? "";
    if (ctx.proxy) return proxyImageName(image as string, ctx);
    return ctx.rewritePrivateImage ? ctx.rewritePrivateImage(image as string) : (image as string);
  }),
  LocalRegistryImagePullSecret: fn([], (_a, ctx) => localRegistryImagePullSecret(ctx)),
  ImagePullSecretName: fn([], (_a, ctx) => (ctx.appSlug ? `${ctx.appSlug}-registry` : "")),
  LicenseFieldValue: fn(["string"], ([name], ctx) => {
    const lic = ctx.license;
    if (!lic) return "";
    const key = name as string;
    let v = lic[key];
    if ((v === undefined || v === null) && (key === "licenseId" || key === "licenseID")) v = lic.licenseID ?? lic.licenseId;
    if (key === "endpoint" && (v === undefined || v === null || v === "")) return "https://replicated.app";
    if (v === undefined || v === null) return "";
    if (typeof v === "number" && !Number.isInteger(v)) return formatGoFloat(v);
    return String(v);
  }),
};

/** The proxy registry and Replicated registry hosts of the context (license endpoint, then ctx.proxy). */
function proxyHosts(ctx: TemplateContext): { host: string; replicatedHost: string } {
  const info = proxyRegistryInfo(ctx.license ?? undefined, undefined, {});
  return { host: ctx.proxy?.host || info.host, replicatedHost: ctx.proxy?.replicatedHost || info.replicatedHost };
}

/**
 * LocalImageName without a local registry (KOTS config_context.go localImageName, pkg/image
 * RewritePrivateImage): an image listed in ctx.proxy.privateImages becomes
 * `<proxy host>/proxy/<license appSlug>/<image without tag/digest>` + `@digest` | `:tag` | `:latest`;
 * one on the Replicated registry or the proxy host, or not listed, stays as written; a reference
 * that does not parse gives "" (KOTS logs and returns "").
 */
function proxyImageName(image: string, ctx: TemplateContext): string {
  if (!ctx.proxy?.privateImages.includes(image)) return localRegistryImageValid(image) ? image : "";
  const { host, replicatedHost } = proxyHosts(ctx);
  try {
    const p = proxiedImage(image, { host, replicatedHost }, String(ctx.license?.appSlug ?? ""));
    return "image" in p ? p.image : image;
  } catch {
    return "";
  }
}

/** Whether `image` parses as a docker reference. */
function localRegistryImageValid(image: string): boolean {
  return localRegistryImage("h", undefined, image) !== null;
}

/**
 * LocalRegistryImagePullSecret (KOTS config_context.go localRegistryImagePullSecret, pkg/docker/registry
 * PullSecretForRegistries): base64 of `{"auths":{"<host>":{"auth":"<base64 user:password>"}}}`,
 * keys sorted as Go's encoding/json writes a map. With a local registry: its host (before any
 * "/") with its username and password; else the proxy and Replicated registry hosts with the
 * license ID as username and password ("" without a license). Throws FunctionCallError without an
 * app slug (KOTS dereferences a nil secret there).
 */
function localRegistryImagePullSecret(ctx: TemplateContext): string {
  let hosts: string[];
  let user = "";
  let pass = "";
  if (ctx.localRegistry?.host) {
    hosts = [ctx.localRegistry.host];
    user = ctx.localRegistry.username ?? "";
    pass = ctx.localRegistry.password ?? "";
  } else {
    const h = proxyHosts(ctx);
    hosts = [h.host, h.replicatedHost];
    const id = ctx.license?.licenseID ?? ctx.license?.licenseId;
    if (id !== undefined && id !== null) user = pass = String(id);
  }
  if (!ctx.appSlug) throw new FunctionCallError("runtime error: invalid memory address or nil pointer dereference (no app slug, so KOTS has no app pull secret)");
  const auth = Buffer.from(`${user}:${pass}`, "utf8").toString("base64");
  const keys = [...new Set(hosts.map((h) => h.split("/")[0]!))].sort();
  const json = `{"auths":{${keys.map((k) => `${JSON.stringify(k)}:{"auth":"${auth}"}`).join(",")}}}`;
  return Buffer.from(json, "utf8").toString("base64");
}
