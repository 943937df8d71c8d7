import { Argument, type Command } from "commander";
import { completionModel } from "../completion/model.ts";
import { bashCompletion } from "../completion/bash.ts";
import { zshCompletion } from "../completion/zsh.ts";
import { fishCompletion } from "../completion/fish.ts";

const SHELLS = { bash: bashCompletion, zsh: zshCompletion, fish: fishCompletion } as const;

/**
 * `kots completion bash|zsh|fish` (design §1): a completion script generated from the command
 * tree as `--help` shows it (commands, aliases, options, choices, file arguments), on stdout.
 * An unknown shell is bad usage (exit 2, commander's one line naming the choices).
 */
export function registerCompletion(program: Command): void {
  program
    .command("completion")
    .description("print a shell completion script (bash, zsh or fish)")
    .addArgument(new Argument("<shell>", "bash, zsh or fish").choices(Object.keys(SHELLS)))
    .addHelpText(
      "after",
      `
Load it:
  bash   source <(kots completion bash)      or  kots completion bash > /etc/bash_completion.d/kots
  zsh    source <(kots completion zsh)       or  kots completion zsh > "\${fpath[1]}/_kots"
  fish   kots completion fish | source       or  kots completion fish > ~/.config/fish/completions/kots.fish`,
    )
    .action((shell: keyof typeof SHELLS) => {
      process.stdout.write(SHELLS[shell](completionModel(program)));
    });
}
