/**
 * The pull Secret in the Application's `additionalNamespaces` (issue 14 part 2; KOTS v1.88
 * pkg/operator/client deployManifests: ensureNamespacePresent + ensureImagePullSecretsPresent for
 * each entry at deploy time; pkg/kotsadm/namespaces.go). kots pull writes them ahead of time into
 * `<app>/additional-namespaces/` (a kustomization of its own, applied before the app): each named
 * namespace as a Namespace object (KOTS creates a missing one) and the Secret in it. They cannot go
 * in the midstream: the downstream's `namespace:` (or `kubectl apply -n`) would move them all into
 * the install namespace.
 *
 * `"*"` means every namespace: KOTS's Admin Console watches namespaces and copies the Secret into
 * each as it appears. kots pull has no cluster to watch; it writes nothing for `"*"` and returns a
 * warning saying how to create the Secret in a namespace (`kubectl apply -f
 * overlays/midstream/secret.yaml -n NS`: that file has no namespace of its own).
 */
import { UsageError } from "../errors.ts";
import { DNS1123_LABEL } from "../install/options.ts";
import { pullSecretName } from "./pullsecrets.ts";
import { KUSTOMIZATION, yamlText, type TreeFile } from "./tree.ts";

/** The directory (relative to `<app>/`) the additional namespaces' objects are written to. */
export const ADDITIONAL_NAMESPACES_DIR = "additional-namespaces";

/**
 * The Application's `spec.additionalNamespaces` as strings. Throws UsageError naming the file for
 * a value that is not a list of strings, or an entry that is neither `"*"` nor a DNS-1123 label.
 */
export function additionalNamespacesOf(spec: Record<string, unknown> | undefined, file: string): string[] {
  const v = spec?.additionalNamespaces;
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((n) => typeof n !== "string"))
    throw new UsageError(`${file}: Application spec.additionalNamespaces must be a list of namespace names: fix the release`);
  for (const n of v as string[])
    if (n !== "*" && (!DNS1123_LABEL.test(n) || n.length > 63))
      throw new UsageError(`${file}: Application spec.additionalNamespaces entry "${n}" is not a namespace name (a DNS-1123 label, or "*" for all): fix the release`);
  return [...new Set(v as string[])];
}

/**
 * Files of `<app>/additional-namespaces/` for `namespaces` (install namespace dropped, `"*"`
 * handled as the module comment says): kustomization.yaml (resources namespaces.yaml,
 * secrets.yaml), namespaces.yaml, secrets.yaml (mode 0600). `secret(ns)` makes the pull Secret
 * for a namespace. Returns no files when no named namespace is left.
 */
export function additionalNamespaceFiles(
  appSlug: string,
  namespaces: readonly string[],
  installNamespace: string,
  secret: (namespace: string) => Record<string, unknown>,
): { files: TreeFile[]; warnings: string[]; namespaces: string[] } {
  const warnings: string[] = [];
  if (namespaces.includes("*"))
    warnings.push(
      `the Application's additionalNamespaces has "*" (every namespace): KOTS's Admin Console copies the pull Secret ${pullSecretName(appSlug)} into each namespace as it appears, kots pull cannot; for each namespace the app's pods run in: kubectl apply -f overlays/midstream/secret.yaml -n NAMESPACE`,
    );
  const named = namespaces.filter((n) => n !== "*" && n !== installNamespace);
  if (named.length === 0) return { files: [], warnings, namespaces: [] };
  const dir = ADDITIONAL_NAMESPACES_DIR;
  const nsDocs = named.map((n) => `---\n${yamlText({ apiVersion: "v1", kind: "Namespace", metadata: { name: n } })}`).join("");
  const secretDocs = named.map((n) => `---\n${yamlText(secret(n))}`).join("");
  return {
    files: [
      { path: `${dir}/kustomization.yaml`, text: yamlText({ ...KUSTOMIZATION, resources: ["namespaces.yaml", "secrets.yaml"] }) },
      { path: `${dir}/namespaces.yaml`, text: nsDocs },
      { path: `${dir}/secrets.yaml`, text: secretDocs, secret: true },
    ],
    warnings,
    namespaces: named,
  };
}
