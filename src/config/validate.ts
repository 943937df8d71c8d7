import { ConfigError, type ConfigErrorCode } from "./errors.ts";
import { compileGoRegexp } from "./go-regexp.ts";
import type { ConfigItem } from "./model.ts";
import { base64DecodeStd, utf8 } from "./template/strings.ts";

/** "config item \"db_port\" (Database port)" — how every message names an item. */
export function itemLabel(item: Pick<ConfigItem, "name" | "title">, title = item.title): string {
  return `config item "${item.name}"${title && title !== item.name ? ` (${title})` : ""}`;
}

/** A ConfigError about `item`: message "<label>: <detail>", or "<label> <detail>" when detail starts with "is ". */
export function itemError(code: ConfigErrorCode, item: Pick<ConfigItem, "name" | "title" | "group">, detail: string, title?: string): ConfigError {
  const label = itemLabel(item, title);
  const message = detail.startsWith("is ") ? `${label} ${detail}` : `${label}: ${detail}`;
  return new ConfigError(code, message, detail, item.name, item.group);
}

/**
 * Checks an operator-supplied value against the item type: a bool is "0" or "1" (what the Admin
 * Console writes), a select_one/radio value is one of the option names. "" (unset) is valid.
 */
export function checkValueType(item: ConfigItem, value: string, title?: string): ConfigError | null {
  if (value === "") return null;
  if (item.type === "bool" && value !== "0" && value !== "1") {
    return itemError("invalid-bool", item, `${JSON.stringify(value)} is not a bool value (use "1" or "0")`, title);
  }
  if ((item.type === "select_one" || item.type === "radio") && !item.options.some((o) => o.name === value)) {
    const names = item.options.map((o) => o.name).join(", ");
    return itemError("invalid-option", item, `${JSON.stringify(value)} is not one of its options (${names})`, title);
  }
  return null;
}

const REGEX_TYPES = new Set(["text", "textarea", "password", "file"]);

/**
 * Regex validation as KOTS does it (pkg/kotsadmconfig/validation): only text, textarea, password
 * and file items (file content base64-decoded first), only a non-empty value, unanchored match;
 * the message defaults to "Value does not match regex".
 */
export function checkRegex(item: ConfigItem, value: string, title?: string): ConfigError | null {
  const rule = item.validation;
  if (!rule || value === "" || !REGEX_TYPES.has(item.type)) return null;
  let subject = value;
  if (item.type === "file") {
    const bytes = base64DecodeStd(value);
    if (!bytes) return itemError("regex", item, "the file content is not base64-encoded", title);
    subject = utf8(bytes);
  }
  let re: RegExp;
  try {
    re = compileGoRegexp(rule.pattern);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return itemError("invalid-regex", item, `validation regex ${JSON.stringify(rule.pattern)} is invalid: ${why}`, title);
  }
  if (re.test(subject)) return null;
  return itemError("regex", item, rule.message || "Value does not match regex", title);
}
