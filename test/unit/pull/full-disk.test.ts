// kots pull on a full disk (issue 13 part 5): a 64 KiB tmpfs as --rootdir. One line, exit 2, and
// nothing left on it (the temporary directory and the --rootdir it created are removed).
// Needs mount(8) rights (the test machine runs as root); elsewhere the test is skipped.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { mkdtempSync, readdirSync, rmdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { CONFIG_VALUES, REPO, removeTempDirs, runPull } from "./support.ts";

const mnt = mkdtempSync(path.join(os.tmpdir(), "kots-pull-full-"));
let mounted = false;

beforeAll(() => {
  mounted = Bun.spawnSync(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mnt], { stderr: "pipe" }).exitCode === 0;
});
afterAll(() => {
  if (mounted) Bun.spawnSync(["umount", mnt]);
  rmdirSync(mnt);
  removeTempDirs();
});

test("a full disk: exit 2, one line naming --rootdir, nothing written", async () => {
  if (!mounted) {
    console.warn("full-disk test skipped: cannot mount a tmpfs here");
    return;
  }
  const root = path.join(mnt, "pulls");
  const r = await runPull([path.join(REPO, "examples/acme-helpdesk"), "--rootdir", root, "--config-values", CONFIG_VALUES]);
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).toContain(`--rootdir ${root}: the disk is full`);
  expect(readdirSync(mnt)).toEqual([]);
});
