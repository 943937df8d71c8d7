import { describe, expect, test } from "bun:test";
import { LicenseParseError, parseLicense } from "../../../src/license/index.ts";
import { unsignedLicense } from "./fixtures.ts";

function parseError(text: string): string {
  try {
    parseLicense(text);
  } catch (err) {
    expect(err).toBeInstanceOf(LicenseParseError);
    return (err as LicenseParseError).problem;
  }
  throw new Error("parseLicense did not throw");
}

describe("parseLicense", () => {
  test("reads a v1beta2 License", () => {
    const l = parseLicense(unsignedLicense());
    expect(l.apiVersion).toBe("kots.io/v1beta2");
    expect(l.spec.appSlug).toBe("acme-helpdesk");
    expect(l.spec.licenseSequence).toBe(7);
    expect(l.spec.entitlements?.agent_seats?.value).toBe(25);
    expect(l.spec.entitlements?.internal_token?.isHidden).toBe(true);
  });

  test("reads JSON as well as YAML, and keeps unknown fields", () => {
    const l = parseLicense(
      JSON.stringify({ apiVersion: "kots.io/v1beta1", kind: "License", spec: { appSlug: "a", licenseID: "b", isKotsInstallEnabled: true } }),
    );
    expect(l.apiVersion).toBe("kots.io/v1beta1");
    expect((l.spec as Record<string, unknown>).isKotsInstallEnabled).toBe(true);
  });

  test("a non-License YAML fails naming its kind", () => {
    expect(parseError("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n")).toBe("not a kots.io License: kind is ConfigMap");
  });

  test("a License of another API group fails naming its apiVersion", () => {
    expect(parseError("apiVersion: example.com/v1\nkind: License\nspec: {}\n")).toBe(
      "not a kots.io License: apiVersion is example.com/v1 (expected kots.io/v1beta1 or kots.io/v1beta2)",
    );
  });

  test("invalid YAML, an empty file and a list are refused", () => {
    expect(parseError("spec: [unclosed")).toStartWith("not valid YAML:");
    expect(parseError("")).toBe("not a kots.io License: the document is empty");
    expect(parseError("- a\n- b\n")).toBe("not a kots.io License: expected a mapping, found a list");
  });

  test("a missing appSlug and a non-integer entitlement value are named by path", () => {
    expect(parseError("apiVersion: kots.io/v1beta2\nkind: License\nspec:\n  licenseID: x\n")).toBe("invalid License: spec.appSlug: is missing");
    const text = unsignedLicense().replace("value: 25", "value: 2.5");
    expect(parseError(text)).toStartWith("invalid License: spec.entitlements.agent_seats.value:");
  });
});
