import type { AnalyzerDef } from "../types.ts";
import { deploymentStatus } from "./deployment-status.ts";
import { statefulsetStatus } from "./statefulset-status.ts";
import { jobStatus } from "./job-status.ts";
import { replicasetStatus } from "./replicaset-status.ts";
import { clusterPodStatuses } from "./pod-statuses.ts";
import { clusterContainerStatuses } from "./container-statuses.ts";
import { configMap, secret } from "./secret-configmap.ts";
import { event } from "./event.ts";

/** Analyzer kinds of this group, by spec key (troubleshoot v0.133.0 pkg/apis/troubleshoot/v1beta2 Analyze json tags). */
export const workloadAnalyzers: Record<string, AnalyzerDef> = {
  deploymentStatus,
  statefulsetStatus,
  jobStatus,
  replicasetStatus,
  clusterPodStatuses,
  clusterContainerStatuses,
  secret,
  configMap,
  event,
};
