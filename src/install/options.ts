import { z } from "zod";

/** DNS-1123 label (namespace names): lower-case alphanumerics and '-', starts and ends alphanumeric, ≤ 63. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Parses a Go-style duration ("5m", "90s", "1h30m", "500ms") to milliseconds; throws on anything else. */
export function parseDurationMs(text: string): number {
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
  let total = 0;
  let matched = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const n = Number(m[1]);
    total += n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] as "ms" | "s" | "m" | "h"];
    matched = re.lastIndex;
  }
  if (text.length === 0 || matched !== text.length) throw new Error(`"${text}" is not a duration (use e.g. 90s, 5m, 1h)`);
  return total;
}

/** The object store kotsadm v1.88.0 can use: MinIO (S3_ENDPOINT set), or none (blob store on its own PVC). */
/**
 * The admin password kotsadm can check: Go's bcrypt (golang.org/x/crypto/bcrypt, which kotsadm
 * uses) refuses passwords over 72 bytes, so a longer one could never log in.
 */
export const BCRYPT_MAX_BYTES = 72;

/** kotsadm releases this object set is for: v1.88.x (the last Postgres release; later ones need rqlite). */
export const KOTSADM_TAG_SUPPORTED = /^v1\.88\.\d+([-+][\w.-]+)?$/;

/** Longest wait a timer can hold (setTimeout's 2^31-1 ms, about 24.8 days). */
export const MAX_WAIT_MS = 2_147_483_647;

/** Label and annotation keys: [prefix/]name (Kubernetes qualified names, apimachinery validation.IsQualifiedName). */
export const QUALIFIED_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
/** Label values (apimachinery validation.IsValidLabelValue). */
export const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$/;
/** Labels the object set relies on (selectors, KOTS's own lookups): not for --additional-labels. */
export const RESERVED_LABELS = ["kots.io/kotsadm", "kots.io/backup", "app"];

/** The admin password: 6 to 72 bytes (bcrypt), not only whitespace, no newline or NUL. */
export const SharedPasswordSchema = z
  .string()
  .min(6, "must be at least 6 characters")
  .refine((p) => Buffer.byteLength(p, "utf8") <= BCRYPT_MAX_BYTES, `must be at most ${BCRYPT_MAX_BYTES} bytes (bcrypt, which kotsadm checks logins with, refuses longer passwords)`)
  .refine((p) => p.trim().length > 0, "must not be only whitespace")
  .refine((p) => !/[\r\n\0]/.test(p), "must not contain a newline or NUL byte");

/** Why `password` cannot be the admin password ("must be …"), or undefined when it can. */
export function sharedPasswordProblem(password: string): string | undefined {
  return fieldProblem("sharedPassword", password);
}

const Labels = z.record(z.string(), z.string()).default({});

export const StorageMode = z.enum(["minio", "none"]);
export type StorageMode = z.infer<typeof StorageMode>;

/**
 * Why registry-backed storage is refused (design §3): kotsadm v1.88.0 picks its file store from
 * S3_ENDPOINT alone (pkg/filestore/store.go) and otherwise writes blobs under /kotsadmdata, which
 * only the MinIO-less StatefulSet mounts; no kotsadm after v1.68 stores anything in a registry.
 */
export const REGISTRY_STORAGE_REFUSED =
  "is not supported: kotsadm v1.88 keeps its files in MinIO (S3) or on its own volume, never in a registry; use --with-minio=false to run without MinIO (kotsadm as a StatefulSet with a 4Gi volume)";

/** Why --airgap-bundle alone is refused: its images must go to a registry the cluster can pull from. */
export const AIRGAP_NEEDS_REGISTRY =
  "needs --kotsadm-registry HOST/NAMESPACE: the bundle's images are pushed there and every pod pulls from it (add --registry-username and a password for an authenticated registry)";

/**
 * Everything the install needs, validated (design §1). Secrets (sharedPassword, registryPassword)
 * are held here in memory only; they never reach argv, events, logs or error messages.
 */
