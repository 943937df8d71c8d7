import { mkdtempSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/** A real Docker Distribution server (Debian's docker-registry) on 127.0.0.1 with htpasswd auth. */
export interface TestRegistry {
  host: string;
  username: string;
  password: string;
  stop(): void;
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

/**
 * Starts /usr/bin/docker-registry (scripts/setup installs it) on a free loopback port with one
 * bcrypt htpasswd user, and waits until /v2/ answers. Throws with the server's output if it does
 * not come up: a registry test must not pass without a registry.
 */
export async function startRegistry(): Promise<TestRegistry> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "kots-registry-"));
  const username = "pusher";
  const password = `reg-${crypto.randomUUID()}`;
  writeFileSync(path.join(dir, "htpasswd"), `${username}:${await Bun.password.hash(password, { algorithm: "bcrypt", cost: 10 })}\n`);
  const port = await freePort();
  writeFileSync(
    path.join(dir, "config.yml"),
    [
      "version: 0.1",
      "log: {level: error}",
      `storage: {filesystem: {rootdirectory: ${dir}/data}, delete: {enabled: true}}`,
      `http: {addr: "127.0.0.1:${port}"}`,
      `auth: {htpasswd: {realm: kots-tui-test, path: ${dir}/htpasswd}}`,
    ].join("\n") + "\n",
  );
  const proc = Bun.spawn(["/usr/bin/docker-registry", "serve", path.join(dir, "config.yml")], { stdout: "pipe", stderr: "pipe" });
  const host = `127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      const r = await fetch(`http://${host}/v2/`);
      if (r.status === 401 || r.status === 200) break;
    } catch {
      /* not up yet */
    }
    if (proc.exitCode !== null || Date.now() > deadline) {
      proc.kill();
      throw new Error(`docker-registry did not start on ${host}: ${await new Response(proc.stderr).text()}`);
    }
    await Bun.sleep(100);
  }
  return { host, username, password, stop: () => proc.kill() };
}
