// Airgap bundles end to end with the compiled binary (issue 14 part 1): `kots airgap build` pulls
// a release's images (manifests + the Application's additionalImages) from a loopback registry that
// stands in for docker.io and ghcr.io (--image-mirror), `kots admin-console push-images` pushes the
// bundle into an htpasswd+TLS docker-registry, every image is pulled back there by digest (every
// blob hashed), a re-run pushes nothing, a push cut short is completed by the next run, and every
// bad bundle is one line, exit 2, with nothing in the target registry. Bundles in the layouts
// written by others (a real docker-registry's storage tree packed with GNU tar; docker-archive
// tarballs) are pushed as well.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { copyImage } from "../../src/registry/copy/index.ts";
import { openAirgapBundle, pushAirgapImages, AirgapBundleError } from "../../src/airgap/index.ts";
import { startOpenRegistry, startTlsAuthRegistry, type RunningRegistry } from "../support/copy-registries.ts";
import { allOutputs, ensureBinary, runKots, spawnKots } from "../support/kots.ts";
import { buildImage, type BuiltImage, type ImageSpec } from "../support/oci-images.ts";
import { headBlob, pullDigest, tagDigest, registryCatalog as catalog } from "../support/pull-back.ts";
import { upstreamImages } from "../../src/manifests/images.ts";
import { airgapYaml, makeLayer, packBundle, writeDockerArchive, writeReleaseArchive } from "../support/airgap-fixtures.ts";

const KiB = 1024;
const LICENSE = "examples/licenses/acme-helpdesk-v1beta2.yaml";
const PUBKEY = "examples/keys/example-global.public.pem";
let source: RunningRegistry;
const targets: RunningRegistry[] = [];
const dirs: string[] = [];
const temp = (p: string) => {
  const d = mkdtempSync(path.join(os.tmpdir(), p));
  dirs.push(d);
  return d;
};

/** [original name, repository in the stand-in registry, tag, spec] */
const IMAGES: [string, string, string, Omit<ImageSpec, "name">][] = [
  ["docker.io/library/redis:7.2", "library/redis", "7.2", { layers: [400 * KiB, 3 * KiB] }],
  ["ghcr.io/acme/web:1.0", "acme/web", "1.0", { layers: [300 * KiB, 2 * KiB], platforms: [{ os: "linux", architecture: "amd64" }, { os: "linux", architecture: "arm64" }], format: "docker" }],
  ["docker.io/acme/operand:0.3", "acme/operand", "0.3", { layers: [100 * KiB] }],
];
const built: Record<string, BuiltImage> = {};
let release: string;
let bundle: string;

async function newTarget(): Promise<RunningRegistry> {
  const t = await startTlsAuthRegistry();
  targets.push(t);
  return t;
}

const pushArgs = (file: string, reg: RunningRegistry, ns = "airgap") => ["admin-console", "push-images", file, `${reg.host}/${ns}`, "--registry-username", reg.username!, "--registry-password-stdin", "--ca-file", reg.caFile!];

beforeAll(async () => {
  ensureBinary();
  source = await startOpenRegistry();
  const layout = temp("kots-airgap-layout-");
  for (const [name, repo, tag, spec] of IMAGES) {
    built[name] = buildImage(layout, { name, ...spec });
    await copyImage({ layout, name }, `${source.host}/${repo}:${tag}`, { dst: { plainHttp: true } });
  }
  release = path.join(temp("kots-airgap-rel-"), "shop");
  mkdirSync(release);
  writeFileSync(path.join(release, "kots-app.yaml"), "apiVersion: kots.io/v1beta1\nkind: Application\nmetadata:\n  name: acme-helpdesk\nspec:\n  title: Acme\n  additionalImages:\n    - acme/operand:0.3\n");
  writeFileSync(
    path.join(release, "web.yaml"),
    "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n        - name: web\n          image: ghcr.io/acme/web:1.0\n        - name: cache\n          image: redis:7.2\n",
  );
  bundle = path.join(temp("kots-airgap-out-"), "shop.airgap");
}, 60_000);

