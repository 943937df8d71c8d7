/**
 * The distribution analyzer (troubleshoot v0.133.0 pkg/analyze/distribution.go): which Kubernetes
 * distributions the cluster looks like, from the nodes of `cluster-resources/nodes.json` (labels,
 * annotations, OS image, provider ID) and the API groups of `cluster-resources/resources.json`,
 * checked against each outcome's `when` ("[== | != ] NAME"); the first match wins, else a warn.
 *
 * Detected (all at once, any node): kurl (label kurl.sh/cluster=true), microk8s
 * (microk8s.io/cluster=true), aks (label kubernetes.azure.com/role), minikube
 * (minikube.k8s.io/version), k3s (node.kubernetes.io/instance-type or
 * beta.kubernetes.io/instance-type = k3s), oke (oci.oraclecloud.com/fault-domain), k0s
 * (node.k0sproject.io/role), embedded-cluster (kots.io/embedded-cluster-role), tanzu
 * (run.tanzu.vmware.com/kubernetesDistributionVersion, or an API group version
 * run.tanzu.vmware.com/…), rke2 (annotation rke2.io/node-args), dockerDesktop (osImage "Docker
 * Desktop"), digitalOcean / eks / gke / ibm / kind (providerID digitalocean: aws: gce: ibm:
 * kind:), openShift (API group version apps.openshift.io/…). A node labelled
 * node-role.kubernetes.io/master or …/control-plane clears eks. tanzu is detected but, as in
 * troubleshoot, never matches a `when` ("!= tanzu" always holds).
 */
import type { CollectedFiles } from "../collected.ts";
import { outcomeCases, strictOf } from "../outcomes.ts";
import { type AnalyzerDef, type AnalyzerResult, type AnalyzerSpec, wrap } from "../types.ts";
import { goJsonParse, listField, objectField, specString } from "./cluster-go.ts";
import { readNodes, type NodeView } from "./cluster-nodes.ts";
import { goTrimSpace } from "../../../go/strings.ts";

export const RESOURCES_PATH = "cluster-resources/resources.json";

/** The distributions troubleshoot names, in its Provider order. */
export type Distribution =
  | "microk8s"
  | "dockerDesktop"
  | "eks"
  | "gke"
  | "digitalOcean"
  | "openShift"
  | "tanzu"
  | "kurl"
  | "aks"
  | "ibm"
  | "minikube"
  | "rke2"
  | "k3s"
  | "oke"
  | "kind"
  | "k0s"
  | "embeddedCluster";

/** Title(): the checkName, else "Kubernetes Distribution". */
function title(spec: AnalyzerSpec): string {
  return specString(spec.checkName) || "Kubernetes Distribution";
}

/** ParseNodesForProviders: the distributions the nodes show. */
export function providersFromNodes(nodes: NodeView[]): Set<Distribution> {
  const found = new Set<Distribution>();
  let master = false;
  for (const node of nodes) {
    for (const [k, v] of Object.entries(node.labels)) {
      if (k === "kurl.sh/cluster" && v === "true") found.add("kurl");
      else if (k === "microk8s.io/cluster" && v === "true") found.add("microk8s");
      if (k === "node-role.kubernetes.io/master" || k === "node-role.kubernetes.io/control-plane") master = true;
      if (k === "kubernetes.azure.com/role") found.add("aks");
      if (k === "minikube.k8s.io/version") found.add("minikube");
      if ((k === "node.kubernetes.io/instance-type" || k === "beta.kubernetes.io/instance-type") && v === "k3s") found.add("k3s");
      if (k === "oci.oraclecloud.com/fault-domain") found.add("oke");
      if (k === "node.k0sproject.io/role") found.add("k0s");
      if (k === "kots.io/embedded-cluster-role") found.add("embeddedCluster");
      if (k === "run.tanzu.vmware.com/kubernetesDistributionVersion") found.add("tanzu");
    }
    if (Object.hasOwn(node.annotations, "rke2.io/node-args")) found.add("rke2");
    if (node.osImage === "Docker Desktop") found.add("dockerDesktop");
    const id = node.providerID;
    if (id.startsWith("digitalocean:")) found.add("digitalOcean");
    if (id.startsWith("aws:")) found.add("eks");
    if (id.startsWith("gce:")) found.add("gke");
    if (id.startsWith("ibm:")) found.add("ibm");
    if (id.startsWith("kind:")) found.add("kind");
  }
  // EKS lists no control-plane nodes.
  if (master) found.delete("eks");
  return found;
}

