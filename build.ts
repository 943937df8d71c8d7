#!/usr/bin/env bun
/**
 * Builds the standalone `kots` executables with `bun build --compile` (design §7 flags).
 *   bun run build            dist/kots for this host
 *   bun run build --all      also dist/kots-<os>-<arch> for linux-x64, linux-arm64, darwin-arm64,
 *                           darwin-x64, and dist/SHA256SUMS over every file it made
 * First the template engine (templates/go, Go → WebAssembly, cached) is built into
 * src/templates/generated/, which the bundle embeds (templates/build-wasm.ts), and the Helm
 * renderer (templates/helm, cached) into src/helm/generated/ (templates/helm/build-wasm.ts).
 */
import { $ } from "bun";
import { mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import path from "node:path";
import { buildTemplatesWasm } from "./templates/build-wasm.ts";
import { buildHelmWasm } from "./templates/helm/build-wasm.ts";

const root = import.meta.dir;
const dist = path.join(root, "dist");
const pkg = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as { version: string };
const commit = (await $`git -C ${root} rev-parse --short=12 HEAD`.nothrow().quiet().text()).trim() || "unknown";

// SOURCE_DATE_EPOCH (reproducible-builds.org) pins the build date; otherwise it is now.
const epoch = Number(process.env.SOURCE_DATE_EPOCH);
const buildDate = new Date(Number.isFinite(epoch) && process.env.SOURCE_DATE_EPOCH ? epoch * 1000 : Date.now()).toISOString().replace(/\.\d{3}Z$/, "Z");

const TARGETS = ["linux-x64", "linux-arm64", "darwin-arm64", "darwin-x64"] as const;

const FLAGS = [
  "--compile",
  "--production",
  "--bytecode",
  "--format=esm",
  "--no-compile-autoload-dotenv",
  "--no-compile-autoload-bunfig",
  `--define=KOTS_TUI_VERSION=${JSON.stringify(pkg.version)}`,
  `--define=KOTS_TUI_COMMIT=${JSON.stringify(commit)}`,
  `--define=KOTS_TUI_BUILD_DATE=${JSON.stringify(buildDate)}`,
];

async function compile(outfile: string, target?: string): Promise<void> {
  const args = ["build", ...FLAGS, ...(target ? [`--target=bun-${target}`] : []), "--outfile", outfile, "src/cli/main.ts"];
  const proc = Bun.spawn(["bun", ...args], { cwd: root, stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  if (code !== 0) {
    process.stderr.write(out + err);
    throw new Error(`bun build failed for ${target ?? "host"} (exit ${code})`);
  }
}

async function sha256(file: string): Promise<string> {
  return createHash("sha256").update(new Uint8Array(await Bun.file(file).arrayBuffer())).digest("hex");
}

await mkdir(dist, { recursive: true });
const started = performance.now();
// the template engine (templates/go → WebAssembly) the bundle embeds; fails the build when Go is missing
const engine = buildTemplatesWasm((l) => process.stderr.write(l + "\n"));
process.stderr.write(
  `templates: ${engine.built ? "built" : "cached"} engine ${(engine.wasmBytes / 1048576).toFixed(1)} MiB wasm, ${(engine.compressedBytes / 1048576).toFixed(1)} MiB zstd\n`,
);
// the Helm renderer (templates/helm → WebAssembly, a second module loaded only for HelmCharts)
const helm = buildHelmWasm((l) => process.stderr.write(l + "\n"));
process.stderr.write(`helm: ${helm.built ? "built" : "cached"} renderer ${(helm.wasmBytes / 1048576).toFixed(1)} MiB wasm, ${(helm.compressedBytes / 1048576).toFixed(1)} MiB zstd\n`);
const made: string[] = [];
await compile(path.join(dist, "kots"));
made.push("kots");
// `kubectl kots …` finds a kubectl plugin named kubectl-kots on PATH.
await rm(path.join(dist, "kubectl-kots"), { force: true });
await symlink("kots", path.join(dist, "kubectl-kots"));
if (process.argv.includes("--all")) {
  for (const t of TARGETS) {
    await compile(path.join(dist, `kots-${t}`), t);
    made.push(`kots-${t}`);
  }
  const lines = await Promise.all(made.map(async (f) => `${await sha256(path.join(dist, f))}  ${f}`));
  await writeFile(path.join(dist, "SHA256SUMS"), lines.join("\n") + "\n");
  made.push("SHA256SUMS");
}
const ms = Math.round(performance.now() - started);
for (const f of made) process.stderr.write(`built dist/${f} (${(Bun.file(path.join(dist, f)).size / 1048576).toFixed(1)} MiB)\n`);
process.stderr.write(`build: ${made.length} file(s) in ${ms} ms, version ${pkg.version}, commit ${commit}\n`);
