/**
 * Section (j) of the bench: airgap bundles (issue 14), the rows of airgap.ts (build, push-images,
 * re-run, against skopeo) and airgap-install.ts (install from a bundle), and their block of
 * docs/bench.md (own date, load, table, samples, method between `<!-- bench:airgap -->` markers).
 * `bun run bench` runs it after (i); alone: `bun test/bench/airgap-section.ts [--quick]` builds
 * dist/kots, runs the section on the cluster KOTS_TUI_CLUSTER (default kots-bench) and, unless
 * --quick, rewrites only this block of docs/bench.md.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import path from "node:path";
import { airgapInstallRows } from "./airgap-install.ts";
import { airgapBundleRows } from "./airgap.ts";
import { repo } from "./airgap-fixture.ts";
import { rawSamples, table, type Row } from "./report.ts";

export const SECTION_ID = "airgap";

export interface AirgapSection {
  rows: Row[];
  quick: boolean;
  startedAt: string;
  /** os.loadavg() when the section started and ended (1/5/15 min). */
  loadStart: number[];
  loadEnd: number[];
}

/** Runs section (j) on the cluster given (kubeconfig, kubectl for cleanup). Throws when any command fails. */
export async function airgapSection(quick: boolean, say: (m: string) => void, cluster: { kubeconfig: string; kubectl: string }): Promise<AirgapSection> {
  const startedAt = new Date().toISOString();
  const loadStart = loadavg();
  const rows = [...(await airgapBundleRows({ quick, say })), ...(await airgapInstallRows({ quick, say, ...cluster }))];
  return { rows, quick, startedAt, loadStart, loadEnd: loadavg() };
}

const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(" / ");

