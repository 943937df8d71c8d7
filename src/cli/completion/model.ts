/**
 * The command tree as shell completion needs it, read from commander's own help model
 * (`Help.visibleCommands/visibleOptions/visibleArguments`), so completion can never offer a
 * command or flag that `--help` does not list, nor miss one that it does.
 */
import type { Command, Option } from "commander";

/** What completes after a word: nothing in particular, file names, or a fixed list. */
export type ValueKind = { kind: "none" } | { kind: "file" } | { kind: "choices"; choices: string[] };

export interface OptionSpec {
  /** "--namespace" (every option has a long form here) */
  long?: string;
  /** "-n" */
  short?: string;
  description: string;
  /** The option takes a value (`<x>` or `[x]` in its flags). */
  takesValue: boolean;
  value: ValueKind;
}

export interface CommandSpec {
  /** Canonical name, "" for the program itself. */
  name: string;
  aliases: string[];
  description: string;
  options: OptionSpec[];
  commands: CommandSpec[];
  /** Positional arguments in order. */
  args: { name: string; value: ValueKind }[];
}

/** A value placeholder that names a file or directory: `<file>`, `[app]` (a release directory). */
const FILE_PLACEHOLDER = /file|dir|path|app/i;

function optionSpec(o: Option): OptionSpec {
  const placeholder = /[<[]([^>\]]+)[>\]]/.exec(o.flags)?.[1] ?? "";
  const takesValue = o.required || o.optional;
  const value: ValueKind = o.argChoices?.length
    ? { kind: "choices", choices: [...o.argChoices] }
    : takesValue && FILE_PLACEHOLDER.test(placeholder)
      ? { kind: "file" }
      : { kind: "none" };
  return { long: o.long, short: o.short, description: o.description, takesValue, value };
}

/**
 * The completion model of `cmd` and everything under it. `name` is "" for the root. The implicit
 * `help` command is kept (it is in --help too) and completes command names.
 */
export function completionModel(cmd: Command, name = ""): CommandSpec {
  const help = cmd.createHelp();
  const children = help.visibleCommands(cmd);
  const commands = children.map((c) => {
    const spec = completionModel(c, c.name());
    if (c.name() === "help" && spec.commands.length === 0 && spec.args.length > 0)
      spec.args = [{ name: "command", value: { kind: "choices", choices: children.map((x) => x.name()).filter((n) => n !== "help") } }];
    return spec;
  });
  return {
    name,
    aliases: [...cmd.aliases()],
    description: cmd.description().split("\n")[0] ?? "",
    options: help.visibleOptions(cmd).map(optionSpec),
    commands,
    // every registered argument (Help.visibleArguments lists them only when one has a description)
    args: cmd.registeredArguments.map((a) => ({
      name: a.name(),
      value: a.argChoices?.length ? { kind: "choices", choices: [...a.argChoices] } : FILE_PLACEHOLDER.test(a.name()) ? { kind: "file" } : { kind: "none" },
    })),
  };
}

/** Every command of the tree with its path of canonical names (root first, path ""). */
export function walkCommands(root: CommandSpec): { path: string; spec: CommandSpec }[] {
  const out: { path: string; spec: CommandSpec }[] = [];
  const visit = (spec: CommandSpec, path: string) => {
    out.push({ path, spec });
    for (const c of spec.commands) visit(c, path ? `${path} ${c.name}` : c.name);
  };
  visit(root, "");
  return out;
}

/** The option words of a spec: "-n", "--namespace", …, in help order. */
export function optionWords(spec: CommandSpec): string[] {
  return spec.options.flatMap((o) => [o.short, o.long].filter((x): x is string => !!x));
}

/** Words of the options that take a value (the next word is their value, not a command). */
export function valueOptionWords(spec: CommandSpec): string[] {
  return spec.options.filter((o) => o.takesValue).flatMap((o) => [o.short, o.long].filter((x): x is string => !!x));
}
