import { z } from "zod";

/**
 * zod schemas of kots.io/v1beta1 Config and ConfigValues (replicatedhq/kotskinds
 * apis/kots/v1beta1/config_types.go, configvalues_types.go). Fields KOTS has but this installer
 * does not use (repeatable items, affix, write_once…) are accepted and dropped.
 */

export const CONFIG_API_VERSION = "kots.io/v1beta1";

/** Item types this installer supports ("" is KOTS's EmptyItemType, treated as text). */
export const ITEM_TYPES = ["text", "textarea", "password", "file", "bool", "select_one", "radio", "label", "heading"] as const;
export type ItemType = (typeof ITEM_TYPES)[number];

/** Types whose value can be edited (KOTS pkg/template/config_context.go isReadOnly: label and heading are not). */
export const EDITABLE_TYPES: ReadonlySet<ItemType> = new Set(["text", "textarea", "password", "file", "bool", "select_one", "radio"]);

/**
 * multitype.BoolOrString: a YAML bool becomes "1"/"0" (BoolOrString.String()); numbers are taken
 * as their text (KOTS would reject them; vendors write `default: 5432`).
 */
const BoolOrString = z
  .union([z.string(), z.boolean(), z.number()])
  .transform((v) => (typeof v === "boolean" ? (v ? "1" : "0") : String(v)));

/** multitype.QuotedBool: YAML bools become "true"/"false", ints 0 → "false", others "true"; strings stay (templates). */
const QuotedBool = z
  .union([z.string(), z.boolean(), z.number()])
  .transform((v) => (typeof v === "boolean" ? String(v) : typeof v === "number" ? String(v !== 0) : v));

const ChildItemSchema = z.object({
  name: z.string().min(1, "is missing"),
  title: z.string().default(""),
  recommended: z.boolean().optional(),
  default: BoolOrString.optional(),
  value: BoolOrString.optional(),
});

const ItemSchema = z.object({
  name: z.string().min(1, "is missing"),
  type: z.preprocess((v) => (v === undefined || v === null || v === "" ? "text" : v), z.enum(ITEM_TYPES)),
  title: z.string().default(""),
  help_text: z.string().default(""),
  recommended: z.boolean().default(false),
  default: BoolOrString.default(""),
  value: BoolOrString.default(""),
  readonly: z.boolean().default(false),
  hidden: z.boolean().default(false),
  required: z.boolean().default(false),
  when: QuotedBool.default(""),
  items: z.array(ChildItemSchema).default([]),
  filename: z.string().default(""),
  validation: z
    .object({
      regex: z.object({ pattern: z.string().min(1, "is missing"), message: z.string().default("") }).optional(),
    })
    .optional(),
});

const GroupSchema = z.object({
  name: z.string().min(1, "is missing"),
  title: z.string().default(""),
  description: z.string().default(""),
  when: QuotedBool.default(""),
  items: z.array(ItemSchema).default([]),
});

export const ConfigSchema = z.object({
  apiVersion: z.literal(CONFIG_API_VERSION),
  kind: z.literal("Config"),
  metadata: z.object({ name: z.string().default("") }).default({ name: "" }),
  spec: z.object({ groups: z.array(GroupSchema).default([]) }),
});
export type ConfigDocument = z.infer<typeof ConfigSchema>;

/** A ConfigValues field: a string; YAML numbers and bools are accepted as their text ("1"/"0" for bools). */
const ValueText = z
  .union([z.string(), z.boolean(), z.number()])
  .transform((v) => (typeof v === "boolean" ? (v ? "1" : "0") : String(v)))
  .optional();

export const ConfigValueSchema = z.object({
  value: ValueText,
  default: ValueText,
  valuePlaintext: ValueText,
  data: ValueText,
  dataPlaintext: ValueText,
  filename: ValueText,
  repeatableItem: ValueText,
});
export type ConfigValueEntry = z.infer<typeof ConfigValueSchema>;

export const ConfigValuesSchema = z.object({
  apiVersion: z.literal(CONFIG_API_VERSION),
  kind: z.literal("ConfigValues"),
  metadata: z.object({ name: z.string().default("") }).default({ name: "" }),
  spec: z.object({ values: z.record(z.string(), z.union([ConfigValueSchema, z.null().transform(() => ({}))])).default({}) }),
});
