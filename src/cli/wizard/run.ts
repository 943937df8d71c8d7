import { createElement, Fragment, type ReactNode } from "react";
import type { InstallResult } from "../../install/engine.ts";
import type { InstallOptions } from "../../install/options.ts";
import { InterruptedError } from "../errors.ts";
import type { TerminalCaps } from "../../../ui/theme.ts";
import type { WizardOutcome } from "../../../ui/steps/common.ts";
import { createWizardServices } from "./services.ts";
import { appSlugOf } from "../../install/release.ts";

export interface RunWizardInputs {
  /** APP as given (slug, replicated://slug, or a local release directory). */
  app: string;
  /** What the flags and env already decided (resolveInstallInputs(...).partial). */
  partial: Partial<InstallOptions>;
  /** --license-public-key / KOTS_LICENSE_PUBLIC_KEY */
  licensePublicKey?: string;
  /** spec.appSlug of --license-file, when one was given (KOTS takes the slug from the license). */
  licenseAppSlug?: string;
  /** Every input was given: the wizard walks to the first step that needs the operator, or the Review. */
  autoAdvance?: boolean;
}

/** Colour and Unicode from the environment (design §1: NO_COLOR, TERM=dumb, the locale). */
export function terminalCaps(env: Record<string, string | undefined> = process.env): TerminalCaps {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG || "";
  return {
    color: !env.NO_COLOR && env.TERM !== "dumb",
    unicode: /UTF-?8/i.test(locale),
  };
}

/**
 * Runs the install wizard (Ink) on the terminal; the UI goes to stderr. Resolves with the exit code:
 * 0 installed, the failure's code (1/2) when the install failed, 130 when interrupted. Nothing
 * changes in the cluster before the review is confirmed (the services only read until install()).
 * Ctrl-C (a key in raw mode, or SIGINT/SIGTERM) before the install: unmount, restore the terminal, 130.
 * During the install: the engine stops, the terminal is restored, what was applied is printed, 130.
 * After a successful install the port-forward runs until q or Ctrl-C.
 */
export async function runWizardCommand(inputs: RunWizardInputs): Promise<number> {
  // A DEV env var crashes Ink in a compiled binary (design §7).
  delete process.env.DEV;
  const appSlug = appSlugOf(inputs.app, inputs.licenseAppSlug);
  // The first frame at once: the header, drawn before Ink and the cluster modules load; Ink's own
  // first frame then draws over it from the same line.
  if (process.stderr.isTTY) {
    const { firstFrameText } = await import("../../../ui/first-frame.ts");
    const frame = firstFrameText(appSlug, process.stderr.columns || 80, terminalCaps().unicode);
    process.stderr.write(`${frame.text}\u001b[${frame.lines}A\r`);
  }
  const { render, useInput } = await import("ink");
  const { runWizard } = await import("../../../ui/index.ts");

  const base: Partial<InstallOptions> = { ...inputs.partial, appSlug };
  const ac = new AbortController();
  let installing = false;
  let installResult: InstallResult | undefined;
  let installError: unknown;
  let finished = false;
  let resolveExit!: (code: number) => void;
  const exited = new Promise<number>((r) => (resolveExit = r));
  let afterUnmount: string | undefined;
  let installNamespace: string | undefined;

  const finish = (code: number, message?: string) => {
    if (finished) return;
    finished = true;
    afterUnmount = message;
    resolveExit(code);
  };

  const services = createWizardServices({
    app: inputs.app,
    appSlug,
    kubeconfig: base.kubeconfig,
    context: base.context,
    licensePublicKey: inputs.licensePublicKey,
    base,
    signal: ac.signal,
    onResult: (r) => (installResult = r),
    onError: (err) => {
      installError = err;
      if (ac.signal.aborted) {
        const msg = err instanceof Error ? err.message : String(err);
        finish(130, `kots: ${msg}\n`);
      }
    },
  });

  const interrupt = () => {
    if (!installing) return finish(130, "kots: interrupted; nothing was changed in the cluster\n");
    if (installResult) return finish(0); // after the install: Ctrl-C stops the port-forward, like the headless path
    if (installError !== undefined) return finish(130);
    if (!ac.signal.aborted) {
      ac.abort(new InterruptedError());
      // The engine reports what was applied (onError); a second Ctrl-C leaves at once.
      return;
    }
    finish(130, "kots: interrupted\n");
  };

  function CtrlC({ children }: { children: ReactNode }) {
    useInput((input, key) => {
      if (key.ctrl && input === "c") interrupt();
    });
    return createElement(Fragment, null, children);
  }

  const onExit = (outcome: WizardOutcome) => {
    if (outcome.kind === "quit") return finish(130, "kots: quit; nothing was changed in the cluster\n");
    if (outcome.kind === "installed") {
      installNamespace = outcome.namespace;
      return finish(0);
    }
    return finish(ac.signal.aborted ? 130 : outcome.exitCode);
  };

  const element = createElement(
    CtrlC,
    null,
    runWizard({
      services,
      appSlug,
      caps: terminalCaps(),
      namespace: base.namespace,
      licenseFile: base.licenseFile,
      base,
      autoAdvance: inputs.autoAdvance,
      onExit,
      onStart: (r) => {
        installing = true;
        installNamespace = r.options.namespace;
      },
    }),
  );

  const onSignal = () => interrupt();
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  const instance = render(element, { stdout: process.stderr, stdin: process.stdin, exitOnCtrlC: false, patchConsole: false });
  instance.waitUntilExit().then(
    () => finish(130),
    () => finish(1),
  );
  let code: number;
  try {
    code = await exited;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    instance.unmount();
    await instance.waitUntilExit().catch(() => undefined);
    restoreTerminal();
    services.dispose();
  }
  if (afterUnmount) process.stderr.write(afterUnmount);
  if (installResult?.forwarder) {
    await installResult.forwarder.close().catch(() => undefined);
  }
  if (code === 0 && installNamespace) {
    process.stderr.write(`Admin Console installed in namespace ${installNamespace}; reconnect later with: kubectl kots admin-console -n ${installNamespace}\n`);
  }
  return code;
}

/** Cooked mode again, whatever state Ink left stdin in. */
function restoreTerminal(): void {
  const stdin = process.stdin as NodeJS.ReadStream & { setRawMode?: (on: boolean) => void };
  try {
    if (stdin.isTTY && stdin.setRawMode) stdin.setRawMode(false);
  } catch {
    // not a terminal any more
  }
  stdin.pause();
  // show the cursor Ink may have hidden
  if (process.stderr.isTTY) process.stderr.write("\u001B[?25h");
}
