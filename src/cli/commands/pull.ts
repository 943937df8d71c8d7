import { statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Option, type Command } from "commander";
import { CliError, UsageError } from "../errors.ts";
import { isReleaseDir } from "../../install/release.ts";
import { plainErrno } from "../../read-file.ts";
import { pull, type PullOptions } from "../../pull/pull.ts";
import { parseRewriteTarget, RewriteInputError } from "../../pull/rewrite.ts";
import { credentialsFromDockerConfig, defaultDockerConfigPath } from "../../registry/copy/credentials.ts";
import { CopyError, parsePlatform } from "../../registry/copy/index.ts";
import { prepareLayout, runImageStep, type ImageStepResult, type PullImageEvent, type PushTarget } from "../../pull/images.ts";
import { interruptSignal } from "../interrupt.ts";
import { rethrowWithFinalEvent } from "../final-error.ts";
import { checkCaFile, registryPasswordFrom } from "../registry-flags.ts";
import { pullTextPrinter } from "../printers/pull-text.ts";
import { formatBytes } from "../../../ui/pull-progress.ts";
import { localeIsUtf8, throttledInkView } from "../ink-throttle.ts";
import { clusterFactsIfReachable, lookupCalls, releaseLookupTexts } from "../../templates/cluster-facts.ts";
import { connect } from "../../kube/cluster.ts";
import { bundlePushPlan, openPullBundle, pullBundleError, pushFromBundle, type PullBundle } from "../../pull/airgap-source.ts";
import { pushImagesError } from "../push-errors.ts";
import { checkAirgapTarget, type AirgapPushedImage, type AirgapPushTarget } from "../../airgap/index.ts";

interface PullFlags {
  namespace: string;
  rootdir: string;
  licenseFile?: string;
  licensePublicKey?: string;
  configValues?: string;
  rewriteImages?: boolean;
  registryEndpoint?: string;
  imageNamespace?: string;
  registryUsername?: string;
  registryPassword?: string;
  registryPasswordFile?: string;
  registryPasswordStdin?: boolean;
  excludeAdminConsole?: boolean;
  skipImages?: boolean;
  platform?: string;
  caFile?: string;
  output?: string;
  airgapBundle?: string;
}

/** PullOptions plus the airgap bundle the release comes from (opened by runPullCommand). */
export type PullCommandOptions = PullOptions & { bundle?: { file: string; appName?: string } };

/** The image step's settings, from the flags (see imageStepFrom). */
export interface ImageStepFlags {
  skip: boolean;
  platform?: string;
  caFile?: string;
  /** --registry-endpoint was written http://…: push over plain HTTP */
  plainHttp: boolean;
  json: boolean;
}

/** KOTS's online endpoint (REPLICATED_APP_ENDPOINT overrides it, as in KOTS pkg/upstream/replicated.go). */
const REPLICATED_APP_DEFAULT = "https://replicated.app";

/**
 * `kots pull APP` (design §1, issue 13): render a release directory (or an airgap bundle's release:
 * --airgap-bundle FILE, or APP a file; images then pushed from the bundle) for a private registry into
 * KOTS's upstream/base/midstream tree under --rootdir, copy its images into `<app>/images/` (OCI
 * layout) and, with --rewrite-images --registry-endpoint, push them (unless --skip-images). Exit 0 done (the `kubectl apply -k` lines
 * on stdout), 2 bad input (nothing written), 1 anything else (e.g. `replicated://` APP: the vendor
 * API cannot be reached from here).
 */
