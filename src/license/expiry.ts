import type { LicenseSpec } from "./schema.ts";

/** When a license stops being current. */
export interface LicenseExpiry {
  /** The expires_at entitlement as written (RFC 3339), or null when it never expires. */
  readonly expiresAt: string | null;
  /** expiresAt is before `now`. */
  readonly expired: boolean;
  /** Set when expires_at is unusable (wrong type, not RFC 3339); expired is then false. */
  readonly problem?: string;
}

// Go time.RFC3339 layout: 2006-01-02T15:04:05Z07:00, fractional seconds accepted on parse.
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * Parses an RFC 3339 timestamp strictly (as Go's time.Parse(time.RFC3339)), returning epoch milliseconds,
 * or undefined when the text is not RFC 3339 or names an impossible date.
 */
export function parseRfc3339(text: string): number | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const probe = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
  if (probe.getUTCMonth() !== mo! - 1 || probe.getUTCDate() !== d! || h! > 23 || mi! > 59 || s! > 59) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * Expiry from the `expires_at` entitlement (KOTS pkg/license/license.go LicenseIsExpired): absent or ""
 * = never; valueType must be "" or "String"; the value must be an RFC 3339 string; expired when it is
 * strictly before `now`.
 */
export function licenseExpiry(spec: LicenseSpec, now: Date): LicenseExpiry {
  const e = spec.entitlements?.expires_at;
  if (!e) return { expiresAt: null, expired: false };
  if (e.valueType && e.valueType !== "String") {
    return { expiresAt: null, expired: false, problem: `expires_at must have valueType String, not ${e.valueType}` };
  }
  if (e.value === undefined || e.value === null || e.value === "") return { expiresAt: null, expired: false };
  if (typeof e.value !== "string") {
    return { expiresAt: null, expired: false, problem: `expires_at must be a string, not ${JSON.stringify(e.value)}` };
  }
  const at = parseRfc3339(e.value);
  if (at === undefined) {
    return { expiresAt: e.value, expired: false, problem: `expires_at "${e.value}" is not an RFC 3339 time` };
  }
  return { expiresAt: e.value, expired: at < now.getTime() };
}
