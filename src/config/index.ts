/**
 * kots.io/v1beta1 Config, ConfigValues and the `repl` templates (design §5), rendered by Go's
 * text/template + sprig + the KOTS functions compiled to WebAssembly (templates/go, src/templates).
 *
 *   const config = parseConfig(text, "kots-config.yaml");
 *   const session = newConfigSession(config, { values: parseConfigValues(cv).values, context: { namespace, license } });
 *   session.visibleGroups(); session.itemsOf("database"); session.set("db_port", "5432");
 *   session.validate();            // ConfigError[] (each names its item)
 *   session.render(manifestYaml, "deployment.yaml");
 *   session.toConfigValues();      // YAML, random values kept
 */
export { writeConfigValues } from "./configvalues.ts";
export type { ConfigLookup, TemplateContext } from "./context.ts";
export { analyzeTemplate, localRegistryImage, renderTemplate, toGoContext, type RenderOptions } from "./engine.ts";
export { ConfigError, ConfigParseError, type ConfigErrorCode } from "./errors.ts";
export type { Config, ConfigGroup, ConfigItem, ConfigOption, ConfigValueEntry, ConfigValues, ItemType } from "./model.ts";
export { parseConfig, parseConfigValues } from "./parse.ts";
export { CONFIG_API_VERSION, ITEM_TYPES } from "./schema.ts";
export { newConfigSession, type ConfigSession, type ConfigSessionOptions, type GroupView, type ItemView } from "./session.ts";
export { TemplateError } from "./template-error.ts";
