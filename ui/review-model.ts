import type { ObjectRef } from "../src/install/events.ts";
import { storageModeOf, type InstallOptions, type StorageMode } from "../src/install/options.ts";
import type { Row } from "./components/segments.ts";
import { headlessLines, PASSWORD_FILE } from "./headless.ts";
import type { ReviewFacts } from "./services.ts";
import type { WizardResult, WizardState } from "./state.ts";
import type { Theme } from "./theme.ts";
import { fit, MASK, widthOf, wrap } from "./text.ts";

export const STORAGE_TITLES: Record<StorageMode, string> = {
  minio: "MinIO (in-cluster S3 object store)",
  none: "No MinIO (kotsadm keeps its data on a 4Gi volume)",
};

/**
 * The Admin Console objects (design §3) for these options, when services.plannedObjects is not given.
 * The engine's rendered set is the authority; this is the summary the operator reviews.
 */
export function summaryObjects(
  o: InstallOptions,
  x: { namespaceExists: boolean; license: boolean; config: boolean },
): ObjectRef[] {
  const ns = o.namespace;
  const r = (kind: string, name: string, namespaced = true): ObjectRef => (namespaced ? { kind, name, namespace: ns } : { kind, name });
  const out: ObjectRef[] = [];
  if (!x.namespaceExists) out.push(r("Namespace", ns, false));
  out.push(r("ServiceAccount", "kotsadm"));
  if (o.useMinimalRbac) out.push(r("Role", "kotsadm-role"), r("RoleBinding", "kotsadm-rolebinding"));
  else out.push(r("ClusterRole", "kotsadm-role", false), r("ClusterRoleBinding", `kotsadm-rolebinding-${ns}`, false));
  out.push(r("Secret", "kotsadm-password"), r("Secret", "kotsadm-postgres"));
  const mode = storageModeOf(o);
  if (mode === "minio") out.push(r("Secret", "kotsadm-minio"));
  out.push(r("Secret", "kotsadm-session"), r("Secret", "kotsadm-encryption"), r("Secret", "kotsadm-cluster-token"));
  if (x.license) out.push(r("Secret", "kotsadm-default-license"));
  if (x.config) out.push(r("Secret", "kotsadm-default-configvalues"));
  if (o.kotsadmRegistry) out.push(r("Secret", "kotsadm-private-registry"));
  out.push(r("StatefulSet", "kotsadm-postgres"), r("Service", "kotsadm-postgres"));
  if (mode === "minio") out.push(r("StatefulSet", "kotsadm-minio"), r("Service", "kotsadm-minio"));
  out.push(o.withMinio ? r("Deployment", "kotsadm") : r("StatefulSet", "kotsadm"), r("Service", "kotsadm"));
  return out;
}

export interface ReviewInput {
  state: WizardState;
  result?: WizardResult;
  resultError?: string;
  planned?: ObjectRef[];
  /** what src/cli prepared for the Review (services.review) */
  facts?: Partial<ReviewFacts>;
  theme: Theme;
  width: number;
}

const LABEL = 12;