export const InstallOptionsSchema = z
  .object({
    appSlug: z
      .string()
      .min(1)
      .regex(LABEL_VALUE, "is not an app slug: use lower-case letters, digits and '-' (as in the license's spec.appSlug)"),
    namespace: z
      .string()
      .max(63, "must be at most 63 characters")
      .regex(DNS1123_LABEL, "must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit"),
    kubeconfig: z.string().optional(),
    context: z.string().optional(),
    sharedPassword: SharedPasswordSchema,
    licenseFile: z.string().optional(),
    configValuesFile: z.string().optional(),
    skipPreflights: z.boolean().default(false),
    storageClass: z.string().optional(),
    withMinio: z.boolean().default(true),
    /** Refused when true (see REGISTRY_STORAGE_REFUSED): kept so the flag gets its one-line reason. */
    withDockerDistribution: z.boolean().default(false),
    /** Refused when set (see REGISTRY_STORAGE_REFUSED). */
    storageBaseUri: z.string().optional(),
    useMinimalRbac: z.boolean().default(false),
    /** host[/namespace] of a private registry for the Admin Console images */
    kotsadmRegistry: z
      .string()
      .regex(/^[a-zA-Z0-9.-]+(:\d+)?(\/[a-z0-9._\/-]+)?$/, "must be host[:port][/namespace]")
      .optional(),
    registryUsername: z.string().optional(),
    registryPassword: z.string().optional(),
    /** PEM file of the CA that signs the --kotsadm-registry's certificate (airgap push and image check). */
    registryCaFile: z.string().optional(),
    /**
     * A KOTS `.airgap` bundle (kots.io/v1beta1 Airgap): its Admin Console and app images are pushed
     * to --kotsadm-registry and checked there before anything is applied (KOTS v1.88
     * cmd/kots/cli/install.go --airgap-bundle). Needs --kotsadm-registry and a license.
     */
    airgapBundle: z.string().min(1).optional(),
    kotsadmTag: z
      .string()
      .regex(KOTSADM_TAG_SUPPORTED, "is not a v1.88.x tag: this installer deploys kotsadm v1.88 (Postgres); later kotsadm releases need rqlite")
      .optional(),
    /** HTTP_PROXY / HTTPS_PROXY / NO_PROXY for kotsadm (KOTS v1.88 pkg/kotsadm/objects/proxy_objects.go). */
    httpProxy: z.string().optional(),
    httpsProxy: z.string().optional(),
    noProxy: z.string().optional(),
    /** Extra labels on every object and pod template; extra annotations likewise. */
    additionalLabels: Labels,
    additionalAnnotations: Labels,
    /** How long an init container may fail and restart while a dependency starts (design §4), ms. */
    initRestartGraceMs: z.number().int().min(0).max(MAX_WAIT_MS).default(120_000),
    port: z.number().int().min(1).max(65535).default(8800),
    portForward: z.boolean().default(true),
    waitDurationMs: z.number().int().positive("must be longer than 0s").max(MAX_WAIT_MS, "must be at most 596h (about 24 days)").default(300_000),
    /** Take over objects of the rendered set that exist and were not made by kots (design §4). */
    adopt: z.boolean().default(false),
    dryRun: z.boolean().default(false),
  })
  .superRefine((o, ctx) => {
    if (o.withDockerDistribution) ctx.addIssue({ code: "custom", path: ["withDockerDistribution"], message: REGISTRY_STORAGE_REFUSED });
    if (o.storageBaseUri !== undefined) ctx.addIssue({ code: "custom", path: ["storageBaseUri"], message: REGISTRY_STORAGE_REFUSED });
    for (const [k, v] of Object.entries(o.additionalLabels)) {
      if (!QUALIFIED_NAME.test(k)) ctx.addIssue({ code: "custom", path: ["additionalLabels"], message: `key "${k}" is not a valid label key ([prefix/]name)` });
      else if (RESERVED_LABELS.includes(k)) ctx.addIssue({ code: "custom", path: ["additionalLabels"], message: `key "${k}" is set by the installer and cannot be changed` });
      else if (!LABEL_VALUE.test(v)) ctx.addIssue({ code: "custom", path: ["additionalLabels"], message: `value of "${k}" is not a valid label value (63 letters, digits, '-', '_', '.')` });
    }
    for (const k of Object.keys(o.additionalAnnotations))
      if (!QUALIFIED_NAME.test(k)) ctx.addIssue({ code: "custom", path: ["additionalAnnotations"], message: `key "${k}" is not a valid annotation key ([prefix/]name)` });
    if (o.registryUsername && !o.registryPassword)
      ctx.addIssue({ code: "custom", path: ["registryPassword"], message: "is missing: --registry-username needs a password (--registry-password-file, --registry-password-stdin or KOTS_REGISTRY_PASSWORD)" });
    if (o.airgapBundle !== undefined && !o.kotsadmRegistry)
      ctx.addIssue({ code: "custom", path: ["airgapBundle"], message: AIRGAP_NEEDS_REGISTRY });
    if (!o.registryUsername && o.registryPassword)
      ctx.addIssue({ code: "custom", path: ["registryUsername"], message: "is missing: a registry password needs --registry-username" });
  });

export type InstallOptions = z.infer<typeof InstallOptionsSchema>;

/** Which object store the options select (design §3): MinIO, or none (kotsadm as a StatefulSet with its own volume). */
export function storageModeOf(o: Pick<InstallOptions, "withMinio">): StorageMode {
  return o.withMinio ? "minio" : "none";
}

/**
 * The install schema's own check of one field: its first message ("must be a DNS-1123 label…"),
 * or undefined when `value` is valid. The one validator of the wizard, the prompts and the flags.
 */
export function fieldProblem(field: "namespace" | "sharedPassword" | "kotsadmRegistry", value: string): string | undefined {
  const r = InstallOptionsSchema.shape[field].safeParse(value);
  return r.success ? undefined : r.error.issues[0]!.message;
}
