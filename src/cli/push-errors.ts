/**
 * A failed push of a bundle's images (`kots admin-console push-images`, `kots pull --airgap-bundle`)
 * as the CLI's error: the bad-input codes are exit 2 with the fix named, others exit 1.
 */
import { CliError, UsageError } from "./errors.ts";
import { AirgapBundleError } from "../airgap/index.ts";
import { CopyError } from "../registry/copy/index.ts";

const BAD_INPUT = new Set(["unreachable", "unauthorized", "not-registry", "bad-endpoint", "bad-reference", "not-found"]);
const FIX: Record<string, string> = {
  unreachable: "check the registry address and the network (--ca-file for a private CA)",
  unauthorized: "check --registry-username and the password, or docker login to that registry",
  "not-registry": "check the registry address",
  "bad-endpoint": "check the registry address and --ca-file",
};

/** A failure of push-images as the CLI's error (exit 2 for the bad-input codes, 1 otherwise). */
export function pushImagesError(err: unknown): unknown {
  if (err instanceof AirgapBundleError) return new UsageError(err.message);
  if (err instanceof CopyError) {
    const line = `push-images: ${err.message}${FIX[err.code] ? `: ${FIX[err.code]}` : ""}`;
    return BAD_INPUT.has(err.code) ? new UsageError(line) : new CliError(line, 1);
  }
  return err;
}