/** Everything the install will do, secrets as ******, then the equivalent headless command. */
export function reviewRows({ state: s, result, resultError, planned, facts, theme, width }: ReviewInput): Row[] {
  const rows: Row[] = [];
  const kv = (label: string, value: string, tone: Row[number]["tone"] = "plain", labelWidth = LABEL) =>
    rows.push([{ text: "  " + fit(label, labelWidth - 1, theme.sym.ellipsis) + " ", tone: "dim" }, { text: value, tone }]);
  const head = (t: string) => rows.push([{ text: t, tone: "title" }]);

  if (!result) {
    head("The answers do not make a valid install:");
    for (const l of wrap(resultError ?? "unknown problem", width - 4)) rows.push([{ text: "  " + l, tone: "error" }]);
    return rows;
  }
  const o = result.options;
  const cluster = s.cluster.status === "done" ? s.cluster.value : undefined;
  head("Install");
  if (cluster) kv("Cluster", `${cluster.context} ${theme.sym.sep} ${cluster.server}${cluster.version ? ` (${cluster.version})` : ""}`);
  const info = s.namespace.info?.name === o.namespace ? s.namespace.info : undefined;
  const nsNote = !info ? "" : info.hasInstall ? " (existing install: converges, secrets kept)" : info.exists ? " (exists)" : " (will be created)";
  kv("Namespace", o.namespace + nsNote);
  kv("Password", info?.hasInstall ? "kept (the existing install's admin password)" : MASK);
  const lic = s.license.result;
  kv("License", lic ? `${lic.licensee} ${theme.sym.sep} ${lic.appSlug}${lic.channel ? ` ${theme.sym.sep} ${lic.channel}` : ""}` : "none (upload it in the Admin Console)");
  if (lic) kv("", `expires ${lic.expiresAt ?? "never"} ${theme.sym.sep} signature ${lic.signature}`);
  kv("Images", o.kotsadmRegistry ? `${o.kotsadmRegistry} as ${o.registryUsername ?? ""} (password ${MASK})` : "public registries");
  if (o.airgapBundle) kv("Airgap", `${o.airgapBundle}: its images are pushed to ${o.kotsadmRegistry} and checked there first`);
  kv("Storage", STORAGE_TITLES[storageModeOf(o)]);
  if (o.storageClass) kv("StorageClass", o.storageClass);
  kv("Admin UI", o.portForward ? `http://localhost:${o.port} (port-forward)` : "no port-forward");

  const session = s.config.session;
  if (session && result.configValues) {
    rows.push([]);
    head("Configuration");
    const types = new Map<string, string>();
    const titles = new Map<string, string>();
    for (const g of session.visibleGroups())
      for (const it of g.items) {
        types.set(it.name, it.type);
        titles.set(it.name, it.title || it.name);
      }
    const entries = Object.entries(result.configValues).filter(([k]) => types.has(k));
    if (entries.length === 0) rows.push([{ text: "  (all defaults)", tone: "dim" }]);
    const cw = Math.min(30, Math.max(LABEL, ...entries.map(([k]) => widthOf(titles.get(k)!) + 1)));
    for (const [k, v] of entries) {
      const t = types.get(k);
      const shown = t === "password" ? MASK : t === "bool" ? (v === "1" ? "yes" : "no") : v.replace(/\n/g, theme.unicode ? "⏎" : "\\n");
      kv(titles.get(k)!, shown, "plain", cw);
    }
  }

  rows.push([]);
  head("Same install without prompts");
  for (const l of headlessLines(o, width - 2, {
    app: facts?.app,
    licensePath: lic ? s.license.path : undefined,
    licensePublicKey: facts?.licensePublicKey,
    configValuesFile: facts?.configValuesFile,
    hasConfigValues: !!result.configValues && Object.keys(result.configValues).length > 0,
  }))
    rows.push([{ text: "  " + l, tone: "accent" }]);
  const note = (t: string) => {
    for (const l of wrap(t, width - 4)) rows.push([{ text: "  " + l, tone: "dim" }]);
  };
  note(`Write the admin password to ${PASSWORD_FILE} first (chmod 600).`);
  if (o.kotsadmRegistry) note("The registry password goes on stdin.");
  if (facts?.configValuesFile) note(`The ConfigValues were written to ${facts.configValuesFile} (mode 0600).`);

  rows.push([]);
  const objs =
    planned ??
    summaryObjects(o, { namespaceExists: !!info?.exists, license: !!lic, config: !!result.configValues && Object.keys(result.configValues).length > 0 });
  head(`Objects created or updated (${objs.length})`);
  for (const ref of objs) rows.push([{ text: `  ${theme.sym.bullet} ${ref.kind}/${ref.name}` }]);
  return rows;
}
