/**
 * `WWW-Authenticate` challenges of a registry (RFC 7235 syntax as the Docker token auth spec uses
 * it): `Basic realm="…"` or `Bearer realm="https://auth/token",service="registry",scope="repository:a/b:pull"`.
 */

/** One parsed challenge: lower-case scheme and its parameters (names lower-cased, values unquoted). */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/** Parses every challenge in a header value. Unknown or garbled parts are skipped, never thrown. */
export function parseChallenges(header: string | null | undefined): Challenge[] {
  if (!header) return [];
  const out: Challenge[] = [];
  // scheme followed by auth-params; a new challenge starts at a token followed by a space and a param or end.
  const re = /([A-Za-z][A-Za-z0-9._~+\/-]*)\s*(?:=\s*("(?:[^"\\]|\\.)*"|[^\s,]*))?\s*,?\s*/g;
  let cur: Challenge | undefined;
  let m: RegExpExecArray | null;
  while ((m = re.exec(header)) !== null && m[0] !== "") {
    const [, name, value] = m;
    if (value === undefined) {
      cur = { scheme: name!.toLowerCase(), params: {} };
      out.push(cur);
    } else if (cur) {
      cur.params[name!.toLowerCase()] = value.startsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, "$1") : value;
    }
  }
  return out;
}

/** The Docker token spec's scope for a repository: `repository:<name>:<actions>`. */
export function repositoryScope(repository: string, actions: "pull" | "pull,push"): string {
  return `repository:${repository}:${actions}`;
}
