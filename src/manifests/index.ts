/** Public API of the manifest renderer (design §2: pure; templates in manifests/). */
export { renderAdminConsole, applyPhaseOf, APPLY_PHASES, type ApplyPhase } from "./render.ts";
export { renderYaml, redactSecrets, REDACTED } from "./yaml.ts";
export { generateSecrets, secretsFromExisting, cryptoRandomBytes, SECRET_LOCATIONS, type RandomBytes } from "./secrets.ts";
export { adminConsoleImages, upstreamImages, KOTSADM_DEFAULT_TAG, type AdminConsoleImages } from "./images.ts";
export { KOTSADM_LABELS, NAMES } from "./constants.ts";
export type { GeneratedSecrets, K8sObject, RenderExtra } from "./types.ts";
