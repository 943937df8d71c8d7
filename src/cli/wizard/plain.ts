/**
 * TERM=dumb on a terminal: the install's questions one line at a time (an accessible mode for
 * screen readers and dumb terminals), no full-screen drawing. Asks for what the flags and env did
 * not give (namespace, admin password, license), then runs the one install pipeline: the
 * preparation's checks and plan are printed, and nothing is applied until the operator answers y.
 */
import { fieldProblem, sharedPasswordProblem, type InstallOptions } from "../../install/options.ts";
import { validateInstallOptions } from "../install-inputs.ts";
import { runHeadless } from "../headless-run.ts";
import { expandHome } from "./services.ts";
import { InterruptedError } from "../errors.ts";

export interface PlainPromptInputs {
  app: string;
  partial: Partial<InstallOptions>;
  licensePublicKey?: string;
}

/**
 * Reads one line from the terminal in raw mode: echoed as typed, or not at all (`hidden`, for the
 * admin password). Backspace edits; Ctrl-C throws. Text and Enter in one read (a paste) end the
 * line at the Enter; what follows it is kept for the next question.
 */
let pending = "";
async function readLine(prompt: string, hidden = false): Promise<string> {
  process.stderr.write(prompt);
  const stdin = process.stdin as NodeJS.ReadStream & { setRawMode?: (on: boolean) => void };
  stdin.setRawMode?.(true);
  let value = "";
  const take = (text: string): boolean => {
    for (let i = 0; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === "\r" || ch === "\n") {
        pending = text.slice(i + 1).replace(/^\n/, "");
        return true;
      }
      if (ch === "\u0003") throw new InterruptedError("interrupted; nothing was changed in the cluster");
      if (ch === "\u007f" || ch === "\b") {
        if (value.length > 0 && !hidden) process.stderr.write("\b \b");
        value = value.slice(0, -1);
      } else if (ch >= " ") {
        value += ch;
        if (!hidden) process.stderr.write(ch);
      }
    }
    return false;
  };
  try {
    const queued = pending;
    pending = "";
    if (take(queued)) return value;
    // listen with 'data' (not for-await: leaving that loop destroys stdin for the next question)
    return await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer | string) => {
        try {
          if (!take(String(chunk))) return;
        } catch (err) {
          stdin.off("data", onData);
          return reject(err);
        }
        stdin.off("data", onData);
        resolve(value);
      };
      stdin.on("data", onData);
      stdin.resume();
    });
  } finally {
    stdin.setRawMode?.(false);
    stdin.pause();
    process.stderr.write("\n");
  }
}

/** Runs the plain prompts and the install; returns the exit code (130 when not confirmed). */
export async function runPlainPrompts(inputs: PlainPromptInputs): Promise<number> {
  const p = { ...inputs.partial };
  process.stderr.write(`kots install ${p.appSlug} (plain prompts: TERM=dumb)\n`);
  const ask = async (q: string) => (await readLine(q)).trim();
  {
    while (!p.namespace || fieldProblem("namespace", p.namespace)) {
      const def = p.namespace && !fieldProblem("namespace", p.namespace) ? p.namespace : p.appSlug;
      const answer = (await ask(`Namespace [${def}]: `)) || def!;
      const problem = fieldProblem("namespace", answer);
      if (problem) process.stderr.write(`  ${answer}: ${problem}\n`);
      else p.namespace = answer;
    }
    while (!p.sharedPassword) {
      const pw = await readLine("Admin password (not shown): ", true);
      const problem = sharedPasswordProblem(pw);
      if (problem) {
        process.stderr.write(`  the password ${problem}\n`);
        continue;
      }
      if ((await readLine("Again: ", true)) !== pw) {
        process.stderr.write("  the passwords do not match\n");
        continue;
      }
      p.sharedPassword = pw;
    }
    if (p.licenseFile === undefined) {
      const lic = await ask("License file (empty: none, upload it in the Admin Console later): ");
      if (lic) p.licenseFile = expandHome(lic);
    }
    const options = validateInstallOptions(p);
    return await runHeadless(inputs.app, options, "text", inputs.licensePublicKey, async (prep) => {
      process.stderr.write(`\nThe install will apply ${prep.plan.length} objects in namespace ${options.namespace}:\n`);
      for (const o of prep.plan) process.stderr.write(`  ${o.kind}/${o.metadata.name}\n`);
      const failed = prep.checks.filter((c) => c.outcome === "fail");
      if (failed.length > 0) return true; // the engine reports the failed checks and stops
      return /^y(es)?$/i.test(await ask(`Install into ${options.namespace}? [y/N]: `));
    });
  }
}
