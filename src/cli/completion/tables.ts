/**
 * The lookup tables every shell script is generated from: for each command path ("" for the
 * root, "admin-console upgrade" for a subcommand), its subcommands (aliases resolved to the
 * canonical name), option words, value options with what completes after them, and positional
 * arguments. Pure: model in, plain data out.
 */
import { optionWords, valueOptionWords, walkCommands, type CommandSpec, type ValueKind } from "./model.ts";

export interface PathTable {
  path: string;
  /** Child names and aliases → the child's path. */
  children: { word: string; path: string; description: string; alias: boolean }[];
  options: { word: string; description: string }[];
  valueOptions: string[];
  /** What completes after a value option, by option word. */
  values: { word: string; value: ValueKind }[];
  args: ValueKind[];
}

export function completionTables(root: CommandSpec): PathTable[] {
  return walkCommands(root).map(({ path, spec }) => ({
    path,
    children: spec.commands.flatMap((c) => {
      const childPath = path ? `${path} ${c.name}` : c.name;
      return [c.name, ...c.aliases].map((word, i) => ({ word, path: childPath, description: c.description, alias: i > 0 }));
    }),
    options: spec.options.flatMap((o) => [o.short, o.long].filter((x): x is string => !!x).map((word) => ({ word, description: o.description }))),
    valueOptions: valueOptionWords(spec),
    values: spec.options.filter((o) => o.takesValue).flatMap((o) => [o.short, o.long].filter((x): x is string => !!x).map((word) => ({ word, value: o.value }))),
    args: spec.args.map((a) => a.value),
  }));
}

/** A word list as one shell word: single-quoted, `'` escaped as `'\''`. */
export function shQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** `kind` of a value as the scripts spell it: "file", "choices:a b", or "" for nothing. */
export function valueCode(v: ValueKind): string {
  return v.kind === "file" ? "file" : v.kind === "choices" ? `choices:${v.choices.join(" ")}` : "";
}

export { optionWords };
