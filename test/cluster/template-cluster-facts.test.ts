/**
 * The cluster-fact template functions against the real local cluster, on the compiled binary:
 * `kots pull` (KUBECONFIG) and `kots preflight` render `{{repl Distribution}}`, `NodeCount`,
 * `KubernetesVersion`, `IsKurl` and a literal `Lookup` with the cluster's own values, compared with
 * kubectl's answers; without a reachable cluster pull renders the zero values. `kots install`
 * renders the release's Preflight with them and with the license document (a failing check: exit 1,
 * the namespace never created). The wizard's services give its Config the same facts and the
 * license the license step verified.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import YAML from "yaml";
import { ensureCluster, uniqueNamespace, type TestCluster } from "../support/cluster.ts";
import { dropNamespace } from "../support/inspect.ts";
import { ensureBinary, runKots } from "../support/kots.ts";
import { exampleWithPreflight } from "../support/example-app.ts";
import { createWizardServices, type ConfigSessionAdapter } from "../../src/cli/wizard/services.ts";

let tc: TestCluster;
const ns = uniqueNamespace("facts");
const dir = mkdtempSync(path.join(os.tmpdir(), "kots-facts-"));
const release = path.join(dir, "facts-app");

const FACTS = `distribution: '{{repl Distribution }}'
  nodeCount: '{{repl NodeCount }}'
  kubernetesVersion: '{{repl KubernetesVersion }}'
  isKurl: '{{repl IsKurl }}'
  lookup: 'repl{{ (Lookup "v1" "ConfigMap" "${ns}" "facts-source").data.answer }}'`;

/** kubectl's own answers about the cluster. */
function kubectlFacts(): { version: string; nodes: number; kurlConfigMap: boolean; providerMarks: string[] } {
  const v = tc.kubectl(["version", "-o", "json"]);
  expect(v.code).toBe(0);
  const version = (JSON.parse(v.stdout) as { serverVersion: { gitVersion: string } }).serverVersion.gitVersion;
  const n = tc.kubectl(["get", "nodes", "-o", "json"]);
  expect(n.code).toBe(0);
  const items = (JSON.parse(n.stdout) as { items: Array<{ metadata: { labels?: Record<string, string> }; spec: { providerID?: string } }> }).items;
  // anything troubleshoot's provider detection looks at (labels it knows, a providerID)
  const providerMarks = items.flatMap((i) => [
    ...Object.keys(i.metadata.labels ?? {}).filter((k) => /kurl\.sh|microk8s|azure|minikube|instance-type|oraclecloud|k0sproject|embedded-cluster|tanzu/.test(k)),
    ...(i.spec.providerID ? [i.spec.providerID] : []),
  ]);
  const cm = tc.kubectl(["get", "configmap", "kurl-config", "-n", "kube-system"]);
  return { version, nodes: items.length, kurlConfigMap: cm.code === 0, providerMarks };
}

beforeAll(() => {
  tc = ensureCluster();
  ensureBinary();
  expect(tc.kubectl(["create", "namespace", ns]).code).toBe(0);
  expect(tc.kubectl(["create", "configmap", "facts-source", "-n", ns, "--from-literal=answer=forty-two"]).code).toBe(0);
  mkdirSync(release);
  writeFileSync(path.join(release, "kots-app.yaml"), "apiVersion: kots.io/v1beta1\nkind: Application\nmetadata:\n  name: facts-app\nspec:\n  title: Facts\n");
  writeFileSync(path.join(release, "facts.yaml"), `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: facts\ndata:\n  ${FACTS}\n`);
  writeFileSync(
    path.join(release, "kots-preflight.yaml"),
    `apiVersion: troubleshoot.sh/v1beta2
kind: Preflight
metadata: {name: facts}
spec:
  analyzers:
    - clusterVersion:
        checkName: facts
        outcomes:
          - pass: {message: 'dist=[{{repl Distribution }}] nodes={{repl NodeCount }} version={{repl KubernetesVersion }} kurl={{repl IsKurl }}'}
`,
  );
}, 120_000);

afterAll(() => {
  dropNamespace(tc, ns);
  rmSync(dir, { recursive: true, force: true });
});

/** The data of the pulled facts ConfigMap. */
function pulledFacts(root: string): Record<string, string> {
  const text = readFileSync(path.join(root, "facts-app", "base", "facts.yaml"), "utf8");
  return (YAML.parse(text) as { data: Record<string, string> }).data;
}

