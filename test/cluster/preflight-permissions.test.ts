/**
 * --collect-without-permissions semantics (issue 11): a ServiceAccount that may read pods in one
 * namespace and nothing else runs an app preflight through its own token; each refused read is
 * recorded as troubleshoot records it, and one warn names them all, so no check of the missing
 * data passes silently. The API server's real RBAC decides, not a stand-in.
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import YAML from "yaml";
import { connect } from "../../src/kube/cluster.ts";
import { runAppPreflight } from "../../src/preflight/app/run.ts";
import { parsePreflightSpec } from "../../src/preflight/app/spec.ts";
import { ensureCluster, uniqueNamespace, type TestCluster } from "../support/cluster.ts";
import { dropNamespace } from "../support/inspect.ts";

let tc: TestCluster;
const ns = uniqueNamespace("pfperm");
const dir = mkdtempSync(path.join(os.tmpdir(), "kots-pf-perm-"));
let limitedKubeconfig: string;

beforeAll(() => {
  tc = ensureCluster();
  const objects = `apiVersion: v1
kind: Namespace
metadata: {name: ${ns}}
---
apiVersion: v1
kind: ServiceAccount
metadata: {name: pods-only, namespace: ${ns}}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: pods-only, namespace: ${ns}}
rules:
  - {apiGroups: [""], resources: [pods], verbs: [get, list]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: pods-only, namespace: ${ns}}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: pods-only}
subjects:
  - {kind: ServiceAccount, name: pods-only, namespace: ${ns}}
`;
  const applied = tc.kubectl(["apply", "-f", "-"], objects);
  if (applied.code !== 0) throw new Error(`fixture objects: ${applied.stderr}`);
  const token = tc.kubectl(["create", "token", "pods-only", "-n", ns, "--duration=10m"]);
  if (token.code !== 0) throw new Error(`token: ${token.stderr}`);
  // The test cluster's kubeconfig with the ServiceAccount's token as its only user.
  const kc = YAML.parse(readFileSync(tc.kubeconfig, "utf8"));
  kc.users = [{ name: "pods-only", user: { token: token.stdout.trim() } }];
  for (const c of kc.contexts) c.context.user = "pods-only";
  limitedKubeconfig = path.join(dir, "kubeconfig");
  writeFileSync(limitedKubeconfig, YAML.stringify(kc), { mode: 0o600 });
}, 120_000);

afterAll(() => {
  dropNamespace(tc, ns);
  rmSync(dir, { recursive: true, force: true });
});

describe("a preflight run by an identity that may read only pods in one namespace", () => {
  test("each refused read is recorded, and one warn names them; the pods it may read are analyzed", async () => {
    const spec = parsePreflightSpec(
      `apiVersion: troubleshoot.sh/v1beta2
kind: Preflight
metadata: {name: perm}
spec:
  analyzers:
    - clusterPodStatuses:
        checkName: pods
        namespaces: [${ns}]
        outcomes:
          - fail: {when: "!= Healthy", message: "{{ .Name }} is unhealthy"}
    - nodeResources:
        checkName: node count
        outcomes:
          - fail: {when: "count() < 1", message: no nodes}
          - pass: {message: nodes}
`,
      "perm.yaml",
    );
    const run = await runAppPreflight(connect({ kubeconfig: limitedKubeconfig }), spec, { namespace: ns });
    const denied = run.results.find((r) => r.note === "collect-denied");
    expect(denied).toBeDefined();
    expect(denied!.outcome).toBe("warn");
    // what the Role does not allow, by name, with the API server's own reason
    for (const what of ["cluster-resources/nodes", `cluster-resources/deployments in ${ns}`, "cluster-resources/storage-classes"]) expect(denied!.message).toContain(what);
    expect(denied!.message).toContain("is forbidden: User \"system:serviceaccount:");
    // pods in the namespace were allowed: no pod read is named as refused
    expect(denied!.message).not.toContain(`cluster-resources/pods in ${ns}`);
    // and nodes.json could not be read: the node check is not a pass
    expect(run.results.find((r) => r.title === "node count")?.outcome).not.toBe("pass");
  }, 60_000);
});
