/**
 * Object names, labels and sizes of the Admin Console object set (design §3). Names and values are
 * those of KOTS v1.88 (pkg/kotsadm/types/constants.go, pkg/kotsadm/objects/*.go, pkg/kotsadm/*.go).
 */

/** Labels on every object we create (KOTS v1.88 types.GetKotsadmLabels). */
export const KOTSADM_LABELS: Readonly<Record<string, string>> = Object.freeze({
  "kots.io/kotsadm": "true",
  "kots.io/backup": "velero",
});

export const NAMES = {
  serviceAccount: "kotsadm",
  role: "kotsadm-role",
  roleBinding: "kotsadm-rolebinding",
  kotsadm: "kotsadm",
  postgres: "kotsadm-postgres",
  minio: "kotsadm-minio",
  passwordSecret: "kotsadm-password",
  sessionSecret: "kotsadm-session",
  encryptionSecret: "kotsadm-encryption",
  clusterTokenSecret: "kotsadm-cluster-token",
  privateRegistrySecret: "kotsadm-private-registry",
  licenseSecret: "kotsadm-default-license",
  configValuesSecret: "kotsadm-default-configvalues",
  /** PVC (volumeClaimTemplate) of the kotsadm StatefulSet when no object store is used. */
  kotsadmData: "kotsadmdata",
} as const;

/** PVC sizes (KOTS v1.88 pkg/kotsadm/postgres.go, minio.go, kotsadm.go). */
export const PVC_SIZES = {
  postgres: "1Gi",
  minio: "4Gi",
  kotsadmData: "4Gi",
} as const;

/** Postgres database and user name (KOTS v1.88 postgres_objects.go). */
export const POSTGRES_USER = "kotsadm";
export const POSTGRES_DB = "kotsadm";

/** kotsadm HTTP port (Service and container). */
export const KOTSADM_PORT = 3000;
