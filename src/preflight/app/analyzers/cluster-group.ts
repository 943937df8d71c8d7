import type { AnalyzerDef } from "../types.ts";
import { clusterVersion } from "./cluster-version.ts";
import { containerRuntime } from "./container-runtime.ts";
import { customResourceDefinition } from "./crd.ts";
import { distribution } from "./distribution.ts";
import { imagePullSecret } from "./image-pull-secret.ts";
import { ingressClass } from "./ingress-class.ts";
import { ingress } from "./ingress.ts";
import { nodeResources } from "./node-resources.ts";
import { storageClass } from "./storage-class.ts";

/** Analyzer kinds of this group, by spec key (troubleshoot v0.133.0 pkg/apis/troubleshoot/v1beta2 Analyze json tags). */
export const clusterAnalyzers: Record<string, AnalyzerDef> = {
  clusterVersion,
  storageClass,
  ingressClass,
  customResourceDefinition,
  ingress,
  imagePullSecret,
  containerRuntime,
  distribution,
  nodeResources,
};