/** The section's block of docs/bench.md. `how` says how it ran (alone, or within `bun run bench`). */
export function airgapMarkdown(s: AirgapSection, facts: { kotsVersion: string; cluster: string; how: string }): string {
  return `<!-- bench:${SECTION_ID} -->
## (j) Airgap bundles (issue 14): build, push-images, install from a bundle

- run: ${s.startedAt}, ${facts.how}; ${facts.kotsVersion}
- load average (1/5/15 min) at the start: ${load(s.loadStart)}; at the end: ${load(s.loadEnd)} (2 cores;
  other sessions' tests ran meanwhile, so read the ratios of this run, not its milliseconds)
- cluster (install rows): ${facts.cluster}

Medians; ratio = kots / peer (below 1 means kots is faster or smaller).

${table(s.rows)}

Raw samples (same units):

${rawSamples(s.rows).join("\n")}

### Method (test/bench/airgap.ts, airgap-install.ts)

Every side is the compiled binary (a copy of \`dist/kots\` taken at the start of the section, so a
concurrent build cannot change it between samples) or Debian's \`skopeo\`, on loopback
\`docker-registry\` instances (test/support/copy-registries.ts): an open source registry, and
htpasswd+TLS targets with a CA made for them. Every sample runs under \`/usr/bin/time -v\`: wall time
spawn → exit in the bench process, peak RSS its "Maximum resident set size". When skopeo needs one
process per image, a sample is the sum of their walls and the largest of their peaks (the rows use
one image, so one process). Before each sample an untimed \`sync\` writes back what the previous
one left dirty (a build or a registry writes hundreds of MiB), so a side does not pay for the other
side's writeback. Images are built in code: random, incompressible layers, OCI manifests.
After the first push of each round both targets must serve the image's manifest (HEAD), so no
row times a side that pushed nothing; the install checks every image itself.

1. **airgap build**: one image (5 × 100 MiB layers; \`--quick\`: 3 × 4 MiB) on the open source
   registry, named in a one-Deployment release as \`registry.vendor.example/vendor/big:1\`.
   \`kots airgap build REL --license-file … --image-mirror registry.vendor.example=SRC -o FILE\`
   (render, pull with the copy engine into a temporary OCI layout, write the gzip'd tar in the
   registry-storage layout, gzip level 0 since the layers are compressed) against
   \`skopeo copy --all docker://SRC/vendor/big:1 oci:DIR:big-1\` into a fresh directory: the nearest
   thing skopeo has to "pull the images into a bundle" (no tar, no release rendering). Order
   alternating per round, 5 rounds (\`--quick\`: 1).
2. **push-images**: \`kots admin-console push-images BUNDLE HOST/bench\` (the bundle of the last
   build round; password in \`KOTS_REGISTRY_PASSWORD\`, \`--ca-file\`) against
   \`skopeo copy --all oci:DIR:big-1 docker://HOST/bench/big:1\` out of the layout of skopeo's last
   build round (\`--dest-cert-dir\`, credentials in a 0600 \`--dest-authfile\`). Each side pushes into
   its own fresh registry per round, order alternating, 5 rounds. **Why \`oci:\`**: the bundle holds
   the images as a registry stores them (content-addressed blobs, the manifests' own bytes, layers
   compressed once), and an OCI layout is the skopeo transport that holds the same thing;
   \`docker-archive:\` holds uncompressed layers and no registry manifest (skopeo would compress
   every layer and write a new manifest), and \`dir:\` keeps no blobs shared between images. The
   difference left is kots' design: the bundle is one gzip'd tar streamed through twice (the
   checking pass hashes every blob before the first push, then the push pass), where skopeo opens
   the blobs it needs as files, and one blob is in flight at a time (the tar is one stream) where
   skopeo uploads several layers at once.
3. **re-run**: the same two commands again into the same registries, every blob and manifest
   there: kots' checking pass reads only the bundle's head (airgap.yaml, app.tar.gz, links,
   manifests: \`kots airgap build\` writes them first), finds every manifest at the target, and
   stops (docs/airgap.md, "The re-run check"); skopeo HEADs the blobs and puts the manifest.
4. **for scale**: the peak RSS of \`kots --version\` and \`skopeo --version\`, what each process
   costs before any work (for kots: the Bun runtime and the pages of the 120 MB binary it touches).
   Subtract it to compare what the work itself holds.
5. **install --airgap-bundle**: the example app's 7 images (Admin Console and app; 30 MiB each in
   two layers, \`--quick\`: 1 MiB) mirrored from the open source registry for docker.io and ghcr.io,
   bundled once by \`kots airgap build --include-admin-console\` (untimed). Per round, a fresh
   htpasswd+TLS registry and fresh namespaces: \`kots install acme-helpdesk --airgap-bundle FILE
   --kotsadm-registry HOST/bench --registry-password-file … --yes --no-port-forward\` (checking
   pass, push of every image, manifest HEAD of every image, apply, wait for kstatus Current on
   kwok nodes), its re-run into the same namespace and registry (nothing to push), and
   \`kots install ./examples/acme-helpdesk\` without a bundle, alternating with the first install.
   **No fair peer**: the only other installer of a KOTS bundle is KOTS itself, which is not on this
   machine and whose install waits for a running kotsadm (kwok runs no containers). The peer column
   is kots' own install without a bundle, so the ratio reads as what the bundle adds (its reads,
   the push and the check), not as a comparison with another tool. 3 rounds (\`--quick\`: 1).

Registries, namespaces (with their \`kotsadm-rolebinding-<ns>\` ClusterRoleBinding) and files are
removed at the end. Run alone: \`bun test/bench/airgap-section.ts\` rewrites only this block.
<!-- /bench:${SECTION_ID} -->
`;
}

if (import.meta.main) {
  const { benchCluster, waitForControllers } = await import("./cluster.ts");
  const { mustRun } = await import("./measure.ts");
  const quick = process.argv.includes("--quick");
  const say = (m: string) => process.stderr.write(`bench: ${m}\n`);
  const cluster = benchCluster();
  await waitForControllers(cluster);
  say("building dist/kots");
  await mustRun(["bun", "run", path.join(repo, "build.ts")], { timeoutMs: 300_000 });
  const kotsVersion = (await mustRun([path.join(repo, "dist/kots"), "--version"])).stdout.trim();
  const s = await airgapSection(quick, say, { kubeconfig: cluster.kubeconfig, kubectl: path.join(cluster.binDir, "kubectl") });
  console.log(table(s.rows));
  if (quick) say("quick round: docs/bench.md left as it is");
  else {
    const file = path.join(repo, "docs/bench.md");
    const block = airgapMarkdown(s, { kotsVersion, cluster: `scripts/cluster up, KOTS_TUI_CLUSTER=${cluster.name}, 2 kwok fake nodes`, how: "section (j) run alone (`bun test/bench/airgap-section.ts`)" });
    const { spliceSection } = await import("./report.ts");
    writeFileSync(file, spliceSection(readFileSync(file, "utf8"), SECTION_ID, block));
    say(`wrote section (j) of docs/bench.md`);
  }
}
