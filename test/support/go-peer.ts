import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const src = path.resolve(import.meta.dir, "../go-peer");

/**
 * Path of test/go-peer built with the machine's Go (cached in ~/.cache/kots-tui/go-peer/<source
 * hash>/): Go's own bcrypt (golang.org/x/crypto, what kotsadm checks logins with) and
 * time.Duration formatting, as peers for the tests. Throws with Go's message when it cannot be
 * built: such a test fails, it never passes without its peer.
 */
export function goPeer(): string {
  const hash = createHash("sha256");
  for (const f of ["main.go", "go.mod", "go.sum"]) hash.update(readFileSync(path.join(src, f)));
  const dir = path.join(process.env.KOTS_TUI_CACHE ?? path.join(os.homedir(), ".cache/kots-tui"), "go-peer", hash.digest("hex").slice(0, 16));
  const bin = path.join(dir, "go-peer");
  if (existsSync(bin)) return bin;
  mkdirSync(dir, { recursive: true });
  const r = Bun.spawnSync(["go", "build", "-o", bin, "."], { cwd: src, stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`building test/go-peer with Go failed: ${r.stderr.toString().trim().split("\n").at(-1)}`);
  return bin;
}

/** True when Go's bcrypt accepts `password` for `hash` (golang.org/x/crypto/bcrypt.CompareHashAndPassword). */
export function goBcryptAccepts(hash: string, password: string): boolean {
  const r = Bun.spawnSync([goPeer(), "bcrypt-verify"], { stdin: new TextEncoder().encode(`${hash}\n${password}\n`), stdout: "pipe", stderr: "pipe" });
  return r.exitCode === 0;
}

/** Go's time.Duration(ms * time.Millisecond).String() for each value. */
export function goDurationStrings(ms: number[]): string[] {
  const r = Bun.spawnSync([goPeer(), "duration", ...ms.map(String)], { stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`go-peer duration failed: ${r.stderr.toString()}`);
  return r.stdout.toString().trim().split("\n");
}
