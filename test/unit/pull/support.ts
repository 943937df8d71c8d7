// Shared pieces of the kots pull tests: the fixture release (examples/acme-helpdesk plus every
// workload kind, plain images in Docker Hub spellings, a digest, ephemeral containers and
// additionalImages) and a runner of the command from source.
import { appendFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export const REPO = path.resolve(import.meta.dir, "../../..");
export const LICENSE = path.join(REPO, "examples/licenses/acme-helpdesk-v1beta2.yaml");
export const PUBLIC_KEY = path.join(REPO, "examples/keys/example-global.public.pem");
export const CONFIG_VALUES = path.join(REPO, "examples/acme-helpdesk/configvalues.yaml");
export const DIGEST = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
/** The registry password the tests pass: it must never appear in any output. */
export const SECRET = "s3cret-Pw-7f1e";

const EXTRA = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: acme-report
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          initContainers:
            - name: wait
              image: busybox:1.36
          containers:
            - name: report
              image: docker.io/acme/report:2.0
---
apiVersion: v1
kind: Pod
metadata:
  name: acme-debug
spec:
  containers:
    - name: main
      image: index.docker.io/library/alpine:3.19
  ephemeralContainers:
    - name: dbg
      image: quay.io/acme/tools/debugger@${DIGEST}
---
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: acme-agent
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:
      containers:
        - name: agent
          image: registry.local:5000/team/agent
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: acme-worker
spec:
  selector: {matchLabels: {app: worker}}
  template:
    metadata: {labels: {app: worker}}
    spec:
      initContainers:
        - name: migrate
          image: docker.io/library/postgres:14.5-alpine
      containers:
        - name: worker
          image: library/redis:7.2-alpine
---
apiVersion: batch/v1
kind: Job
metadata:
  name: acme-seed
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: seed
          image: ghcr.io/acme/seed:1.0
`;

const made: string[] = [];

/** A fresh directory under the system temp dir, removed by removeTempDirs. */
export function tempDir(prefix: string): string {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(d);
  return d;
}

/** Removes every directory tempDir made (each test file's afterAll). */
export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A copy of examples/acme-helpdesk with the extra workloads and additionalImages: its directory. */
export function fixtureRelease(extra = EXTRA): string {
  const dir = path.join(tempDir("kots-pull-rel-"), "acme-helpdesk");
  cpSync(path.join(REPO, "examples/acme-helpdesk"), dir, { recursive: true });
  writeFileSync(path.join(dir, "extra.yaml"), extra);
  appendFileSync(path.join(dir, "kots-app.yaml"), "  additionalImages:\n    - nginx:1.25\n");
  return dir;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Every output of every run, for the secret check. */
export const outputs: string[] = [];

/**
 * Runs `kots pull ARGS` from source (bun src/cli/main.ts) with a minimal environment. The fixture's
 * images live on public registries, so `--skip-images` is added (no network) unless `images` is true.
 */
export async function runPull(args: string[], opts: { env?: Record<string, string>; stdin?: string; images?: boolean } = {}): Promise<Run> {
  const proc = Bun.spawn(["bun", path.join(REPO, "src/cli/main.ts"), "pull", ...args, ...(opts.images ? [] : ["--skip-images"])], {
    cwd: REPO,
    env: { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: opts.env?.HOME ?? tempDir("kots-pull-home-"), ...opts.env },
    stdin: opts.stdin === undefined ? "ignore" : new TextEncoder().encode(opts.stdin),
    stdout: "pipe",
    stderr: "pipe",
  });
  const [stdout, stderr, code] = await Promise.all([new Response(proc.stdout).text(), new Response(proc.stderr).text(), proc.exited]);
  outputs.push(stdout, stderr);
  return { code, stdout, stderr };
}

/** The flags of a full pull of the fixture for the test registry 127.0.0.1:5000/acme. */
export function rewriteArgs(rootDir: string): string[] {
  return [
    "--rootdir", rootDir,
    "--license-file", LICENSE,
    "--license-public-key", PUBLIC_KEY,
    "--config-values", CONFIG_VALUES,
    "--rewrite-images", "--registry-endpoint", "http://127.0.0.1:5000", "--image-namespace", "acme",
    "--registry-username", "pusher", "--registry-password-stdin",
  ];
}
