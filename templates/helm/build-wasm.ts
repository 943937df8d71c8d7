#!/usr/bin/env bun
/**
 * Builds the Helm renderer (templates/helm: Helm v3's chart loader, values and engine, with client-go cut out by trimmedModule) to
 * WebAssembly with the machine's Go and writes what src/helm/assets.ts embeds:
 *   src/helm/generated/kots-helm.wasm.zst   the module, zstd level 19 (as templates/build-wasm.ts)
 * Go's wasm_exec.js comes from the template engine's build (src/templates/generated/, same Go).
 * A second module, not part of the template engine's: ~23 MiB raw / ~4 MiB zstd, ~0.3–0.5 s to load,
 * so it is embedded but loaded only when a release holds a kots.io/v1beta1 HelmChart (see
 * docs/design-notes.md "HelmChart"). Cached in ~/.cache/kots-tui/helm-wasm/<sha256 of
 * templates/helm sources + go version>/; the first build takes ~1 min of Go and ~15 s of zstd.
 * The cached build itself is templates/go-wasm.ts (shared with the template engine's).
 * `bun run templates/helm/build-wasm.ts` runs it.
 * @throws Error naming the reason (no `go` on PATH, the build's own output) — never a silent skip.
 */
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildGoWasm, goRunner, goSourceHash, type GoWasmResult } from "../go-wasm.ts";

const root = path.join(import.meta.dir, "..", "..");
const goDir = import.meta.dir;
export const HELM_GENERATED_DIR = path.join(root, "src", "helm", "generated");
export const HELM_WASM_NAME = "kots-helm.wasm.zst";

const run = goRunner("helm", goDir, "install Go ≥ 1.26 (scripts/setup) to build the Helm renderer");

/** sha256 over templates/helm's Go files and this script (path and content, sorted) and the Go version. */
export function helmSourceHash(goVersion: string): string {
  return goSourceHash(goDir, goVersion, [import.meta.path]);
}

/** Replaces `from` (which must occur exactly once) in `text`. @throws Error naming the file when Helm's source differs */
function replaceOnce(text: string, from: string | RegExp, to: string, file: string): string {
  const n = typeof from === "string" ? text.split(from).length - 1 : (text.match(new RegExp(from.source, "g")) ?? []).length;
  if (n !== 1) throw new Error(`helm: cannot trim ${file}: expected one ${String(from).slice(0, 60)}, found ${n} (Helm's source changed: update templates/helm/build-wasm.ts)`);
  return text.replace(from, to);
}

/** The `lookup` stand-in: `helm template` without a cluster has no client, so Helm's funcs.go lookup (empty maps) is what runs; this keeps the engine's types. */
const LOOKUP_STANDIN = `// Written by kots-tui's templates/helm/build-wasm.ts in place of Helm's lookup_func.go: the
// renderer never has a cluster client (helm template without --validate), so no client-go.
package engine

type lookupFunc = func(apiversion string, resource string, namespace string, name string) (map[string]interface{}, error)

// ClientProvider is never set in this build (Engine.clientProvider stays nil).
type ClientProvider interface {
	GetClientFor(apiVersion, kind string) (interface{}, bool, error)
}

func newLookupFunction(ClientProvider) lookupFunc {
	return func(string, string, string, string) (map[string]interface{}, error) { return map[string]interface{}{}, nil }
}
`;

/**
 * A copy of the Helm module (from Go's module cache) without client-go, and a work module that
 * builds templates/helm against it: ~23 MiB of wasm instead of ~75, 0.3 s to load instead of 1.2 s.
 * Three files change, mechanically: chartutil/capabilities.go gets DefaultVersionSet as a literal
 * (printed by cmd/versions, run natively against the unmodified module, so it is Helm's own list)
 * instead of computing it from client-go's scheme; engine/engine.go loses New and RenderWithClient
 * (the *rest.Config constructors); engine/lookup_func.go is replaced by LOOKUP_STANDIN. Rendering
 * is unchanged for `helm template` without a cluster (test/unit/helm/conformance.test.ts).
 * @returns the work module's directory. @throws Error when Helm's source is not as expected
 */
