/**
 * Go's path/filepath.Join and Clean on '/'-separated paths (Go 1.26), which troubleshoot uses to
 * build the bundle path an analyzer reads (collectorName + fileName).
 */

/** filepath.Clean: one slash between names, no "." names, ".." resolved lexically, "" → ".". */
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

/** filepath.Join: the non-empty elements joined with "/" and cleaned; "" when all are empty. */
export function goJoinPath(...elems: string[]): string {
  const parts = elems.filter((e) => e !== "");
  return parts.length === 0 ? "" : goCleanPath(parts.join("/"));
}
