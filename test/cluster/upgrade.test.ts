/**
 * `kots admin-console upgrade` against the real control plane: an install made with many options
 * and then running an older kotsadm is upgraded to the bundled tag and nothing else changes
 * (every secret byte for byte, every other object unchanged); the install's start order and waits
 * run; a downgrade, an unknown version and a missing password are refused with nothing changed;
 * on a terminal old → new is shown before the question (tmux).
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ensureCluster, uniqueNamespace, type TestCluster } from "../support/cluster.ts";
import { dropNamespace, getItems, getOne } from "../support/inspect.ts";
import { ensureBinary, runKots } from "../support/kots.ts";
import { KOTSADM_DEFAULT_TAG } from "../../src/manifests/images.ts";

let tc: TestCluster;
let tmp: string;
const made: string[] = [];
const OLD = "v1.87.0";
const fresh = (prefix: string) => {
  const ns = uniqueNamespace(prefix);
  made.push(ns);
  return ns;
};
const install = async (ns: string, extra: string[] = []) => {
  const r = await runKots(["install", "acme-helpdesk", "-n", ns, "--yes", "--no-port-forward", "--kubeconfig", tc.kubeconfig, ...extra], { env: { KOTS_SHARED_PASSWORD: "upgrade-test-pw" } });
  if (r.code !== 0) throw new Error(`install failed: ${r.stderr}`);
};
const upgrade = (args: string[]) => runKots(["admin-console", "upgrade", "--kubeconfig", tc.kubeconfig, ...args]);
const KINDS = "deploy,sts,svc,secret,cm,sa,role,rolebinding";
/** Every object of the install as its content only (no server bookkeeping), by Kind/name. */
function snapshot(ns: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const o of getItems(tc, KINDS, ns, ["-l", "kots.io/kotsadm=true"])) {
    const { resourceVersion: _r, generation: _g, managedFields: _m, creationTimestamp: _c, uid: _u, annotations, ...md } = o.metadata;
    const { "deployment.kubernetes.io/revision": _rev, ...ann } = annotations ?? {};
    out[`${o.kind}/${o.metadata.name}`] = { ...o, metadata: { ...md, annotations: ann }, status: undefined };
  }
  return out;
}
/** What a write would change, by Kind/name: the generation of workloads (their status moves on by itself), else the resourceVersion. */
const resourceVersions = (ns: string) =>
  Object.fromEntries(getItems(tc, KINDS, ns, ["-l", "kots.io/kotsadm=true"]).map((o) => [`${o.kind}/${o.metadata.name}`, o.metadata.generation ?? o.metadata.resourceVersion]));
/** Sets every container image of `kind/name` tagged `from` to the tag `to` (what an install by an older KOTS runs). */
function retag(ns: string, kind: string, name: string, from: string, to: string): void {
  const obj = getOne(tc, kind, name, ns);
  const ops: unknown[] = [];
  for (const list of ["initContainers", "containers"])
    (obj.spec.template.spec[list] ?? []).forEach((c: { image: string }, i: number) => {
      if (c.image.endsWith(`:${from}`)) ops.push({ op: "replace", path: `/spec/template/spec/${list}/${i}/image`, value: c.image.replace(`:${from}`, `:${to}`) });
    });
  const r = tc.kubectl(["patch", kind, name, "-n", ns, "--type=json", "-p", JSON.stringify(ops)]);
  if (r.code !== 0) throw new Error(r.stderr);
}
const images = (ns: string, kind: string, name: string): string[] => {
  const spec = getOne(tc, kind, name, ns).spec.template.spec;
  return [...(spec.initContainers ?? []), ...spec.containers].map((c: { image: string }) => c.image);
};

beforeAll(() => {
  tc = ensureCluster();
  tmp = mkdtempSync(path.join(os.tmpdir(), "kots-upgrade-"));
}, 120_000);
afterAll(() => {
  // dropNamespace also deletes the install's ClusterRoleBinding
  for (const ns of made) dropNamespace(tc, ns);
  rmSync(tmp, { recursive: true, force: true });
});

