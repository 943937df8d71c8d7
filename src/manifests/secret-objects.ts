/**
 * The Secret objects of the Admin Console (design §3; names, keys and labels as KOTS v1.88
 * pkg/kotsadm/objects/secrets_objects.go, license_objects.go, configvalues_objects.go).
 * Values go into `data` as base64 of their UTF-8 bytes, so the same GeneratedSecrets always
 * render byte-identical objects.
 */
import { NAMES, POSTGRES_DB, POSTGRES_USER } from "./constants.ts";
import { SECRET_LOCATIONS } from "./secrets.ts";
import { TEMPLATES } from "./templates.ts";
import { renderTemplate } from "./template.ts";
import type { GeneratedSecrets, K8sObject } from "./types.ts";

export const SECRET_TYPE_OPAQUE = "Opaque";
export const SECRET_TYPE_DOCKERCONFIGJSON = "kubernetes.io/dockerconfigjson";

/** base64 (standard, padded) of the UTF-8 bytes of `text`. */
export function b64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}

/** `postgresql://kotsadm:PW@kotsadm-postgres/kotsadm?connect_timeout=10&sslmode=disable` (KOTS v1.88 PgSecret). */
export function postgresUri(password: string): string {
  return `postgresql://${POSTGRES_USER}:${password}@${NAMES.postgres}/${POSTGRES_DB}?connect_timeout=10&sslmode=disable`;
}

/**
 * One Secret from the secret.yaml template: `values` are plain text, stored base64 in `data` with
 * keys in the given order. Labels are added by the renderer.
 */
export function secretObject(namespace: string, name: string, values: Record<string, string>, type: string = SECRET_TYPE_OPAQUE): K8sObject {
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) data[k] = b64(v);
  return renderTemplate(TEMPLATES["secret.yaml"], { namespace, name, type, data }, "secret.yaml")[0]!;
}

/**
 * The secrets every install has, in apply order: kotsadm-password, kotsadm-postgres, (kotsadm-minio
 * when `withMinioSecret`), kotsadm-session, kotsadm-encryption, kotsadm-cluster-token.
 */
export function coreSecrets(namespace: string, s: GeneratedSecrets, withMinioSecret: boolean): K8sObject[] {
  const L = SECRET_LOCATIONS;
  const out = [
    secretObject(namespace, L.passwordBcrypt.secret, { [L.passwordBcrypt.key]: s.passwordBcrypt }),
    secretObject(namespace, L.postgresPassword.secret, {
      [L.postgresUri.key]: s.postgresUri ?? postgresUri(s.postgresPassword),
      [L.postgresPassword.key]: s.postgresPassword,
    }),
  ];
  if (withMinioSecret)
    out.push(secretObject(namespace, L.minioAccessKey.secret, { [L.minioAccessKey.key]: s.minioAccessKey, [L.minioSecretKey.key]: s.minioSecretKey }));
  out.push(
    secretObject(namespace, L.sessionKey.secret, { [L.sessionKey.key]: s.sessionKey }),
    secretObject(namespace, L.encryptionKey.secret, { [L.encryptionKey.key]: s.encryptionKey }),
    secretObject(namespace, L.clusterToken.secret, { [L.clusterToken.key]: s.clusterToken }),
  );
  return out;
}

/** A label value: ≤ 63 characters, alphanumerics with '-', '_', '.' inside (Kubernetes validation). */
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function appLabel(appSlug: string): string {
  if (appSlug.length > 63 || !LABEL_VALUE.test(appSlug))
    throw new Error(`app slug "${appSlug}" is not a valid Kubernetes label value (kots.io/app)`);
  return appSlug;
}

/** Secret kotsadm-default-license (key `license`), labels kots.io/automation=license, kots.io/app=<slug>. */
export function licenseSecret(namespace: string, appSlug: string, license: string): K8sObject {
  const obj = secretObject(namespace, NAMES.licenseSecret, { license });
  obj.metadata.labels = { "kots.io/automation": "license", "kots.io/app": appLabel(appSlug) };
  return obj;
}

/** Secret kotsadm-default-configvalues (key `configvalues`), labels kots.io/automation=configvalues, kots.io/app=<slug>. */
export function configValuesSecret(namespace: string, appSlug: string, configValues: string): K8sObject {
  const obj = secretObject(namespace, NAMES.configValuesSecret, { configvalues: configValues });
  obj.metadata.labels = { "kots.io/automation": "configvalues", "kots.io/app": appLabel(appSlug) };
  return obj;
}

/** A kubernetes.io/dockerconfigjson Secret holding `dockerConfigJson` (the JSON text) under `.dockerconfigjson`. */
export function dockerConfigSecret(namespace: string, name: string, dockerConfigJson: string): K8sObject {
  return secretObject(namespace, name, { ".dockerconfigjson": dockerConfigJson }, SECRET_TYPE_DOCKERCONFIGJSON);
}
