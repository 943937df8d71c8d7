// kots pull with the image copy (issue 13 parts 1, 3, 4 and 5), the compiled binary: a small
// release whose workloads use images on a loopback source registry (Debian docker-registry, images
// built in code), pulled into <app>/images/ (OCI layout) and pushed to an htpasswd+TLS target.
// Every rewritten image is checked in the target by digest (pulled back, every blob hashed), a
// second run uploads nothing, and bad input is one line naming the image, exit 2, nothing written.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { copyImage } from "../../src/registry/copy/index.ts";
import { startOpenRegistry, startTlsAuthRegistry, type RunningRegistry } from "../support/copy-registries.ts";
import { allOutputs, ensureBinary, runKots, spawnKots } from "../support/kots.ts";
import { buildImage, type BuiltImage, type ImageSpec } from "../support/oci-images.ts";
import { pullDigest, tagDigest } from "../support/pull-back.ts";

const KiB = 1024;
let source: RunningRegistry;
let target: RunningRegistry;
const dirs: string[] = [];
const temp = (p: string) => {
  const d = mkdtempSync(path.join(os.tmpdir(), p));
  dirs.push(d);
  return d;
};
const built: Record<string, BuiltImage> = {};
let release: string;

/** The images of the release: [name in the source registry, tag, spec]. */
const IMAGES: [string, string, Omit<ImageSpec, "name">][] = [
  ["vendor/web", "1.0", { layers: [300 * KiB, 200 * KiB, 2 * KiB], platforms: [{ os: "linux", architecture: "amd64" }, { os: "linux", architecture: "arm64" }], sharedLayers: [0] }],
  ["vendor/tools/worker", "2.1", { layers: [150 * KiB, 1 * KiB], format: "docker" }],
];

