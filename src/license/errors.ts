/**
 * Thrown by parseLicense when the text is not a kots.io License. `problem` is one line that names
 * what is wrong ("not a kots.io License: kind is ConfigMap", "spec.appSlug: is missing").
 */
export class LicenseParseError extends Error {
  constructor(readonly problem: string) {
    super(problem);
    this.name = "LicenseParseError";
  }
}

/** Thrown when a public key given to trust (--license-public-key) cannot be read or is not an RSA public key. */
export class LicenseKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LicenseKeyError";
  }
}