export function registerPull(program: Command): void {
  program
    .command("pull <app>")
    .description("render an app for a private or airgapped registry (or, with a license, its private images through the Replicated proxy registry): upstream/, base/, overlays/midstream with image rewrites and pull secrets; copy its images to <app>/images/ and push them")
    .addOption(new Option("-n, --namespace <ns>", "namespace the app is rendered for").env("KOTS_NAMESPACE").default("default"))
    .addOption(new Option("--rootdir <dir>", "directory to write <app>/ into").env("KOTS_ROOTDIR").default("~"))
    .addOption(new Option("--airgap-bundle <file>", "take the release from this airgap bundle (.airgap; APP is then the app slug or the bundle) and, with --rewrite-images, push its images from the bundle").env("KOTS_AIRGAP_BUNDLE"))
    .addOption(new Option("--license-file <file>", "the app's license (written to upstream/userdata/license.yaml)").env("KOTS_LICENSE_FILE"))
    .addOption(new Option("--license-public-key <file>", "also trust this RSA public key (PEM) for a vendor's own licenses").env("KOTS_LICENSE_PUBLIC_KEY"))
    .addOption(new Option("--config-values <file>", "ConfigValues for the app's templates (upstream/userdata/config.yaml)").env("KOTS_CONFIG_VALUES"))
    .option("--rewrite-images", "rewrite every image to --registry-endpoint[/--image-namespace] (kustomize images: in overlays/midstream)")
    .addOption(new Option("--registry-endpoint <host>", "private registry host[:port] for --rewrite-images").env("KOTS_REGISTRY_ENDPOINT"))
    .addOption(new Option("--image-namespace <ns>", "namespace (org/project path) in the private registry").env("KOTS_IMAGE_NAMESPACE"))
    .addOption(new Option("--registry-username <user>", "username for the pull Secret <app>-registry").env("KOTS_REGISTRY_USERNAME"))
    .option("--registry-password <password>", "registry password (visible in the process list: prefer --registry-password-file/-stdin or KOTS_REGISTRY_PASSWORD)")
    .option("--registry-password-file <file>", "read the registry password from a file")
    .option("--registry-password-stdin", "read the registry password from stdin")
    .option("--exclude-admin-console", "do not write admin-console/ (the Admin Console's own objects)")
    .option("--skip-images", "write the tree only: do not copy images into <app>/images/ nor push them")
    .option("--platform <os/arch>", "copy only this platform of multi-arch images (e.g. linux/amd64); default: every platform")
    .addOption(new Option("--ca-file <file>", "PEM CA that signs the private registry's (or a source registry's) certificate").env("KOTS_REGISTRY_CA_FILE"))
    .addOption(new Option("-o, --output <format>", "text, or json: NDJSON events on stdout (docs/events.md)").choices(["text", "json"]).default("text"))
    .action(async (app: string, flags: PullFlags, cmd: Command) => {
      const json = flags.output === "json";
      try {
        await runPullCommand(app, flags, cmd.getOptionValueSource("namespace") !== "default");
      } catch (err) {
        rethrowWithFinalEvent(err, json, {});
      }
    });
}

/** Runs `kots pull` after commander parsed the flags: the tree, the image step, the output. */
async function runPullCommand(app: string, flags: PullFlags, namespaceGiven: boolean): Promise<void> {
  const opts = pullOptionsFrom(app, flags, process.env, namespaceGiven);
  if (!opts.bundle) return runPull(opts, flags);
  // the push target and its credentials are checked before the bundle is read (every blob hashed)
  const target = bundleTarget(opts, imageStepFrom(flags));
  if (target) {
    try {
      await checkAirgapTarget(target);
    } catch (e) {
      throw pushFailure(pushImagesError(e), target.host);
    }
  }
  const pb = await openPullBundle(opts.bundle.file, opts.licenseFile, opts.bundle.appName);
  try {
    await runPull({ ...opts, app: pb.releaseDir, airgap: { appSlug: pb.appSlug } }, flags, pb);
  } finally {
    pb.dispose();
  }
}

