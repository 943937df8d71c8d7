/** Public API of the image copy engine (see copy.ts for the semantics, errors.ts for the errors). */
export { copyImage, copyImages, parseLocation, formatLocation } from "./copy.ts";
export type { CopyOptions, CopyEvent, CopyResult, CopyJob, BlobAction, ImageLocation } from "./copy.ts";
export type { EndpointOptions } from "./client.ts";
export { checkHost } from "./client.ts";
export type { LayoutRef } from "./layout-store.ts";
export { CopyError, type CopyErrorCode } from "./errors.ts";
export { credentialsFromDockerConfig, defaultDockerConfigPath, resolveCredentials } from "./credentials.ts";
export { parsePlatform } from "./manifest.ts";
