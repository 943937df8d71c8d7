/**
 * Runs the Go table tests of the template engine (templates/go: every KOTS v1.88.0 template
 * function, the sprig sample, the preflight and Config renderers) with the machine's `go`, so that
 * scripts/test runs them. Reads `go test -json` and fails naming every failing Go test with its
 * output; fails loudly when `go` is missing or a package does not build.
 */
import { describe, expect, test } from "bun:test";
import path from "node:path";

const goDir = path.resolve(import.meta.dir, "../../../templates/go");

/** One line of `go test -json` (cmd/test2json's TestEvent). */
interface GoTestEvent {
  Action: string;
  Package?: string;
  Test?: string;
  Output?: string;
}

/** What one `go test -json ./...` run said: failing tests with their output, passed count, other output. */
interface GoTestRun {
  code: number;
  failed: { name: string; output: string }[];
  passed: number;
  stray: string;
  stderr: string;
}

/** Parses `go test -json` stdout; lines that are not JSON (build errors) are kept in `stray`. */
function parseGoTestJSON(stdout: string): Omit<GoTestRun, "code" | "stderr"> {
  const outputs = new Map<string, string>();
  const failed: { name: string; output: string }[] = [];
  let passed = 0;
  let stray = "";
  for (const line of stdout.split("\n")) {
    if (!line.trim()) continue;
    let ev: GoTestEvent;
    try {
      ev = JSON.parse(line) as GoTestEvent;
    } catch {
      stray += line + "\n";
      continue;
    }
    const key = `${ev.Package ?? ""} ${ev.Test ?? ""}`;
    if (ev.Action === "output") {
      outputs.set(key, (outputs.get(key) ?? "") + (ev.Output ?? ""));
      if (!ev.Test && /FAIL|cannot|undefined|error/.test(ev.Output ?? "")) stray += ev.Output ?? "";
    } else if (ev.Action === "pass" && ev.Test) {
      passed++;
    } else if (ev.Action === "fail") {
      failed.push({ name: ev.Test ? `${ev.Package} ${ev.Test}` : `${ev.Package} (package)`, output: outputs.get(key) ?? "" });
    }
  }
  return { failed, passed, stray };
}

function runGoTests(): GoTestRun {
  const go = Bun.which("go");
  if (!go) throw new Error("`go` is not on PATH: the template engine's Go tests (templates/go) need the machine's Go toolchain");
  const p = Bun.spawnSync([go, "test", "-count=1", "-json", "./..."], { cwd: goDir, stdout: "pipe", stderr: "pipe" });
  const stdout = p.stdout.toString();
  return { code: p.exitCode ?? -1, stderr: p.stderr.toString(), ...parseGoTestJSON(stdout) };
}

describe("templates/go Go tests", () => {
  test("go test -json parsing names failing tests and keeps build errors", () => {
    const lines = [
      { Action: "run", Package: "p", Test: "TestA" },
      { Action: "output", Package: "p", Test: "TestA", Output: "    x_test.go:3: got 1 want 2\n" },
      { Action: "fail", Package: "p", Test: "TestA" },
      { Action: "pass", Package: "p", Test: "TestB" },
      { Action: "fail", Package: "p" },
    ].map((l) => JSON.stringify(l));
    const r = parseGoTestJSON([...lines, "# p/sub", "sub/x.go:1:1: undefined: y"].join("\n"));
    expect(r.passed).toBe(1);
    expect(r.failed.map((f) => f.name)).toEqual(["p TestA", "p (package)"]);
    expect(r.failed[0]!.output).toContain("got 1 want 2");
    expect(r.stray).toContain("undefined: y");
  });

  test("every Go test in templates/go passes", () => {
    const r = runGoTests();
    if (r.code !== 0 || r.failed.length > 0) {
      const detail = r.failed.map((f) => `--- ${f.name}\n${f.output}`).join("\n");
      throw new Error(`go test ./... in templates/go exited ${r.code}; failing: ${r.failed.map((f) => f.name).join(", ") || "(none reported)"}\n${detail}\n${r.stray}${r.stderr}`);
    }
    // The KOTS function table tests are among them (a run that found no tests would pass vacuously).
    expect(r.passed).toBeGreaterThan(100);
  }, 600_000);
});
