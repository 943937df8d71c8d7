/**
 * `airgap.yaml`: the kots.io/v1beta1 Airgap of a bundle (kotskinds apis/kots/v1beta1
 * airgap_types.go; KOTS v1.88 pkg/kotsutil LoadAirgapFromBytes refuses any other kind). Read and
 * written here.
 */
import { parse, stringify } from "yaml";
import { AirgapBundleError } from "./errors.ts";
import type { AirgapMeta } from "./index.ts";

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/**
 * Parses airgap.yaml text. Throws AirgapBundleError `not-a-bundle` (not YAML, not kind Airgap of
 * kots.io/v1beta1, no appSlug) or `corrupt` (a format KOTS does not have: it knows `docker` and
 * `docker-archive`, and reads a missing format as docker-archive, pkg/kotsadm/push_images.go).
 */
export function parseAirgapYaml(text: string, file: string): AirgapMeta {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    throw new AirgapBundleError("not-a-bundle", file, `${file}: airgap.yaml is not YAML: the bundle is damaged, download it again`);
  }
  const d = (doc ?? {}) as Record<string, unknown>;
  if (d.apiVersion !== "kots.io/v1beta1" || d.kind !== "Airgap")
    throw new AirgapBundleError("not-a-bundle", file, `${file}: airgap.yaml is not a kots.io/v1beta1 Airgap (apiVersion ${String(d.apiVersion)}, kind ${String(d.kind)}): give a .airgap bundle`);
  const s = (d.spec ?? {}) as Record<string, unknown>;
  const appSlug = str(s.appSlug);
  if (!appSlug) throw new AirgapBundleError("not-a-bundle", file, `${file}: airgap.yaml has no spec.appSlug: give a .airgap bundle from the vendor portal or kots airgap build`);
  const rawFormat = str(s.format) ?? "";
  if (rawFormat !== "" && rawFormat !== "docker" && rawFormat !== "docker-archive")
    throw new AirgapBundleError("corrupt", file, `${file}: airgap.yaml format "${rawFormat}" is not one KOTS writes (docker or docker-archive)`);
  const saved = Array.isArray(s.savedImages) ? s.savedImages.filter((x): x is string => typeof x === "string") : [];
  const sig = s.signature;
  return {
    appSlug,
    versionLabel: str(s.versionLabel) ?? "",
    updateCursor: str(s.updateCursor) ?? "",
    ...(str(s.channelID) ? { channelID: str(s.channelID) } : {}),
    ...(str(s.channelName) ? { channelName: str(s.channelName) } : {}),
    ...(str(s.releaseNotes) ? { releaseNotes: str(s.releaseNotes) } : {}),
    format: rawFormat === "docker" ? "docker" : "docker-archive",
    ...(typeof sig === "string" && sig !== "" ? { signature: sig } : {}),
    ...(s.isRequired === true ? { isRequired: true } : {}),
    savedImages: saved,
  };
}

/** airgap.yaml text for `meta` (fields in the order of airgap_types.go; empty ones left out). */
export function formatAirgapYaml(meta: AirgapMeta): string {
  const spec: Record<string, unknown> = { versionLabel: meta.versionLabel };
  if (meta.releaseNotes) spec.releaseNotes = meta.releaseNotes;
  spec.updateCursor = meta.updateCursor;
  if (meta.channelID) spec.channelID = meta.channelID;
  if (meta.channelName) spec.channelName = meta.channelName;
  if (meta.signature) spec.signature = meta.signature;
  spec.appSlug = meta.appSlug;
  if (meta.isRequired) spec.isRequired = true;
  spec.savedImages = meta.savedImages;
  spec.format = meta.format;
  return stringify({ apiVersion: "kots.io/v1beta1", kind: "Airgap", metadata: { creationTimestamp: null }, spec, status: {} });
}
