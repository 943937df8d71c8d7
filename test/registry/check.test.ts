import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { checkRegistryAccess } from "../../src/registry/check.ts";
import { startRegistry, type TestRegistry } from "../support/registry.ts";

let reg: TestRegistry;
beforeAll(async () => {
  reg = await startRegistry();
}, 30_000);
afterAll(() => reg?.stop());

describe("registry access check against Debian's docker-registry on loopback", () => {
  test("the right credentials log in", async () => {
    const r = await checkRegistryAccess(`http://${reg.host}`, reg.username, reg.password);
    expect(r).toEqual({ ok: true, message: `logged in to ${reg.host} as ${reg.username}` });
  });

  test("a wrong password is refused with 401, and the message does not contain it", async () => {
    const r = await checkRegistryAccess(`http://${reg.host}/some/namespace`, reg.username, "wrong-password-123");
    expect(r.ok).toBe(false);
    expect(r.message).toContain("HTTP 401");
    expect(r.message).not.toContain("wrong-password-123");
  });

  test("a port with nothing listening is reported as unreachable", async () => {
    const r = await checkRegistryAccess("http://127.0.0.1:1", "u", "p");
    expect(r.ok).toBe(false);
    expect(r.message).toStartWith("cannot reach 127.0.0.1:1");
  });
});
