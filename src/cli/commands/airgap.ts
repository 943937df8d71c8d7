/**
 * `kots airgap build RELEASE_DIR --license-file F` — ours: KOTS has no such command (the
 * Replicated vendor portal builds `.airgap` bundles). It makes a bundle KOTS reads (airgap.yaml,
 * app.tar.gz, images/ in the registry-storage layout; docs/airgap.md) from a release directory
 * and the images the release names, pulled with the copy engine, so that tests and vendors can
 * make one. `--image-mirror FROM=TO` pulls the images of registry FROM from TO instead (same
 * repository path, like a containerd mirror or a pull-through cache); the bundle keeps the
 * original names. Exit 0 written, 2 bad input (nothing written), 1 other failures, 130 Ctrl-C.
 */
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { Option, type Command } from "commander";
import { CliError, UsageError } from "../errors.ts";
import { rethrowWithFinalEvent } from "../final-error.ts";
import { isReleaseDir } from "../../install/release.ts";
import { licenseFileAppSlug, loadSeeds } from "../../install/seeds.ts";
import { plainErrno } from "../../read-file.ts";
import { AirgapBuildInputError, buildAirgapBundle, parseMirror, releaseImages, type ImageMirror } from "../../airgap/build.ts";
import { CopyError, parsePlatform } from "../../registry/copy/index.ts";
import { formatBytes } from "../../../ui/pull-progress.ts";
import { PULL_BAD_INPUT_CODES } from "../../pull/images.ts";
import { withAirgapView } from "./airgap-view.ts";

interface BuildFlags {
  licenseFile?: string;
  licensePublicKey?: string;
  configValues?: string;
  imageMirror: string[];
  out?: string;
  platform?: string;
  includeAdminConsole?: boolean;
  kotsadmTag?: string;
  versionLabel?: string;
  releaseNotes?: string;
  caFile?: string;
  output: string;
}

const FIX: Record<string, string> = {
  unreachable: "check the registry address and the network, --image-mirror and --ca-file",
  unauthorized: "docker login to that registry (the Docker config is read)",
  "not-registry": "check the registry address and --image-mirror",
  "bad-endpoint": "check --image-mirror and --ca-file",
  "not-found": "check the image's name, tag and --platform in the release, and --image-mirror",
  "digest-mismatch": "run kots airgap build again",
  "disk-full": "free some space in the temporary directory and next to -o",
};

function buildError(err: unknown): unknown {
  if (err instanceof AirgapBuildInputError) return new UsageError(err.message);
  if (err instanceof CopyError) {
    const line = `image pull: ${err.message}${FIX[err.code] ? `: ${FIX[err.code]}` : ""}`;
    return PULL_BAD_INPUT_CODES.has(err.code) ? new UsageError(line) : new CliError(line, 1);
  }
  return err;
}

