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

export const StorageMode = z.enum(["minio", "none", "dockerdistribution", "external"]);
export type StorageMode = z.infer<typeof StorageMode>;

/**
 * Everything the install needs, validated (design §1). Secrets (sharedPassword, registryPassword)
 * are held here in memory only; they never reach argv, events, logs or error messages.
 */
export const InstallOptionsSchema = z
  .object({
    appSlug: z.string().min(1),
    namespace: z
      .string()
      .max(63, "must be at most 63 characters")
      .regex(DNS1123_LABEL, "must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit"),
    kubeconfig: z.string().optional(),
    context: z.string().optional(),
    sharedPassword: z.string().min(6, "must be at least 6 characters"),
    licenseFile: z.string().optional(),
    configValuesFile: z.string().optional(),
    skipPreflights: z.boolean().default(false),
    storageClass: z.string().optional(),
    withMinio: z.boolean().default(true),
    withDockerDistribution: z.boolean().default(false),
    /** docker://host/org/repo */
    storageBaseUri: z
      .string()
      .regex(/^docker:\/\/[^/\s]+\/[^\s]+$/, "must look like docker://host/org/repo")
      .optional(),
    storageBaseUriPlainHttp: z.boolean().default(false),
    useMinimalRbac: z.boolean().default(false),
    /** host[/namespace] of a private registry for the Admin Console images */
    kotsadmRegistry: z
      .string()
      .regex(/^[a-zA-Z0-9.-]+(:\d+)?(\/[a-z0-9._\/-]+)?$/, "must be host[:port][/namespace]")
      .optional(),
    registryUsername: z.string().optional(),
    registryPassword: z.string().optional(),
    kotsadmTag: z.string().regex(/^[\w][\w.-]{0,127}$/, "must be an image tag").optional(),
    port: z.number().int().min(1).max(65535).default(8800),
    portForward: z.boolean().default(true),
    waitDurationMs: z.number().int().positive().default(300_000),
    yes: z.boolean().default(false),
    output: z.enum(["text", "json", "tui"]).default("text"),
    dryRun: z.boolean().default(false),
  })
  .superRefine((o, ctx) => {
    if (o.withDockerDistribution && o.storageBaseUri)
      ctx.addIssue({ code: "custom", path: ["storageBaseUri"], message: "cannot be combined with --with-dockerdistribution" });
    if ((o.registryUsername && !o.registryPassword) || (!o.registryUsername && o.registryPassword))
      ctx.addIssue({ code: "custom", path: ["registryPassword"], message: "--registry-username and --registry-password go together" });
  });

export type InstallOptions = z.infer<typeof InstallOptionsSchema>;

/** Which object store the options select (design §3): external URI > Docker Distribution > MinIO > none. */
export function storageModeOf(o: Pick<InstallOptions, "storageBaseUri" | "withDockerDistribution" | "withMinio">): StorageMode {
  if (o.storageBaseUri) return "external";
  if (o.withDockerDistribution) return "dockerdistribution";
  return o.withMinio ? "minio" : "none";
}
