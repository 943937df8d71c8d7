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
import { askNewPassword, readTtyLine } from "../tty-prompt.ts";

export interface PlainPromptInputs {
  app: string;
  partial: Partial<InstallOptions>;
  licensePublicKey?: string;
}

/** Runs the plain prompts and the install; returns the exit code (130 when not confirmed). */
export async function runPlainPrompts(inputs: PlainPromptInputs): Promise<number> {
  const p = { ...inputs.partial };
  process.stderr.write(`kots install ${p.appSlug} (plain prompts: TERM=dumb)\n`);
  const ask = async (q: string) => (await readTtyLine(q)).trim();
  {
    while (!p.namespace || fieldProblem("namespace", p.namespace)) {
      const def = p.namespace && !fieldProblem("namespace", p.namespace) ? p.namespace : p.appSlug;
      const answer = (await ask(`Namespace [${def}]: `)) || def!;
      const problem = fieldProblem("namespace", answer);
      if (problem) process.stderr.write(`  ${answer}: ${problem}\n`);
      else p.namespace = answer;
    }
    // not echoed at all (not even as *): the accessible mode reads out what is written
    if (!p.sharedPassword) p.sharedPassword = await askNewPassword("Admin password (not shown)", sharedPasswordProblem, "none");
    if (p.licenseFile === undefined) {
      const lic = await ask("License file (empty: none, upload it in the Admin Console later): ");
      if (lic) p.licenseFile = expandHome(lic);
    }
    const options = validateInstallOptions(p);
    return await runHeadless(inputs.app, options, "text", inputs.licensePublicKey, async (prep) => {
      if (prep.airgap)
        process.stderr.write(`\nThe install will first push the ${prep.airgap.bundle.images.length} images of ${options.airgapBundle} to ${prep.airgap.registry} and check them there.`);
      process.stderr.write(`\nThe install will apply ${prep.plan.length} objects in namespace ${options.namespace}:\n`);
      for (const o of prep.plan) process.stderr.write(`  ${o.kind}/${o.metadata.name}\n`);
      const failed = prep.checks.filter((c) => c.outcome === "fail");
      if (failed.length > 0) return true; // the engine reports the failed checks and stops
      return /^y(es)?$/i.test(await ask(`Install into ${options.namespace}? [y/N]: `));
    });
  }
}