function releaseDir(images: string[]): string {
  const dir = path.join(temp("kots-pullimg-rel-"), "shop");
  mkdirSync(dir);
  writeFileSync(path.join(dir, "kots-app.yaml"), "apiVersion: kots.io/v1beta1\nkind: Application\nmetadata:\n  name: shop\nspec:\n  title: Shop\n");
  writeFileSync(
    path.join(dir, "web.yaml"),
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n        - name: web\n          image: ${images[0]}\n`,
  );
  if (images[1])
    writeFileSync(
      path.join(dir, "worker.yaml"),
      `apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: worker\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n        - name: worker\n          image: ${images[1]}\n`,
    );
  return dir;
}

beforeAll(async () => {
  ensureBinary();
  [source, target] = await Promise.all([startOpenRegistry(), startTlsAuthRegistry()]);
  const layout = temp("kots-pullimg-layout-");
  for (const [name, tag, spec] of IMAGES) {
    built[name] = buildImage(layout, { name, ...spec });
    await copyImage({ layout, name }, `${source.host}/${name}:${tag}`, { dst: { plainHttp: true } });
  }
  release = releaseDir(IMAGES.map(([name, tag]) => `${source.host}/${name}:${tag}`));
}, 60_000);

afterAll(() => {
  source?.stop();
  target?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const pushArgs = (root: string, extra: string[] = []) => [
  "pull", release, "--rootdir", root, "--exclude-admin-console",
  "--rewrite-images", "--registry-endpoint", target.host, "--image-namespace", "mirror",
  "--registry-username", target.username!, "--registry-password-stdin", "--ca-file", target.caFile!,
  "--output", "json", ...extra,
];

type Ev = Record<string, unknown> & { type: string; phase?: string };

describe("kots pull copies the images (dist/kots)", () => {
  let root: string;
  let first: Ev[];

  test("first run: into <app>/images/, then pushed to <endpoint>/<namespace>/<last segment>", async () => {
    root = temp("kots-pullimg-root-");
    const r = await runKots(pushArgs(root), { stdin: target.password!, timeoutMs: 90_000 });
    expect(r.stderr).not.toContain("Error");
    expect(r.code).toBe(0);
    first = r.events as unknown as Ev[];
    const last = first.at(-1)!;
    expect(last.type).toBe("done");
    expect(first.filter((e) => e.type === "phase-started").map((e) => e.phase)).toEqual(["pull", "push"]);
    // progress per image and in total
    expect(first.some((e) => e.type === "total-progress" && e.phase === "push" && e.imagesTotal === 2)).toBe(true);
    expect(first.filter((e) => e.type === "image-done" && e.phase === "push")).toHaveLength(2);
    expect(first.filter((e) => e.type === "blob-done" && e.phase === "push").every((e) => e.action === "copied" || e.action === "mounted")).toBe(true);

    // every rewritten image is in the target, by digest: the tag's manifest, then every blob pulled back
    const imagesJson = JSON.parse(readFileSync(path.join(root, "shop/images.json"), "utf8"));
    const dests = imagesJson.images.map((i: { destination: string }) => i.destination).sort();
    expect(dests).toEqual([`${target.host}/mirror/web:1.0`, `${target.host}/mirror/worker:2.1`]);
    for (const [name, tag] of IMAGES) {
      const repo = `mirror/${name.split("/").pop()}`;
      expect(await tagDigest(target, repo, tag)).toBe(built[name]!.digest);
      for (const m of built[name]!.manifests) expect(await pullDigest(target, repo, "manifests", m)).toBe(m);
      for (const b of built[name]!.blobs) expect(await pullDigest(target, repo, "blobs", b.digest)).toBe(b.digest);
    }

    // the layout holds them, named by source reference, every blob present
    const layout = path.join(root, "shop/images");
    expect(existsSync(path.join(layout, "oci-layout"))).toBe(true);
    const index = JSON.parse(readFileSync(path.join(layout, "index.json"), "utf8"));
    const byName = Object.fromEntries(index.manifests.map((m: { digest: string; annotations: Record<string, string> }) => [m.annotations["org.opencontainers.image.ref.name"], m.digest]));
    for (const [name, tag] of IMAGES) {
      expect(byName[`${source.host}/${name}:${tag}`]).toBe(built[name]!.digest);
      for (const b of built[name]!.blobs) expect(existsSync(path.join(layout, "blobs/sha256", b.digest.slice(7)))).toBe(true);
    }
    // nothing but the app's directory under the root: the temporary layout was moved in
    expect(readdirSync(root)).toEqual(["shop"]);
    expect(readdirSync(path.join(layout, "blobs/sha256")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  }, 120_000);

  test("second run: nothing downloaded, nothing uploaded (every blob exists)", async () => {
    const r = await runKots(pushArgs(root), { stdin: target.password!, timeoutMs: 90_000 });
    expect(r.code).toBe(0);
    const ev = r.events as unknown as Ev[];
    const blobs = ev.filter((e) => e.type === "blob-done");
    expect(blobs.length).toBeGreaterThan(0);
    expect(blobs.every((e) => e.action === "exists")).toBe(true);
    expect(ev.filter((e) => e.type === "image-done").every((e) => e.bytesCopied === 0)).toBe(true);
    const done = ev.at(-1)!;
    expect(done.type).toBe("done");
    expect((done.pushed as { bytesCopied: number }[]).every((p) => p.bytesCopied === 0)).toBe(true);
    expect(readdirSync(root)).toEqual(["shop"]);
  }, 120_000);

  test("--platform linux/arm64: only that manifest in the layout, pushed under the tag", async () => {
    const root2 = temp("kots-pullimg-root-");
    const r = await runKots([...pushArgs(root2, ["--platform", "linux/arm64"]), "--image-namespace", "arm"], { stdin: target.password!, timeoutMs: 90_000 });
    expect(r.code).toBe(0);
    const web = built["vendor/web"]!;
    const got = await tagDigest(target, "arm/web", "1.0");
    expect(web.manifests).toContain(got);
    expect(got).not.toBe(web.digest);
  }, 120_000);

  test("plain lines on stderr without --output json", async () => {
    const root3 = temp("kots-pullimg-root-");
    const args = pushArgs(root3).filter((a, i, all) => a !== "--output" && all[i - 1] !== "--output");
    const r = await runKots(args, { stdin: target.password!, timeoutMs: 90_000 });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/Pulling 2 images into /);
    expect(r.stderr).toMatch(new RegExp(`Pushing 2 images to ${target.host.replace(/\./g, "\\.")}`));
    expect(r.stderr).toMatch(/\[2\/2\] /);
    expect(r.stdout.trim().split("\n").pop()).toMatch(/^kubectl apply -k .*this-cluster -n default$/);
  }, 120_000);
});

describe("Ctrl-C", () => {
  test("aborts the copy: exit 130, an error event, no temporary files, nothing under --rootdir", async () => {
    const layout = temp("kots-pullimg-big-");
    buildImage(layout, { name: "big", layers: [48 * 1024 * KiB, 48 * 1024 * KiB] });
    await copyImage({ layout, name: "big" }, `${source.host}/vendor/big:1`, { dst: { plainHttp: true } });
    const rel = releaseDir([`${source.host}/vendor/big:1`]);
    const root = temp("kots-pullimg-root-");
    const proc = spawnKots(["pull", rel, "--rootdir", root, "--exclude-admin-console", "--output", "json"]);
    const reader = proc.stdout.getReader();
    let text = "";
    let signalled = false;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
      if (!signalled && /"type":"image-progress"/.test(text)) {
        proc.kill("SIGINT");
        signalled = true;
      }
    }
    const code = await proc.exited;
    expect(signalled).toBe(true);
    expect(code).toBe(130);
    const last = JSON.parse(text.trim().split("\n").pop()!);
    expect(last).toMatchObject({ type: "error", exitCode: 130 });
    expect(readdirSync(root)).toEqual([]);
  }, 60_000);
});

describe("bad input: one line naming the image, exit 2, nothing under --rootdir", () => {
  test("an image the source registry does not have", async () => {
    const root = temp("kots-pullimg-root-");
    const missing = `${source.host}/vendor/nope:9`;
    const rel = releaseDir([missing]);
    const r = await runKots(["pull", rel, "--rootdir", root, "--exclude-admin-console"]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(missing);
    expect(r.stderr).toMatch(/^Error: image copy: .*: check the image's name/);
    expect(readdirSync(root)).toEqual([]);
  }, 60_000);

  test("an unreachable source registry", async () => {
    const root = temp("kots-pullimg-root-");
    const rel = releaseDir(["127.0.0.1:9/vendor/web:1.0"]);
    const r = await runKots(["pull", rel, "--rootdir", root, "--exclude-admin-console"], { timeoutMs: 90_000 });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain("127.0.0.1:9/vendor/web:1.0");
    expect(r.stderr).toMatch(/^Error: image copy: .*refused/);
    expect(readdirSync(root)).toEqual([]);
  }, 90_000);

  test("a target that refuses the credentials: checked before any download", async () => {
    const root = temp("kots-pullimg-root-");
    const r = await runKots(pushArgs(root), { stdin: "wrong-password", timeoutMs: 60_000 });
    expect(r.code).toBe(2);
    const ev = r.events as unknown as Ev[];
    expect(ev.filter((e) => e.type === "phase-started")).toEqual([]);
    expect(ev.at(-1)).toMatchObject({ type: "error", exitCode: 2 });
    expect(String(ev.at(-1)!.message)).toContain(target.host);
    expect(String(ev.at(-1)!.message)).toContain("check --registry-username");
    expect(readdirSync(root)).toEqual([]);
  }, 60_000);

  test("a --platform that is no platform, a --ca-file that cannot be read", async () => {
    const root = temp("kots-pullimg-root-");
    const p = await runKots(["pull", release, "--rootdir", root, "--platform", "amd64"]);
    expect(p.code).toBe(2);
    expect(p.stderr).toMatch(/--platform amd64 is not a platform/);
    const c = await runKots(["pull", release, "--rootdir", root, "--ca-file", "/nonexistent/ca.pem"]);
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(/--ca-file \/nonexistent\/ca.pem cannot be read/);
    expect(readdirSync(root)).toEqual([]);
  });

  test("the registry password never shows in any output", () => {
    for (const o of allOutputs) expect(o).not.toContain(target.password!);
  });
});