/** The pull itself, its image step (copy from the sources, or a push from the bundle `pb`) and the output. */
async function runPull(opts: PullCommandOptions, flags: PullFlags, pb?: PullBundle): Promise<void> {
  // cluster facts when a cluster is reachable through the default kubeconfig (pull is often
  // offline: then zero values, within ~1 s)
  opts.clusterFacts = await clusterFactsIfReachable(() => connect({}), { lookups: lookupCalls(releaseLookupTexts(opts.app)) });
  const step = imageStepFrom(flags);
  const err = (s: string) => process.stderr.write(`${s}\n`);
  const started = Date.now();
  const emit = (e: Record<string, unknown>) => process.stdout.write(JSON.stringify({ ...e, at: Date.now() }) + "\n");
  if (pb) return runBundlePull(opts, step, pb, started, emit);
  const view = step.skip ? undefined : await imageView(step.json);
  // Ctrl-C stops the copy through the engine's signal; without a copy, the default exit stays
  const interrupt = step.skip ? undefined : interruptSignal();
  let images: ImageStepResult | undefined;
  let result: Awaited<ReturnType<typeof pull>>;
  try {
    result = await pull(
      opts,
      step.skip
        ? undefined
        : async (appDir, doc, proxySource) => {
            const layout = prepareLayout(appDir, `--rootdir ${opts.rootDir}`);
            const push: PushTarget | undefined = opts.rewrite ? { host: opts.rewrite.host, plainHttp: step.plainHttp, username: opts.registry?.username, password: opts.registry?.password } : undefined;
            try {
              images = await runImageStep({ doc, layoutDir: layout.dir, layoutName: path.join(appDir, "images"), push, caFile: step.caFile, platform: step.platform, signal: interrupt!.signal, proxySource }, view!.onEvent);
            } catch (e) {
              layout.discard();
              throw e;
            } finally {
              view!.close();
            }
            return layout.fresh ? { imagesDir: layout.dir } : undefined;
          },
    );
  } finally {
    interrupt?.dispose();
  }
  if (opts.registryFrom) err(`Registry credentials for ${opts.rewrite?.host}: ${opts.registryFrom} (docker login)`);
  for (const w of result.warnings) err(`Warning: ${w}`);
  err(`Wrote ${result.appDir} (upstream, base, overlays/midstream, overlays/downstreams/this-cluster${result.adminConsoleDir ? ", admin-console" : ""}${result.additionalNamespacesDir ? ", additional-namespaces" : ""}${images ? ", images" : ""})`);
  const all = [...new Map([...result.images, ...result.adminConsoleImages].map((i) => [i.source, i])).values()];
  err(`${all.length} image${all.length === 1 ? "" : "s"} listed in ${path.join(result.appDir, "images.json")}${opts.rewrite ? `, rewritten to ${[opts.rewrite.host, opts.rewrite.namespace].filter(Boolean).join("/")}` : result.proxyHost ? `, private ones through the proxy registry ${result.proxyHost}` : ""}:`);
  for (const i of all) err(`  ${i.source}${i.destination ? ` → ${i.destination}` : !opts.rewrite && i.proxied ? ` → ${i.proxied}` : ""}${i.private === false ? " (public)" : ""}`);
  const sum = (rs: ImageStepResult["pulled"], f: (r: ImageStepResult["pulled"][number]) => number) => rs.reduce((a, r) => a + f(r), 0);
  if (images) {
    const im = images;
    err(`Images in ${path.join(result.appDir, "images")} (OCI layout): ${im.pulled.length}, ${formatBytes(sum(im.pulled, (r) => r.bytesCopied))} downloaded`);
    if (opts.rewrite) err(`Pushed ${im.pushed.length} image${im.pushed.length === 1 ? "" : "s"} to ${opts.rewrite.host}: ${formatBytes(sum(im.pushed, (r) => r.bytesCopied))} uploaded, ${sum(im.pushed, (r) => r.blobs.exists + r.blobs.mounted)} blobs already there`);
  } else if (opts.rewrite) err(`The images are not pushed (--skip-images): copy them to ${opts.rewrite.host} before you apply (images.json lists each source and destination).`);
  const commands = deployCommands(result, opts);
  if (step.json) {
    const summary = (rs: ImageStepResult["pulled"]) => rs.map((r) => ({ image: r.image, target: r.target, digest: r.digest, bytes: r.bytes, bytesCopied: r.bytesCopied, blobs: r.blobs }));
    emit({ type: "done", durationMs: Date.now() - started, appDir: result.appDir, applyDir: result.applyDir, commands, pulled: images ? summary(images.pulled) : [], pushed: images ? summary(images.pushed) : [] });
    return;
  }
  err("To deploy, run:");
  for (const c of commands) process.stdout.write(`${c}\n`);
}

/** The `kubectl apply -k` (and reset-password) lines printed after a pull. */
function deployCommands(result: Awaited<ReturnType<typeof pull>>, opts: PullOptions): string[] {
  const commands: string[] = [];
  if (result.adminConsoleDir) commands.push(`kubectl apply -k ${result.adminConsoleDir}`, `kots reset-password ${opts.namespace}`);
  if (result.additionalNamespacesDir) commands.push(`kubectl apply -k ${result.additionalNamespacesDir}`);
  commands.push(`kubectl apply -k ${result.applyDir}${opts.namespaceGiven ? "" : ` -n ${opts.namespace}`}`);
  return commands;
}

