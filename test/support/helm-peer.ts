/**
 * Helm's own `helm` CLI, the conformance peer of the HelmChart renderer (templates/helm): built
 * with the machine's Go from the Go module proxy (`go install helm.sh/helm/v3/cmd/helm@VERSION`,
 * the version templates/helm/go.mod requires) into ~/.cache/kots-tui/helm-peer/<version>/helm.
 * A few minutes cold. Throws with Go's last line when it cannot be built: the conformance test
 * then fails, it never passes without its peer.
 */
import { existsSync, mkdirSync, readFileSync, renameSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/** The helm.sh/helm/v3 version of templates/helm/go.mod. */
export function helmModuleVersion(): string {
  const mod = readFileSync(path.resolve(import.meta.dir, "../../templates/helm/go.mod"), "utf8");
  const m = /helm\.sh\/helm\/v3 (v\S+)/.exec(mod);
  if (!m) throw new Error("templates/helm/go.mod requires no helm.sh/helm/v3 version");
  return m[1]!;
}

/** Path of the peer `helm` binary (built when missing). @throws Error when Go cannot build it */
export function helmPeer(log: (line: string) => void = () => {}): string {
  const version = helmModuleVersion();
  const cache = process.env.KOTS_TUI_CACHE ?? path.join(os.homedir(), ".cache/kots-tui");
  const dir = path.join(cache, "helm-peer", version);
  const bin = path.join(dir, "helm");
  if (existsSync(bin)) return bin;
  const tmp = path.join(dir, "partial");
  mkdirSync(tmp, { recursive: true });
  log(`building helm ${version} from the Go module (a few minutes, once)`);
  const r = Bun.spawnSync(["go", "install", "-trimpath", "-ldflags=-s -w", `helm.sh/helm/v3/cmd/helm@${version}`], {
    env: { ...process.env, GOBIN: tmp, CGO_ENABLED: "0", GOFLAGS: "" },
    stdout: "pipe",
    stderr: "pipe",
  });
  if (r.exitCode !== 0) throw new Error(`building helm ${version} failed: ${r.stderr.toString().trim().split("\n").at(-1)}`);
  renameSync(path.join(tmp, "helm"), bin);
  return bin;
}

/** Runs the peer: `helm template RELEASE CHART -n NS --include-crds --values VALUES` → stdout. @throws Error with helm's stderr */
export function helmTemplate(chart: string, release: string, namespace: string, valuesFile: string): string {
  const r = Bun.spawnSync([helmPeer(), "template", release, chart, "-n", namespace, "--include-crds", "--values", valuesFile], {
    env: { ...process.env, HELM_CACHE_HOME: path.join(os.tmpdir(), "kots-tui-helm-peer-cache"), HELM_CONFIG_HOME: path.join(os.tmpdir(), "kots-tui-helm-peer-config"), HELM_DATA_HOME: path.join(os.tmpdir(), "kots-tui-helm-peer-data") },
    stdout: "pipe",
    stderr: "pipe",
  });
  if (r.exitCode !== 0) throw new Error(`helm template failed (exit ${r.exitCode}): ${r.stderr.toString().trim()}`);
  return r.stdout.toString();
}
