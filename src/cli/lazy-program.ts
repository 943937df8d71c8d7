/**
 * The program main.ts runs: when argv names a command, only that command's modules are loaded
 * (dynamic imports; the compiled binary evaluates a module on its first import). Loading every
 * command's code costs start-up time and ~30 MB of heap, and a larger heap lets the GC defer more:
 * `kots pull` copying a 500 MiB image peaked at 176 MiB RSS with every command loaded, 134 MiB with
 * pull's alone. No command (`kots`, `kots --help`), `help`, `completion` (generated from the whole
 * tree) and unknown names (commander's suggestion) get the whole tree of program.ts.
 */
import type { Command } from "commander";
import { baseProgram } from "./program-base.ts";

type Registrar = (program: Command) => void;

const ONE: Record<string, () => Promise<Registrar>> = {
  install: async () => (await import("./commands/install.ts")).registerInstall,
  "admin-console": async () => {
    const [a, u, pi] = await Promise.all([import("./commands/admin-console.ts"), import("./commands/upgrade.ts"), import("./commands/admin-console-push-images.ts")]);
    return (p) => {
      a.registerAdminConsole(p);
      u.registerAdminConsoleUpgrade(p);
      pi.registerAdminConsolePushImages(p);
    };
  },
  license: async () => (await import("./commands/license.ts")).registerLicense,
  preflight: async () => (await import("./commands/preflight.ts")).registerPreflight,
  pull: async () => (await import("./commands/pull.ts")).registerPull,
  "reset-password": async () => (await import("./commands/reset-password.ts")).registerResetPassword,
  remove: async () => (await import("./commands/remove.ts")).registerRemove,
  uninstall: async () => (await import("./commands/remove.ts")).registerRemove,
  version: async () => (await import("./commands/version.ts")).registerVersion,
  airgap: async () => (await import("./commands/airgap.ts")).registerAirgap,
  "copy-image": async () => (await import("./commands/copy-image.ts")).registerCopyImage,
};

/** The program for `argv` (the arguments after `kots`): one command's, or the whole tree. */
export async function programFor(argv: readonly string[]): Promise<Command> {
  const load = argv[0] !== undefined && Object.hasOwn(ONE, argv[0]) ? ONE[argv[0]] : undefined;
  if (!load) return (await import("./program.ts")).buildProgram();
  const program = baseProgram();
  (await load!())(program);
  return program;
}