/**
 * The pull of an airgap bundle's release: no registry pull, no `<app>/images/` (the bundle is the
 * image store); with --rewrite-images (and no --skip-images) the images of images.json are pushed
 * from the bundle before the tree is written (a failed push: nothing written). Bad input and
 * registry refusals: UsageError (exit 2).
 */
async function runBundlePull(opts: PullCommandOptions, step: ImageStepFlags, pb: PullBundle, started: number, emit: (e: Record<string, unknown>) => void): Promise<void> {
  const err = (s: string) => process.stderr.write(`${s}\n`);
  const interrupt = opts.rewrite && !step.skip ? interruptSignal() : undefined;
  let pushed: AirgapPushedImage[] | undefined;
  let missing: string[] = [];
  let result: Awaited<ReturnType<typeof pull>>;
  try {
    result = await pull(
      opts,
      opts.rewrite && !step.skip
        ? async (_appDir, doc) => {
            const plan = bundlePushPlan(pb.bundle, doc);
            missing = plan.missing;
            const target = bundleTarget(opts, step)!;
            if (!step.json) err(`Pushing ${plan.images.length} image${plan.images.length === 1 ? "" : "s"} from ${pb.bundle.file} to ${[target.host, target.namespace].filter(Boolean).join("/")}…`);
            try {
              pushed = await pushFromBundle(pb.bundle, target, plan.images, (e) => (step.json ? emit(e as unknown as Record<string, unknown>) : undefined), interrupt!.signal);
            } catch (e) {
              throw pushFailure(pushImagesError(pullBundleError(pb.bundle.file, e)), target.host);
            }
          }
        : undefined,
    );
  } finally {
    interrupt?.dispose();
  }
  if (opts.registryFrom) err(`Registry credentials for ${opts.rewrite?.host}: ${opts.registryFrom} (docker login)`);
  for (const w of result.warnings) err(`Warning: ${w}`);
  err(`Wrote ${result.appDir} from ${pb.bundle.file} (${pb.appSlug}${pb.bundle.meta.versionLabel ? ` ${pb.bundle.meta.versionLabel}` : ""}): upstream, base, overlays/midstream, overlays/downstreams/this-cluster${result.adminConsoleDir ? ", admin-console" : ""}${result.additionalNamespacesDir ? ", additional-namespaces" : ""}; no images/ (the bundle holds the images)`);
  const all = [...new Map([...result.images, ...result.adminConsoleImages].map((i) => [i.source, i])).values()];
  err(`${all.length} image${all.length === 1 ? "" : "s"} listed in ${path.join(result.appDir, "images.json")}${opts.rewrite ? `, rewritten to ${[opts.rewrite.host, opts.rewrite.namespace].filter(Boolean).join("/")}` : ""}:`);
  for (const i of all) err(`  ${i.source}${i.destination ? ` → ${i.destination}` : ""}`);
  if (pushed) {
    const n = pushed.filter((i) => !i.skipped).length;
    err(`Pushed ${n} of ${pushed.length} image${pushed.length === 1 ? "" : "s"} from the bundle to ${opts.rewrite!.host}${n < pushed.length ? ` (${pushed.length - n} already there)` : ""}`);
    if (missing.length > 0) err(`Warning: the bundle does not hold the Admin Console images (${missing.join(", ")}): push KOTS's kotsadm.tar.gz with kots admin-console push-images, or use --exclude-admin-console`);
  } else if (opts.rewrite) err(`The images are not pushed (--skip-images): push them with kots admin-console push-images ${pb.bundle.file} ${[opts.rewrite.host, opts.rewrite.namespace].filter(Boolean).join("/")} before you apply.`);
  else err(`No images copied (no --rewrite-images): the manifests keep the original image names; push the bundle's images with kots admin-console push-images and pull again with --rewrite-images to deploy from a private registry.`);
  const commands = deployCommands(result, opts);
  if (step.json) {
    emit({ type: "done", durationMs: Date.now() - started, appDir: result.appDir, applyDir: result.applyDir, commands, bundle: pb.bundle.file, pulled: [], pushed: (pushed ?? []).map((i) => ({ image: i.source, target: i.target, digest: i.digest, skipped: i.skipped })) });
    return;
  }
  err("To deploy, run:");
  for (const c of commands) process.stdout.write(`${c}\n`);
}

