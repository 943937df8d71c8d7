/**
 * The part of the bash and zsh completion scripts both shells run unchanged: lookup functions
 * generated from the tables, and `__kots_candidates CUR WORD…`, which walks the words before the
 * cursor (after the program name) to the command path and prints what completes at the cursor,
 * one line each: `cmds PATH`, `opts PATH`, `file`, or `choices:A B …`. Written in the common
 * subset of bash and zsh (positional parameters, `case`, `[ ]`), no arrays.
 */
import { shQuote, valueCode, type PathTable } from "./tables.ts";

const caseArm = (pattern: string, body: string) => `    ${shQuote(pattern)}) ${body} ;;`;

/** The lookup functions and `__kots_candidates` for `tables`. */
export function shEngine(tables: PathTable[]): string {
  const child = tables.flatMap((t) => t.children.map((c) => caseArm(`${t.path}|${c.word}`, `echo ${shQuote(c.path)}`)));
  const words = tables.map((t) => caseArm(t.path, `echo ${shQuote(t.children.map((c) => c.word).join(" "))}`));
  const opts = tables.map((t) => caseArm(t.path, `echo ${shQuote(t.options.map((o) => o.word).join(" "))}`));
  const vopt = tables.flatMap((t) => t.values.map((v) => caseArm(`${t.path}|${v.word}`, `echo ${shQuote(valueCode(v.value))}`)));
  const args = tables.flatMap((t) => t.args.map((a, i) => caseArm(`${t.path}|${i}`, `echo ${shQuote(valueCode(a))}`)));
  return `# command path + word -> child command path (aliases resolve to the canonical name)
__kots_child() {
  case "$1|$2" in
${child.join("\n")}
  esac
}
# command path -> its subcommand names and aliases
__kots_words() {
  case "$1" in
${words.join("\n")}
  esac
}
# command path -> its option words
__kots_opts() {
  case "$1" in
${opts.join("\n")}
  esac
}
# command path + option word -> what completes after it (file, choices:…, or nothing); status 1 when it takes no value
__kots_vopt() {
  case "$1|$2" in
${vopt.join("\n")}
    *) return 1 ;;
  esac
}
# command path + positional index -> what completes there
__kots_arg() {
  case "$1|$2" in
${args.join("\n")}
  esac
}
# __kots_candidates CUR WORD...: what completes at the cursor, after the words before it
__kots_candidates() {
  __kots_cur=$1
  shift
  __kots_path=''
  __kots_npos=0
  __kots_pending=''
  for __kots_w in "$@"; do
    if [ -n "$__kots_pending" ]; then
      __kots_pending=''
      continue
    fi
    case "$__kots_w" in
      --*=*) continue ;;
      -*)
        if __kots_vopt "$__kots_path" "$__kots_w" >/dev/null; then __kots_pending=$__kots_w; fi
        continue
        ;;
    esac
    __kots_c=$(__kots_child "$__kots_path" "$__kots_w")
    if [ -n "$__kots_c" ]; then
      __kots_path=$__kots_c
      __kots_npos=0
    else
      __kots_npos=$((__kots_npos + 1))
    fi
  done
  if [ -n "$__kots_pending" ]; then
    __kots_vopt "$__kots_path" "$__kots_pending"
    return 0
  fi
  case "$__kots_cur" in
    --*=*) __kots_vopt "$__kots_path" "\${__kots_cur%%=*}" ;;
    -*) echo "opts $__kots_path" ;;
    *)
      [ -n "$(__kots_words "$__kots_path")" ] && echo "cmds $__kots_path"
      __kots_arg "$__kots_path" "$__kots_npos"
      ;;
  esac
  return 0
}`;
}
