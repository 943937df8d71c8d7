import { describe, expect, test } from "bun:test";
import path from "node:path";
import { ensureBinary } from "../../support/kots.ts";

const run = (bin: string, args: string[], cwd = path.resolve(import.meta.dir, "../../..")) => {
  const r = Bun.spawnSync([bin, ...args], { cwd, stdout: "pipe", stderr: "pipe", env: { PATH: process.env.PATH ?? "" } });
  return { code: r.exitCode, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
};

describe("the compiled kots binary", () => {
  test("--version prints the package version and the git commit", () => {
    const bin = ensureBinary();
    const pkg = require("../../../package.json") as { version: string };
    const commit = Bun.spawnSync(["git", "rev-parse", "--short=12", "HEAD"]).stdout.toString().trim();
    const r = run(bin, ["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(`kots ${pkg.version} (commit ${commit})`);
  }, 60_000);

  test("--help lists every command of design §1 with a one-line description, even from another directory", () => {
    const bin = ensureBinary();
    const r = run(bin, ["--help"], "/");
    expect(r.code).toBe(0);
    for (const cmd of ["install", "admin-console", "pull", "preflight", "license", "reset-password", "remove|uninstall", "version", "completion"])
      expect(r.stdout).toMatch(new RegExp(`^  ${cmd.replace("|", "\\|")}\\b.*\\S`, "m"));
    // every command it lists is built (issue 15)
    expect(r.stdout).not.toContain("not built yet");
  }, 60_000);

  test("piped --help has no terminal control codes", () => {
    const r = run(ensureBinary(), ["--help"]);
    expect(r.stdout).not.toContain("\u001b[");
  }, 60_000);

  test("kubectl-kots is the same program under the kubectl plugin name", () => {
    const bin = ensureBinary();
    const r = run(path.join(path.dirname(bin), "kubectl-kots"), ["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toStartWith("kots ");
  }, 60_000);

  test("an unknown command exits 2 with one line", () => {
    const r = run(ensureBinary(), ["instal"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown command 'instal'");
  }, 60_000);
});