/** Where the images of a bundle are pushed: the rewrite target (none without --rewrite-images or with --skip-images). */
function bundleTarget(opts: PullOptions, step: ImageStepFlags): AirgapPushTarget | undefined {
  if (!opts.rewrite || step.skip) return undefined;
  return { host: opts.rewrite.host, namespace: opts.rewrite.namespace || undefined, username: opts.registry?.username, password: opts.registry?.password, caFile: step.caFile, insecure: step.plainHttp };
}

/** push-images' error line reworded for kots pull (it names the registry endpoint, not the command). */
function pushFailure(err: unknown, host: string): unknown {
  if (!(err instanceof CliError) || !err.message.startsWith("push-images: ")) return err;
  const line = `--registry-endpoint ${host}: ${err.message.slice("push-images: ".length)}`;
  return err instanceof UsageError ? new UsageError(line) : new CliError(line, err.exitCode);
}

/** How the image step is shown: NDJSON on stdout, the Ink view on a TTY, plain lines on stderr otherwise. */
async function imageView(json: boolean): Promise<{ onEvent: (e: PullImageEvent) => void; close: () => void }> {
  if (json) return { onEvent: (e) => process.stdout.write(JSON.stringify({ ...e, at: Date.now() }) + "\n"), close: () => {} };
  if (process.stderr.isTTY && process.env.TERM !== "dumb") return inkView();
  const lines = pullTextPrinter();
  return { onEvent: (e) => { for (const l of lines(e)) process.stderr.write(`${l}\n`); }, close: () => {} };
}

/** The Ink view (ui/PullProgress) on stderr, re-rendered at most every 100 ms from the folded state. */
async function inkView(): Promise<{ onEvent: (e: PullImageEvent) => void; close: () => void }> {
  // loaded only on a TTY: Ink and React stay out of the plain and JSON paths
  const { createElement } = await import("react");
  const ui = await import("../../../ui/index.ts");
  const unicode = localeIsUtf8();
  let state = ui.initialPullProgress;
  const view = await throttledInkView(() => createElement(ui.PullProgress, { state, width: process.stderr.columns ?? 100, unicode }));
  return {
    onEvent: (e) => {
      state = ui.pullProgressReducer(state, e);
      view.changed(e.type === "image-done" || e.type === "phase-started");
    },
    close: view.close,
  };
}

/**
 * The image step's settings. Throws UsageError (exit 2) for a --platform that is no os/arch[/variant]
 * and a --ca-file that cannot be read.
 */