afterAll(() => {
  source?.stop();
  for (const t of targets) t.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("kots airgap build → kots admin-console push-images", () => {
  test("the bundle names the original images, pulled through the mirror", async () => {
    const r = await runKots(["airgap", "build", release, "--license-file", LICENSE, "--license-public-key", PUBKEY, "--image-mirror", `docker.io=${source.host}`, "--image-mirror", `ghcr.io=${source.host}`, "-o", bundle, "--version-label", "1.4.0", "--output", "json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const done = r.events.at(-1) as unknown as { type: string; images: string[]; appSlug: string };
    expect(done.type).toBe("done");
    expect(done.appSlug).toBe("acme-helpdesk");
    expect([...done.images].sort()).toEqual(IMAGES.map(([n]) => n).sort());
    const b = await openAirgapBundle(bundle, { expectAppSlug: "acme-helpdesk" });
    expect(b.meta).toMatchObject({ appSlug: "acme-helpdesk", versionLabel: "1.4.0", format: "docker" });
    expect(b.meta.savedImages.sort()).toEqual(IMAGES.map(([n]) => n).sort());
    expect((await b.releaseFiles()).map((f) => f.file).sort()).toEqual(["kots-app.yaml", "web.yaml"]);
    // the bundle is a tar KOTS (and GNU tar) can list: airgap.yaml first, the registry tree
    const list = Bun.spawnSync(["tar", "tzf", bundle]).stdout.toString().split("\n");
    expect(list[0]).toBe("airgap.yaml");
    expect(list).toContain("images/docker/registry/v2/repositories/redis/_manifests/tags/7.2/current/link");
  });

  test("pushed into an htpasswd+TLS registry: every image and blob pulled back by digest; a re-run pushes nothing", async () => {
    const target = await newTarget();
    const r = await runKots([...pushArgs(bundle, target), "--output", "json"], { stdin: target.password! + "\n" });
    expect(r.code).toBe(0);
    const types = new Set(r.events.map((e) => e.type));
    for (const t of ["bundle-read", "phase-started", "image-planned", "blob-done", "image-progress", "total-progress", "image-done", "done"]) expect(types.has(t as never)).toBe(true);
    for (const [name, , tag] of IMAGES) {
      const repo = `airgap/${name.split("/").at(-1)!.split(":")[0]}`;
      expect(await tagDigest(target, repo, tag)).toBe(built[name]!.digest);
      for (const m of built[name]!.manifests) expect(await pullDigest(target, repo, "manifests", m)).toBe(m);
      for (const bl of built[name]!.blobs) expect(await pullDigest(target, repo, "blobs", bl.digest)).toBe(bl.digest);
    }
    expect((await catalog(target)).sort()).toEqual(["airgap/operand", "airgap/redis", "airgap/web"]);
    const again = await runKots([...pushArgs(bundle, target), "--output", "json"], { stdin: target.password! });
    expect(again.code).toBe(0);
    // every manifest there: the re-run check after the bundle's head answers; no blob is asked for
    expect(again.events.filter((e) => e.type === ("blob-done" as never))).toEqual([]);
    expect(again.events.filter((e) => e.type === ("image-done" as never))).toHaveLength(IMAGES.length);
    // nothing missing: the bundle is not read a second time after the checking pass
    const againTypes = again.events.map((e) => e.type as string);
    expect(againTypes.indexOf("phase-started")).toBeGreaterThan(0);
    expect(againTypes.slice(againTypes.indexOf("phase-started")).includes("bundle-read")).toBe(false);
    const done = again.events.at(-1) as unknown as { images: Array<{ skipped: boolean }> };
    expect(done.images.every((i) => i.skipped)).toBe(true);
    expect(allOutputs.join("\n")).not.toContain(target.password!);
  }, 120_000);

  test("a push cut short (one image only) is completed by the next run, which pushes only the rest", async () => {
    const target = await newTarget();
    const b = await openAirgapBundle(bundle);
    const first = await pushAirgapImages(b, { host: target.host, namespace: "ns", username: target.username, password: target.password, caFile: target.caFile }, { images: ["redis:7.2"] });
    expect(first.images.map((i) => i.target)).toEqual([`${target.host}/ns/redis:7.2`]);
    const r = await runKots([...pushArgs(bundle, target, "ns"), "--output", "json"], { stdin: target.password! });
    expect(r.code).toBe(0);
    const byImage = (img: string) => (r.events as unknown as Array<{ type: string; image?: string; action?: string }>).filter((e) => e.type === "blob-done" && e.image === img).map((e) => e.action);
    expect(byImage("docker.io/library/redis:7.2").every((a) => a === "exists")).toBe(true);
    expect(byImage("ghcr.io/acme/web:1.0")).toContain("copied");
    for (const [name, , tag] of IMAGES) expect(await tagDigest(target, `ns/${name.split("/").at(-1)!.split(":")[0]}`, tag)).toBe(built[name]!.digest);
  }, 120_000);

  test("three reads of the bundle at once (opts.parallel), each pushing its share: every image pulled back", async () => {
    const target = await newTarget();
    const b = await openAirgapBundle(bundle);
    const copied: string[] = [];
    await pushAirgapImages(b, { host: target.host, namespace: "par", username: target.username, password: target.password, caFile: target.caFile }, { parallel: 3, onEvent: (e) => e.type === "blob-done" && e.action === "copied" && copied.push(e.digest) });
    expect(new Set(copied).size).toBe(copied.length); // each blob uploaded once
    for (const [name, , tag] of IMAGES) {
      const repo = `par/${name.split("/").at(-1)!.split(":")[0]}`;
      expect(await tagDigest(target, repo, tag)).toBe(built[name]!.digest);
      for (const bl of built[name]!.blobs) expect(await pullDigest(target, repo, "blobs", bl.digest)).toBe(bl.digest);
    }
  }, 120_000);

  test("plain output: a line per image and the pushed list on stdout", async () => {
    const target = await newTarget();
    const r = await runKots(pushArgs(bundle, target), { stdin: target.password! });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`Pushing 3 images to ${target.host}/airgap`);
    expect(r.stderr).toContain(`Pushed 3 of 3 images of ${bundle} (acme-helpdesk 1.4.0)`);
    expect(r.stdout.trim().split("\n").sort()).toEqual([`docker.io/acme/operand:0.3 → ${target.host}/airgap/operand:0.3`, `docker.io/library/redis:7.2 → ${target.host}/airgap/redis:7.2`, `ghcr.io/acme/web:1.0 → ${target.host}/airgap/web:1.0`]);
  }, 120_000);
});

/** A release naming ghcr.io/acme/absent:9, which the stand-in registry does not have. */
function absentRelease(): string {
  const d = path.join(temp("kots-airgap-absent-"), "absent");
  mkdirSync(d);
  writeFileSync(path.join(d, "pod.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: ghcr.io/acme/absent:9}]\n");
  return d;
}

/** GNU tar's verbose listing with block numbers (`tar -tzvR`): [block, name] per member, in archive order. */
function gnuListing(file: string): Array<[number, string]> {
  const r = Bun.spawnSync(["tar", "-tzvRf", file]);
  expect(r.exitCode).toBe(0);
  const out: Array<[number, string]> = [];
  for (const line of r.stdout.toString().split("\n")) {
    const m = /^block (\d+): \S+ \S+ +\d+ \S+ \S+ (.+)$/.exec(line);
    if (m) out.push([Number(m[1]), m[2]!]);
  }
  return out;
}

describe("the re-run check: a bundle read only as far as its head", () => {
  const V2 = "images/docker/registry/v2/";
  const manifestHexes = () => new Set(IMAGES.flatMap(([n]) => built[n]!.manifests.map((d) => d.slice(7))));
  const blobHexes = () => new Set(IMAGES.flatMap(([n]) => built[n]!.blobs.map((b) => b.digest.slice(7))));
  const hexOf = (name: string) => name.split("/").at(-2)!;

  test("kots airgap build writes airgap.yaml, app.tar.gz, the links, every manifest, then configs and layers (GNU tar -tzvR)", () => {
    const names = gnuListing(bundle).map(([, n]) => n);
    expect(names.slice(0, 2)).toEqual(["airgap.yaml", "app.tar.gz"]);
    const blobAt = names.map((n, i) => [n, i] as const).filter(([n]) => n.startsWith(V2 + "blobs/"));
    const linkAt = names.map((n, i) => [n, i] as const).filter(([n]) => n.startsWith(V2 + "repositories/"));
    expect(linkAt.length).toBeGreaterThan(0);
    const m = manifestHexes();
    const b = blobHexes();
    const manifestIdx = blobAt.filter(([n]) => m.has(hexOf(n))).map(([, i]) => i);
    const otherIdx = blobAt.filter(([n]) => b.has(hexOf(n))).map(([, i]) => i);
    expect(manifestIdx).toHaveLength(m.size);
    expect(otherIdx).toHaveLength(b.size);
    expect(Math.max(...linkAt.map(([, i]) => i))).toBeLessThan(Math.min(...manifestIdx));
    expect(Math.max(...manifestIdx)).toBeLessThan(Math.min(...otherIdx));
  });

  /** The bundle cut 100 bytes into its first config/layer (offsets from GNU tar's block numbers), or with that blob's bytes flipped. */
  const damagedTail = (how: "cut" | "flip") => {
    const listing = gnuListing(bundle);
    const b = blobHexes();
    const [block, name] = listing.find(([, n]) => n.startsWith(V2 + "blobs/") && b.has(hexOf(n)))!;
    expect(name).toBeDefined();
    const tar = new Uint8Array(Bun.gunzipSync(new Uint8Array(readFileSync(bundle))));
    let bytes: Uint8Array;
    if (how === "cut") bytes = tar.subarray(0, (block + 1) * 512 + 100);
    else {
      bytes = tar.slice();
      bytes[(block + 1) * 512 + 10]! ^= 0xff;
    }
    const f = path.join(temp("kots-airgap-tail-"), `${how}.airgap`);
    writeFileSync(f, gzipSync(bytes));
    return f;
  };

  for (const how of ["cut", "flip"] as const)
    test(`every image there, the tail ${how === "cut" ? "cut off" : "corrupt (a layer byte flipped)"}: nothing to push, exit 0, every image skipped`, async () => {
      const target = await newTarget();
      const first = await runKots([...pushArgs(bundle, target), "--output", "json"], { stdin: target.password! });
      expect(first.code).toBe(0);
      const file = damagedTail(how);
      const r = await runKots([...pushArgs(file, target), "--output", "json"], { stdin: target.password! });
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.events.filter((e) => e.type === ("blob-done" as never))).toEqual([]);
      const done = r.events.at(-1) as unknown as { type: string; images: Array<{ source: string; skipped: boolean }> };
      expect(done.type).toBe("done");
      expect(done.images.map((i) => i.source).sort()).toEqual(IMAGES.map(([n]) => n).sort());
      expect(done.images.every((i) => i.skipped)).toBe(true);
      // the registry is as the first run left it
      for (const [name, , tag] of IMAGES) expect(await tagDigest(target, `airgap/${name.split("/").at(-1)!.split(":")[0]}`, tag)).toBe(built[name]!.digest);
    }, 120_000);

  test("one image missing, the tail cut off: the full checking pass refuses it (truncated, exit 2), nothing pushed", async () => {
    const target = await newTarget();
    // two of the three images there (API push of the intact bundle), redis not
    const b = await openAirgapBundle(bundle);
    const some = IMAGES.map(([n]) => n).filter((n) => !n.includes("redis"));
    await pushAirgapImages(b, { host: target.host, namespace: "airgap", username: target.username, password: target.password, caFile: target.caFile }, { images: some });
    const before = (await catalog(target)).sort();
    expect(before).toEqual(["airgap/operand", "airgap/web"]);
    const file = damagedTail("cut");
    const r = await runKots(pushArgs(file, target), { stdin: target.password! });
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(lines[0]).toContain("truncated");
    expect((await catalog(target)).sort()).toEqual(before);
    expect(await tagDigest(target, "airgap/redis", "7.2")).toMatch(/^HTTP 4/);
    for (const bl of built["docker.io/library/redis:7.2"]!.blobs) expect(await headBlob(target, "airgap/redis", bl.digest)).toBe(404);
  }, 120_000);

  test("API: a bundle opened after its head for one registry, pushed to another that lacks it: the full pass first (a cut tail refused, nothing pushed; an intact one pushed whole)", async () => {
    const full = await newTarget();
    const to = (t: RunningRegistry) => ({ host: t.host, namespace: "airgap", username: t.username, password: t.password, caFile: t.caFile });
    await pushAirgapImages(await openAirgapBundle(bundle), to(full));
    const empty = await newTarget();
    const cut = await openAirgapBundle(damagedTail("cut"), { presentAt: to(full) });
    let err: unknown;
    try {
      await pushAirgapImages(cut, to(empty));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AirgapBundleError);
    expect((err as AirgapBundleError).code).toBe("truncated");
    expect(await catalog(empty)).toEqual([]);
    const whole = await openAirgapBundle(bundle, { presentAt: to(full) });
    const r = await pushAirgapImages(whole, to(empty));
    expect(r.images.every((i) => !i.skipped)).toBe(true);
    for (const [name, , tag] of IMAGES) {
      const repo = `airgap/${name.split("/").at(-1)!.split(":")[0]}`;
      expect(await tagDigest(empty, repo, tag)).toBe(built[name]!.digest);
      for (const bl of built[name]!.blobs) expect(await pullDigest(empty, repo, "blobs", bl.digest)).toBe(bl.digest);
    }
  }, 120_000);

  test("a GNU-tar repack of the same bundle (name order) with its tail corrupt is read whole: refused even with every image there", async () => {
    const target = await newTarget();
    expect((await runKots(pushArgs(bundle, target), { stdin: target.password! })).code).toBe(0);
    const root = temp("kots-airgap-repack-");
    expect(Bun.spawnSync(["tar", "-xzf", bundle, "-C", root]).exitCode).toBe(0);
    const b = blobHexes();
    const layer = gnuListing(bundle).map(([, n]) => n).find((n) => n.startsWith(V2 + "blobs/") && b.has(hexOf(n)))!;
    const data = readFileSync(path.join(root, layer));
    data[10]! ^= 0xff;
    writeFileSync(path.join(root, layer), data);
    const file = path.join(temp("kots-airgap-repack-out-"), "sorted.airgap");
    expect(Bun.spawnSync(["tar", "--format=gnu", "--sort=name", "-czf", file, "-C", root, "."]).exitCode).toBe(0);
    const r = await runKots(pushArgs(file, target), { stdin: target.password! });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("does not match its digest");
  }, 120_000);
});

describe("kots airgap build: more images, bad input", () => {
  const lic = ["--license-file", LICENSE, "--license-public-key", PUBKEY];
  test("--include-admin-console adds the Admin Console images of the kotsadm tag", async () => {
    const layout = temp("kots-airgap-ac-");
    const names = Object.values(upstreamImages());
    for (const n of names) {
      const ref = n.includes("/") ? n : `library/${n}`;
      buildImage(layout, { name: ref, layers: [1 * KiB] });
      await copyImage({ layout, name: ref }, `${source.host}/${ref}`, { dst: { plainHttp: true } });
    }
    const out = path.join(temp("kots-airgap-acb-"), "with-ac.airgap");
    const r = await runKots(["airgap", "build", release, ...lic, "--image-mirror", `docker.io=${source.host}`, "--image-mirror", `ghcr.io=${source.host}`, "--include-admin-console", "-o", out]);
    expect(r.code).toBe(0);
    const b = await openAirgapBundle(out);
    expect(b.images).toContain("docker.io/kotsadm/kotsadm:v1.88.0");
    expect(b.images).toContain("docker.io/kotsadm/kotsadm-migrations:v1.88.0");
    expect(b.images).toContain("docker.io/library/postgres:14.5-alpine");
    expect(b.images).toContain("docker.io/minio/minio:RELEASE.2022-10-15T19-57-03Z");
    expect(b.images).toHaveLength(IMAGES.length + names.length);
  }, 120_000);

  test("--platform keeps one platform of a multi-arch image: the tag names that platform's manifest", async () => {
    const out = path.join(temp("kots-airgap-plat-"), "arm.airgap");
    const r = await runKots(["airgap", "build", release, ...lic, "--image-mirror", `docker.io=${source.host}`, "--image-mirror", `ghcr.io=${source.host}`, "--platform", "linux/arm64", "-o", out]);
    expect(r.code).toBe(0);
    const web = built["ghcr.io/acme/web:1.0"]!;
    const target = await newTarget();
    const p = await runKots([...pushArgs(out, target), "--output", "json"], { stdin: target.password! });
    expect(p.code).toBe(0);
    const arm = web.manifests[2]!; // index, then amd64, then arm64 (test/support/oci-images.ts order)
    expect(await tagDigest(target, "airgap/web", "1.0")).toBe(arm);
    expect(await pullDigest(target, "airgap/web", "manifests", web.manifests[1]!)).toBe("HTTP 404");
  }, 120_000);

  const bad: Array<[string, (out: string) => string[], string]> = [
    ["no --license-file", (out) => ["airgap", "build", release, "-o", out], "--license-file"],
    ["a bad --image-mirror", (out) => ["airgap", "build", release, ...lic, "--image-mirror", "docker.io", "-o", out], "--image-mirror"],
    ["an image the mirror does not have", (out) => ["airgap", "build", absentRelease(), ...lic, "--image-mirror", `docker.io=${source.host}`, "--image-mirror", `ghcr.io=${source.host}`, "-o", out], "acme/absent"],
    ["not a release directory", (out) => ["airgap", "build", path.join(release, "nope"), ...lic, "-o", out], "not a release directory"],
  ];
  for (const [what, args, needle] of bad)
    test(`${what}: exit 2, one line, no bundle written`, async () => {
      const out = path.join(temp("kots-airgap-badb-"), "x.airgap");
      const r = await runKots(args(out));
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain(needle);
      expect(existsSync(out)).toBe(false);
      const j = await runKots([...args(out), "--output", "json"]);
      expect(j.events.at(-1)).toMatchObject({ type: "error", exitCode: 2 });
    }, 60_000);
});

describe("a bundle that changes after it was checked", () => {
  test("same size and mtime, one blob byte flipped: checksum in the push pass, the blob never committed, no manifest", async () => {
    const target = await newTarget();
    const small = path.join(temp("kots-airgap-chg-"), "redis.airgap");
    const r = await runKots(["airgap", "build", release, "--license-file", LICENSE, "--license-public-key", PUBKEY, "--image-mirror", `docker.io=${source.host}`, "--image-mirror", `ghcr.io=${source.host}`, "-o", small]);
    expect(r.code).toBe(0);
    // the same tar stored (gzip level 0) by the test, so that the changed file keeps its size
    const tar = new Uint8Array(Bun.gunzipSync(new Uint8Array(readFileSync(small))));
    writeFileSync(small, Bun.gzipSync(tar, { level: 0 }));
    const b = await openAirgapBundle(small);
    const st = statSync(small);
    const layer = built["docker.io/library/redis:7.2"]!.blobs.find((x) => x.size === 400 * KiB)!;
    const at = Buffer.from(tar).indexOf(`${layer.digest.slice(7)}/data`);
    expect(at).toBeGreaterThan(0);
    const header = at - (at % 512);
    tar[header + 512 + 4096] ^= 0xff;
    const gz = Bun.gzipSync(tar, { level: 0 });
    expect(gz.byteLength).toBe(st.size);
    writeFileSync(small, gz);
    utimesSync(small, st.atime, st.mtime);
    let err: unknown;
    try {
      await pushAirgapImages(b, { host: target.host, namespace: "chg", username: target.username, password: target.password, caFile: target.caFile }, { images: ["redis:7.2"] });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AirgapBundleError);
    expect((err as AirgapBundleError).code).toBe("checksum");
    expect(await headBlob(target, "chg/redis", layer.digest)).toBe(404);
    expect(await tagDigest(target, "chg/redis", "7.2")).toBe("HTTP 404");
  }, 120_000);
});

describe("a registry that fails an upload once", () => {
  test("the blob is streamed again in a next pass; the push completes, pulled back by digest", async () => {
    const up = await startOpenRegistry();
    let failed = 0;
    // a loopback proxy that answers the first blob upload PUT with 503 (and rewrites Location to itself)
    const proxy = Bun.serve({
      hostname: "127.0.0.1",
      port: 0,
      async fetch(req) {
        const u = new URL(req.url);
        if (req.method === "PUT" && u.pathname.includes("/blobs/uploads/") && failed === 0) {
          failed++;
          await req.arrayBuffer().catch(() => undefined);
          return new Response("try later", { status: 503 });
        }
        const res = await fetch(`http://${up.host}${u.pathname}${u.search}`, { method: req.method, headers: req.headers, body: req.body, redirect: "manual", duplex: "half" } as RequestInit);
        const headers = new Headers(res.headers);
        const loc = headers.get("location");
        if (loc) headers.set("location", loc.replace(`http://${up.host}`, `http://127.0.0.1:${proxy.port}`));
        return new Response(res.body, { status: res.status, headers });
      },
    });
    try {
      const b = await openAirgapBundle(bundle);
      const events: string[] = [];
      const r = await pushAirgapImages(b, { host: `127.0.0.1:${proxy.port}`, namespace: "flaky", insecure: true }, { images: ["redis:7.2"], onEvent: (e) => events.push(e.type) });
      expect(failed).toBe(1);
      expect(events).toContain("retry");
      expect(r.images[0]!.skipped).toBe(false);
      const reg: RunningRegistry = { ...up };
      expect(await tagDigest(reg, "flaky/redis", "7.2")).toBe(built["docker.io/library/redis:7.2"]!.digest);
      for (const bl of built["docker.io/library/redis:7.2"]!.blobs) expect(await pullDigest(reg, "flaky/redis", "blobs", bl.digest)).toBe(bl.digest);
    } finally {
      proxy.stop(true);
      up.stop();
    }
  }, 120_000);
});

describe("Ctrl-C", () => {
  test("stops the push with exit 130 and an error event; the next run completes it", async () => {
    const layout = temp("kots-airgap-int-");
    const big = buildImage(layout, { name: "big", layers: [24 * 1024 * KiB, 24 * 1024 * KiB, 24 * 1024 * KiB] });
    await copyImage({ layout, name: "big" }, `${source.host}/acme/big:1`, { dst: { plainHttp: true } });
    const rel = path.join(temp("kots-airgap-intr-"), "big");
    mkdirSync(rel);
    writeFileSync(path.join(rel, "pod.yaml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: 'ghcr.io/acme/big:1'}]\n");
    const file = path.join(temp("kots-airgap-intb-"), "big.airgap");
    expect((await runKots(["airgap", "build", rel, "--license-file", LICENSE, "--license-public-key", PUBKEY, "--image-mirror", `ghcr.io=${source.host}`, "-o", file])).code).toBe(0);
    const target = await newTarget();
    const proc = spawnKots([...pushArgs(file, target), "--output", "json"], { stdin: target.password! });
    const reader = (proc.stdout as ReadableStream<Uint8Array>).getReader();
    let out = "";
    // interrupt once the first layer is in
    while (!/"type":"blob-done"[^\n]*"action":"copied"/.test(out)) {
      const { value, done } = await reader.read();
      if (done) break;
      out += new TextDecoder().decode(value);
    }
    proc.kill("SIGINT");
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      out += new TextDecoder().decode(value);
    }
    expect(await proc.exited).toBe(130);
    const last = JSON.parse(out.trim().split("\n").at(-1)!);
    expect(last).toMatchObject({ type: "error", exitCode: 130 });
    expect(await tagDigest(target, "airgap/big", "1")).toBe("HTTP 404"); // no manifest before all its blobs
    const again = await runKots([...pushArgs(file, target), "--output", "json"], { stdin: target.password! });
    expect(again.code).toBe(0);
    const actions = (again.events as unknown as Array<{ type: string; action?: string }>).filter((e) => e.type === "blob-done").map((e) => e.action);
    expect(actions).toContain("exists");
    expect(await tagDigest(target, "airgap/big", "1")).toBe(big.digest);
  }, 120_000);
});

describe("bundles in the layouts others write", () => {
  test("a real docker-registry's storage tree (format docker), packed with GNU tar", async () => {
    const store = await startOpenRegistry();
    try {
      // KOTS's temp registry names repositories by the image's last path segment
      await copyImage(`${source.host}/library/redis:7.2`, `${store.host}/redis:7.2`, { src: { plainHttp: true }, dst: { plainHttp: true } });
      await copyImage(`${source.host}/acme/web:1.0`, `${store.host}/web:1.0`, { src: { plainHttp: true }, dst: { plainHttp: true } });
      const root = temp("kots-airgap-real-");
      mkdirSync(path.join(root, "images"));
      cpSync(path.join(store.storage, "docker"), path.join(root, "images/docker"), { recursive: true });
      writeFileSync(path.join(root, "airgap.yaml"), airgapYaml({ appSlug: "acme-helpdesk", versionLabel: "2.0", format: "docker", savedImages: ["redis:7.2", "ghcr.io/acme/web:1.0"] }));
      writeReleaseArchive(root, { "a.yaml": "kind: ConfigMap\n" });
      const file = packBundle(root, path.join(temp("kots-airgap-realb-"), "real.airgap"));
      const target = await newTarget();
      const r = await runKots([...pushArgs(file, target), "--output", "json"], { stdin: target.password! });
      expect(r.code).toBe(0);
      expect(await tagDigest(target, "airgap/redis", "7.2")).toBe(built["docker.io/library/redis:7.2"]!.digest);
      expect(await tagDigest(target, "airgap/web", "1.0")).toBe(built["ghcr.io/acme/web:1.0"]!.digest);
    } finally {
      store.stop();
    }
  }, 120_000);

  test("docker-archive tarballs (docker save): layers pulled back by digest", async () => {
    const root = temp("kots-airgap-arch-");
    const dir = path.join(root, "images/docker-archive/docker.io/library/postgres");
    mkdirSync(dir, { recursive: true });
    const layers = [makeLayer(50 * KiB), makeLayer(5 * KiB)];
    const made = writeDockerArchive(path.join(dir, "14"), "postgres:14", layers);
    writeFileSync(path.join(root, "airgap.yaml"), airgapYaml({ appSlug: "acme-helpdesk", versionLabel: "0.1" }));
    writeReleaseArchive(root, { "a.yaml": "kind: ConfigMap\n" });
    const file = packBundle(root, path.join(temp("kots-airgap-archb-"), "arch.airgap"));
    const target = await newTarget();
    const r = await runKots([...pushArgs(file, target), "--output", "json"], { stdin: target.password! });
    expect(r.code).toBe(0);
    for (const d of [made.config, ...made.layers]) expect(await pullDigest(target, "airgap/postgres", "blobs", d)).toBe(d);
    const digest = await tagDigest(target, "airgap/postgres", "14");
    expect(digest).toMatch(/^sha256:/);
    const done = r.events.at(-1) as unknown as { images: Array<{ digest: string; target: string }> };
    expect(done.images[0]).toMatchObject({ digest, target: `${target.host}/airgap/postgres:14` });
  }, 120_000);
});

describe("KOTS's Admin Console bundle", () => {

  test("KOTS's Admin Console bundle (kotsadm.tar.gz): each image to <host>/<namespace>/<image>:<tag>", async () => {
    const root = temp("kots-airgap-kotsadm-");
    const made: Record<string, { config: string; layers: string[] }> = {};
    for (const [img, tag] of [["kotsadm", "v1.88.0"], ["kotsadm-migrations", "v1.88.0"]] as const) {
      mkdirSync(path.join(root, "docker-archive", img), { recursive: true });
      made[img] = writeDockerArchive(path.join(root, "docker-archive", img, tag), `kotsadm/${img}:${tag}`, [makeLayer(20 * KiB)]);
    }
    const file = packBundle(root, path.join(temp("kots-airgap-kotsadmb-"), "kotsadm.tar.gz"));
    const target = await newTarget();
    const r = await runKots(pushArgs(file, target), { stdin: target.password! });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("(the Admin Console bundle)");
    for (const img of ["kotsadm", "kotsadm-migrations"]) {
      expect(await tagDigest(target, `airgap/${img}`, "v1.88.0")).toMatch(/^sha256:/);
      for (const d of [made[img]!.config, ...made[img]!.layers]) expect(await pullDigest(target, `airgap/${img}`, "blobs", d)).toBe(d);
    }
  }, 120_000);
});

describe("bad bundles: one line, exit 2, nothing pushed", () => {
  let target: RunningRegistry;
  let ok: Buffer;
  beforeAll(async () => {
    target = await newTarget();
    ok = readFileSync(bundle);
  });
  const variant = (name: string, bytes: Uint8Array) => {
    const f = path.join(temp("kots-airgap-bad-"), name);
    writeFileSync(f, bytes);
    return f;
  };
  /** The tar inside the bundle with one byte of the largest blob's data flipped (gzip intact). */
  const blobFlipped = () => {
    const tar = new Uint8Array(Bun.gunzipSync(new Uint8Array(ok)));
    // the 400 KiB redis layer is the largest entry: flip a byte well inside it
    const dec = new TextDecoder();
    for (let off = 0; off + 512 <= tar.byteLength; ) {
      const name = dec.decode(tar.subarray(off, off + 100)).replace(/\0.*$/s, "");
      const size = parseInt(dec.decode(tar.subarray(off + 124, off + 136)).replace(/\0.*$/s, "").trim() || "0", 8);
      if (size >= 400 * KiB && name.endsWith("/data")) {
        tar[off + 512 + 1000] ^= 0xff;
        return gzipSync(tar);
      }
      off += 512 + Math.ceil(size / 512) * 512;
      if (name === "" && size === 0) break;
    }
    throw new Error("no large blob in the bundle");
  };
  const cases: Array<[string, () => string, string]> = [
    ["truncated", () => variant("cut.airgap", ok.subarray(0, Math.floor(ok.byteLength * 0.6))), "truncated"],
    ["corrupt gzip", () => {
      const x = Buffer.from(ok);
      for (let i = 0; i < 64; i++) x[Math.floor(x.byteLength / 2) + i] ^= 0x5a;
      return variant("flip.airgap", x);
    }, ""],
    ["a blob that does not match its digest", () => variant("blob.airgap", blobFlipped()), "does not match its digest"],
    ["not a tar", () => variant("notar.airgap", gzipSync(Buffer.alloc(8192, 7))), "corrupt"],
    ["not gzip", () => variant("plain.airgap", Buffer.from("hello\n")), "not a .airgap bundle"],
    ["an image of savedImages missing from images/", () => {
      const root = temp("kots-airgap-miss-");
      mkdirSync(path.join(root, "images/docker/registry/v2"), { recursive: true });
      writeFileSync(path.join(root, "airgap.yaml"), airgapYaml({ appSlug: "acme-helpdesk", format: "docker", savedImages: ["redis:7.2"] }));
      writeReleaseArchive(root, { "a.yaml": "kind: ConfigMap\n" });
      return packBundle(root, path.join(temp("kots-airgap-missb-"), "missing.airgap"));
    }, "docker.io/library/redis:7.2"],
  ];
  for (const [what, make, needle] of cases)
    test(what, async () => {
      const file = make();
      const r = await runKots(pushArgs(file, target), { stdin: target.password! });
      expect(r.code).toBe(2);
      const lines = r.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(file);
      expect(lines[0]).toContain(needle);
      const j = await runKots([...pushArgs(file, target), "--output", "json"], { stdin: target.password! });
      expect(j.code).toBe(2);
      expect(j.events.at(-1)).toMatchObject({ type: "error", exitCode: 2 });
      expect(await catalog(target)).toEqual([]);
    }, 60_000);

  test("a bundle for another app than the license's (install passes expectAppSlug): wrong-app, nothing pushed", async () => {
    let err: unknown;
    try {
      const b = await openAirgapBundle(bundle, { expectAppSlug: "other-app" });
      await pushAirgapImages(b, { host: target.host, username: target.username, password: target.password, caFile: target.caFile });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AirgapBundleError);
    expect((err as AirgapBundleError).code).toBe("wrong-app");
    expect(await catalog(target)).toEqual([]);
  });

  test("wrong registry password: exit 2 before the bundle is read, nothing pushed", async () => {
    const r = await runKots(pushArgs(bundle, target), { stdin: "not-the-password" });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("refused the credentials");
    expect(r.stderr).not.toContain("not-the-password");
    expect(await catalog(target)).toEqual([]);
  });

  test("a bad registry argument: exit 2", async () => {
    const r = await runKots(["admin-console", "push-images", bundle, "Not A Host/x"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('registry "Not A Host/x" is not HOST[:PORT][/NAMESPACE]');
  });
});
