import { ConfigError, type ConfigErrorCode } from "./errors.ts";
import { TemplateEngineError, templateOp } from "../templates/index.ts";
import type { ConfigItem } from "./model.ts";

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
 * and file items (file content base64-decoded first), only a non-empty value, unanchored match
 * with Go's regexp (the engine's regexp.match op); the message defaults to "Value does not match regex".
 */
export function checkRegex(item: ConfigItem, value: string, title?: string): ConfigError | null {
  const rule = item.validation;
  if (!rule || value === "" || !REGEX_TYPES.has(item.type)) return null;
  let subject = value;
  if (item.type === "file") {
    const text = base64DecodeStd(value);
    if (text === undefined) return itemError("regex", item, "the file content is not base64-encoded", title);
    subject = text;
  }
  let matched: boolean;
  try {
    matched = templateOp<{ matched: boolean }>("regexp.match", { pattern: rule.pattern, text: subject }).matched;
  } catch (e) {
    if (!(e instanceof TemplateEngineError) || e.op === "load") throw e;
    return itemError("invalid-regex", item, `validation regex ${JSON.stringify(rule.pattern)} is invalid: ${e.message}`, title);
  }
  if (matched) return null;
  return itemError("regex", item, rule.message || "Value does not match regex", title);
}

/**
 * Go's base64.StdEncoding.DecodeString (padding required, no whitespace but \r\n, which Go skips)
 * of a file item's value, as UTF-8 text with invalid bytes as U+FFFD (Go's string(bytes) then
 * regexp on it); undefined when it is not valid base64.
 */
function base64DecodeStd(value: string): string | undefined {
  const s = value.replace(/[\r\n]/g, "");
  if (s.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return undefined;
  return Buffer.from(s, "base64").toString("utf8");
}