describe("an upgrade", () => {
  test("of an install made with many options changes only kotsadm's images, keeps every secret, and runs the install's start order", async () => {
    const ns = fresh("upgrade");
    const regPw = path.join(tmp, "registry-password");
    writeFileSync(regPw, "reg:pass:word\n");
    await install(ns, [
      "--with-minio=false", "--use-minimal-rbac", "--storage-class", "standard", "--http-proxy", "http://proxy.corp:3128", "--no-proxy", "corp.example",
      "--additional-labels", "team=payments,tier=gold", "--additional-annotations", "owner=ops", "--kotsadm-registry", "registry.example:5000/mirror",
      "--registry-username", "bob", "--registry-password-file", regPw, "--port", "8899", "--wait-duration", "3m",
    ]);
    retag(ns, "statefulset", "kotsadm", KOTSADM_DEFAULT_TAG, OLD);
    expect(images(ns, "statefulset", "kotsadm").every((i) => i.endsWith(`:${OLD}`))).toBe(true);
    const before = snapshot(ns);

    const r = await upgrade(["-n", ns, "--yes"]);
    expect(r.code).toBe(0);
    const lines = r.stderr.split("\n");
    const headline = lines.findIndex((l) => l === `upgrade the Admin Console in ${ns}: kotsadm ${OLD} → ${KOTSADM_DEFAULT_TAG} (every secret kept)`);
    expect(headline).toBe(0);
    expect(lines).toContain(`  StatefulSet/kotsadm registry.example:5000/mirror/kotsadm ${OLD} → ${KOTSADM_DEFAULT_TAG} (restore-data, migrate-s3, kotsadm)`);
    expect(lines.findIndex((l) => l.startsWith("==>"))).toBeGreaterThan(headline);
    // the install's start order: the datastores are waited for before kotsadm is applied
    const order = lines.filter((l) => l.startsWith("==>"));
    expect(order.findIndex((l) => l.includes("wait for the datastores"))).toBeLessThan(order.findIndex((l) => l.includes("kotsadm and its Service")));
    expect(lines.filter((l) => / (configured|created)$/.test(l))).toEqual(["    StatefulSet/kotsadm configured"]);
    expect(r.stderr).not.toContain("kotsadm-password exists and was kept");

    const after = snapshot(ns);
    expect(images(ns, "statefulset", "kotsadm").every((i) => i.endsWith(`:${KOTSADM_DEFAULT_TAG}`))).toBe(true);
    for (const [k, v] of Object.entries(before)) if (k !== "StatefulSet/kotsadm") expect({ [k]: after[k] }).toEqual({ [k]: v });
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    // nothing but the images changed in the kotsadm StatefulSet either
    const strip = (o: any) => JSON.stringify(o).replaceAll(`:${OLD}"`, `:${KOTSADM_DEFAULT_TAG}"`);
    expect(strip((after["StatefulSet/kotsadm"] as any).spec)).toBe(strip((before["StatefulSet/kotsadm"] as any).spec));
    expect(getOne(tc, "statefulset", "kotsadm", ns).status.readyReplicas).toBe(1);
  }, 120_000);

  test("at the bundled version it converges: every object unchanged, NDJSON ends with done", async () => {
    const ns = fresh("upgrade-same");
    await install(ns);
    const rvs = resourceVersions(ns);
    const r = await upgrade(["-n", ns, "--yes", "--output", "json"]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`kotsadm in ${ns} runs ${KOTSADM_DEFAULT_TAG} already: converging the install`);
    const applied = r.events.filter((e) => e.type === "object-applied");
    expect(applied.length).toBeGreaterThan(10);
    expect(applied.filter((e) => e.type === "object-applied" && e.action !== "unchanged")).toEqual([]);
    expect(r.events.at(-1)?.type).toBe("done");
    expect(resourceVersions(ns)).toEqual(rvs);
  }, 120_000);
});

