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
    return ctx.rewritePrivateImage ? ctx.rewritePrivateImage(image as string) : (image as string);
  }),
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
