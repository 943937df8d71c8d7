import { readFileSync, statSync } from "node:fs";

/** The most a seeded license or ConfigValues may hold: each is stored in a Kubernetes Secret, at most 1 MiB. */
export const MAX_SECRET_BYTES = 1024 * 1024;

/** Why an input file could not be read, in plain words: "cannot be read: no such file", "is 50.0 MiB: …". */
export class FileReadError extends Error {
  override name = "FileReadError";
}

/** An errno name in plain words ("no such file"), never the bare code. */
export function plainErrno(code: string | undefined): string {
  switch (code) {
    case "ENOENT":
      return "no such file";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "EISDIR":
      return "it is a directory, not a file";
    default:
      return "it cannot be opened";
  }
}

/**
 * The text of an input file that will be stored in a Secret: its size is checked before it is
 * read (a huge file is refused at once, never loaded), at most `maxBytes` (default 1 MiB).
 * Throws FileReadError whose message follows the file's name ("FILE cannot be read: …").
 */
export function readBoundedText(file: string, maxBytes = MAX_SECRET_BYTES): string {
  try {
    const size = statSync(file).size;
    if (size > maxBytes)
      throw new FileReadError(`is ${(size / 1024 / 1024).toFixed(1)} MiB: it is stored in a Kubernetes Secret, which holds at most 1 MiB; check that this is the right file`);
    return readFileSync(file, "utf8");
  } catch (err) {
    if (err instanceof FileReadError) throw err;
    throw new FileReadError(`cannot be read: ${plainErrno((err as NodeJS.ErrnoException).code)}`);
  }
}
