/**
 * (j) `kots install --airgap-bundle` (issue 14 part 1b), the compiled binary against a local
 * cluster: the example app's 7 images (Admin Console and app; each MIB MiB in two random layers)
 * built into a bundle by `kots airgap build --include-admin-console` through mirrors of a loopback
 * source registry (untimed), then, per round, into a fresh htpasswd+TLS registry and a fresh
 * namespace: the first install (checking pass, push, manifest HEAD check, apply, wait) and its
 * re-run (every blob there), and a plain `kots install` of the release directory in another fresh
 * namespace, order alternating with the first install. Wall time and /usr/bin/time's peak RSS.
 *
 * No fair peer: nothing else installs the Admin Console from a bundle (KOTS's own install needs a
 * kotsadm that kwok does not run). The peer column is kots' own install without a bundle, so the
 * ratio reads as what the bundle adds (its push and its reads), not as a comparison with a tool.
 *
 * Standalone, needs dist/kots (`bun run build.ts`): `bun test/bench/airgap-install.ts [--quick | --mib N]`
 * (quick: 1 MiB per image, one round; default 30 MiB per image, 3 rounds), on the cluster
 * KOTS_TUI_CLUSTER (default kots-bench, as `bun run bench`), prints the rows.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startOpenRegistry, startTlsAuthRegistry, type RunningRegistry } from "../support/copy-registries.ts";
import { LICENSE_ARGS, MiB, kotsSnapshot, repo, sample, seedImages, settle, type Sample } from "./airgap-fixture.ts";
import { median } from "./measure.ts";
import type { Row } from "./report.ts";

/** The images `kots airgap build --include-admin-console` pulls for examples/acme-helpdesk (docker.io and ghcr.io). */
const IMAGES = [
  "kotsadm/kotsadm:v1.88.0",
  "kotsadm/kotsadm-migrations:v1.88.0",
  "library/postgres:14.5-alpine",
  "library/postgres:10.22-alpine",
  "minio/minio:RELEASE.2022-10-15T19-57-03Z",
  "library/redis:7.2-alpine",
  "acme/helpdesk-web:3.4.1",
];

export interface InstallRowsOptions {
  quick: boolean;
  say: (m: string) => void;
  /** The cluster: its kubeconfig and a kubectl for cleanup. */
  kubeconfig: string;
  kubectl: string;
  /** MiB per image (default: quick 1, else 30). */
  mibPerImage?: number;
  /** Rounds (default: quick 1, else 3). */
  rounds?: number;
}

/** The install rows of section (j). Every namespace, registry and file made is removed. */
export async function airgapInstallRows(opts: InstallRowsOptions): Promise<Row[]> {
  const { quick, say } = opts;
  const rounds = opts.rounds ?? (quick ? 1 : 3);
  const mib = opts.mibPerImage ?? (quick ? 1 : 30);
  const work = mkdtempSync(path.join(tmpdir(), "kots-bench-airgap-install-"));
  const kots = kotsSnapshot(work);
  const registries: RunningRegistry[] = [];
  const namespaces: string[] = [];
  const source = await startOpenRegistry();
  registries.push(source);
  try {
    say(`(j) building the example app's ${IMAGES.length} images, ${mib} MiB each, and their bundle`);
    const half = Math.floor((mib * MiB) / 2);
    await seedImages(source, path.join(work, "seed"), IMAGES.map((name) => ({ name: `${name}`, layers: [mib * MiB - half, half] })));
    const app = path.join(repo, "examples/acme-helpdesk");
    const lic = [...LICENSE_ARGS, "--config-values", path.join(app, "configvalues.yaml")];
    const bundle = path.join(work, "acme.airgap");
    await sample([kots, "airgap", "build", app, ...lic, "--include-admin-console", "--image-mirror", `docker.io=${source.host}`, "--image-mirror", `ghcr.io=${source.host}`, "-o", bundle]);
    const bundleMiB = statSync(bundle).size / MiB;
    const env = { KOTS_SHARED_PASSWORD: `bench-${crypto.randomUUID()}` };
    const fresh = (tag: string) => {
      const ns = `bench-${tag}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e4)}`;
      namespaces.push(ns);
      return ns;
    };
    const base = (ns: string) => ["-n", ns, ...lic, "--yes", "--no-port-forward", "--kubeconfig", opts.kubeconfig];
    const first: Sample[] = [];
    const again: Sample[] = [];
    const plain: Sample[] = [];
    for (let i = 0; i < rounds; i++) {
      say(`(j) install --airgap-bundle (${bundleMiB.toFixed(0)} MiB), its re-run, and install without a bundle, round ${i + 1}/${rounds}`);
      const target = await startTlsAuthRegistry();
      registries.push(target);
      const pw = path.join(target.dir, "pw");
      writeFileSync(pw, target.password!, { mode: 0o600 });
      const ns = fresh("airgap");
      const install = () => {
        settle();
        return sample([kots, "install", "acme-helpdesk", ...base(ns), "--airgap-bundle", bundle, "--kotsadm-registry", `${target.host}/bench`,
          "--registry-username", target.username!, "--registry-password-file", pw, "--registry-ca-file", target.caFile!], env);
      };
      const noBundle = () => {
        settle();
        return sample([kots, "install", app, ...base(fresh("reldir"))], env);
      };
      if (i % 2) plain.push(await noBundle()), first.push(await install());
      else first.push(await install()), plain.push(await noBundle());
      again.push(await install());
      target.stop();
    }
    const peerName = "kots install of the release dir, no bundle (no fair peer)";
    const row = (measurement: string, unit: string, k: number[], p: number[]): Row => ({
      measurement: `${measurement} (median of ${rounds})`,
      unit,
      peerName,
      kots: median(k),
      peer: median(p),
      kotsSamples: k,
      peerSamples: p,
    });
    const what = `install --airgap-bundle, ${IMAGES.length} images, ${bundleMiB.toFixed(0)} MiB bundle`;
    return [
      row(`${what}: wall`, "ms", first.map((s) => s.wallMs), plain.map((s) => s.wallMs)),
      row(`${what}: peak RSS`, "MiB", first.map((s) => s.rssMiB), plain.map((s) => s.rssMiB)),
      row(`install --airgap-bundle re-run (every blob there): wall`, "ms", again.map((s) => s.wallMs), plain.map((s) => s.wallMs)),
      row(`install --airgap-bundle re-run: peak RSS`, "MiB", again.map((s) => s.rssMiB), plain.map((s) => s.rssMiB)),
    ];
  } finally {
    for (const ns of namespaces)
      for (const args of [["delete", "namespace", ns], ["delete", "clusterrolebinding", `kotsadm-rolebinding-${ns}`]])
        Bun.spawnSync([opts.kubectl, "--kubeconfig", opts.kubeconfig, ...args, "--wait=false", "--ignore-not-found"], { stdout: "ignore", stderr: "ignore" });
    for (const r of registries) r.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const { benchCluster } = await import("./cluster.ts");
  const { table } = await import("./report.ts");
  const argv = process.argv;
  const cluster = benchCluster();
  const mib = argv.includes("--mib") ? Number(argv[argv.indexOf("--mib") + 1]) || undefined : undefined;
  const say = (m: string) => process.stderr.write(`${m}\n`);
  const rows = await airgapInstallRows({ quick: argv.includes("--quick"), say, kubeconfig: cluster.kubeconfig, kubectl: path.join(cluster.binDir, "kubectl"), mibPerImage: mib });
  console.log(table(rows));
}
