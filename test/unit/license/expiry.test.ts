import { describe, expect, test } from "bun:test";
import { licenseExpiry, parseRfc3339, type LicenseSpec } from "../../../src/license/index.ts";

const spec = (expires?: Record<string, unknown>): LicenseSpec =>
  ({ appSlug: "a", licenseID: "b", entitlements: expires ? { expires_at: expires } : {} }) as LicenseSpec;
const NOW = new Date("2030-01-01T00:00:00Z");

describe("parseRfc3339", () => {
  test("accepts Z, offsets and fractions; gives epoch ms", () => {
    expect(parseRfc3339("2030-01-01T00:00:00Z")).toBe(Date.UTC(2030, 0, 1));
    expect(parseRfc3339("2030-01-01T02:00:00+02:00")).toBe(Date.UTC(2030, 0, 1));
    expect(parseRfc3339("2030-01-01T00:00:00.5Z")).toBe(Date.UTC(2030, 0, 1) + 500);
  });
  test("refuses dates without time or zone, and impossible dates", () => {
    for (const bad of ["2030-01-01", "2030-01-01T00:00:00", "2030-02-30T00:00:00Z", "01/02/2030", "2030-01-01 00:00:00Z"]) {
      expect(parseRfc3339(bad)).toBeUndefined();
    }
  });
});

describe("licenseExpiry", () => {
  test("no expires_at, or an empty one, never expires", () => {
    expect(licenseExpiry(spec(), NOW)).toEqual({ expiresAt: null, expired: false });
    expect(licenseExpiry(spec({ value: "", valueType: "String" }), NOW)).toEqual({ expiresAt: null, expired: false });
  });
  test("expired strictly before now", () => {
    expect(licenseExpiry(spec({ value: "2029-12-31T23:59:59Z" }), NOW).expired).toBe(true);
    expect(licenseExpiry(spec({ value: "2030-01-01T00:00:00Z" }), NOW).expired).toBe(false);
  });
  test("a non-String valueType or an unparseable time is a problem", () => {
    expect(licenseExpiry(spec({ value: 5, valueType: "Integer" }), NOW).problem).toBe("expires_at must have valueType String, not Integer");
    expect(licenseExpiry(spec({ value: "next year", valueType: "String" }), NOW).problem).toBe('expires_at "next year" is not an RFC 3339 time');
  });
});
