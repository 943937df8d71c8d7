import type { EntitlementField, EntitlementValue, LicenseSpec } from "./schema.ts";

/** Entitlements the Admin Console does not list as license fields (KOTS pkg/handlers/license.go). */
export const RESERVED_ENTITLEMENTS = ["expires_at", "gitops_enabled"] as const;

/** An entitlement as shown to the operator. */
export interface VisibleEntitlement {
  /** The key under spec.entitlements, e.g. "seat_count". */
  readonly name: string;
  readonly title: string;
  readonly value: string | number | boolean | null;
  /** As the vendor declared it: "String", "Integer", "Boolean", "Text", … ("" when absent). */
  readonly valueType: string;
}

/**
 * The message an entitlement signature covers: Go's fmt.Sprint of the value
 * (kotskinds EntitlementField.ValidateSignature): "100", "true", the string itself, "<nil>" when unset.
 */
export function entitlementMessage(value: EntitlementValue | undefined): string {
  return value === undefined || value === null ? "<nil>" : String(value);
}

/**
 * Entitlements to show, in license order: not hidden (isHidden) and not reserved (expires_at, gitops_enabled).
 */
export function visibleEntitlements(spec: LicenseSpec): VisibleEntitlement[] {
  return Object.entries(spec.entitlements ?? {})
    .filter(([name, e]) => !e.isHidden && !(RESERVED_ENTITLEMENTS as readonly string[]).includes(name))
    .map(([name, e]: [string, EntitlementField]) => ({
      name,
      title: e.title || name,
      value: e.value ?? null,
      valueType: e.valueType ?? "",
    }));
}
