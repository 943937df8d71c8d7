/**
 * `admin-console/` of kots pull: the Admin Console's own objects for the namespace, as
 * `kots install` renders them (renderAdminConsole), with a kustomization.yaml.
 */
import { UsageError } from "../errors.ts";
import { InstallOptionsSchema } from "../install/options.ts";
import { NAMES } from "../manifests/constants.ts";
import { upstreamImages } from "../manifests/images.ts";
import { renderAdminConsole } from "../manifests/render.ts";
import { generateSecrets } from "../manifests/secrets.ts";
import type { K8sObject } from "../manifests/types.ts";
import { imageMappings, type ImageMapping, type RewriteTarget } from "./rewrite.ts";
import { KUSTOMIZATION, yamlText, type TreeFile } from "./tree.ts";

/** What the Admin Console's render needs of a pull. */
export interface AdminConsoleInputs {
  namespace: string;
  rewrite?: RewriteTarget;
  registry?: { username: string; password: string };
}

/**
 * The files of `admin-console/` (one per object, `NN-kind-name.yaml`, Secrets mode 0600, and a
 * kustomization.yaml listing them in apply order) and the Admin Console's images with their
 * destinations. Throws UsageError for a namespace or registry location the install schema refuses.
 */
export async function adminConsoleFiles(appSlug: string, opts: AdminConsoleInputs, seeds: { license?: string; configValues?: string }): Promise<{ files: TreeFile[]; images: ImageMapping[] }> {
  const objects = await adminConsoleObjects(appSlug, opts, seeds);
  const files: TreeFile[] = [];
  const names: string[] = [];
  objects.forEach((o, i) => {
    const name = `${String(i).padStart(2, "0")}-${o.kind.toLowerCase()}-${o.metadata.name}.yaml`;
    names.push(name);
    files.push({ path: `admin-console/${name}`, text: yamlText(o), secret: o.kind === "Secret" });
  });
  files.push({ path: "admin-console/kustomization.yaml", text: yamlText({ ...KUSTOMIZATION, resources: names }) });
  return { files, images: imageMappings(Object.values(upstreamImages()), opts.rewrite) };
}

/**
 * The Admin Console's objects for the namespace (renderAdminConsole), images at the rewrite target
 * with the `kotsadm-private-registry` pull secret when credentials are given, the license and
 * ConfigValues seeds. Left out: the Namespace (often the operator's own) and `kotsadm-password`
 * (no admin password is asked for here: `kots reset-password NAMESPACE` sets it once kotsadm runs).
 */
async function adminConsoleObjects(appSlug: string, opts: AdminConsoleInputs, seeds: { license?: string; configValues?: string }): Promise<K8sObject[]> {
  const placeholder = Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
  const location = opts.rewrite ? [opts.rewrite.host, opts.rewrite.namespace].filter((p) => p !== "").join("/") : undefined;
  const parsed = InstallOptionsSchema.safeParse({
    appSlug,
    namespace: opts.namespace,
    sharedPassword: placeholder,
    kotsadmRegistry: location,
    registryUsername: location ? opts.registry?.username : undefined,
    registryPassword: location ? opts.registry?.password : undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const flag = issue.path[0] === "namespace" ? "--namespace" : issue.path[0] === "kotsadmRegistry" ? "--registry-endpoint/--image-namespace" : String(issue.path[0]);
    throw new UsageError(`${flag} ${flag === "--namespace" ? opts.namespace + " " : ""}${issue.message}`);
  }
  const secrets = await generateSecrets(placeholder);
  return renderAdminConsole(parsed.data, secrets, { license: seeds.license, configValues: seeds.configValues }).filter(
    (o) => o.kind !== "Namespace" && !(o.kind === "Secret" && o.metadata.name === NAMES.passwordSecret),
  );
}
