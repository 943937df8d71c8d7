// main.ts's program for one command (src/cli/lazy-program.ts) must be that command exactly as the
// whole tree has it: same options, same subcommands, for every command and alias.
import { expect, test } from "bun:test";
import type { Command } from "commander";
import { buildProgram } from "../../../src/cli/program.ts";
import { programFor } from "../../../src/cli/lazy-program.ts";

const shape = (c: Command): unknown => ({ name: c.name(), aliases: c.aliases(), options: c.options.map((o) => o.flags), commands: c.commands.map(shape) });

test("every command but completion (and alias) alone has the shape it has in the whole tree", async () => {
  const full = buildProgram();
  expect(full.commands.length).toBeGreaterThan(5);
  for (const c of full.commands.filter((c) => c.name() !== "completion")) // completion gets the whole tree (below)
    for (const name of [c.name(), ...c.aliases()]) {
      const one = await programFor([name, "--help"]);
      expect(one.commands.map(shape)).toEqual([shape(c)]);
    }
});

test("no command, help, completion and unknown names get the whole tree", async () => {
  const n = buildProgram().commands.length;
  for (const argv of [[], ["--help"], ["help"], ["completion", "bash"], ["nosuch"]]) expect((await programFor(argv)).commands).toHaveLength(n);
});