function trimmedModule(cache: string): string {
  const mod = readFileSync(path.join(goDir, "go.mod"), "utf8");
  const version = /helm\.sh\/helm\/v3 (v\S+)/.exec(mod)?.[1];
  if (!version) throw new Error("helm: templates/helm/go.mod requires no helm.sh/helm/v3 version");
  const versions = JSON.parse(run(["go", "run", "./cmd/versions"])) as string[];
  if (!Array.isArray(versions) || versions.length < 10) throw new Error("helm: cmd/versions printed no API version list");
  const dir = (JSON.parse(run(["go", "mod", "download", "-json", `helm.sh/helm/v3@${version}`])) as { Dir: string }).Dir;
  const src = path.join(cache, "helm-src");
  rmSync(src, { recursive: true, force: true });
  cpSync(dir, src, { recursive: true });
  Bun.spawnSync(["chmod", "-R", "u+w", src]);
  const edit = (rel: string, f: (t: string) => string) => {
    const p = path.join(src, rel);
    const text = f(readFileSync(p, "utf8"));
    rmSync(p);
    writeFileSync(p, text);
  };
  edit("pkg/chartutil/capabilities.go", (t) => {
    for (const imp of ['\t"k8s.io/client-go/kubernetes/scheme"\n', '\tapiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"\n', '\tapiextensionsv1beta1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1beta1"\n'])
      t = replaceOnce(t, imp, "", "pkg/chartutil/capabilities.go");
    return replaceOnce(t, /func allKnownVersions\(\) VersionSet \{[\s\S]*?\n\}\n/, `func allKnownVersions() VersionSet {\n\treturn VersionSet{${versions.map((v) => JSON.stringify(v)).join(", ")}}\n}\n`, "pkg/chartutil/capabilities.go");
  });
  edit("pkg/engine/engine.go", (t) => {
    t = replaceOnce(t, '\t"k8s.io/client-go/rest"\n', "", "pkg/engine/engine.go");
    t = replaceOnce(t, /func New\(config \*rest\.Config\) Engine \{[\s\S]*?\n\}\n/, "", "pkg/engine/engine.go");
    return replaceOnce(t, /func RenderWithClient\(chrt \*chart\.Chart, values chartutil\.Values, config \*rest\.Config\) \(map\[string\]string, error\) \{[\s\S]*?\n\}\n/, "", "pkg/engine/engine.go");
  });
  edit("pkg/engine/lookup_func.go", () => LOOKUP_STANDIN);
  const work = path.join(cache, "work");
  rmSync(work, { recursive: true, force: true });
  mkdirSync(path.join(work, "cmd"), { recursive: true });
  for (const f of ["render.go", "go.sum"]) copyFileSync(path.join(goDir, f), path.join(work, f));
  cpSync(path.join(goDir, "cmd", "wasm"), path.join(work, "cmd", "wasm"), { recursive: true });
  writeFileSync(path.join(work, "go.mod"), `${mod.trimEnd()}\n\nreplace helm.sh/helm/v3 => ../helm-src\n`);
  return work;
}

/**
 * Makes src/helm/generated/kots-helm.wasm.zst current for templates/helm (cached build).
 * @returns the cache directory, whether Go ran, raw and compressed sizes in bytes
 * @throws Error when Go is missing or the build fails
 */
export function buildHelmWasm(log: (line: string) => void = () => {}): GoWasmResult {
  return buildGoWasm(
    {
      label: "helm",
      goDir,
      run,
      cacheName: "helm-wasm",
      hashExtra: [import.meta.path],
      wasmName: HELM_WASM_NAME,
      outDir: HELM_GENERATED_DIR,
      buildingLine: (goVersion) => `helm: building the Helm renderer with ${goVersion} (GOOS=js GOARCH=wasm; minutes, once)`,
      logCompress: true,
      prepare: trimmedModule,
      buildEnv: { GOFLAGS: "-mod=mod" },
    },
    log,
  );
}

if (import.meta.main) {
  const r = buildHelmWasm((l) => process.stderr.write(l + "\n"));
  process.stderr.write(`helm: ${r.built ? "built" : "cached"} ${(r.wasmBytes / 1048576).toFixed(1)} MiB wasm, ${(r.compressedBytes / 1048576).toFixed(2)} MiB zstd (${r.dir})\n`);
}
