/**
 * Shapes shared by the manifest renderer. Plain data only.
 */

/**
 * A Kubernetes object as a plain JSON-able value (structurally the same as the `K8sObject` the
 * kube layer applies).
 */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    [k: string]: unknown;
  };
  [k: string]: unknown;
}

/**
 * Every random or derived secret value of an install (design §3). Strings, stored in the Secrets as
 * UTF-8 bytes. A re-run passes the values read back from the cluster (see `secretsFromExisting`),
 * so rendering never rotates them.
 */
export interface GeneratedSecrets {
  /** kotsadm-postgres `password`: UUID-v4 text from a CSPRNG (KOTS v1.88 uses uuid.New()). */
  postgresPassword: string;
  /**
   * kotsadm-postgres `uri` as found in the cluster, kept verbatim; when absent the URI is derived
   * from `postgresPassword` (`postgresUri()` in secret-objects.ts).
   */
  postgresUri?: string;
  /** kotsadm-minio `accesskey`: UUID-v4 text. */
  minioAccessKey: string;
  /** kotsadm-minio `secretkey`: UUID-v4 text. */
  minioSecretKey: string;
  /** kotsadm-session `key`: UUID-v4 text. */
  sessionKey: string;
  /** kotsadm-encryption `encryptionKey`: base64 (std, padded) of a 24-byte AES key ‖ 12-byte GCM nonce. */
  encryptionKey: string;
  /** kotsadm-cluster-token `kotsadm-cluster-token`: UUID-v4 text. */
  clusterToken: string;
  /** kotsadm-password `passwordBcrypt`: bcrypt (cost 10) of the admin password, `$2…` modular crypt text. */
  passwordBcrypt: string;
}

/** Data the renderer takes besides InstallOptions and the secrets. */
export interface RenderExtra {
  /** The verified license YAML; renders Secret kotsadm-default-license when given. */
  license?: string;
  /** ConfigValues YAML; renders Secret kotsadm-default-configvalues when given. */
  configValues?: string;
  /** The release's kots.io/v1beta1 Application YAML, for kotsadm-application-metadata. */
  applicationYaml?: string;
}
