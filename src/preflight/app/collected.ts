/**
 * The collected data of one preflight run, as troubleshoot keeps it: a map of bundle paths
 * (e.g. `cluster-resources/deployments/default.json`) to file contents. Analyzers read it through
 * `get` and `find`, which behave as troubleshoot v0.133.0 pkg/preflight/analyze.go doAnalyze's
 * getCollectedFileContents and getChildCollectedFileContents.
 */
import { AnalyzeError } from "./types.ts";
import { goPathMatch } from "./go-path-match.ts";
import { goCleanPath } from "../../go/path.ts";

export class CollectedFiles {
  readonly files: Map<string, Uint8Array>;

  constructor(files: Map<string, Uint8Array | string> | Record<string, Uint8Array | string> = new Map()) {
    this.files = new Map();
    const entries = files instanceof Map ? files.entries() : Object.entries(files);
    for (const [k, v] of entries) this.files.set(k, typeof v === "string" ? new TextEncoder().encode(v) : v);
  }

  set(path: string, data: Uint8Array | string): void {
    this.files.set(path, typeof data === "string" ? new TextEncoder().encode(data) : data);
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  /** The file's bytes. Throws AnalyzeError "file PATH was not collected" (troubleshoot's text). */
  get(path: string): Uint8Array {
    const v = this.files.get(path);
    if (!v) throw new AnalyzeError(`file ${path} was not collected`);
    return v;
  }

  /** The file as UTF-8 text; throws as `get`. */
  text(path: string): string {
    return new TextDecoder().decode(this.get(path));
  }

  /** The file parsed as JSON; throws as `get`, or SyntaxError. */
  json<T = unknown>(path: string): T {
    return JSON.parse(this.text(path)) as T;
  }

  /**
   * Every file whose path starts with `prefix` or matches it as a Go filepath.Match pattern, less
   * those matching any `exclude` pattern. Throws AnalyzeError "File not found: PREFIX" when none.
   * (The in-cluster path, pkg/preflight/analyze.go; troubleshoot's CLI uses `glob`.)
   */
  find(prefix: string, exclude: string[] = []): Map<string, Uint8Array> {
    const out = new Map<string, Uint8Array>();
    for (const [k, v] of this.files) if (k.startsWith(prefix) || goPathMatch(prefix, k)) out.set(k, v);
    for (const k of [...out.keys()]) if (exclude.some((ex) => goPathMatch(ex, k))) out.delete(k);
    if (out.size === 0) throw new AnalyzeError(`File not found: ${prefix}`);
    return out;
  }

  /**
   * troubleshoot's `preflight` CLI lookup (v0.133.0 pkg/analyze/download.go getChildFileContents):
   * filepath.Glob of the cleaned pattern, less the files of the `exclude` globs; none found is an
   * empty map, not an error. A pattern that names a directory throws as reading it does in Go.
   */
  glob(pattern: string, exclude: string[] = []): Map<string, Uint8Array> {
    const clean = cleanPath(pattern);
    const out = new Map<string, Uint8Array>();
    for (const [k, v] of this.files) if (goPathMatch(clean, k)) out.set(k, v);
    for (const dir of this.directories()) if (goPathMatch(clean, dir)) throw new AnalyzeError(`read "${dir}": read ${dir}: is a directory`);
    for (const ex of exclude) for (const k of [...out.keys()]) if (goPathMatch(cleanPath(ex), k)) out.delete(k);
    return out;
  }

  private directories(): Set<string> {
    const dirs = new Set<string>();
    for (const k of this.files.keys()) for (let i = k.indexOf("/"); i > 0; i = k.indexOf("/", i + 1)) dirs.add(k.slice(0, i));
    return dirs;
  }
}

/**
 * Go path.Clean of a path inside the bundle, taken relative to its root (a leading "/" is dropped,
 * as filepath.Join(bundleRoot, p) does): no empty, "." or trailing elements; ".." folds.
 */
function cleanPath(p: string): string {
  return goCleanPath(p.replace(/^\/+/, ""));
}