/** Registers `kots airgap build`. */
export function registerAirgap(program: Command): void {
  const airgap = program.command("airgap").description("airgap bundles (.airgap): `kots airgap build` (ours; KOTS has no such command)");
  airgap
    .command("build <release-dir>")
    .description(
      "build a .airgap bundle from a release directory and the images it names, as KOTS reads them (ours: KOTS has no such command; the vendor portal builds bundles)",
    )
    .addOption(new Option("--license-file <file>", "the app's license: its appSlug and channel name the bundle").env("KOTS_LICENSE_FILE"))
    .addOption(new Option("--license-public-key <file>", "also trust this RSA public key (PEM) for a vendor's own licenses").env("KOTS_LICENSE_PUBLIC_KEY"))
    .addOption(new Option("--config-values <file>", "ConfigValues to render the release with (image names may depend on config)").env("KOTS_CONFIG_VALUES"))
    .option("--image-mirror <from=to>", "pull images of registry FROM from TO (same repository path; repeatable), e.g. docker.io=127.0.0.1:5001", (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option("-o, --out <file>", "the bundle to write (default ./<appSlug>.airgap)")
    .option("--platform <os/arch>", "keep only this platform of multi-arch images (e.g. linux/amd64); default: every platform")
    .option("--include-admin-console", "add the Admin Console images (kotsadm, kotsadm-migrations, postgres, minio) for kots install --airgap-bundle")
    .option("--kotsadm-tag <tag>", "kotsadm tag of the Admin Console images (with --include-admin-console)")
    .option("--version-label <label>", "spec.versionLabel of airgap.yaml")
    .option("--release-notes <text>", "spec.releaseNotes of airgap.yaml")
    .addOption(new Option("--ca-file <file>", "PEM CA that signs the source registries' (or mirrors') certificates").env("KOTS_REGISTRY_CA_FILE"))
    .addOption(new Option("--output <format>", "text, or json: NDJSON events on stdout (docs/events.md)").choices(["text", "json"]).default("text"))
    .action(async (releaseDir: string, flags: BuildFlags) => {
      try {
        await runBuild(releaseDir, flags);
      } catch (err) {
        rethrowWithFinalEvent(buildError(err), flags.output === "json", {});
      }
    });
}

async function runBuild(releaseDir: string, flags: BuildFlags): Promise<void> {
  const started = Date.now();
  const json = flags.output === "json";
  if (!isReleaseDir(releaseDir)) throw new UsageError(`${releaseDir} is not a release directory: give the directory that holds the app's YAML`);
  if (!flags.licenseFile) throw new UsageError("missing input: --license-file (the app's license names the bundle's app)");
  if (flags.kotsadmTag !== undefined && !flags.includeAdminConsole) throw new UsageError("--kotsadm-tag is for --include-admin-console: add it, or drop --kotsadm-tag");
  const mirrors: ImageMirror[] = flags.imageMirror.map((m) => {
    try {
      return parseMirror(m);
    } catch (err) {
      throw buildError(err);
    }
  });
  if (flags.platform !== undefined)
    try {
      parsePlatform(flags.platform);
    } catch {
      throw new UsageError(`--platform ${flags.platform} is not a platform: use os/arch[/variant], e.g. linux/amd64`);
    }
  if (flags.caFile !== undefined && !existsSync(flags.caFile)) throw new UsageError(`--ca-file ${flags.caFile} cannot be read: ${plainErrno("ENOENT")}: give the registry CA's PEM file`);
  const appSlug = licenseFileAppSlug(flags.licenseFile);
  const seeds = await loadSeeds({ licenseFile: flags.licenseFile, configValuesFile: flags.configValues, appSlug }, flags.licensePublicKey, releaseDir);
  const out = flags.out ?? `${appSlug ?? "app"}.airgap`;
  const outDir = path.dirname(path.resolve(out));
  if (!existsSync(outDir) || !statSync(outDir).isDirectory()) throw new UsageError(`-o ${out}: the directory ${outDir} does not exist: create it or choose another path`);
  if (existsSync(out) && statSync(out).isDirectory()) throw new UsageError(`-o ${out} is a directory: give a file name, e.g. ${path.join(out, `${appSlug}.airgap`)}`);
  let images: string[];
  try {
    images = await releaseImages({ releaseDir, license: seeds.license!, configValues: seeds.configValues }, appSlug!);
  } catch (err) {
    throw buildError(err);
  }
  await withAirgapView(json, async (view, signal) => {
    view.phase("pull", images.length + (flags.includeAdminConsole ? 5 : 0), out);
    const r = await buildAirgapBundle({
      releaseDir,
      license: seeds.license!,
      configValues: seeds.configValues,
      output: out,
      mirrors,
      platform: flags.platform,
      includeAdminConsole: flags.includeAdminConsole,
      kotsadmTag: flags.kotsadmTag,
      versionLabel: flags.versionLabel,
      releaseNotes: flags.releaseNotes,
      src: { plainHttp: "loopback", caFile: flags.caFile },
      signal,
      onEvent: (e) => view.onEvent(e),
    });
    view.close();
    if (json) {
      process.stdout.write(JSON.stringify({ type: "done", at: Date.now(), durationMs: Date.now() - started, bundle: r.file, appSlug: r.appSlug, images: r.images, bytes: r.bytes }) + "\n");
      return;
    }
    process.stderr.write(`Wrote ${r.file} (${formatBytes(r.bytes)}): app ${r.appSlug}, ${r.images.length} image${r.images.length === 1 ? "" : "s"}, ${r.blobs} blobs\n`);
    process.stdout.write(`${r.file}\n`);
  });
}
