/**
 * `kots copy-image SRC DST` — hidden, internal: one image copied registry → registry (or to/from
 * an `oci:<dir>:<name>` layout) by the copy engine, as `kots pull` copies each image. It exists so
 * that the copy bench (test/bench/copy.ts) times the compiled binary on the same operation as
 * `skopeo copy` (registry → registry), without `kots pull`'s fixed costs (rendering the release,
 * the two hops through `<app>/images/`). Not in --help or completion; its flags may change.
 *
 * Credentials: `--dest-username` with the password from `--dest-password-stdin` or
 * KOTS_REGISTRY_PASSWORD (never argv); else the Docker config. Prints the CopyResult as one JSON
 * line on stdout. Exit 0 done, 2 bad input (the copy engine's input codes, see src/pull/images.ts),
 * 1 other failures, 130 Ctrl-C.
 */
import { readFileSync } from "node:fs";
import { Option, type Command } from "commander";
import { UsageError } from "../errors.ts";
import { copyImage } from "../../registry/copy/index.ts";
import { imageStepError } from "../../pull/images.ts";
import { interruptSignal } from "../interrupt.ts";

interface CopyFlags {
  srcPlainHttp?: boolean;
  destPlainHttp?: boolean;
  srcCaFile?: string;
  destCaFile?: string;
  destUsername?: string;
  destPasswordStdin?: boolean;
  platform?: string;
  parallel?: string;
}

/** Registers the hidden `copy-image` command. */
export function registerCopyImage(program: Command): void {
  program
    .command("copy-image <src> <dst>", { hidden: true })
    .description("internal: copy one image with the copy engine (the copy bench's kots side)")
    .option("--src-plain-http", "the source registry speaks plain HTTP")
    .option("--dest-plain-http", "the destination registry speaks plain HTTP")
    .option("--src-ca-file <file>", "PEM CA of the source registry")
    .option("--dest-ca-file <file>", "PEM CA of the destination registry")
    .option("--dest-username <user>", "destination user (password: --dest-password-stdin or KOTS_REGISTRY_PASSWORD)")
    .option("--dest-password-stdin", "read the destination password from stdin")
    .option("--platform <os/arch>", "copy only this platform of an index")
    .addOption(new Option("--parallel <n>", "blob transfers at once").default("4"))
    .action(async (src: string, dst: string, flags: CopyFlags) => {
      const password = flags.destPasswordStdin ? readFileSync(0, "utf8").replace(/\r?\n$/, "") : process.env.KOTS_REGISTRY_PASSWORD;
      if (flags.destUsername !== undefined && password === undefined) throw new UsageError("--dest-username needs a password: --dest-password-stdin or KOTS_REGISTRY_PASSWORD");
      const parallel = Number(flags.parallel);
      if (!Number.isInteger(parallel) || parallel < 1) throw new UsageError(`--parallel ${flags.parallel} is not a positive whole number`);
      const interrupt = interruptSignal();
      try {
        const r = await copyImage(src, dst, {
          parallel,
          platform: flags.platform,
          signal: interrupt.signal,
          src: { plainHttp: Boolean(flags.srcPlainHttp), caFile: flags.srcCaFile },
          dst: { plainHttp: Boolean(flags.destPlainHttp), caFile: flags.destCaFile, username: flags.destUsername, password },
        });
        process.stdout.write(JSON.stringify(r) + "\n");
      } catch (err) {
        if (interrupt.signal.aborted) throw interrupt.signal.reason;
        throw imageStepError(err, [src, dst], "");
      } finally {
        interrupt.dispose();
      }
    });
}
