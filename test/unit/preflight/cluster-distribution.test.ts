/**
 * distribution (troubleshoot v0.133.0 pkg/analyze/distribution.go): what each node label,
 * annotation, OS image, provider ID and API group version detects, and how `when` matches.
 * Expected values worked out from the Go source.
 */
import { describe, expect, test } from "bun:test";
import { compareDistributionWhen, distribution, normalizeDistribution, providersFromNodes } from "../../../src/preflight/app/analyzers/distribution.ts";
import { decodeNodeList } from "../../../src/preflight/app/analyzers/cluster-nodes.ts";
import type { AnalyzerSpec } from "../../../src/preflight/app/types.ts";
import { files, node, nodeList, NODES, type NodeOpts } from "./cluster-helpers.ts";

const detect = (...opts: NodeOpts[]) => [...providersFromNodes(decodeNodeList(JSON.stringify(nodeList(...opts.map(node)))))].sort();

describe("distribution detection", () => {
  test("labels", () => {
    expect(detect({ name: "n", labels: { "kurl.sh/cluster": "true" } })).toEqual(["kurl"]);
    expect(detect({ name: "n", labels: { "kurl.sh/cluster": "false" } })).toEqual([]);
    expect(detect({ name: "n", labels: { "microk8s.io/cluster": "true" } })).toEqual(["microk8s"]);
    expect(detect({ name: "n", labels: { "kubernetes.azure.com/role": "agent" } })).toEqual(["aks"]);
    expect(detect({ name: "n", labels: { "minikube.k8s.io/version": "v1.32.0" } })).toEqual(["minikube"]);
    expect(detect({ name: "n", labels: { "node.kubernetes.io/instance-type": "k3s" } })).toEqual(["k3s"]);
    expect(detect({ name: "n", labels: { "beta.kubernetes.io/instance-type": "k3s" } })).toEqual(["k3s"]);
    expect(detect({ name: "n", labels: { "node.kubernetes.io/instance-type": "m5.large" } })).toEqual([]);
    expect(detect({ name: "n", labels: { "oci.oraclecloud.com/fault-domain": "FAULT-DOMAIN-1" } })).toEqual(["oke"]);
    expect(detect({ name: "n", labels: { "node.k0sproject.io/role": "control-plane" } })).toEqual(["k0s"]);
    expect(detect({ name: "n", labels: { "kots.io/embedded-cluster-role": "total-1" } })).toEqual(["embeddedCluster"]);
    expect(detect({ name: "n", labels: { "run.tanzu.vmware.com/kubernetesDistributionVersion": "v1.2" } })).toEqual(["tanzu"]);
  });

  test("annotations, OS image, provider IDs", () => {
    expect(detect({ name: "n", annotations: { "rke2.io/node-args": "[]" } })).toEqual(["rke2"]);
    expect(detect({ name: "n", osImage: "Docker Desktop" })).toEqual(["dockerDesktop"]);
    expect(detect({ name: "n", providerID: "digitalocean://123" })).toEqual(["digitalOcean"]);
    expect(detect({ name: "n", providerID: "aws:///us-east-1a/i-0abc" })).toEqual(["eks"]);
    expect(detect({ name: "n", providerID: "gce://proj/zone/vm" })).toEqual(["gke"]);
    expect(detect({ name: "n", providerID: "ibm://acct///cluster/worker" })).toEqual(["ibm"]);
    expect(detect({ name: "n", providerID: "kind://docker/kind/kind-control-plane" })).toEqual(["kind"]);
    expect(detect({ name: "n", providerID: "azure:///subscriptions/x" })).toEqual([]);
  });

  test("a master or control-plane node clears eks, on any node; several providers at once", () => {
    expect(detect({ name: "a", providerID: "aws:///x" }, { name: "b", labels: { "node-role.kubernetes.io/control-plane": "" } })).toEqual([]);
    expect(detect({ name: "a", providerID: "aws:///x", labels: { "node-role.kubernetes.io/master": "" } })).toEqual([]);
    expect(detect({ name: "a", providerID: "kind://x", labels: { "node-role.kubernetes.io/control-plane": "" } }, { name: "b", labels: { "node.k0sproject.io/role": "worker", "kots.io/embedded-cluster-role": "x" } })).toEqual([
      "embeddedCluster",
      "k0s",
      "kind",
    ]);
  });

  test("names are normalized (case, spaces, dashes)", () => {
    expect(normalizeDistribution("OpenShift")).toBe("openShift");
    expect(normalizeDistribution("docker-desktop")).toBe("dockerDesktop");
    expect(normalizeDistribution("embedded-cluster")).toBe("embeddedCluster");
    expect(normalizeDistribution("IBMCloud")).toBe("ibm");
    expect(normalizeDistribution("d-i-g-i-t-a-l-ocean")).toBe("digitalOcean");
    expect(normalizeDistribution("rancher")).toBeUndefined();
  });

  test("when: = == === match, != !== negate, anything else never matches; tanzu never matches", () => {
    const found = new Set(["kind", "tanzu"] as const);
    const u = { text: "" };
    expect(compareDistributionWhen("kind", found, u)).toBe(true);
    expect(compareDistributionWhen("== kind", found, u)).toBe(true);
    expect(compareDistributionWhen("=== KIND", found, u)).toBe(true);
    expect(compareDistributionWhen("!= kind", found, u)).toBe(false);
    expect(compareDistributionWhen("!== eks", found, u)).toBe(true);
    expect(compareDistributionWhen("<> kind", found, u)).toBe(false);
    expect(compareDistributionWhen("== tanzu", found, u)).toBe(false);
    expect(compareDistributionWhen("!= tanzu", found, u)).toBe(true);
    expect(u.text).toBe("");
    expect(() => compareDistributionWhen("==  kind", found, u)).toThrow(/^unable to parse conditional$/);
  });
});