describe("cluster facts in templates", () => {
  test("kots pull with a reachable cluster renders its version, node count, distribution, kurl and a Lookup object as kubectl sees them", async () => {
    const k = kubectlFacts();
    const root = path.join(dir, "pull-online");
    const r = await runKots(["pull", release, "--rootdir", root, "--exclude-admin-console", "--skip-images"], { env: { KUBECONFIG: tc.kubeconfig } });
    expect(r.stderr).not.toContain("rror");
    expect(r.code).toBe(0);
    const data = pulledFacts(root);
    expect(data.kubernetesVersion).toBe(k.version.replace(/^v/, ""));
    expect(Number(data.nodeCount)).toBe(k.nodes);
    expect(k.nodes).toBeGreaterThan(0);
    expect(data.isKurl).toBe(String(k.kurlConfigMap));
    // kwok's nodes carry no provider label or providerID: troubleshoot names no distribution
    expect(k.providerMarks).toEqual([]);
    expect(data.distribution).toBe("");
    expect(data.lookup).toBe("forty-two");
  }, 120_000);

  test("kots pull without a reachable cluster renders the zero values and still succeeds", async () => {
    const root = path.join(dir, "pull-offline");
    const r = await runKots(["pull", release, "--rootdir", root, "--exclude-admin-console", "--skip-images"], { env: { KUBECONFIG: path.join(dir, "no-such-kubeconfig") } });
    expect(r.code).toBe(0);
    // Lookup finds nothing: an empty map, whose missing keys text/template prints as "<no value>"
    expect(pulledFacts(root)).toEqual({ distribution: "", nodeCount: "0", kubernetesVersion: "0.0.0+unknown", isKurl: "false", lookup: "<no value>" });
  }, 120_000);

  test("kots install renders the release's Preflight with the facts and the license's typed entitlements", async () => {
    const k = kubectlFacts();
    const app = path.join(dir, "acme-facts");
    exampleWithPreflight(
      app,
      `    - clusterVersion:
        checkName: facts
        outcomes:
          - fail: {message: 'dist=[{{repl Distribution }}] nodes={{repl NodeCount }} version={{repl KubernetesVersion }} kurl={{repl IsKurl }} seats={{repl LicenseFieldValue "agent_seats" }} sso={{repl LicenseFieldValue "sso_enabled" }} airgap={{repl LicenseFieldValue "isAirgapSupported" }}'}
`,
    );
    const target = uniqueNamespace("facts-install");
    const r = await runKots(
      ["install", app, "-n", target, "--yes", "--no-port-forward", "--output", "json", "--kubeconfig", tc.kubeconfig, "--license-file", "examples/licenses/acme-helpdesk-v1beta2.yaml", "--license-public-key", "examples/keys/example-global.public.pem"],
      { env: { KOTS_SHARED_PASSWORD: "facts-pw" } },
    );
    expect(r.code).toBe(1);
    const result = r.events.find((e) => e.type === "preflight-result" && (e as { check?: string }).check === "facts") as { message?: string } | undefined;
    expect(result?.message).toBe(`dist=[] nodes=${k.nodes} version=${k.version.replace(/^v/, "")} kurl=${k.kurlConfigMap} seats=25 sso=true airgap=true`);
    expect(tc.kubectl(["get", "namespace", target]).code).not.toBe(0);
  }, 120_000);

  test("the wizard's Config step: defaults read the cluster facts and the verified license", async () => {
    const k = kubectlFacts();
    const app = path.join(dir, "wizard-facts");
    mkdirSync(app);
    writeFileSync(path.join(app, "kots-app.yaml"), "apiVersion: kots.io/v1beta1\nkind: Application\nmetadata:\n  name: acme-helpdesk\nspec:\n  title: Acme\n");
    writeFileSync(
      path.join(app, "kots-config.yaml"),
      `apiVersion: kots.io/v1beta1
kind: Config
metadata: {name: facts}
spec:
  groups:
    - name: g
      title: G
      items:
        - {name: nodes, type: text, default: '{{repl NodeCount }}'}
        - {name: version, type: text, default: '{{repl KubernetesVersion }}'}
        - {name: seats, type: text, default: '{{repl LicenseFieldValue "agent_seats" }}'}
        - {name: where, type: text, default: '{{repl Namespace }}'}
`,
    );
    const services = createWizardServices({
      app,
      appSlug: "acme-helpdesk",
      kubeconfig: tc.kubeconfig,
      licensePublicKey: "examples/keys/example-global.public.pem",
      base: { namespace: ns },
      signal: new AbortController().signal,
    });
    try {
      const license = await services.checkLicense("examples/licenses/acme-helpdesk-v1beta2.yaml");
      expect(license.ok).toBe(true);
      const config = (await services.loadConfig()) as ConfigSessionAdapter;
      const get = (n: string) => config.inner.get(n);
      expect([get("nodes"), get("version"), get("seats"), get("where")]).toEqual([String(k.nodes), k.version.replace(/^v/, ""), "25", ns]);
    } finally {
      services.dispose();
    }
  }, 120_000);

  test("kots preflight renders the release's Preflight with the same facts", async () => {
    const k = kubectlFacts();
    const r = await runKots(["preflight", release, "--kubeconfig", tc.kubeconfig]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`[pass] facts: dist=[] nodes=${k.nodes} version=${k.version.replace(/^v/, "")} kurl=${k.kurlConfigMap}\n`);
  }, 120_000);
});
