import { describe, expect, test } from "bun:test";
import { checkHealthz } from "../../../src/install/healthz.ts";

describe("GET /healthz through the port-forward (loopback stand-in)", () => {
  test("keeps trying while it answers 503, telling how long, then answers", async () => {
    const started = Date.now();
    const server = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response("", { status: Date.now() - started < 3500 ? 503 : 200 }) });
    try {
      const waiting: string[] = [];
      const r = await checkHealthz(server.port!, 10_000, undefined, (el, budget, why) => waiting.push(`${Math.round(el / 1000)}/${budget / 1000} ${why}`));
      expect(r).toEqual({ ok: true, message: "HTTP 200" });
      expect(waiting.length).toBeGreaterThanOrEqual(1);
      expect(waiting[0]).toMatch(/^3\/10 HTTP 503$/);
    } finally {
      server.stop(true);
    }
  });

  test("nothing listening: plain words, no runtime internals", async () => {
    const probe = Bun.listen({ hostname: "127.0.0.1", port: 0, socket: { data() {} } });
    const port = probe.port;
    probe.stop(true);
    const r = await checkHealthz(port, 1200);
    expect(r.ok).toBe(false);
    expect(r.message).toBe("the connection was refused or reset");
  });
});
