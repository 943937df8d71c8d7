/**
 * A copy of examples/acme-helpdesk whose kots-preflight.yaml is replaced, for tests that run the
 * app's own Preflight (kots install headless, the wizard's Preflight checks step).
 */
import { cpSync, writeFileSync } from "node:fs";
import path from "node:path";

const EXAMPLE = path.resolve(import.meta.dir, "../../examples/acme-helpdesk");

/**
 * Copies examples/acme-helpdesk into `dest` and writes its kots-preflight.yaml as a
 * troubleshoot.sh/v1beta2 Preflight named acme-helpdesk whose `spec.analyzers` is `analyzers`:
 * YAML list items indented by four spaces, e.g. "    - clusterVersion:\n        checkName: x\n…".
 * @returns dest
 */
export function exampleWithPreflight(dest: string, analyzers: string): string {
  cpSync(EXAMPLE, dest, { recursive: true });
  writeFileSync(path.join(dest, "kots-preflight.yaml"), `apiVersion: troubleshoot.sh/v1beta2\nkind: Preflight\nmetadata: {name: acme-helpdesk}\nspec:\n  analyzers:\n${analyzers}`);
  return dest;
}
