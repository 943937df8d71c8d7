/**
 * (j) Airgap bundles (issue 14 part 1) against Debian's `skopeo`, same images, loopback registries:
 *
 * 1. build: `kots airgap build` of a release naming the images, pulled from an open source
 *    registry through `--image-mirror`, into a bundle (a gzip'd tar in the registry-storage
 *    layout), against `skopeo copy --all docker://SRC oci:LAYOUT:REF` per image into a fresh OCI
 *    layout (what "pull images into a bundle" is for skopeo). Order alternating per round.
 * 2. push: `kots admin-console push-images BUNDLE HOST/bench` against `skopeo copy --all
 *    oci:LAYOUT:REF docker://HOST/bench/NAME:TAG` per image, out of the layout skopeo built in 1,
 *    each side into its own fresh htpasswd+TLS registry per round, order alternating.
 * 3. re-run: the same two commands again into the same registries (every blob and manifest there).
 * 4. for scale: the peak RSS of `--version` of each (what a process costs before any work).
 * Every sample runs under /usr/bin/time -v: wall time spawn → exit and "Maximum resident set size";
 * a side running one skopeo per image counts the sum of the walls and the largest peak.
 *
 * Why `oci:` for skopeo: the bundle holds the images as a registry stores them (content-addressed
 * blobs, the manifests' own bytes, layers compressed once), and an OCI layout is the skopeo
 * transport that holds the same thing (`docker-archive:` holds uncompressed layers and no registry
 * manifest, so skopeo would compress every layer and write a new manifest; `dir:` is one directory
 * per image with no shared blobs). What remains different is kots' work, not skopeo's: the bundle
 * is one gzip'd tar, streamed through twice on a push (the checking pass hashes every blob before
 * the first push) where skopeo opens files by digest, and built by one process for all images.
 *
 * Standalone, needs dist/kots (`bun run build.ts`): `bun test/bench/airgap.ts [--quick | --layers N]`
 * prints the rows (quick: a 12 MiB image, one round; N: N × 100 MiB layers, default 5).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startOpenRegistry, startTlsAuthRegistry, type RunningRegistry } from "../support/copy-registries.ts";
import { LICENSE_ARGS, MiB, kotsSnapshot, mustHaveManifest, sample, seedImages, sequence, settle, skopeoTarget, type Sample } from "./airgap-fixture.ts";
import { median } from "./measure.ts";
import type { Row } from "./report.ts";

export interface BundleRowsOptions {
  quick: boolean;
  say: (m: string) => void;
  /** Layer sizes in bytes of the one image (default: quick 3 × 4 MiB, else 5 × 100 MiB). */
  layers?: number[];
  /** Rounds per row (default: quick 1, else 5). */
  rounds?: number;
}

const FROM = "registry.vendor.example";

