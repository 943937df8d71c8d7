import { readBoundedText } from "../read-file.ts";
import { LicenseKeyError, LicenseParseError } from "./errors.ts";
import { parseLicense } from "./parse.ts";
import type { VerifiedLicense } from "./result.ts";
import { readExtraPublicKey, type TrustedKey } from "./trusted-keys.ts";
import { verifyLicense } from "./verify.ts";

/** Why a license file could not be checked at all, in plain words; `input` says which one. */
export class LicenseInputError extends Error {
  constructor(
    readonly input: "file" | "public-key",
    message: string,
    /** "read": the file itself (unreadable, too large, binary); "content": what it holds */
    readonly about: "read" | "content" = "read",
  ) {
    super(message);
    this.name = "LicenseInputError";
  }

  /** (Not `line`: Bun gives every Error a numeric `line`.) One line naming the input: "FILE cannot be read: no such file", "FILE: not a kots.io License…". */
  lineFor(fileName: string, keyFlag = "--license-public-key"): string {
    if (this.input === "public-key") return `${keyFlag}: ${this.message}`;
    return this.about === "read" ? `${fileName} ${this.message}` : `${fileName}: ${this.message}`;
  }
}

/**
 * The one license check of kots-tui (install headless and in the wizard, `kots license verify`):
 * read `file` (size checked first, ≤ 1 MiB; `text` instead when given, e.g. stdin), refuse binary
 * data, parse it as a kots.io License and verify its signature chain with the built-in Replicated
 * keys plus `publicKey` (a file or an inline PEM), its expiry and, with `appSlug`, its app.
 * Returns the license text and the verdict (`verified.ok`, every problem in `verified.problems`).
 * Throws LicenseInputError when the file or key cannot be read or is no License at all.
 */
export function checkLicenseFile(
  file: string,
  opts: { appSlug?: string; publicKey?: string; text?: string } = {},
): { text: string; verified: VerifiedLicense } {
  let text = opts.text;
  if (text === undefined) {
    try {
      text = readBoundedText(file);
    } catch (err) {
      throw new LicenseInputError("file", (err as Error).message);
    }
  }
  if (text.includes("\u0000") || text.includes("\ufffd"))
    throw new LicenseInputError("file", "is binary data, not a license (a kots.io License is YAML text)");
  let extra: TrustedKey[] = [];
  if (opts.publicKey) {
    try {
      extra = [readExtraPublicKey(opts.publicKey, opts.publicKey.includes("-----BEGIN") ? "--license-public-key" : undefined)];
    } catch (err) {
      throw new LicenseInputError("public-key", err instanceof LicenseKeyError ? err.message : String(err));
    }
  }
  let license;
  try {
    license = parseLicense(text);
  } catch (err) {
    throw new LicenseInputError("file", err instanceof LicenseParseError ? err.problem : (err as Error).message, "content");
  }
  return { text, verified: verifyLicense(license, { extraPublicKeys: extra, appSlug: opts.appSlug }) };
}

/** Every problem of a refused license in one line ("a; b; c"), or the reason when there is one. */
export function licenseProblems(v: VerifiedLicense): string {
  const all = v.problems.map((p) => p.message).filter(Boolean);
  return all.length > 0 ? [...new Set(all)].join("; ") : (v.reason ?? "the license is not valid");
}
