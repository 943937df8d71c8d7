/**
 * Go's path.Clean / path.Join (and path/filepath's, which are the same on Linux) on '/'-separated
 * paths, as troubleshoot v0.133.0 (Go 1.26) uses them to build the bundle paths analyzers read
 * (collectorName + fileName). Source of the rules: Go's path and path/filepath packages.
 */

/**
 * path.Clean / filepath.Clean: the shortest equivalent path — one slash between names, no "."
 * names, ".." resolved lexically (dropped at the root of a rooted path), "" → ".".
 */
export function goCleanPath(p: string): string {
  if (p === "") return ".";
  const rooted = p.startsWith("/");
  const out: string[] = [];
  for (const part of p.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
      continue;
    }
    out.push(part);
  }
  const joined = out.join("/");
  if (rooted) return `/${joined}`;
  return joined === "" ? "." : joined;
}

/** path.Join / filepath.Join: the non-empty elements joined with "/" and cleaned; "" when all are empty. */
export function goJoinPath(...elems: string[]): string {
  const parts = elems.filter((e) => e !== "");
  return parts.length === 0 ? "" : goCleanPath(parts.join("/"));
}