const kind = files({ [NODES]: nodeList(node({ name: "n", providerID: "kind://docker/kind/n" })) });

describe("distribution results", () => {
  const spec: AnalyzerSpec = {
    outcomes: [
      { fail: { when: "== openshift", message: "no OpenShift", uri: "https://example.com/os" } },
      { warn: { when: "== eks", message: "EKS is untested" } },
      { pass: { when: "== kind", message: "kind works" } },
    ],
  };

  test("first matching outcome; default title", () => {
    expect(distribution.analyze(spec, kind)).toEqual([{ title: "Kubernetes Distribution", outcome: "pass", message: "kind works", uri: "", strict: false }]);
    const eks = files({ [NODES]: nodeList(node({ name: "n", providerID: "aws:///zone/i-1" })) });
    expect(distribution.analyze({ ...spec, checkName: "Distro", strict: true }, eks)).toEqual([{ title: "Distro", outcome: "warn", message: "EKS is untested", uri: "", strict: true }]);
  });

  test("OpenShift and Tanzu come from resources.json group versions", () => {
    const withApis = (gv: string) => files({ [NODES]: nodeList(node({ name: "n" })), "cluster-resources/resources.json": [{ groupVersion: "v1", resources: [] }, { groupVersion: gv, resources: [] }] });
    expect(distribution.analyze(spec, withApis("apps.openshift.io/v1"))[0]).toMatchObject({ outcome: "fail", message: "no OpenShift", uri: "https://example.com/os" });
    expect(distribution.analyze({ outcomes: [{ fail: { when: "!= tanzu", message: "never tanzu" } }] }, withApis("run.tanzu.vmware.com/v1alpha1"))[0]).toMatchObject({ outcome: "fail", message: "never tanzu" });
  });

  test("no match: a warn naming unknown distributions, else 'None of the conditionals were met'", () => {
    expect(distribution.analyze({ outcomes: [{ fail: { when: "== eks", message: "x" } }] }, kind)).toEqual([
      { title: "Kubernetes Distribution", outcome: "warn", message: "None of the conditionals were met", uri: "", strict: false },
    ]);
    expect(distribution.analyze({ outcomes: [{ fail: { when: "rancher", message: "x" } }, { pass: { when: "!= bogus", message: "y" } }] }, kind)[0]?.message).toBe(
      "- Unknown distribution: rancher - Unknown distribution: bogus ",
    );
    expect(distribution.analyze({ outcomes: [] }, kind)[0]?.message).toBe("None of the conditionals were met");
  });

  test("an outcome with no when matches", () => {
    expect(distribution.analyze({ outcomes: [{ fail: { when: "rancher", message: "x" } }, { warn: { message: "anything" } }] }, kind)[0]).toMatchObject({ outcome: "warn", message: "anything" });
  });

  test("errors", () => {
    expect(() => distribution.analyze(spec, files({}))).toThrow("failed to analyze distribution: failed to get contents of nodes.json: file cluster-resources/nodes.json was not collected");
    expect(() => distribution.analyze({ outcomes: [{ pass: { when: "= = kind" } }] }, kind)).toThrow("failed to analyze distribution: failed to compare distribution conditional: unable to parse conditional");
    expect(() => distribution.analyze(spec, files({ [NODES]: nodeList(), "cluster-resources/resources.json": "" }))).toThrow(
      "failed to analyze distribution: failed to unmarshal api resource list: unexpected end of JSON input",
    );
  });
});
