/**
 * troubleshoot's message templates (troubleshoot v0.133.0 internal/util/util.go RenderTemplate),
 * run by Go itself: the template engine's WebAssembly module (templates/go/preflight_render.go,
 * op gotemplate.render) parses the text as a text/template named "data" with the `{{ }}`
 * delimiters and sprig's FuncMap and executes it with the dot built here from typed JSON
 * (templates/go/preflight_value.go). A text without "{{" is returned as is without loading the
 * module (Go would print it unchanged).
 */
import { readFileSync } from "node:fs";
import { TemplateEngineError, templateOp } from "../../templates/index.ts";
import { formatGoFloat } from "../../go/fmt.ts";
import { DATA_KEY_TYPES } from "./analyzers/data-value.ts";

/** A template Go could not parse or execute; `message` is Go's text ("template: data:1:3: executing …"). */
export class GoTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GoTemplateError";
  }
}

/**
 * A value of a Go type the engine declares (templates/go/preflight_types.go: the Kubernetes kinds
 * as "v1.Pod", "v1.Event", …, and "analyzer.NodeResourceMsg", "analyzer.matchedContainerInfo"),
 * decoded by encoding/json from `json` (a k8s object as collected; for the troubleshoot structs,
 * their Go field names or JSON keys); `ptr`: the dot is a pointer to it (troubleshoot passes
 * *v1.Event and *matchedContainerInfo).
 */
export class GoTyped {
  constructor(
    readonly type: string,
    readonly json: unknown,
    readonly ptr = false,
    /** the object is an item of a collected list file (pods, events): see templates/go preflight_value.go indentManagedFields */
    readonly listItem = false,
  ) {}
}

/** A Go map[string]string (analyzeRegexGroups' dot). */
export class GoStringMap {
  constructor(readonly entries: Readonly<Record<string, string>>) {}
}

/**
 * Data decoded by gopkg.in/yaml.v2 into interface {} (yamlCompare's dot): its maps are
 * map[interface {}]interface {}, keyed by the Go types data-value.ts records (DATA_KEY_TYPES).
 */
export class GoYamlData {
  constructor(readonly value: unknown) {}
}

/**
 * Renders `text` as troubleshoot's RenderTemplate does with `dot` as the data. `dot` is a GoTyped,
 * a GoStringMap, a GoYamlData, or a plain JS value taken as encoding/json leaves data in an
 * interface {}: objects → map[string]interface {}, arrays → []interface {}, numbers → float64,
 * bigints → int, strings, booleans, null → nil.
 * @throws GoTemplateError with Go's text when the template does not parse or execute;
 *   TemplateEngineError when the engine cannot load
 */
export function renderGoTemplate(text: string, dot: unknown): string {
  if (!text.includes("{{")) return text;
  try {
    return templateOp<{ text: string }>("gotemplate.render", { template: text, dot: encodeDot(dot, false), ...localZone() }).text;
  } catch (e) {
    if (e instanceof TemplateEngineError && e.op === "gotemplate.render") throw new GoTemplateError(e.message);
    throw e;
  }
}

let zoneSent: string | undefined;

/**
 * The local time zone as Go's time package finds it on Linux and macOS (troubleshoot's metav1
 * times print in it): TZ unset → /etc/localtime, TZ="" → UTC, TZ=":x" or "x" → that file, or
 * /usr/share/zoneinfo/x; a file that cannot be read → UTC, as Go falls back. Sent to the engine
 * (zone name + tzdata, base64) only when it changes, so the module needs no tz database of its own.
 */
function localZone(): { zone?: string; zoneData?: string } {
  const tz = process.env.TZ;
  const key = tz === undefined ? "\0localtime" : tz;
  if (key === zoneSent) return {};
  zoneSent = key;
  if (tz === "") return { zone: "UTC" };
  const name = tz === undefined ? "/etc/localtime" : tz.replace(/^:/, "");
  const file = name.startsWith("/") ? name : `/usr/share/zoneinfo/${name}`;
  try {
    return { zone: key, zoneData: readFileSync(file).toString("base64") };
  } catch {
    return { zone: "UTC" };
  }
}

/** The typed JSON node of a value (templates/go/preflight_value.go pfDecodeValue). */
function encodeDot(v: unknown, yaml: boolean): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof GoTyped) return { go: v.type, json: v.json ?? {}, ptr: v.ptr, listItem: v.listItem };
  if (v instanceof GoStringMap) return { smap: v.entries };
  if (v instanceof GoYamlData) return encodeDot(v.value, true);
  switch (typeof v) {
    case "string":
    case "boolean":
      return v;
    case "bigint":
      return v > (1n << 63n) - 1n ? { uint64: String(v) } : { int: String(v) };
    case "number":
      return Number.isFinite(v) && !Object.is(v, -0) ? v : { float: formatGoFloat(v) };
  }
  if (Array.isArray(v)) return v.map((x) => encodeDot(x, yaml));
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (!yaml) return { map: keys.map((k) => [k, encodeDot(o[k], false)]) };
    const types = (o as { [DATA_KEY_TYPES]?: Map<string, string> })[DATA_KEY_TYPES];
    return { imap: keys.map((k) => [yamlKey(k, types?.get(k) ?? "string"), encodeDot(o[k], true)]) };
  }
  throw new TypeError(`renderGoTemplate: cannot pass a ${typeof v} to a Go template`);
}

/** A yaml.v2 map key of Go type `type` (data-value.ts setDataKey) as a typed JSON node. */
function yamlKey(text: string, type: string): unknown {
  switch (type) {
    case "<nil>":
      return null;
    case "bool":
      return text === "true";
    case "int":
      return { int: text };
    case "uint64":
      return { uint64: text };
    case "float64":
      return { float: text };
  }
  return text;
}
