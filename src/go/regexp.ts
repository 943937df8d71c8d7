/**
 * Go's regexp package, run by Go itself (templates/go/regexp.go in the template engine's
 * WebAssembly module, loaded on first use): RE2 syntax and matching exactly as Go's
 * regexp.Compile, MatchString and FindStringSubmatch have them.
 */
import { TemplateEngineError, templateOp } from "../templates/index.ts";

/** A pattern Go's regexp.Compile rejects; `message` is Go's text ("error parsing regexp: missing closing ): `(a`"). */
export class GoRegexpError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GoRegexpError";
  }
}

function op<T>(name: string, pattern: string, text: string): T {
  try {
    return templateOp<T>(name, { pattern, text });
  } catch (e) {
    // an op error is Go's compile error; an engine that cannot load stays a TemplateEngineError
    if (e instanceof TemplateEngineError && e.op === name) throw new GoRegexpError(e.message);
    throw e;
  }
}

/**
 * regexp.MustCompile(pattern).MatchString(text): whether the RE2 pattern matches anywhere in text.
 * @throws GoRegexpError when Go's regexp.Compile rejects the pattern; TemplateEngineError when the
 *   engine cannot load
 */
export function goRegexpMatch(pattern: string, text: string): boolean {
  return op<{ matched: boolean }>("regexp.match", pattern, text).matched;
}

/**
 * SubexpNames and FindStringSubmatch of pattern over text: `names[i]` is group i's name ("" for
 * index 0 and unnamed groups); `groups` the leftmost-first match and its groups ("" for a group
 * that took no part), null when nothing matches.
 * @throws GoRegexpError, TemplateEngineError as goRegexpMatch
 */
export function goRegexpSubmatch(pattern: string, text: string): { names: string[]; groups: string[] | null } {
  return op("regexp.submatch", pattern, text);
}
