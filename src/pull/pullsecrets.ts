/**
 * The midstream's pull secret and its patches (issue 13 part 2; KOTS v1.88 pkg/midstream/write.go
 * and pkg/k8sdoc PatchWithPullSecret): the Secret `<appSlug>-registry` of type
 * kubernetes.io/dockerconfigjson in `secret.yaml`, and in `pullsecrets.yaml` one strategic-merge
 * patch per workload that adds `imagePullSecrets: [{name: <appSlug>-registry}]` to its pod spec
 * (a CronJob's under spec.jobTemplate). imagePullSecrets merge by `name`, so a workload that
 * already lists the secret keeps one entry.
 */
import { stringify } from "yaml";
import { dockerConfigJsonString } from "../registry/dockerconfig.ts";
import { podSpecPath } from "./discover.ts";

/** The pull Secret's name for an app (KOTS: `<appSlug>-registry`, the ImagePullSecretName template). */
export function pullSecretName(appSlug: string): string {
  return `${appSlug}-registry`;
}

/** What a patch needs of a workload document. */
export interface WorkloadHeader {
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
}

/**
 * A strategic-merge patch adding `secretName` to the pod spec of `w` (KOTS's patch shape:
 * apiVersion, kind, metadata name/namespace, the pod spec path with only imagePullSecrets).
 * Returns undefined for a kind without a pod spec.
 */
export function pullSecretPatch(w: WorkloadHeader, secretName: string): Record<string, unknown> | undefined {
  const p = podSpecPath(w.kind);
  if (!p) return undefined;
  let inner: Record<string, unknown> = { imagePullSecrets: [{ name: secretName }] };
  for (const k of [...p].reverse()) inner = { [k]: inner };
  const metadata: Record<string, string> = { name: w.name };
  if (w.namespace) metadata.namespace = w.namespace;
  return { apiVersion: w.apiVersion, kind: w.kind, metadata, ...inner };
}

/** `pullsecrets.yaml`: every patch as a YAML document (`---` before each). "" when there are none. */
export function pullSecretPatchesYaml(workloads: readonly WorkloadHeader[], secretName: string): string {
  return workloads
    .map((w) => pullSecretPatch(w, secretName))
    .filter((p) => p !== undefined)
    .map((p) => `---\n${stringify(p, { lineWidth: 0 })}`)
    .join("");
}

/**
 * The pull Secret for `host` (one, or several with the same credentials: the proxy registry and
 * the Replicated registry with the license ID, KOTS pull.go writeMidstream) with these credentials
 * (shape of KOTS's PullSecretForRegistries: `.dockerconfigjson` = {"auths": {host: {username,
 * password, auth}}}, base64 in `data`), in `namespace` when given, labelled
 * with the app slug. The value is a secret: callers write it to a file of mode 0600 and never print it.
 */
export function pullSecretObject(appSlug: string, host: string | readonly string[], username: string, password: string, namespace?: string): Record<string, unknown> {
  const hosts = typeof host === "string" ? [host] : host;
  const json = dockerConfigJsonString(hosts.map((h) => ({ host: h, username, password })));
  const metadata: Record<string, unknown> = { name: pullSecretName(appSlug), labels: { "kots.io/app-slug": appSlug } };
  if (namespace) metadata.namespace = namespace;
  return { apiVersion: "v1", kind: "Secret", metadata, type: "kubernetes.io/dockerconfigjson", data: { ".dockerconfigjson": Buffer.from(json, "utf8").toString("base64") } };
}
