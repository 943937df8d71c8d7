/** Shared fixtures of the manifest tests: options built through the real schema, fixed secrets. */
import { InstallOptionsSchema, type InstallOptions } from "../../../src/install/options.ts";
import type { GeneratedSecrets, K8sObject } from "../../../src/manifests/types.ts";

export function options(over: Record<string, unknown> = {}): InstallOptions {
  return InstallOptionsSchema.parse({ appSlug: "sentry-pro", namespace: "kots-test", sharedPassword: "hunter2-admin", ...over });
}

/** Distinctive values, so a test can search any output for them. */
export const SECRETS: GeneratedSecrets = {
  postgresPassword: "pg-pass-4c1d5e0a",
  minioAccessKey: "minio-ak-77aa01",
  minioSecretKey: "minio-sk-99bb02",
  sessionKey: "session-key-5150",
  encryptionKey: Buffer.from(Uint8Array.from({ length: 36 }, (_, i) => i + 1)).toString("base64"),
  clusterToken: "cluster-token-8080",
  passwordBcrypt: "$2b$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234",
};

export const find = (objs: K8sObject[], kind: string, name: string) => objs.find((o) => o.kind === kind && o.metadata.name === name);
export const ids = (objs: K8sObject[]) => objs.map((o) => `${o.kind}/${o.metadata.name}`);
export const decode = (obj: K8sObject | undefined, key: string) =>
  Buffer.from((obj!.data as Record<string, string>)[key]!, "base64").toString("utf8");

type Json = Record<string, any>;
export const podSpec = (o: K8sObject): Json => (o.spec as Json).template.spec;
export const containers = (o: K8sObject): Json[] => [...(podSpec(o).initContainers ?? []), ...podSpec(o).containers];
export const env = (o: K8sObject, container = 0): Json[] => podSpec(o).containers[container].env;
export const envNames = (o: K8sObject) => env(o).map((e) => e.name as string);
export const workloads = (objs: K8sObject[]) => objs.filter((o) => o.kind === "Deployment" || o.kind === "StatefulSet");
