/**
 * Inputs the day-2 commands share (reset-password, remove, admin-console upgrade): the namespace
 * (argument, -n/--namespace or KOTS_NAMESPACE, never a default: these commands change an existing
 * install), durations, the output format and the confirmation rule. Each failure is a UsageError
 * (exit 2) naming the flag and the fix.
 */
import { UsageError } from "./errors.ts";
import { DNS1123_LABEL, MAX_WAIT_MS, parseDurationMs } from "../install/options.ts";
import { readBoundedText } from "../read-file.ts";

/** The namespace from an argument and/or -n (they must agree) or KOTS_NAMESPACE; checked as a DNS-1123 label. */
export function namespaceInput(arg: string | undefined, flag: string | undefined, env: Record<string, string | undefined> = process.env): string {
  if (arg !== undefined && flag !== undefined && arg !== flag) throw new UsageError(`the namespace is given twice (${arg} and -n ${flag}): give it once`);
  const ns = arg ?? flag ?? env.KOTS_NAMESPACE;
  if (!ns) throw new UsageError("missing input: namespace (-n/--namespace or KOTS_NAMESPACE)");
  if (ns.length > 63 || !DNS1123_LABEL.test(ns)) throw new UsageError(`namespace ${ns} is not a valid namespace name (DNS-1123 label: lower-case letters, digits and '-')`);
  return ns;
}

/** A Go-style duration flag (flag > env > default) in ms; UsageError naming the flag otherwise. */
export function durationInput(flag: string, value: string | undefined, envValue: string | undefined, fallback: string): number {
  const text = value ?? envValue ?? fallback;
  let ms: number;
  try {
    ms = parseDurationMs(text);
  } catch (err) {
    throw new UsageError(`--${flag} ${(err as Error).message}`);
  }
  if (ms <= 0 || ms > MAX_WAIT_MS) throw new UsageError(`--${flag} ${text} must be longer than 0s and at most 596h`);
  return ms;
}

/** --output text|json (flag > KOTS_OUTPUT > text). */
export function outputInput(value: string | undefined, env: Record<string, string | undefined> = process.env): "text" | "json" {
  const out = value ?? env.KOTS_OUTPUT ?? "text";
  if (out !== "text" && out !== "json") throw new UsageError(`--output ${out} is not supported: use text or json`);
  return out;
}

/** A boolean env var as the flags read them (true/1/yes). */
export function envFlag(value: string | undefined): boolean {
  return value !== undefined && /^(true|1|yes)$/i.test(value);
}

/**
 * A secret from `--<flag>-file FILE`, `--<flag>-stdin` or env `envName`, in that order (never
 * from argv). A trailing newline of a file or stdin is dropped. Returns the value and where it
 * came from (for messages that must not show it), or undefined when none was given.
 */
export async function secretInput(
  flag: string,
  file: string | undefined,
  stdin: boolean | undefined,
  envName: string,
  io: { env: Record<string, string | undefined>; readStdin: () => Promise<string> } = { env: process.env, readStdin: () => Bun.stdin.text() },
): Promise<{ value: string; source: string } | undefined> {
  if (file !== undefined && stdin) throw new UsageError(`give the ${flag} once: --${flag}-file or --${flag}-stdin`);
  if (file !== undefined) {
    try {
      return { value: readBoundedText(file).replace(/\r?\n$/, ""), source: `--${flag}-file ${file}` };
    } catch (err) {
      throw new UsageError(`--${flag}-file ${file} ${(err as Error).message}`);
    }
  }
  if (stdin) return { value: (await io.readStdin()).replace(/\r?\n$/, ""), source: `--${flag}-stdin` };
  const env = io.env[envName];
  return env !== undefined ? { value: env, source: envName } : undefined;
}