/** CheckApiResourcesForProviders: the first API group version of OpenShift or Tanzu adds it. */
export function providersFromApiResources(found: Set<Distribution>, groupVersions: string[]): void {
  for (const gv of groupVersions) {
    if (gv.startsWith("apps.openshift.io/")) {
      found.add("openShift");
      return;
    }
    if (gv.startsWith("run.tanzu.vmware.com/")) {
      found.add("tanzu");
      return;
    }
  }
}

/** mustNormalizeDistributionName: lower-cased, trimmed, "-" removed; undefined when unknown. */
export function normalizeDistribution(raw: string): Distribution | undefined {
  const n = goTrimSpace(raw.toLowerCase()).replaceAll("-", "");
  switch (n) {
    case "microk8s":
      return "microk8s";
    case "dockerdesktop":
    case "docker desktop":
      return "dockerDesktop";
    case "eks":
      return "eks";
    case "gke":
      return "gke";
    case "digitalocean":
      return "digitalOcean";
    case "openshift":
      return "openShift";
    case "tanzu":
      return "tanzu";
    case "kurl":
      return "kurl";
    case "aks":
      return "aks";
    case "ibm":
    case "ibmcloud":
    case "ibm cloud":
      return "ibm";
    case "minikube":
      return "minikube";
    case "rke2":
      return "rke2";
    case "k3s":
      return "k3s";
    case "oke":
      return "oke";
    case "kind":
      return "kind";
    case "k0s":
      return "k0s";
    case "embeddedcluster":
      return "embeddedCluster";
  }
  return undefined;
}

/**
 * compareDistributionConditionalToActual. An unknown name appends "- Unknown distribution: NAME "
 * to `unknown` and does not match.
 * @throws Error "unable to parse conditional" when the `when` is not one or two space-separated words
 */
export function compareDistributionWhen(conditional: string, found: Set<Distribution>, unknown: { text: string }): boolean {
  let parts = goTrimSpace(conditional).split(" ");
  if (parts.length === 1) parts = ["=", parts[0]!];
  if (parts.length !== 2) throw new Error("unable to parse conditional");
  const name = normalizeDistribution(parts[1]!);
  if (name === undefined) {
    unknown.text += `- Unknown distribution: ${parts[1]} `;
    return false;
  }
  // troubleshoot's match switch has no tanzu case.
  const isMatch = name !== "tanzu" && found.has(name);
  switch (parts[0]) {
    case "=":
    case "==":
    case "===":
      return isMatch;
    case "!=":
    case "!==":
      return !isMatch;
  }
  return false;
}

/** The groupVersion of every APIResourceList in resources.json. */
function groupVersions(text: string): string[] {
  return listField(goJsonParse(text)).map((l) => specString(objectField(l)?.groupVersion));
}

/**
 * @throws AnalyzeError "failed to analyze distribution: failed to get contents of nodes.json: …",
 *   "failed to analyze distribution: failed to unmarshal node list: …", "failed to analyze
 *   distribution: failed to unmarshal api resource list: …", "failed to analyze distribution:
 *   failed to compare distribution conditional: unable to parse conditional"
 */
function analyze(spec: AnalyzerSpec, files: CollectedFiles): AnalyzerResult[] {
  try {
    return [analyzeDistribution(spec, files)];
  } catch (err) {
    throw wrap("failed to analyze distribution", err);
  }
}

function analyzeDistribution(spec: AnalyzerSpec, files: CollectedFiles): AnalyzerResult {
  const found = providersFromNodes(readNodes(files, "failed to get contents of nodes.json"));
  // An older bundle without resources.json is not an error.
  if (files.has(RESOURCES_PATH)) {
    let gvs: string[];
    try {
      gvs = groupVersions(files.text(RESOURCES_PATH));
    } catch (err) {
      throw wrap("failed to unmarshal api resource list", err);
    }
    providersFromApiResources(found, gvs);
  }
  const unknown = { text: "" };
  const result = (outcome: AnalyzerResult["outcome"], message: string, uri: string): AnalyzerResult => ({ title: title(spec), outcome, message, uri, strict: strictOf(spec) });
  for (const c of outcomeCases(spec)) {
    if (!c) continue;
    if (c.when === "") return result(c.outcome, c.message, c.uri);
    let hit: boolean;
    try {
      hit = compareDistributionWhen(c.when, found, unknown);
    } catch (err) {
      throw wrap("failed to compare distribution conditional", err);
    }
    if (hit) return result(c.outcome, c.message, c.uri);
  }
  return result("warn", unknown.text !== "" ? unknown.text : "None of the conditionals were met", "");
}

export const distribution: AnalyzerDef = { title, analyze };
