import type { ConfigValueEntry, ItemType } from "./schema.ts";

/** Fields of a Config group or item that may hold `repl` templates, with their source line. */
export type TemplatedField = "title" | "description" | "help_text" | "default" | "value" | "when" | "filename";
export type FieldLines = Partial<Record<TemplatedField, number>>;

/** An option of a select_one or radio item. */
export interface ConfigOption {
  name: string;
  title: string;
  recommended: boolean;
}

/** A Config item as written in the release: template text unrendered, "" where a field is absent. */
export interface ConfigItem {
  name: string;
  type: ItemType;
  title: string;
  helpText: string;
  recommended: boolean;
  /** template text; a YAML bool is "1"/"0" */
  default: string;
  /** template text; a YAML bool is "1"/"0" */
  value: string;
  readonly: boolean;
  hidden: boolean;
  required: boolean;
  /** template text; "" = always; hidden when it renders to "false" */
  when: string;
  options: ConfigOption[];
  filename: string;
  validation?: { pattern: string; message: string };
  /** the group's name */
  group: string;
  line: number;
  lines: FieldLines;
}

export interface ConfigGroup {
  name: string;
  title: string;
  description: string;
  when: string;
  items: ConfigItem[];
  line: number;
  lines: FieldLines;
}

/** A parsed kots.io/v1beta1 Config. `file` names the source in error messages. */
export interface Config {
  name: string;
  file: string;
  groups: ConfigGroup[];
}

/** A parsed kots.io/v1beta1 ConfigValues: spec.values by item name. */
export interface ConfigValues {
  name: string;
  values: Record<string, ConfigValueEntry>;
}

export type { ConfigValueEntry, ItemType };
