import type { Command } from "commander";
import { connect } from "../../kube/cluster.ts";
import { sharedPasswordProblem } from "../../install/options.ts";
import { resetAdminPassword } from "../../day2/reset-password.ts";
import { UsageError } from "../errors.ts";
import { interruptSignal } from "../interrupt.ts";
import { namespaceInput, secretInput } from "../day2-inputs.ts";
import { askNewPassword, canPrompt } from "../tty-prompt.ts";

interface ResetPasswordFlags {
  namespace?: string;
  kubeconfig?: string;
  context?: string;
  passwordFile?: string;
  passwordStdin?: boolean;
}

/** The env var the new password may come from: the same admin password `kots install` reads. */
export const PASSWORD_ENV = "KOTS_SHARED_PASSWORD";

/**
 * `kots reset-password [NAMESPACE]` (design §1; KOTS v1.88.0 cmd/kots/cli/reset-password.go):
 * the new password from --password-file, --password-stdin, KOTS_SHARED_PASSWORD, or a masked
 * prompt with confirmation on a terminal (never argv). 6–72 bytes. Exit 0 reset; 1 no Admin
 * Console there or a write failed; 2 bad or missing input (nothing changed); 130 interrupted.
 */
export function registerResetPassword(program: Command): void {
  program
    .command("reset-password [namespace]")
    .description("set a new Admin Console password (and sign out every session)")
    .option("-n, --namespace <ns>", "namespace of the Admin Console (or the NAMESPACE argument, or KOTS_NAMESPACE)")
    .option("--kubeconfig <file>", "kubeconfig file (default: $KUBECONFIG or ~/.kube/config)")
    .option("--context <name>", "kubeconfig context")
    .option("--password-file <file>", "read the new password from a file")
    .option("--password-stdin", "read the new password from stdin")
    .addHelpText("after", `\nWithout --password-file/--password-stdin the password comes from ${PASSWORD_ENV}, or a prompt on a terminal.`)
    .action(async (arg: string | undefined, flags: ResetPasswordFlags) => {
      const namespace = namespaceInput(arg, flags.namespace);
      const given = await secretInput("password", flags.passwordFile ?? process.env.KOTS_PASSWORD_FILE, flags.passwordStdin, PASSWORD_ENV);
      let password: string;
      if (given) {
        const problem = sharedPasswordProblem(given.value);
        if (problem) throw new UsageError(`the new password (${given.source}) ${problem}`);
        password = given.value;
      } else if (canPrompt()) {
        process.stderr.write(`Reset the Admin Console password in ${namespace}\n`);
        password = await askNewPassword("New password (6-72 bytes, not shown)", sharedPasswordProblem);
      } else {
        throw new UsageError(`missing input (no terminal to ask): the new password (--password-file, --password-stdin or ${PASSWORD_ENV})`);
      }
      const cluster = connect({ kubeconfig: flags.kubeconfig ?? process.env.KOTS_KUBECONFIG, context: flags.context ?? process.env.KOTS_CONTEXT });
      const { signal, dispose } = interruptSignal();
      try {
        const r = await resetAdminPassword(cluster, namespace, password, { signal });
        if ("warning" in r.sessions) process.stderr.write(`warning: ${r.sessions.warning}\n`);
        const signedOut = "cleared" in r.sessions && r.sessions.cleared > 0 ? `; ${r.sessions.cleared} session(s) signed out` : "";
        const unlocked = r.unlocked ? "; failed-login lockout cleared" : "";
        process.stderr.write(`The Admin Console password in ${namespace} has been ${r.secret === "created" ? "set" : "reset"}${signedOut}${unlocked}\n`);
      } finally {
        dispose();
      }
    });
}
