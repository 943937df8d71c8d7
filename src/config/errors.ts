/** Thrown by parseConfig / parseConfigValues; `problem` names the document path that is wrong. */
export class ConfigParseError extends Error {
  constructor(readonly problem: string) {
    super(problem);
    this.name = "ConfigParseError";
  }
}

export type ConfigErrorCode =
  | "unknown-item"
  | "unknown-group"
  | "readonly"
  | "required"
  | "regex"
  | "invalid-regex"
  | "invalid-bool"
  | "invalid-option"
  | "template";

/**
 * A problem with one config item or group: returned by ConfigSession.validate() and thrown by
 * ConfigSession.set(). `message` names the item ("config item \"db_port\" (Port): must be a port
 * number"); `detail` is the same without the name, for display next to the field.
 */
export class ConfigError extends Error {
  constructor(
    readonly code: ConfigErrorCode,
    message: string,
    readonly detail: string,
    readonly item?: string,
    readonly group?: string,
  ) {
    super(message);
    this.name = "ConfigError";
  }
}
