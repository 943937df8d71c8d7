/**
 * `kots install --airgap-bundle` figures (issue 14 part 1b), the compiled binary against the local
 * cluster: the example app's 7 images (Admin Console and app, each `--mib` MiB in two random
 * layers, default 30) built by `kots airgap build` through mirrors of a loopback source registry,
 * then installed headless through an htpasswd+TLS registry: wall time and peak RSS of the first
 * install (the checking pass, the push, the HEAD check, the apply and wait) and of the re-run
 * (every blob there), next to a plain `kots install` of the release directory (no bundle) as the
 * reference. Peak RSS is /usr/bin/time's maximum resident set size.
 * Standalone: `bun test/bench/airgap-install.ts [--mib N]`, prints the figures.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { copyImage } from "../../src/registry/copy/index.ts";
import { ensureCluster, uniqueNamespace } from "../support/cluster.ts";
import { startOpenRegistry, startTlsAuthRegistry } from "../support/copy-registries.ts";
import { dropNamespace } from "../support/inspect.ts";
import { buildImage } from "../support/oci-images.ts";
import { mustRun } from "./measure.ts";

const MiB = 1024 * 1024;
const repo = path.resolve(import.meta.dir, "../..");
const KOTS = path.join(repo, "dist/kots");
const mib = Number(process.argv[process.argv.indexOf("--mib") + 1] ?? 30) || 30;
const IMAGES = [
  "kotsadm/kotsadm:v1.88.0",
  "kotsadm/kotsadm-migrations:v1.88.0",
  "library/postgres:14.5-alpine",
  "library/postgres:10.22-alpine",
  "minio/minio:RELEASE.2022-10-15T19-57-03Z",
  "library/redis:7.2-alpine",
  "acme/helpdesk-web:3.4.1",
];
const say = (s: string) => process.stderr.write(`${s}\n`);
const fig = (what: string, r: { wallMs: number; maxRssKiB?: number }) => say(`${what}: ${r.wallMs.toFixed(0)} ms, peak RSS ${((r.maxRssKiB ?? NaN) / 1024).toFixed(0)} MiB`);
const tc = ensureCluster();
const work = mkdtempSync(path.join(tmpdir(), "kots-bench-airgap-install-"));
const [source, target] = await Promise.all([startOpenRegistry(), startTlsAuthRegistry()]);
const made: string[] = [];
try {
  const layout = path.join(work, "layout");
  for (const name of IMAGES) {
    buildImage(layout, { name, layers: [Math.ceil((mib * MiB) / 2), Math.floor((mib * MiB) / 2)] });
    await copyImage({ layout, name }, `${source.host}/${name}`, { dst: { plainHttp: true } });
  }
  const lic = ["--license-file", "examples/licenses/acme-helpdesk-v1beta2.yaml", "--license-public-key", "examples/keys/example-global.public.pem", "--config-values", "examples/acme-helpdesk/configvalues.yaml"];
  const bundle = path.join(work, "acme.airgap");
  await mustRun([KOTS, "airgap", "build", "examples/acme-helpdesk", ...lic, "--include-admin-console", "--image-mirror", `docker.io=${source.host}`, "--image-mirror", `ghcr.io=${source.host}`, "-o", bundle], { cwd: repo, timeoutMs: 600_000 });
  say(`bundle: ${(statSync(bundle).size / MiB).toFixed(0)} MiB, ${IMAGES.length} images`);
  const pw = path.join(work, "pw");
  writeFileSync(pw, target.password!, { mode: 0o600 });
  const env = { KOTS_SHARED_PASSWORD: "bench-password" };
  const ns = uniqueNamespace("bench-airgap");
  made.push(ns);
  const install = () =>
    mustRun(
      [KOTS, "install", "acme-helpdesk", "-n", ns, "--airgap-bundle", bundle, "--kotsadm-registry", `${target.host}/bench`, "--registry-username", target.username!, "--registry-password-file", pw,
        "--registry-ca-file", target.caFile!, ...lic, "--yes", "--no-port-forward", "--kubeconfig", tc.kubeconfig],
      { cwd: repo, env, rss: true, timeoutMs: 600_000 },
    );
  fig("install --airgap-bundle", await install());
  fig("install --airgap-bundle re-run", await install());
  const ref = uniqueNamespace("bench-reldir");
  made.push(ref);
  fig("reference: install ./examples/acme-helpdesk (no bundle)", await mustRun([KOTS, "install", "./examples/acme-helpdesk", "-n", ref, ...lic, "--yes", "--no-port-forward", "--kubeconfig", tc.kubeconfig], { cwd: repo, env, rss: true, timeoutMs: 600_000 }));
} finally {
  for (const ns of made) dropNamespace(tc, ns);
  source.stop();
  target.stop();
  rmSync(work, { recursive: true, force: true });
}
