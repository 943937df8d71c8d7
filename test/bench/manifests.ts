/**
 * The peer's input: the same object set `kots install` applies, rendered by the installer's own
 * renderer with real (fresh) secret values, as a multi-document YAML file for `kubectl apply -f`.
 * (`kots install --dry-run` redacts Secret data, so it cannot be applied as is.)
 */
import { writeFileSync } from "node:fs";
import { stringify } from "yaml";
import { InstallOptionsSchema } from "../../src/install/options.ts";
import { renderAdminConsole } from "../../src/manifests/render.ts";
import { generateSecrets } from "../../src/manifests/secrets.ts";

export interface Rendered {
  file: string;
  /** "Deployment/kotsadm", "StatefulSet/kotsadm-postgres", ... in apply order. */
  workloads: string[];
}

/** Writes the Admin Console manifests for `namespace` to `file` (mode 0600: it holds secrets). */
export async function writeManifests(appSlug: string, namespace: string, sharedPassword: string, file: string): Promise<Rendered> {
  const options = InstallOptionsSchema.parse({ appSlug, namespace, sharedPassword, yes: true, portForward: false });
  const objects = renderAdminConsole(options, await generateSecrets(sharedPassword));
  const yaml = objects.map((o) => `---\n${stringify(o, { lineWidth: 0, version: "1.1" })}`).join("");
  writeFileSync(file, yaml, { mode: 0o600 });
  const workloads = objects.filter((o) => o.kind === "Deployment" || o.kind === "StatefulSet").map((o) => `${o.kind}/${o.metadata.name}`);
  return { file, workloads };
}
