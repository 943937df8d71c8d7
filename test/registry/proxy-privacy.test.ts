// Which images are private (issue 14 part 2; KOTS v1.88 pkg/image IsPrivateImage), against real
// loopback docker-registry instances: an open one (public), htpasswd (private), token auth that
// gives anonymous pull tokens (public, as Docker Hub) and one that gives none (private), and a
// port nothing listens on (cannot be checked: private, with a warning naming the registry).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkImagePrivacy } from "../../src/registry/private-images.ts";
import { freePort, startOpenRegistry, type RunningRegistry } from "../support/copy-registries.ts";
import { pushTestImage, startBearerRegistry, startPortlessPrivateRegistry, type BearerRegistry } from "../support/proxy-registries.ts";

let open: RunningRegistry;
let priv: RunningRegistry;
let bearerPublic: BearerRegistry;
let bearerPrivate: BearerRegistry;
let layout: string;
let digest: string;
let closedPort: number;

beforeAll(async () => {
  [open, priv, bearerPublic, bearerPrivate] = await Promise.all([startOpenRegistry(), startPortlessPrivateRegistry(), startBearerRegistry(true), startBearerRegistry(false)]);
  layout = mkdtempSync(path.join(os.tmpdir(), "kots-privacy-layout-"));
  digest = (await pushTestImage(layout, "pub", `${open.host}/vendor/pub:1.0`)).digest;
  await pushTestImage(layout, "api", `${priv.host}/acme/api:1.0`, { username: priv.username!, password: priv.password! });
  await pushTestImage(layout, "hub", `${bearerPublic.host}/library/hub:2`, { username: "pusher", password: "x" });
  await pushTestImage(layout, "sec", `${bearerPrivate.host}/acme/sec:3`, { username: "pusher", password: "x" });
  closedPort = await freePort();
}, 60_000);

afterAll(() => {
  for (const r of [open, priv, bearerPublic, bearerPrivate]) r?.stop();
  if (layout) rmSync(layout, { recursive: true, force: true });
});

describe("checkImagePrivacy", () => {
  test("public: an open registry serves the manifest anonymously (by tag and by digest)", async () => {
    const r = await checkImagePrivacy([`${open.host}/vendor/pub:1.0`, `${open.host}/vendor/pub@${digest}`]);
    expect([...r.images.values()].map((p) => [p.private, p.reason])).toEqual([
      [false, "anonymous-ok"],
      [false, "anonymous-ok"],
    ]);
    expect(r.warnings).toEqual([]);
  });

  test("private: htpasswd answers 401 to an anonymous manifest read", async () => {
    const img = `${priv.host}/acme/api:1.0`;
    expect(img).not.toMatch(/:\d+\//); // the registry is on port 80: no port in the name
    const r = await checkImagePrivacy([img]);
    expect(r.images.get(img)).toEqual({ image: img, private: true, reason: "refused" });
  });

  test("Bearer: anonymous pull tokens and the manifest served → public; no anonymous access → private; no credential sent", async () => {
    const pub = `${bearerPublic.host}/library/hub:2`;
    const sec = `${bearerPrivate.host}/acme/sec:3`;
    const seen = [bearerPublic.authorizationsSeen(), bearerPrivate.authorizationsSeen()];
    const r = await checkImagePrivacy([pub, sec]);
    expect(r.images.get(pub)).toMatchObject({ private: false, reason: "anonymous-ok" });
    expect(r.images.get(sec)).toMatchObject({ private: true, reason: "refused" });
    expect([bearerPublic.authorizationsSeen(), bearerPrivate.authorizationsSeen()]).toEqual(seen);
  });

  test("an image the registry does not have: private (KOTS counts every failed read), not a warning", async () => {
    const img = `${open.host}/vendor/missing:9`;
    const r = await checkImagePrivacy([img]);
    expect(r.images.get(img)).toMatchObject({ private: true, reason: "not-found" });
    expect(r.warnings).toEqual([]);
  });

  test("an unreachable registry: private, and one warning naming the registry and its images", async () => {
    const a = `127.0.0.1:${closedPort}/x/a:1`;
    const b = `127.0.0.1:${closedPort}/x/b:2`;
    const r = await checkImagePrivacy([a, b, `${open.host}/vendor/pub:1.0`], { retries: 0, timeoutMs: 3000 });
    expect(r.images.get(a)).toMatchObject({ private: true, reason: "unchecked" });
    expect(r.images.get(b)).toMatchObject({ private: true, reason: "unchecked" });
    expect(r.warnings.length).toBe(1);
    expect(r.warnings[0]).toContain(`images on 127.0.0.1:${closedPort} are private`);
    expect(r.warnings[0]).toContain("treated as private");
    expect(r.warnings[0]).toEndWith(`${a}, ${b}`);
  });

  test("many images: each distinct reference once, in input order, a mix of answers", async () => {
    const list = [`${open.host}/vendor/pub:1.0`, `${priv.host}/acme/api:1.0`, `${open.host}/vendor/pub:1.0`, ...Array.from({ length: 20 }, (_, i) => `${open.host}/vendor/none${i}:1`)];
    const r = await checkImagePrivacy(list, { parallel: 4 });
    expect([...r.images.keys()]).toEqual([...new Set(list)]);
    expect([...r.images.values()].filter((p) => !p.private).map((p) => p.image)).toEqual([`${open.host}/vendor/pub:1.0`]);
  });
});
