/**
 * `bun run bench`: kots against kubectl on the local cluster (issue 3). Prints the table and writes
 * docs/bench.md. Method: see the "Method" section that report.ts writes.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { benchCluster, deleteNamespaces, waitForControllers } from "./cluster.ts";
import { kotsSample, kubectlSample, type BenchContext, type InstallSample } from "./installs.ts";
import { writeManifests } from "./manifests.ts";
import { median, mustRun } from "./measure.ts";
import { markdown, table, type Row } from "./report.ts";
import { REALISTIC_ARGS, realisticFloorMs } from "./realistic.ts";
import { timeToText } from "./first-frame.ts";
import { preflightSamples } from "./preflight.ts";
import { copyRows } from "./copy.ts";
import { templateRows } from "./templates.ts";
import { airgapMarkdown, airgapSection, type AirgapSection } from "./airgap-section.ts";

const repo = path.resolve(import.meta.dir, "../..");
// --quick: one short round of everything, printed, docs/bench.md left alone (scripts/test runs it
// so that the bench cannot rot without a red run).
const QUICK = process.argv.includes("--quick");
const N_VERSION = QUICK ? 2 : 20;
const N_WALL = QUICK ? 1 : 3;
const N_LAG = QUICK ? 1 : 5;
const N_REALISTIC = QUICK ? 1 : 3;
const N_FRAME = QUICK ? 2 : 5;
const N_PREFLIGHT = QUICK ? 1 : 5;
const TOTAL_BUDGET_MS = (QUICK ? 7 : 30) * 60_000;

function say(msg: string) {
  process.stderr.write(`bench: ${msg}\n`);
}

async function main(ctx: BenchContext): Promise<{ rows: Row[]; airgap: AirgapSection }> {
  // (a) start-up
  say(`(a) --version × ${N_VERSION} each`);
  const kotsVersion = [ctx.kots, "--version"];
  const kubectlVersion = [ctx.kubectl, "version", "--client"];
  await mustRun(kotsVersion);
  await mustRun(kubectlVersion);
  const vK: number[] = [];
  const vP: number[] = [];
  for (let i = 0; i < N_VERSION; i++) {
    const pair = i % 2 ? [kubectlVersion, kotsVersion] : [kotsVersion, kubectlVersion];
    for (const argv of pair) (argv === kotsVersion ? vK : vP).push((await mustRun(argv, { timeoutMs: 10_000 })).wallMs);
  }

  // Warm-up install of each side (untimed).
  say("warm-up installs");
  await kotsSample(ctx);
  await kubectlSample(ctx);

  // (b) install wall time, alternating order
  const wK: InstallSample[] = [];
  const wP: InstallSample[] = [];
  for (let i = 0; i < N_WALL; i++) {
    say(`(b) install wall time, round ${i + 1}/${N_WALL}`);
    if (i % 2) wP.push(await kubectlSample(ctx)), wK.push(await kotsSample(ctx));
    else wK.push(await kotsSample(ctx)), wP.push(await kubectlSample(ctx));
  }

  // (c) detection lag and (d) peak RSS: watched rounds under /usr/bin/time -v
  const lK: InstallSample[] = [];
  const lP: InstallSample[] = [];
  for (let i = 0; i < N_LAG; i++) {
    say(`(c, d) detection lag and peak RSS, round ${i + 1}/${N_LAG}`);
    const opts = { watch: true, rss: true };
    if (i % 2) lP.push(await kubectlSample(ctx, opts)), lK.push(await kotsSample(ctx, opts));
    else lK.push(await kotsSample(ctx, opts)), lP.push(await kubectlSample(ctx, opts));
  }

  // (e) the realistic kwok profile: install wall time against the profile's floor
  const floor = realisticFloorMs();
  const wR: number[] = [];
  for (let i = 0; i < N_REALISTIC; i++) {
    say(`(e) install on the realistic profile, round ${i + 1}/${N_REALISTIC}`);
    wR.push((await kotsSample(ctx, { extraArgs: REALISTIC_ARGS })).wallMs);
  }

  // (f) the wizard's first frame in tmux at 80x24, against tmux showing an `echo`
  say(`(f) first frame of the wizard in tmux × ${N_FRAME}`);
  const fK: number[] = [];
  const fP: number[] = [];
  for (let i = 0; i < N_FRAME; i++) {
    fK.push(await timeToText(`${ctx.kots} install examples/acme-helpdesk -n bench-frame --kubeconfig ${ctx.kubeconfig}`, "kots install acme-helpdesk", {}));
    fP.push(await timeToText("echo kots-bench-echo", "kots-bench-echo", {}));
  }

  // (g) the app's preflight against troubleshoot's own preflight, same spec and cluster
  say(`(g) app preflight (12 analyzers) × ${N_PREFLIGHT} each, with troubleshoot preflight`);
  const pf = await preflightSamples(ctx, N_PREFLIGHT);

  // (h) image copy against skopeo copy: first push, re-push, peak RSS (test/bench/copy.ts)
  const copy = await copyRows(QUICK, say);

  // (i) the template engine (Go → wasm): load, the example app's Config render, binary size (test/bench/templates.ts)
  const templates = await templateRows(QUICK, say);

  // (j) airgap bundles: build, push-images and re-run against skopeo, install from a bundle (test/bench/airgap-section.ts)
  const airgap = await airgapSection(QUICK, say, { kubeconfig: ctx.kubeconfig, kubectl: ctx.kubectl });

  const lag = (s: InstallSample) => s.doneAt - s.lastReadyAt!;
  const mib = (kib?: number) => (kib ?? NaN) / 1024;
  const row = (measurement: string, unit: string, peerName: string, k: number[], p: number[]): Row => ({
    measurement,
    unit,
    peerName,
    kots: median(k),
    peer: median(p),
    kotsSamples: k,
    peerSamples: p,
  });
  const rows = [
    row(`start-up: --version (median of ${N_VERSION})`, "ms", "kubectl version --client", vK, vP),
    row(`install wall time (median of ${N_WALL})`, "ms", "kubectl apply + rollout status", wK.map((s) => s.wallMs), wP.map((s) => s.wallMs)),
    row(`detection lag: last ready → reported (median of ${N_LAG})`, "ms", "kubectl rollout status exit", lK.map(lag), lP.map(lag)),
    row(`peak RSS (median of ${N_LAG})`, "MiB", "kubectl apply", lK.map((s) => mib(s.rssKiB)), lP.map((s) => mib(s.rssKiB))),
    row(`peak RSS (median of ${N_LAG})`, "MiB", "kubectl rollout status (largest)", lK.map((s) => mib(s.rssKiB)), lP.map((s) => mib(s.rolloutRssKiB))),
    row(`install wall time, realistic kwok profile (median of ${N_REALISTIC})`, "ms", "the profile's floor (sum of its stage delays)", wR, [floor]),
    row(`wizard first frame in tmux 80x24 (median of ${N_FRAME})`, "ms", "tmux showing an echo", fK, fP),
    row(`app preflight, 12 analyzers, wall time (median of ${N_PREFLIGHT})`, "ms", "troubleshoot preflight v0.133.0", pf.kots, pf.peer),
    ...copy,
    ...templates,
  ];
  return { rows, airgap };
}

const deadline = setTimeout(() => {
  say(`gave up after ${TOTAL_BUDGET_MS / 60_000} minutes`);
  cleanup();
  process.exit(1);
}, TOTAL_BUDGET_MS);

let cleanup = () => {};

const cluster = benchCluster();
say(`cluster ${cluster.name} is up`);
say("building dist/kots");
await mustRun(["bun", "run", path.join(repo, "build.ts")], { timeoutMs: 120_000 });
const ctx: BenchContext = {
  kots: path.join(repo, "dist/kots"),
  kubectl: path.join(cluster.binDir, "kubectl"),
  kubeconfig: cluster.kubeconfig,
  app: "acme-helpdesk",
  password: `bench-${crypto.randomUUID()}`,
  tmpDir: mkdtempSync(path.join(tmpdir(), "kots-bench-")),
  workloads: [],
  namespaces: [],
};
cleanup = () => {
  deleteNamespaces(cluster, ctx.namespaces);
  rmSync(ctx.tmpDir, { recursive: true, force: true });
};
try {
  await waitForControllers(cluster);
  ctx.workloads = (await writeManifests(ctx.app, "bench-probe", ctx.password, path.join(ctx.tmpDir, "probe.yaml"))).workloads;
  const { rows, airgap } = await main(ctx);
  const facts = {
    date: new Date().toISOString(),
    kotsVersion: (await mustRun([ctx.kots, "--version"])).stdout.trim(),
    kubectlVersion: /Client Version: (\S+)/.exec((await mustRun([ctx.kubectl, "version", "--client"])).stdout)?.[1] ?? "unknown",
    cluster: `scripts/cluster up, KOTS_TUI_CLUSTER=${cluster.name}: etcd, kube-apiserver, kube-controller-manager, kube-scheduler built from Go modules, 2 kwok fake nodes, 127.0.0.1`,
  };
  console.log(table([...rows, ...airgap.rows]));
  if (QUICK) say("quick round: docs/bench.md left as it is");
  else {
    const airgapBlock = airgapMarkdown(airgap, { kotsVersion: facts.kotsVersion, cluster: facts.cluster, how: "within `bun run bench`" });
    writeFileSync(path.join(repo, "docs/bench.md"), markdown(rows, facts, [airgapBlock]));
    say("wrote docs/bench.md");
  }
} finally {
  cleanup();
  clearTimeout(deadline);
}