export function imageStepFrom(flags: PullFlags): ImageStepFlags {
  if (flags.platform !== undefined) {
    try {
      parsePlatform(flags.platform);
    } catch (e) {
      if (e instanceof CopyError) throw new UsageError(`--platform ${flags.platform} is not a platform: use os/arch[/variant], e.g. linux/amd64`);
      throw e;
    }
  }
  checkCaFile(flags.caFile);
  return { skip: Boolean(flags.skipImages), platform: flags.platform, caFile: flags.caFile, plainHttp: /^http:\/\//i.test(flags.registryEndpoint ?? ""), json: flags.output === "json" };
}

/** `~` and `~/…` expanded with the home directory (KOTS ExpandDir). */
export function expandHome(dir: string, home = os.homedir()): string {
  if (dir === "~") return home;
  if (dir.startsWith("~/")) return path.join(home, dir.slice(2));
  return dir;
}

/**
 * Checks the flags of `kots pull` and builds PullOptions (`bundle`: APP a file, or --airgap-bundle;
 * see bundleOf). Throws UsageError (exit 2) for: APP neither a directory, a file nor replicated://, a malformed
 * --registry-endpoint / --image-namespace, registry options without --rewrite-images, a username
 * without a password (or the reverse). With --rewrite-images and no --registry-username the
 * credentials come from the Docker config ($DOCKER_CONFIG or ~/.docker/config.json) when it has
 * the host, as KOTS's LoadAuthForRegistry does; `namespaceGiven`: -n or KOTS_NAMESPACE was set (the
 * downstream kustomization then sets the namespace); CliError (exit 1) for replicated:// (the vendor API).
 */
export function pullOptionsFrom(app: string, flags: PullFlags, env: Record<string, string | undefined>, namespaceGiven = false): PullCommandOptions {
  const bundle = bundleOf(app, flags.airgapBundle);
  if (!bundle && /^replicated:\/\//.test(app)) {
    const endpoint = env.REPLICATED_APP_ENDPOINT;
    if (endpoint)
      throw new CliError(`${app}: downloading a release from the vendor API (REPLICATED_APP_ENDPOINT=${endpoint}) is not built yet in this version: give a release directory`, 1);
    throw new CliError(`${app} needs the vendor API at ${REPLICATED_APP_DEFAULT} (or REPLICATED_APP_ENDPOINT), which kots pull cannot reach from here: give a release directory`, 1);
  }
  if (!bundle && !isReleaseDir(app)) {
    throw new UsageError(`${app} is not a release directory (${plainErrno("ENOENT")}): give the directory that holds the app's YAML, or replicated://SLUG`);
  }
  const password = registryPasswordFrom(flags, env);
  const username = flags.registryUsername;
  if (!flags.rewriteImages) {
    for (const [given, flag] of [
      [flags.registryEndpoint, "--registry-endpoint"],
      [flags.imageNamespace, "--image-namespace"],
      [username, "--registry-username"],
      [password, "a registry password"],
    ] as const)
      if (given !== undefined) throw new UsageError(`${flag} is for --rewrite-images: add --rewrite-images, or drop it`);
  }
  let rewrite: PullOptions["rewrite"];
  if (flags.rewriteImages) {
    if (!flags.registryEndpoint) throw new UsageError("--rewrite-images needs --registry-endpoint HOST[:PORT] (and usually --image-namespace NS)");
    try {
      rewrite = parseRewriteTarget(flags.registryEndpoint, flags.imageNamespace);
    } catch (err) {
      if (err instanceof RewriteInputError) throw new UsageError(err.message);
      throw err;
    }
  }
  if (username !== undefined && password === undefined)
    throw new UsageError("--registry-username needs a password: --registry-password-file, --registry-password-stdin or KOTS_REGISTRY_PASSWORD");
  if (username === undefined && password !== undefined) throw new UsageError("a registry password needs --registry-username");
  if (username !== undefined && username.trim() === "") throw new UsageError("--registry-username is empty: give the registry user name");
  let registry = username !== undefined && password !== undefined ? { username, password } : undefined;
  let registryFrom: string | undefined;
  if (rewrite && !registry) {
    // "The workstation already is logged in to the registry" (seed 003): KOTS's LoadAuthForRegistry.
    const configPath = defaultDockerConfigPath(env);
    const found = credentialsFromDockerConfig(rewrite.host, configPath);
    if (found) {
      registry = found;
      registryFrom = configPath;
    }
  }
  return {
    app,
    rootDir: path.resolve(expandHome(flags.rootdir)),
    namespace: flags.namespace,
    namespaceGiven,
    licenseFile: flags.licenseFile,
    licensePublicKey: flags.licensePublicKey,
    configValuesFile: flags.configValues,
    rewrite,
    registry,
    registryFrom,
    excludeAdminConsole: Boolean(flags.excludeAdminConsole),
    caFile: flags.caFile,
    bundle,
  };
}

/**
 * The airgap bundle of `kots pull APP [--airgap-bundle FILE]`: FILE, or APP when APP is a file
 * (undefined: neither). With FILE, APP is the app slug (or replicated://SLUG, or FILE itself).
 * Throws UsageError when APP is another file, a release directory, or FILE is no file.
 */
function bundleOf(app: string, flag: string | undefined): { file: string; appName?: string } | undefined {
  const isFile = (p: string) => {
    try {
      return statSync(p).isFile();
    } catch {
      return false;
    }
  };
  if (flag === undefined) return isFile(app) ? { file: app } : undefined;
  if (!isFile(flag)) throw new UsageError(`--airgap-bundle ${flag} is not a file (${plainErrno("ENOENT")}): give the path of the app's .airgap bundle`);
  if (isFile(app)) {
    if (path.resolve(app) !== path.resolve(flag)) throw new UsageError(`APP ${app} and --airgap-bundle ${flag} are two files: give the bundle once (APP is then the app slug)`);
    return { file: flag };
  }
  if (isReleaseDir(app)) throw new UsageError(`${app} is a release directory and --airgap-bundle ${flag} is a release too: give one of them (with --airgap-bundle, APP is the app slug)`);
  return { file: flag, appName: app };
}
