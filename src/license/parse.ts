import YAML from "yaml";
import type { z } from "zod";
import { LicenseParseError } from "./errors.ts";
import { LICENSE_API_VERSIONS, LicenseSchema, type License } from "./schema.ts";

/**
 * Parses a license file (YAML or JSON) into a kots.io License, v1beta1 or v1beta2.
 * Does not check the signature: see verifyLicense.
 * @throws LicenseParseError naming the problem, e.g. "not a kots.io License: kind is ConfigMap",
 *   "not valid YAML: …", "spec.appSlug: is missing".
 */
export function parseLicense(text: string): License {
  let doc: unknown;
  try {
    doc = YAML.parse(text);
  } catch (err) {
    const first = (err instanceof Error ? err.message : String(err)).split("\n")[0];
    throw new LicenseParseError(`not valid YAML: ${first}`);
  }
  return toLicense(doc, "not a kots.io License");
}

/**
 * Parses the signed licenseData (JSON bytes from inside spec.signature) into a License.
 * @throws LicenseParseError ("signed licenseData …: …") when it is not JSON or not a License.
 */
export function parseSignedLicenseData(data: Uint8Array): License {
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(data));
  } catch (err) {
    throw new LicenseParseError(`signed licenseData is not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  return toLicense(doc, "signed licenseData is not a kots.io License");
}

function toLicense(doc: unknown, notALicense: string): License {
  if (doc === null || doc === undefined) throw new LicenseParseError(`${notALicense}: the document is empty`);
  if (typeof doc !== "object" || Array.isArray(doc)) {
    throw new LicenseParseError(`${notALicense}: expected a mapping, found ${Array.isArray(doc) ? "a list" : typeof doc}`);
  }
  const { apiVersion, kind } = doc as Record<string, unknown>;
  if (kind !== "License") throw new LicenseParseError(`${notALicense}: kind is ${describe(kind)}`);
  if (!LICENSE_API_VERSIONS.includes(apiVersion as never)) {
    throw new LicenseParseError(`${notALicense}: apiVersion is ${describe(apiVersion)} (expected ${LICENSE_API_VERSIONS.join(" or ")})`);
  }
  const result = LicenseSchema.safeParse(doc);
  if (!result.success) throw new LicenseParseError(`invalid License: ${firstIssue(result.error)}`);
  return result.data;
}

function describe(v: unknown): string {
  if (v === undefined) return "missing";
  return typeof v === "string" ? v || '""' : JSON.stringify(v);
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "unknown problem";
  const path = issue.path.map(String).join(".");
  return path ? `${path}: ${issue.message}` : issue.message;
}
