import type { Command } from "commander";
import { registerInstall } from "./install.ts";
import { registerAdminConsole } from "./admin-console.ts";
import { registerLicense } from "./license.ts";
import { registerPreflight } from "./preflight.ts";
import { registerPull } from "./pull.ts";
import { registerResetPassword } from "./reset-password.ts";
import { registerRemove } from "./remove.ts";
import { registerAdminConsoleUpgrade } from "./upgrade.ts";
import { registerVersion } from "./version.ts";
import { registerCompletion } from "./completion.ts";
import { registerCopyImage } from "./copy-image.ts";
import { registerAdminConsolePushImages } from "./admin-console-push-images.ts";
import { registerAirgap } from "./airgap.ts";

/** Adds every command of design §1 to the program, in help order. */
export function registerCommands(program: Command): void {
  registerInstall(program);
  registerAdminConsole(program);
  registerAdminConsoleUpgrade(program);
  registerAdminConsolePushImages(program);
  registerLicense(program);
  registerPreflight(program);
  registerPull(program);
  registerAirgap(program);
  registerResetPassword(program);
  registerRemove(program);
  registerVersion(program);
  registerCompletion(program);
  registerCopyImage(program); // hidden: the copy bench's kots side
}
