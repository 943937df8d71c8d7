/**
 * `kots admin-console push-images BUNDLE HOST[/NAMESPACE]` (KOTS v1.88.0
 * cmd/kots/cli/admin-console-push-images.go, pkg/kotsadm/push_images.go): pushes the images of
 * a `.airgap` bundle to a private registry, each to `<host>/<namespace>/<last segment>` keeping its
 * tag or digest (the rewrite `kots pull` uses); KOTS's Admin Console bundle (kotsadm.tar.gz) too,
 * each image to `<host>/<namespace>/<image>:<tag>`. The bundle is checked in full (structure, every
 * blob's digest) before the first push; a re-run pushes only what is missing.
 *
 * Flags as KOTS has them: --registry-username, --registry-password (visible in the process list:
 * prefer --registry-password-file / --registry-password-stdin / KOTS_REGISTRY_PASSWORD), and
 * --skip-registry-check (later KOTS versions: no `GET /v2/` check first). Without credentials the
 * Docker config is read (KOTS reads the `kotsadm-private-registry` Secret of -n instead; not here).
 * Exit 0 pushed, 2 bad input (a bundle that is not one, truncated, corrupt, failing a digest, with
 * an image missing; a registry unreachable or refusing the credentials; bad flags; nothing pushed),
 * 1 other failures, 130 Ctrl-C.
 */
import { Option, type Command } from "commander";
import { UsageError } from "../errors.ts";
import { rethrowWithFinalEvent } from "../final-error.ts";
import { checkCaFile, registryPasswordFrom } from "../registry-flags.ts";
import { parseRewriteTarget, RewriteInputError } from "../../pull/rewrite.ts";
import { checkAirgapTarget, openAirgapBundle, pushAirgapImages, type AirgapPushTarget } from "../../airgap/index.ts";
import { withAirgapView } from "./airgap-view.ts";
import { pushImagesError } from "../push-errors.ts";

interface PushFlags {
  registryUsername?: string;
  registryPassword?: string;
  registryPasswordFile?: string;
  registryPasswordStdin?: boolean;
  caFile?: string;
  skipRegistryCheck?: boolean;
  parallel: string;
  output: string;
}

/** The push target from HOST[:PORT][/NAMESPACE] (`http://` → plain HTTP) and the flags. Throws UsageError. */
export function pushTargetFrom(registry: string, flags: PushFlags, env: Record<string, string | undefined>): AirgapPushTarget {
  let t;
  try {
    t = parseRewriteTarget(registry, undefined);
  } catch (err) {
    if (err instanceof RewriteInputError) throw new UsageError(`registry "${registry}" is not HOST[:PORT][/NAMESPACE] (e.g. registry.example.com/acme): ${err.message.replace(/^--registry-endpoint "[^"]*"(: | is not a registry endpoint: )/, "")}`);
    throw err;
  }
  const pw = registryPasswordFrom(flags, env);
  const username = flags.registryUsername;
  if (username !== undefined && pw === undefined) throw new UsageError("--registry-username needs a password: --registry-password-file, --registry-password-stdin or KOTS_REGISTRY_PASSWORD");
  if (username === undefined && pw !== undefined) throw new UsageError("a registry password needs --registry-username");
  checkCaFile(flags.caFile);
  return { host: t.host, namespace: t.namespace, username, password: pw, caFile: flags.caFile, insecure: /^http:\/\//i.test(registry) };
}

/** Registers `push-images` under `admin-console` (after registerAdminConsole). */
export function registerAdminConsolePushImages(program: Command): void {
  const parent = program.commands.find((c) => c.name() === "admin-console");
  if (!parent) throw new Error("admin-console must be registered before its push-images subcommand");
  parent
    .command("push-images <bundle> <registry>")
    .description("push the images of an airgap bundle (.airgap) to a private registry HOST[:PORT][/NAMESPACE]")
    .addOption(new Option("--registry-username <user>", "user name to authenticate with the registry").env("KOTS_REGISTRY_USERNAME"))
    .option("--registry-password <password>", "registry password (visible in the process list: prefer --registry-password-file/-stdin or KOTS_REGISTRY_PASSWORD)")
    .option("--registry-password-file <file>", "read the registry password from a file")
    .option("--registry-password-stdin", "read the registry password from stdin")
    .addOption(new Option("--ca-file <file>", "PEM CA that signs the registry's certificate").env("KOTS_REGISTRY_CA_FILE"))
    .option("--skip-registry-check", "do not check the registry and its credentials (GET /v2/) before reading the bundle")
    .addOption(new Option("-o, --output <format>", "text, or json: NDJSON events on stdout (docs/events.md)").choices(["text", "json"]).default("text"))
    .addOption(new Option("--parallel <n>", "reads of the bundle at once, each pushing its share of the blobs (2 cores: no faster than 1)").default("1").hideHelp())
    .action(async (file: string, registry: string, flags: PushFlags) => {
      const json = flags.output === "json";
      try {
        await runPushImages(file, registry, flags);
      } catch (err) {
        rethrowWithFinalEvent(pushImagesError(err), json, {});
      }
    });
}

async function runPushImages(file: string, registry: string, flags: PushFlags): Promise<void> {
  const started = Date.now();
  const json = flags.output === "json";
  const target = pushTargetFrom(registry, flags, process.env);
  const parallel = Number(flags.parallel);
  if (!Number.isInteger(parallel) || parallel < 1 || parallel > 8) throw new UsageError(`--parallel ${flags.parallel} is not a whole number from 1 to 8`);
  const where = [target.host, target.namespace].filter(Boolean).join("/");
  if (!flags.skipRegistryCheck) await checkAirgapTarget(target);
  await withAirgapView(json, async (view, signal) => {
    // presentAt: a re-run whose target holds every manifest stops reading after the bundle's head (docs/airgap.md)
    const bundle = await openAirgapBundle(file, { onEvent: (e) => view.onEvent(e, true), signal, presentAt: target });
    view.phase("push", bundle.images.length, where);
    const r = await pushAirgapImages(bundle, target, { onEvent: (e) => view.onEvent(e), signal, parallel });
    view.close();
    const pushed = r.images.filter((i) => !i.skipped).length;
    if (json) {
      process.stdout.write(JSON.stringify({ type: "done", at: Date.now(), durationMs: Date.now() - started, bundle: file, appSlug: bundle.meta.appSlug, registry: where, images: r.images }) + "\n");
      return;
    }
    process.stderr.write(`Pushed ${pushed} of ${r.images.length} image${r.images.length === 1 ? "" : "s"} of ${file} (${bundle.meta.adminConsole ? "the Admin Console bundle" : `${bundle.meta.appSlug} ${bundle.meta.versionLabel}`.trim()}) to ${where}${pushed < r.images.length ? ` (${r.images.length - pushed} already there)` : ""}\n`);
    for (const i of r.images) process.stdout.write(`${i.source} → ${i.target}\n`);
  });
}
