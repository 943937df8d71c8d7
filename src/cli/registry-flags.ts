/** Registry flags shared by `kots pull --rewrite-images` and `kots admin-console push-images`: the password and --ca-file. */
import { readFileSync, statSync } from "node:fs";
import { UsageError } from "./errors.ts";
import { MAX_SECRET_BYTES, plainErrno } from "../read-file.ts";

/** The password flags both commands take (commander's camel-cased names). */
export interface RegistryPasswordFlags {
  registryPassword?: string;
  registryPasswordFile?: string;
  registryPasswordStdin?: boolean;
}

/**
 * The registry password from exactly one of --registry-password-file (at most 1 MiB),
 * --registry-password-stdin, or else --registry-password / KOTS_REGISTRY_PASSWORD in `env`
 * (the flag wins); the trailing newline of a file or stdin is dropped; undefined when none is
 * given. The value never appears in a message.
 * @throws UsageError (exit 2) naming the flag: two sources given, the file over 1 MiB or unreadable
 */
export function registryPasswordFrom(flags: RegistryPasswordFlags, env: Record<string, string | undefined>): string | undefined {
  const given = [flags.registryPassword !== undefined, flags.registryPasswordFile !== undefined, !!flags.registryPasswordStdin].filter(Boolean).length;
  if (given > 1) throw new UsageError("give the registry password once: --registry-password-file, --registry-password-stdin or --registry-password");
  if (flags.registryPasswordFile !== undefined) {
    const file = flags.registryPasswordFile;
    try {
      if (statSync(file).size > MAX_SECRET_BYTES) throw new UsageError(`--registry-password-file ${file} is over 1 MiB: give the file that holds only the password`);
      return readFileSync(file, "utf8").replace(/\r?\n$/, "");
    } catch (err) {
      if (err instanceof UsageError) throw err;
      throw new UsageError(`--registry-password-file ${file} cannot be read: ${plainErrno((err as NodeJS.ErrnoException).code)}`);
    }
  }
  if (flags.registryPasswordStdin) return readFileSync(0, "utf8").replace(/\r?\n$/, "");
  return flags.registryPassword ?? env.KOTS_REGISTRY_PASSWORD;
}

/**
 * Checks that --ca-file (when given) can be read as text, before anything is pulled or pushed.
 * @throws UsageError (exit 2) "--ca-file F cannot be read: <errno in words>: give the registry CA's PEM file"
 */
export function checkCaFile(caFile: string | undefined): void {
  if (caFile === undefined) return;
  try {
    readFileSync(caFile, "utf8");
  } catch (e) {
    throw new UsageError(`--ca-file ${caFile} cannot be read: ${plainErrno((e as NodeJS.ErrnoException).code)}: give the registry CA's PEM file`);
  }
}
