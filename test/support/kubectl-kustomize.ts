/** `kubectl kustomize DIR` with the kubectl built for the test cluster (scripts/cluster bin-dir; scripts/cluster build makes it). */
import { existsSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";

const REPO = path.resolve(import.meta.dir, "../..");

/** The test cluster's kubectl; throws when it is not built (a test must not pass without it). */
export function testKubectl(): string {
  const r = Bun.spawnSync([path.join(REPO, "scripts/cluster"), "bin-dir"], { stdout: "pipe", stderr: "pipe" });
  const bin = path.join(r.stdout.toString().trim().split("\n").pop() ?? "", "kubectl");
  if (!existsSync(bin)) throw new Error(`no kubectl at ${bin}: run scripts/cluster build`);
  return bin;
}

/** The documents `kubectl kustomize dir` prints; throws with kubectl's stderr when it fails. */
export function kustomizeDocs(dir: string): Record<string, unknown>[] {
  const r = Bun.spawnSync([testKubectl(), "kustomize", dir], { stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`kubectl kustomize ${dir} failed: ${r.stderr.toString()}`);
  return parseAllDocuments(r.stdout.toString()).map((d) => d.toJS() as Record<string, unknown>).filter(Boolean);
}
