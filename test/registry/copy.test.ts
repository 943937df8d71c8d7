/**
 * The image copy engine against real registries (Debian's docker-registry on 127.0.0.1): an open
 * source, a target with htpasswd behind TLS from a CA made here, and a token-auth registry with a
 * token server of the test's own. Images are built in code; every pushed digest is pulled back.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { copyImage, copyImages, CopyError, parseLocation, type CopyEvent, type CopyOptions } from "../../src/registry/copy/index.ts";
import { startOpenRegistry, startRedirectingRegistry, startTlsAuthRegistry, startTokenRegistry, type RunningRegistry, type TokenRegistry } from "../support/copy-registries.ts";
import { buildImage, type BuiltImage } from "../support/oci-images.ts";
import { headBlob, pullDigest, tagDigest } from "../support/pull-back.ts";

let open: RunningRegistry;
let tls: RunningRegistry;
let tok: TokenRegistry;
let layout: string;
let work: string;
const imgs: Record<string, BuiltImage> = {};
const MiB = 1024 * 1024;
// small thresholds so that the 3 MiB layers go chunked (PATCH) and the rest monolithic
const SIZES: CopyOptions = { monolithicMax: 512 * 1024, chunkSize: MiB, backoffMs: 20 };

const fromOpen = (): CopyOptions => ({ ...SIZES, src: { plainHttp: true } });
const toTls = (): CopyOptions["dst"] => ({ caFile: tls.caFile, username: tls.username, password: tls.password });

async function expectAllPulledBack(reg: RunningRegistry, repo: string, img: BuiltImage) {
  for (const m of img.manifests) expect(await pullDigest(reg, repo, "manifests", m)).toBe(m);
  for (const b of img.blobs) expect(await pullDigest(reg, repo, "blobs", b.digest)).toBe(b.digest);
}

beforeAll(async () => {
  [open, tls, tok] = await Promise.all([startOpenRegistry(), startTlsAuthRegistry(), startTokenRegistry()]);
  work = mkdtempSync(path.join(tmpdir(), "kots-copy-test-"));
  layout = path.join(work, "built");
  // multi-arch OCI index (amd64 + arm64/v8), the first layer shared by both platforms, one 3 MiB layer each
  imgs.web = buildImage(layout, {
    name: "web:1.0",
    layers: [40_000, 3 * MiB + 123, 7_000],
    platforms: [{ os: "linux", architecture: "amd64" }, { os: "linux", architecture: "arm64", variant: "v8" }],
    sharedLayers: [0],
  });
  // Docker v2 schema 2 manifest list
  imgs.api = buildImage(layout, { name: "api:2.1", format: "docker", layers: [1_000, 200_000], platforms: [{ os: "linux", architecture: "amd64" }, { os: "linux", architecture: "s390x" }] });
  // single Docker v2 schema 2 manifest, no index
  imgs.db = buildImage(layout, { name: "db:14", format: "docker", layers: [2 * MiB, 10_000, 500] });
  for (const [name, tag] of [["web", "1.0"], ["api", "2.1"], ["db", "14"]] as const)
    await copyImage({ layout, name: `${name}:${tag}` }, parseLocation(`${open.host}/vendor/${name}:${tag}`), { ...SIZES, dst: { plainHttp: true } });
}, 120_000);

afterAll(() => {
  open?.stop();
  tls?.stop();
  tok?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("layout → registry (push of images built in code)", () => {
  test("every manifest and blob of the three images is on the source, and the tags name the built digests", async () => {
    await expectAllPulledBack(open, "vendor/web", imgs.web!);
    await expectAllPulledBack(open, "vendor/api", imgs.api!);
    await expectAllPulledBack(open, "vendor/db", imgs.db!);
    expect(await tagDigest(open, "vendor/web", "1.0")).toBe(imgs.web!.digest);
    expect(await tagDigest(open, "vendor/api", "2.1")).toBe(imgs.api!.digest);
    expect(await tagDigest(open, "vendor/db", "14")).toBe(imgs.db!.digest);
  });
});

describe("registry → registry with htpasswd and TLS from the test's CA", () => {
  const events: CopyEvent[] = [];
  test("copies all platforms of the index, the manifest list and the single manifest; every digest pulled back", async () => {
    const results = await copyImages(
      [
        { src: `${open.host}/vendor/web:1.0`, dst: `${tls.host}/private/web:1.0` },
        { src: `${open.host}/vendor/api:2.1`, dst: `${tls.host}/private/api:2.1` },
        { src: `${open.host}/vendor/db:14`, dst: `${tls.host}/private/db:14` },
      ],
      { ...fromOpen(), dst: toTls(), parallel: 3 },
      (e) => events.push(e),
    );
    expect(results.map((r) => r.digest)).toEqual([imgs.web!.digest, imgs.api!.digest, imgs.db!.digest]);
    for (const r of results) expect(r.blobs.copied).toBeGreaterThan(0);
    await expectAllPulledBack(tls, "private/web", imgs.web!);
    await expectAllPulledBack(tls, "private/api", imgs.api!);
    await expectAllPulledBack(tls, "private/db", imgs.db!);
    expect(await tagDigest(tls, "private/web", "1.0")).toBe(imgs.web!.digest);
    expect(await tagDigest(tls, "private/db", "14")).toBe(imgs.db!.digest);
  });

  test("progress events: planned totals, one blob-done per blob, bytes adding up per image and in total", () => {
    const planned = events.filter((e) => e.type === "image-planned");
    expect(planned.length).toBe(3);
    const web = planned.find((e) => e.image.endsWith("/vendor/web:1.0"))!;
    expect(web).toMatchObject({ manifests: 3, blobs: imgs.web!.blobs.length, bytes: imgs.web!.blobs.reduce((a, b) => a + b.size, 0) });
    const done = events.filter((e) => e.type === "blob-done");
    expect(done.length).toBe(imgs.web!.blobs.length + imgs.api!.blobs.length + imgs.db!.blobs.length);
    const last = events.filter((e) => e.type === "total-progress").at(-1)!;
    expect(last).toMatchObject({ imagesDone: 3, imagesTotal: 3 });
    if (last.type === "total-progress") expect(last.bytesDone).toBe(last.bytesTotal);
    const lastWeb = events.filter((e) => e.type === "image-progress" && e.image === web.image).at(-1)!;
    expect(lastWeb).toMatchObject({ bytesDone: web.type === "image-planned" ? web.bytes : -1, blobsDone: imgs.web!.blobs.length, blobsTotal: imgs.web!.blobs.length });
    expect(events.filter((e) => e.type === "image-done").length).toBe(3);
  });

  test("a re-run copies nothing: every blob exists (HEAD), no bytes move", async () => {
    const r = await copyImage(`${open.host}/vendor/web:1.0`, `${tls.host}/private/web:1.0`, { ...fromOpen(), dst: toTls() });
    expect(r.bytesCopied).toBe(0);
    expect(r.blobs).toEqual({ copied: 0, exists: imgs.web!.blobs.length, mounted: 0 });
  });

  test("--platform linux/arm64 copies only that image manifest and its blobs", async () => {
    const r = await copyImage(`${open.host}/vendor/web:1.0`, `${tls.host}/arm/web:1.0`, { ...fromOpen(), dst: toTls(), platform: "linux/arm64" });
    const idx = JSON.parse(readFileSync(path.join(layout, "blobs/sha256", imgs.web!.digest.slice(7)), "utf8"));
    const arm = idx.manifests.find((m: { platform: { architecture: string } }) => m.platform.architecture === "arm64");
    expect(r.digest).toBe(arm.digest);
    expect(await tagDigest(tls, "arm/web", "1.0")).toBe(arm.digest);
    const armManifest = JSON.parse(readFileSync(path.join(layout, "blobs/sha256", arm.digest.slice(7)), "utf8"));
    const want = [armManifest.config.digest, ...armManifest.layers.map((l: { digest: string }) => l.digest)];
    expect(r.blobs.copied + r.blobs.mounted + r.blobs.exists).toBe(want.length);
    for (const d of want) expect(await pullDigest(tls, "arm/web", "blobs", d)).toBe(d);
  });

  test("within one registry every blob is cross-repository mounted, none transferred", async () => {
    const r = await copyImage(`${tls.host}/private/db:14`, `${tls.host}/mirror/db:14`, { ...SIZES, src: toTls(), dst: toTls() });
    expect(r.blobs).toEqual({ copied: 0, exists: 0, mounted: imgs.db!.blobs.length });
    expect(r.bytesCopied).toBe(0);
    await expectAllPulledBack(tls, "mirror/db", imgs.db!);
  });

  test("one image to two repositories of the target in one run: the second mounts what the first uploads", async () => {
    const results = await copyImages(
      [
        { src: `${open.host}/vendor/api:2.1`, dst: `${tls.host}/team-a/api:2.1` },
        { src: `${open.host}/vendor/api:2.1`, dst: `${tls.host}/team-b/api:2.1` },
      ],
      { ...fromOpen(), dst: toTls() },
    );
    expect(results[0]!.blobs.copied + results[0]!.blobs.exists).toBe(imgs.api!.blobs.length);
    expect(results[1]!.blobs.mounted + results[1]!.blobs.exists).toBe(imgs.api!.blobs.length);
    expect(results[1]!.bytesCopied).toBe(0);
    await expectAllPulledBack(tls, "team-b/api", imgs.api!);
  });

  test("credentials from a Docker config file (auths.<host>.auth) when none are given", async () => {
    const cfg = path.join(work, "docker-config.json");
    writeFileSync(cfg, JSON.stringify({ auths: { [tls.host]: { auth: Buffer.from(`${tls.username}:${tls.password}`).toString("base64") } } }));
    const r = await copyImage(`${open.host}/vendor/db:14`, `${tls.host}/fromconfig/db:14`, { ...fromOpen(), dst: { caFile: tls.caFile, dockerConfig: cfg } });
    expect(r.digest).toBe(imgs.db!.digest);
    expect(await tagDigest(tls, "fromconfig/db", "14")).toBe(imgs.db!.digest);
  });
});

describe("pull to an OCI image layout, push later", () => {
  test("registry → layout writes oci-layout, index.json names the image, every blob verified; push from it to the token registry", async () => {
    const dir = path.join(work, "app/images");
    const r = await copyImage(`${tls.host}/private/web:1.0`, { layout: dir, name: "private/web:1.0" }, { ...SIZES, src: toTls() });
    expect(r.digest).toBe(imgs.web!.digest);
    expect(JSON.parse(readFileSync(path.join(dir, "oci-layout"), "utf8"))).toEqual({ imageLayoutVersion: "1.0.0" });
    const index = JSON.parse(readFileSync(path.join(dir, "index.json"), "utf8"));
    expect(index.manifests).toEqual([
      { mediaType: "application/vnd.oci.image.index.v1+json", digest: imgs.web!.digest, size: expect.any(Number), annotations: { "org.opencontainers.image.ref.name": "private/web:1.0" } },
    ]);
    for (const d of [...imgs.web!.manifests, ...imgs.web!.blobs.map((b) => b.digest)]) {
      const bytes = readFileSync(path.join(dir, "blobs/sha256", d.slice(7)));
      expect("sha256:" + new Bun.CryptoHasher("sha256").update(bytes).digest("hex")).toBe(d);
    }
    expect(readdirSync(path.join(dir, "blobs/sha256")).filter((f) => f.startsWith("."))).toEqual([]);

    const pushed = await copyImage({ layout: dir, name: "private/web:1.0" }, `${tok.host}/later/web:1.0`, { ...SIZES, dst: { plainHttp: true, username: tok.username, password: tok.password } });
    expect(pushed.digest).toBe(imgs.web!.digest);
    await expectAllPulledBack(tok, "later/web", imgs.web!);
  });

  test("resumable: after losing one blob of the layout, a re-run copies exactly that blob", async () => {
    const dir = path.join(work, "resume");
    await copyImage(`${open.host}/vendor/db:14`, { layout: dir, name: "db" }, fromOpen());
    const big = imgs.db!.blobs.find((b) => b.size === 2 * MiB)!;
    unlinkSync(path.join(dir, "blobs/sha256", big.digest.slice(7)));
    const r = await copyImage(`${open.host}/vendor/db:14`, { layout: dir, name: "db" }, fromOpen());
    expect(r.blobs).toEqual({ copied: 1, exists: imgs.db!.blobs.length - 1, mounted: 0 });
    expect(r.bytesCopied).toBe(2 * MiB);
    expect(existsSync(path.join(dir, "blobs/sha256", big.digest.slice(7)))).toBe(true);
  });
});

describe("Bearer token auth (Docker token spec) against docker-registry with auth.token", () => {
  test("push with credentials: the token server is asked for repository:<name>:pull,push and the registry accepts its tokens", async () => {
    const before = tok.tokensIssued();
    const r = await copyImage(`${open.host}/vendor/api:2.1`, `${tok.host}/tok/api:2.1`, { ...fromOpen(), dst: { plainHttp: true, username: tok.username, password: tok.password } });
    expect(r.digest).toBe(imgs.api!.digest);
    expect(tok.tokensIssued()).toBeGreaterThan(before);
    expect(tok.scopesAsked).toContain("repository:tok/api:pull,push");
    await expectAllPulledBack(tok, "tok/api", imgs.api!);
  });

  test("the registry really checks tokens: no token is 401, and a token for another repository cannot push here", async () => {
    const anon = await fetch(`http://${tok.host}/v2/tok/api/manifests/${imgs.api!.digest}`);
    expect(anon.status).toBe(401);
    expect(anon.headers.get("www-authenticate")).toContain(`realm="${tok.tokenUrl}"`);
    const basic = "Basic " + Buffer.from(`${tok.username}:${tok.password}`).toString("base64");
    const t = (await (await fetch(`${tok.tokenUrl}?service=kots-tui-test-registry&scope=repository:other:pull`, { headers: { authorization: basic } })).json()) as { token: string };
    const wrong = await fetch(`http://${tok.host}/v2/tok/api/blobs/uploads/`, { method: "POST", headers: { authorization: `Bearer ${t.token}` } });
    expect(wrong.status).toBe(401);
  });

  test("pull from the token registry to another repository of it: mounts need pull on the source repository too", async () => {
    const r = await copyImage(`${tok.host}/tok/api:2.1`, `${tok.host}/tok-mirror/api:2.1`, {
      ...SIZES,
      src: { plainHttp: true, username: tok.username, password: tok.password },
      dst: { plainHttp: true, username: tok.username, password: tok.password },
    });
    expect(r.blobs.mounted).toBe(imgs.api!.blobs.length);
    expect(tok.scopesAsked).toContain("repository:tok/api:pull");
    await expectAllPulledBack(tok, "tok-mirror/api", imgs.api!);
  });

  test("a wrong password is refused by the token server: CopyError unauthorized, one line, no secret", async () => {
    const err = (await copyImage(`${open.host}/vendor/db:14`, `${tok.host}/tok/db:14`, { ...fromOpen(), dst: { plainHttp: true, username: tok.username, password: "wrong-pass-987" } }).catch((e) => e)) as CopyError;
    expect(err).toBeInstanceOf(CopyError);
    expect(err.code).toBe("unauthorized");
    expect(err.message).toContain(tok.host);
    expect(err.message).not.toContain("wrong-pass-987");
    expect(err.message).not.toContain("\n");
    expect(await headBlob(tok, "tok/db", imgs.db!.blobs[0]!.digest)).toBe(404);
  });
});

describe("blob reads redirected to storage (distribution's redirect middleware)", () => {
  test("the copy follows the 307s to the file server, sends it no credentials, and verifies every blob", async () => {
    const reg = await startRedirectingRegistry();
    try {
      const creds = { plainHttp: true, username: reg.username, password: reg.password };
      await copyImage(`${open.host}/vendor/web:1.0`, `${reg.host}/cdn/web:1.0`, { ...fromOpen(), dst: creds });
      const pushed = reg.cdnRequests.length; // HEADs of the push are redirected too
      const dir = path.join(work, "from-cdn");
      const r = await copyImage(`${reg.host}/cdn/web:1.0`, { layout: dir, name: "web" }, { ...SIZES, src: creds });
      expect(r.digest).toBe(imgs.web!.digest);
      expect(r.blobs.copied).toBe(imgs.web!.blobs.length);
      const gets = reg.cdnRequests.slice(pushed).filter((q) => q.method === "GET");
      expect(gets.length).toBe(imgs.web!.blobs.length);
      for (const b of imgs.web!.blobs) expect(gets.some((q) => q.path.includes(b.digest.slice(7)))).toBe(true);
      expect(reg.cdnRequests.filter((q) => q.authorization)).toEqual([]);
      for (const b of imgs.web!.blobs) {
        const bytes = readFileSync(path.join(dir, "blobs/sha256", b.digest.slice(7)));
        expect("sha256:" + new Bun.CryptoHasher("sha256").update(bytes).digest("hex")).toBe(b.digest);
      }
    } finally {
      reg.stop();
    }
  });
});