describe("refusals change nothing", () => {
  test("a downgrade, a version that cannot be told, a missing password, no Admin Console: exit 1 naming the fix", async () => {
    const newer = fresh("upgrade-newer");
    await install(newer, ["--kotsadm-tag", "v1.88.5"]);
    let rvs = resourceVersions(newer);
    const r1 = await upgrade(["-n", newer, "--yes"]);
    expect(r1.code).toBe(1);
    expect(r1.stderr).toContain(`Error: kotsadm in ${newer} runs v1.88.5, newer than ${KOTSADM_DEFAULT_TAG}: refusing to downgrade; use a kots release that bundles v1.88.5 or later (this one bundles ${KOTSADM_DEFAULT_TAG})`);
    const r1b = await upgrade(["-n", newer, "--yes", "--kotsadm-tag", "v1.88.3"]);
    expect(r1b.code).toBe(1);
    expect(r1b.stderr).toContain("refusing to downgrade");
    expect(resourceVersions(newer)).toEqual(rvs);

    retag(newer, "deployment", "kotsadm", "v1.88.5", "latest");
    rvs = resourceVersions(newer);
    const r2 = await upgrade(["-n", newer, "--yes"]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain("cannot tell the kotsadm version in");
    expect(r2.stderr).toContain("kotsadm/kotsadm:latest (no vMAJOR.MINOR.PATCH tag)");

    tc.kubectl(["delete", "secret", "kotsadm-password", "-n", newer]);
    rvs = resourceVersions(newer);
    const r3 = await upgrade(["-n", newer, "--yes"]);
    expect(r3.code).toBe(1);
    expect(r3.stderr).toContain(`Secret kotsadm-password is missing in ${newer}: an upgrade keeps every secret and cannot invent the admin password; set one with kots reset-password ${newer}, then upgrade`);
    expect(resourceVersions(newer)).toEqual(rvs);

    const empty = fresh("upgrade-empty");
    tc.kubectl(["create", "namespace", empty]);
    const r4 = await upgrade(["-n", empty, "--yes"]);
    expect(r4.code).toBe(1);
    expect(r4.stderr).toContain(`no Admin Console in namespace ${empty}`);
    expect(getItems(tc, "all", empty)).toEqual([]);
  }, 120_000);

  test("bad input exits 2 with one line", async () => {
    const ns = fresh("upgrade-bad");
    await install(ns);
    const rvs = resourceVersions(ns);
    for (const [args, message] of [
      [["--yes"], "missing input: namespace (-n/--namespace or KOTS_NAMESPACE)"],
      [["-n", ns], "missing input (no terminal to ask): confirmation (--yes or KOTS_YES)"],
      [["-n", ns, "--yes", "--kotsadm-tag", "v1.99.0"], "--kotsadm-tag v1.99.0 is not a v1.88.x tag"],
      [["-n", ns, "--yes", "--wait-duration", "0s"], "--wait-duration 0s must be longer than 0s"],
    ] as [string[], string][]) {
      const r = await upgrade(args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toContain(message);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
    expect(resourceVersions(ns)).toEqual(rvs);
  }, 120_000);
});

describe("on a terminal", () => {
  test("old → new is shown before the question; n changes nothing", async () => {
    const ns = fresh("upgrade-tty");
    await install(ns);
    retag(ns, "deployment", "kotsadm", KOTSADM_DEFAULT_TAG, OLD);
    const rvs = resourceVersions(ns);
    const bin = ensureBinary();
    const socket = `kots-upgrade-${process.pid}`;
    const tmux = (...args: string[]) => Bun.spawnSync(["tmux", "-L", socket, ...args], { stdout: "pipe", stderr: "pipe" }).stdout.toString();
    const waitFor = async (text: string) => {
      for (let i = 0; i < 100; i++) {
        const s = tmux("capture-pane", "-p", "-t", "u");
        if (s.includes(text)) return s;
        await Bun.sleep(100);
      }
      throw new Error(`timed out waiting for ${text}:\n${tmux("capture-pane", "-p", "-t", "u")}`);
    };
    try {
      tmux("new-session", "-d", "-s", "u", "-x", "120", "-y", "30", `env -i PATH=/usr/bin:/bin HOME=${tmp} TERM=xterm ${bin} admin-console upgrade -n ${ns} --kubeconfig ${tc.kubeconfig}; echo EXIT=$?; sleep 60`);
      const s = await waitFor("[y/N]:");
      expect(s).toContain(`kotsadm ${OLD} → ${KOTSADM_DEFAULT_TAG}`);
      expect(s).toContain(`Deployment/kotsadm kotsadm/kotsadm ${OLD} → ${KOTSADM_DEFAULT_TAG}`);
      expect(s).toContain(`Upgrade ${ns} to ${KOTSADM_DEFAULT_TAG}? [y/N]:`);
      tmux("send-keys", "-t", "u", "n", "Enter");
      expect(await waitFor("EXIT=")).toContain("EXIT=130");
    } finally {
      Bun.spawnSync(["tmux", "-L", socket, "kill-server"]);
    }
    expect(resourceVersions(ns)).toEqual(rvs);
  }, 60_000);
});
