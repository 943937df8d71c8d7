/**
 * `kots completion bash|zsh|fish`: the scripts are generated from the command tree, so each shell
 * must offer exactly what `--help` lists. Each script runs in the real shell: bash through its
 * completion function, fish through `complete -C`, zsh interactively in tmux (compinit + Tab).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildProgram } from "../../../src/cli/program.ts";
import { completionModel } from "../../../src/cli/completion/model.ts";
import { bashCompletion } from "../../../src/cli/completion/bash.ts";
import { zshCompletion } from "../../../src/cli/completion/zsh.ts";
import { fishCompletion } from "../../../src/cli/completion/fish.ts";

let dir: string;
const model = () => completionModel(buildProgram());

function need(shell: string): string {
  const found = Bun.which(shell);
  if (!found) throw new Error(`${shell} is not installed: scripts/setup installs it (apt-get install ${shell})`);
  return found;
}

/** Top-level command names as `kots --help` prints them ("remove|uninstall" gives both). */
function helpCommands(): string[] {
  const help = buildProgram().helpInformation();
  const section = help.slice(help.indexOf("Commands:"));
  return [...section.matchAll(/^ {2}([a-z][\w|-]*)/gm)].flatMap((m) => m[1]!.split("|"));
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "kots-completion-"));
  writeFileSync(path.join(dir, "kots.bash"), bashCompletion(model()));
  writeFileSync(path.join(dir, "_kots"), zshCompletion(model()));
  writeFileSync(path.join(dir, "kots.fish"), fishCompletion(model()));
  writeFileSync(path.join(dir, "license.yaml"), "x");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("bash", () => {
  /** COMPREPLY for the line up to the cursor, completed by the generated _kots function. */
  const complete = (line: string): string[] => {
    const script = `source ${dir}/kots.bash; COMP_LINE=$1; COMP_POINT=\${#1}; _kots; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const r = Bun.spawnSync([need("bash"), "-c", script, "bash", line], { cwd: dir, stdout: "pipe", stderr: "pipe" });
    if (r.exitCode !== 0) throw new Error(r.stderr.toString());
    return r.stdout.toString().split("\n").filter(Boolean);
  };

  test("the script is valid bash", () => {
    expect(Bun.spawnSync([need("bash"), "-n", `${dir}/kots.bash`]).exitCode).toBe(0);
  });

  test("offers exactly the commands --help lists, aliases included", () => {
    expect(complete("kots ").sort()).toEqual(helpCommands().sort());
    expect(complete("kots ").some((w) => w === "uninstall")).toBe(true);
  });

  test("subcommands, options and choices follow the command path", () => {
    expect(complete("kots lic")).toEqual(["license"]);
    expect(complete("kots license ")).toEqual(["verify", "help"]);
    expect(complete("kots admin-console ")).toContain("upgrade");
    expect(complete("kots completion ")).toEqual(["bash", "zsh", "fish"]);
    expect(complete("kots version --output ")).toEqual(["text", "json"]);
    expect(complete("kots version --output=j")).toEqual(["json"]);
    expect(complete("kots install --shared-password-")).toEqual(["--shared-password-file", "--shared-password-stdin"]);
    // an alias completes the options of the command it names
    expect(complete("kots uninstall --delete-")).toEqual(["--delete-pvcs", "--delete-namespace"]);
    expect(complete("kots admin-console upgrade --wait")).toEqual(["--wait-duration"]);
  });

  test("file arguments and file options complete file names; other values complete nothing", () => {
    expect(complete("kots license verify lic")).toEqual(["license.yaml"]);
    expect(complete("kots install --license-file lic")).toEqual(["license.yaml"]);
    expect(complete("kots reset-password --password-file lic")).toEqual(["license.yaml"]);
    expect(complete("kots install -n lic")).toEqual([]);
  });

  test("an option's value is never taken for a command", () => {
    // `license` here is the namespace, so the next word is install's APP (a file or directory)
    expect(complete("kots install -n license lic")).toEqual(["license.yaml"]);
  });
});

describe("fish", () => {
  const complete = (line: string): string[] => {
    const r = Bun.spawnSync([need("fish"), "--no-config", "-c", `source ${dir}/kots.fish; complete -C$argv[1]`, line], { cwd: dir, stdout: "pipe", stderr: "pipe" });
    if (r.exitCode !== 0) throw new Error(r.stderr.toString());
    return r.stdout.toString().split("\n").filter(Boolean).map((l) => l.split("\t")[0]!);
  };

  test("the script is valid fish", () => {
    expect(Bun.spawnSync([need("fish"), "--no-config", "-n", `${dir}/kots.fish`]).exitCode).toBe(0);
  });

  test("offers the commands --help lists (canonical names), subcommands, choices and files", () => {
    const canonical = helpCommands().filter((c) => c !== "uninstall");
    expect(complete("kots ").sort()).toEqual(canonical.sort());
    expect(complete("kots license ")).toEqual(expect.arrayContaining(["verify"]));
    expect(complete("kots completion ").sort()).toEqual(["bash", "fish", "zsh"]);
    expect(complete("kots uninstall --delete-").sort()).toEqual(["--delete-namespace", "--delete-pvcs"]);
    expect(complete("kots license verify lic")).toEqual(["license.yaml"]);
    expect(complete("kots install -n license --license-f")).toEqual(["--license-file"]);
    expect(complete("kubectl-kots lic")).toEqual(["license"]);
  });
});

describe("zsh", () => {
  test("the script is valid zsh and its engine answers like bash's", () => {
    const zsh = need("zsh");
    expect(Bun.spawnSync([zsh, "-n", `${dir}/_kots`]).exitCode).toBe(0);
    const r = Bun.spawnSync([zsh, "-f", "-c", `source ${dir}/_kots; __kots_candidates '' install -n license; __kots_candidates '' license; __kots_candidates '--output=' version`], { stdout: "pipe", stderr: "pipe" });
    expect(r.stdout.toString().split("\n").filter(Boolean)).toEqual(["file", "cmds license", "choices:text json"]);
  });

  test("Tab in an interactive zsh (compinit) completes commands with their descriptions", async () => {
    need("zsh");
    const socket = `kots-completion-${process.pid}`;
    const tmux = (...args: string[]) => Bun.spawnSync(["tmux", "-L", socket, ...args], { stdout: "pipe", stderr: "pipe" });
    writeFileSync(path.join(dir, "zshrc"), `autoload -U compinit; compinit -u\nsource ${dir}/_kots\nPS1='READY> '\n`);
    try {
      expect(tmux("new-session", "-d", "-s", "z", "-x", "120", "-y", "20", `env -i PATH=/usr/bin:/bin HOME=${dir} TERM=xterm zsh -f -i`).exitCode).toBe(0);
      const screen = () => tmux("capture-pane", "-p", "-t", "z").stdout.toString();
      const waitFor = async (text: string) => {
        for (let i = 0; i < 50; i++) {
          if (screen().includes(text)) return screen();
          await Bun.sleep(100);
        }
        throw new Error(`timed out waiting for ${text}; screen:\n${screen()}`);
      };
      tmux("send-keys", "-t", "z", `source ${dir}/zshrc`, "Enter");
      await waitFor("READY>");
      tmux("send-keys", "-t", "z", "kots lic", "Tab");
      await waitFor("READY> kots license");
      tmux("send-keys", "-t", "z", "Tab");
      const s = await waitFor("verify");
      expect(s).toMatch(/verify\s+--\s+verify a license/);
    } finally {
      tmux("kill-server");
    }
  }, 20_000);
});
