/**
 * The collected data of one preflight run, as troubleshoot keeps it: a map of bundle paths
 * (e.g. `cluster-resources/deployments/default.json`) to file contents. Analyzers read it through
 * `get` and `find`, which behave as troubleshoot v0.133.0 pkg/preflight/analyze.go doAnalyze's
 * getCollectedFileContents and getChildCollectedFileContents.
 */
import { AnalyzeError } from "./types.ts";
import { goPathMatch } from "./go-path-match.ts";

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
   */
  find(prefix: string, exclude: string[] = []): Map<string, Uint8Array> {
    const out = new Map<string, Uint8Array>();
    for (const [k, v] of this.files) if (k.startsWith(prefix) || goPathMatch(prefix, k)) out.set(k, v);
    for (const k of [...out.keys()]) if (exclude.some((ex) => goPathMatch(ex, k))) out.delete(k);
    if (out.size === 0) throw new AnalyzeError(`File not found: ${prefix}`);
    return out;
  }
}