/** The build, push and re-run rows of section (j); every registry and file made is removed. */
export async function airgapBundleRows(opts: BundleRowsOptions): Promise<Row[]> {
  const { quick, say } = opts;
  const rounds = opts.rounds ?? (quick ? 1 : 5);
  const layers = opts.layers ?? (quick ? [4 * MiB, 4 * MiB, 4 * MiB] : Array.from({ length: 5 }, () => 100 * MiB));
  const total = layers.reduce((a, b) => a + b, 0);
  const size = `${(total / MiB).toFixed(0)} MiB image, ${layers.length} layers`;
  const images = [{ name: "vendor/big:1", ref: "big-1" }];
  const work = mkdtempSync(path.join(tmpdir(), "kots-bench-airgap-"));
  const kots = kotsSnapshot(work);
  const registries: RunningRegistry[] = [];
  const source = await startOpenRegistry();
  registries.push(source);
  try {
    say(`(j) building the ${size}`);
    await seedImages(source, path.join(work, "seed"), images.map((i) => ({ name: i.name, layers })));
    const rel = path.join(work, "rel");
    mkdirSync(rel);
    const containers = images.map((i, n) => `{name: c${n}, image: ${FROM}/${i.name}}`).join(", ");
    writeFileSync(path.join(rel, "d.yaml"), `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: big}\nspec:\n  template:\n    spec:\n      containers: [${containers}]\n`);

    // 1. build
    const build = { kots: [] as Sample[], skopeo: [] as Sample[] };
    let bundle = "";
    let layout = "";
    const buildKots = async (i: number) => {
      const out = path.join(work, `bundle-${i}.airgap`);
      settle();
      build.kots.push(await sample([kots, "airgap", "build", rel, ...LICENSE_ARGS, "--image-mirror", `${FROM}=${source.host}`, "-o", out]));
      if (bundle) rmSync(bundle, { force: true });
      bundle = out;
    };
    const buildSkopeo = async (i: number) => {
      const out = path.join(work, `layout-${i}`);
      const runs: Sample[] = [];
      settle();
      for (const img of images) runs.push(await sample(["skopeo", "copy", "--quiet", "--all", "--src-tls-verify=false", `docker://${source.host}/${img.name}`, `oci:${out}:${img.ref}`]));
      build.skopeo.push(sequence(runs));
      if (layout) rmSync(layout, { recursive: true, force: true });
      layout = out;
    };
    for (let i = 0; i < rounds; i++) {
      say(`(j) airgap build vs skopeo copy → oci layout, round ${i + 1}/${rounds}`);
      if (i % 2) await buildSkopeo(i), await buildKots(i);
      else await buildKots(i), await buildSkopeo(i);
    }

    // 2, 3. push and re-run, each side into its own fresh registry per round
    const push = { kots: [] as Sample[], skopeo: [] as Sample[] };
    const again = { kots: [] as Sample[], skopeo: [] as Sample[] };
    for (let i = 0; i < rounds; i++) {
      say(`(j) push-images vs skopeo copy oci layout → registry, and re-runs, round ${i + 1}/${rounds}`);
      const [tk, ts] = await Promise.all([startTlsAuthRegistry(), startTlsAuthRegistry()]);
      registries.push(tk, ts);
      const { certDir, authFile } = skopeoTarget(ts);
      const pushKots = () => {
        settle();
        return sample([kots, "admin-console", "push-images", bundle, `${tk.host}/bench`, "--registry-username", tk.username!, "--ca-file", tk.caFile!], { KOTS_REGISTRY_PASSWORD: tk.password! });
      };
      const pushSkopeo = async () => {
        const runs: Sample[] = [];
        settle();
        for (const img of images)
          runs.push(await sample(["skopeo", "copy", "--quiet", "--all", "--dest-cert-dir", certDir, "--dest-authfile", authFile, `oci:${layout}:${img.ref}`, `docker://${ts.host}/bench/${img.name.split("/").pop()}`]));
        return sequence(runs);
      };
      const pair = async (into: { kots: Sample[]; skopeo: Sample[] }) => {
        if (i % 2) into.skopeo.push(await pushSkopeo()), into.kots.push(await pushKots());
        else into.kots.push(await pushKots()), into.skopeo.push(await pushSkopeo());
      };
      await pair(push);
      for (const img of images) {
        const [repoName, tag] = img.name.split("/").pop()!.split(":") as [string, string];
        await mustHaveManifest(tk, `bench/${repoName}`, tag);
        await mustHaveManifest(ts, `bench/${repoName}`, tag);
      }
      await pair(again);
      tk.stop();
      ts.stop();
    }

    // for scale: what each process peaks at before any work
    const idle = { kots: [] as Sample[], skopeo: [] as Sample[] };
    for (let i = 0; i < rounds; i++) idle.kots.push(await sample([kots, "--version"])), idle.skopeo.push(await sample(["skopeo", "--version"]));
    const skopeoVersion = (await sample(["skopeo", "--version"])).run.stdout.trim().replace(/^skopeo version /, "");
    const peer = (what: string) => `skopeo ${skopeoVersion} ${what}`;
    const wall = (s: Sample[]) => s.map((x) => x.wallMs);
    const rss = (s: Sample[]) => s.map((x) => x.rssMiB);
    const row = (measurement: string, unit: string, peerName: string, k: number[], p: number[]): Row => ({
      measurement: `${measurement} (median of ${rounds})`,
      unit,
      peerName,
      kots: median(k),
      peer: median(p),
      kotsSamples: k,
      peerSamples: p,
    });
    const pushPeer = peer("copy --all oci: → docker://");
    const buildPeer = peer("copy --all docker:// → oci:");
    return [
      row(`airgap build, ${size}: wall`, "ms", buildPeer, wall(build.kots), wall(build.skopeo)),
      row(`airgap build, ${size}: peak RSS`, "MiB", buildPeer, rss(build.kots), rss(build.skopeo)),
      row(`admin-console push-images, ${size}, to TLS+htpasswd registry: wall`, "ms", pushPeer, wall(push.kots), wall(push.skopeo)),
      row(`admin-console push-images, ${size}: peak RSS`, "MiB", pushPeer, rss(push.kots), rss(push.skopeo)),
      row(`admin-console push-images re-run (every blob there): wall`, "ms", `${pushPeer}, re-run`, wall(again.kots), wall(again.skopeo)),
      row(`admin-console push-images re-run: peak RSS`, "MiB", `${pushPeer}, re-run`, rss(again.kots), rss(again.skopeo)),
      row(`for scale: --version, peak RSS`, "MiB", peer("--version"), rss(idle.kots), rss(idle.skopeo)),
    ];
  } finally {
    for (const r of registries) r.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const { table } = await import("./report.ts");
  const argv = process.argv;
  const n = argv.includes("--layers") ? Number(argv[argv.indexOf("--layers") + 1]) : 0;
  const layers = n > 0 ? Array.from({ length: n }, () => 100 * MiB) : undefined;
  const rows = await airgapBundleRows({ quick: argv.includes("--quick"), say: (m) => process.stderr.write(`${m}\n`), layers });
  console.log(table(rows));
}
