/**
 * Go's path/filepath.Match on '/'-separated paths: `*` matches any run of non-'/' characters,
 * `?` one non-'/' character, `[…]` a class (`^` negates, `a-z` ranges), `\` escapes. A malformed
 * pattern matches nothing (Go returns ErrBadPattern, which troubleshoot ignores).
 */
export function goPathMatch(pattern: string, name: string): boolean {
  const re = toRegExp(pattern);
  return re !== null && re.test(name);
}

const cache = new Map<string, RegExp | null>();

function toRegExp(pattern: string): RegExp | null {
  if (cache.has(pattern)) return cache.get(pattern)!;
  let src = "^";
  let ok = true;
  for (let i = 0; i < pattern.length && ok; i++) {
    const c = pattern[i];
    if (c === "*") src += "[^/]*";
    else if (c === "?") src += "[^/]";
    else if (c === "\\") {
      if (i + 1 >= pattern.length) ok = false;
      else src += escape(pattern[++i]);
    } else if (c === "[") {
      let j = i + 1;
      let cls = "";
      if (pattern[j] === "^") {
        cls += "^";
        j++;
      }
      let any = false;
      while (j < pattern.length && (pattern[j] !== "]" || !any)) {
        let ch = pattern[j];
        if (ch === "\\") ch = pattern[++j] ?? "";
        if (ch === "" || ch === "/") {
          ok = false;
          break;
        }
        cls += ch === "-" && pattern[j - 1] !== "\\" && any && pattern[j + 1] !== "]" ? "-" : escape(ch);
        any = true;
        j++;
      }
      if (j >= pattern.length || !any) ok = false;
      src += cls.startsWith("^") ? `(?!/)[${cls}]` : `[${cls}]`;
      i = j;
    } else src += escape(c);
  }
  const re = ok ? new RegExp(`${src}$`, "s") : null;
  cache.set(pattern, re);
  return re;
}

function escape(c: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(c) ? `\\${c}` : c;
}
