/**
 * clusterContainerStatuses (troubleshoot v0.133.0 pkg/analyze/cluster_container_statuses.go).
 *
 * Pods come from cluster-resources/pods/<ns>.json of `namespaces` (all when empty). Per pod (by
 * metadata.uid) only its FIRST container status with restartCount >= `restartCount` is kept
 * (troubleshoot appends the rest to a copy it then drops). Outcomes, in order (an entry without
 * fail/warn/pass is skipped):
 *   - empty `when`: the analysis ends — with the results gathered so far if any, else this
 *     outcome alone (message as written, not rendered);
 *   - "= R" / "== R" / "=== R" (or "!= R" / "!== R"): every pod whose kept container has (or has
 *     not) R as its last-termination, terminated or waiting reason (case-insensitive) adds a
 *     result; all of one outcome's results share one message, the outcome's message rendered as
 *     a Go template with the first such pod's container (a *analyzer.matchedContainerInfo:
 *     {{ .Namespace }} {{ .PodName }} {{ .ContainerName }} {{ .Ready }} {{ .RestartCount }}
 *     {{ .Message }}) as dot and trimmed; on a template error
 *     "Container matched. Container: C, Namespace: NS, Pod: P".
 * Every result is titled checkName or "Cluster Container Status", and is never strict (troubleshoot
 * does not copy `strict` onto them).
 * @throws AnalyzeError "failed to get pods matching filters: failed to unmarshal pods list …" or
 *   "failed to analyze container statuses: failed to parse when: expected 2 parts in when \"W\"" /
 *   "…: unexpected operator \"OP\" in containerStatuses reason".
 */
import type { CollectedFiles } from "../collected.ts";
import { GoTemplateError, GoTyped, renderGoTemplate } from "../message.ts";
import { outcomeCases } from "../outcomes.ts";
import { AnalyzeError, wrap, type AnalyzerDef, type AnalyzerResult, type AnalyzerSpec } from "../types.ts";
import { goQuote } from "../../../go/strings.ts";
import { dig, arr, int, objOrNil, specStr, str, strList, type Obj } from "./workload-files.ts";
import { collectedPods } from "./collected-pods.ts";
import { goTrimSpace } from "../../../go/strings.ts";
import { splitWhen } from "./compare.ts";

/** troubleshoot's matchedContainerInfo: what a container status message is rendered with. */
export interface MatchedContainerInfo {
  Namespace: string;
  PodName: string;
  ContainerName: string;
  Ready: boolean;
  RestartCount: number;
  Message: string;
}

interface PodContainers {
  name: string;
  namespace: string;
  statuses: Obj[];
}

function matchingPods(spec: AnalyzerSpec, files: CollectedFiles): PodContainers[] {
  let pods: Obj[];
  try {
    pods = collectedPods(files, strList(spec.namespaces));
  } catch (e) {
    throw wrap("failed to get pods matching filters", e);
  }
  const min = int(spec.restartCount);
  const byUid = new Map<string, PodContainers>();
  for (const pod of pods) {
    for (const cs of arr(dig(pod, "status", "containerStatuses"))) {
      if (int(cs.restartCount) < min) continue;
      const uid = str(dig(pod, "metadata", "uid"));
      if (!byUid.has(uid)) byUid.set(uid, { name: str(dig(pod, "metadata", "name")), namespace: str(dig(pod, "metadata", "namespace")), statuses: [cs] });
    }
  }
  return [...byUid.values()];
}

/** parseWhen: [reason, isEquality]. */
function parseWhen(when: string): [string, boolean] {
  const parts = splitWhen(when);
  if (parts.length !== 2) throw new Error(`expected 2 parts in when ${goQuote(when)}`);
  const [op, reason] = parts;
  if (op === "=" || op === "==" || op === "===") return [reason, true];
  if (op === "!=" || op === "!==") return [reason, false];
  throw new Error(`unexpected operator ${goQuote(op)} in containerStatuses reason`);
}

const eqFold = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** matchContainerReason: whether any kept container has the reason; the info of the last one looked at. */
function matchContainer(reason: string, pod: PodContainers): [boolean, MatchedContainerInfo] {
  let matched = false;
  const info: MatchedContainerInfo = { Namespace: pod.namespace, PodName: pod.name, ContainerName: "", Ready: false, RestartCount: 0, Message: "" };
  for (const cs of pod.statuses) {
    info.ContainerName = str(cs.name);
    info.Ready = cs.ready === true;
    info.RestartCount = int(cs.restartCount);
    const last = objOrNil(dig(cs, "lastState", "terminated"));
    const terminated = objOrNil(dig(cs, "state", "terminated"));
    const waiting = objOrNil(dig(cs, "state", "waiting"));
    if (last && eqFold(str(last.reason), reason)) {
      matched = true;
      info.Message = str(last.message);
    } else if (terminated && eqFold(str(terminated.reason), reason)) {
      matched = true;
      info.Message = str(terminated.message);
    } else if (waiting && eqFold(str(waiting.reason), reason)) {
      matched = true;
      info.Message = str(waiting.message);
    }
  }
  return [matched, info];
}

/** The template's dot: a *analyzer.matchedContainerInfo, as troubleshoot passes it. */
export function containerInfoView(info: MatchedContainerInfo): GoTyped {
  return new GoTyped("analyzer.matchedContainerInfo", info, true);
}

function renderMessage(message: string, info: MatchedContainerInfo): string {
  try {
    return goTrimSpace(renderGoTemplate(message, containerInfoView(info)));
  } catch (e) {
    if (!(e instanceof GoTemplateError)) throw e;
    return `Container matched. Container: ${info.ContainerName}, Namespace: ${info.Namespace}, Pod: ${info.PodName}`;
  }
}

export const clusterContainerStatuses: AnalyzerDef = {
  title: (spec) => specStr(spec.checkName) || "Cluster Container Status",
  analyze(spec: AnalyzerSpec, files: CollectedFiles): AnalyzerResult[] {
    const title = clusterContainerStatuses.title(spec);
    const pods = matchingPods(spec, files);
    const results: AnalyzerResult[] = [];
    for (const c of outcomeCases(spec)) {
      if (!c) continue;
      const base: AnalyzerResult = { title, outcome: c.outcome, message: c.message, uri: c.uri, strict: false };
      if (c.when === "") return results.length > 0 ? results : [base];
      let reason: string;
      let equality: boolean;
      try {
        [reason, equality] = parseWhen(c.when);
      } catch (e) {
        throw new AnalyzeError(`failed to analyze container statuses: failed to parse when: ${(e as Error).message}`);
      }
      // one shared result per outcome: each matching pod re-renders the (already rendered) message
      let message = c.message;
      let count = 0;
      for (const pod of pods) {
        const [matched, info] = matchContainer(reason, pod);
        if (matched !== equality) continue;
        message = renderMessage(message, info);
        count++;
      }
      for (let i = 0; i < count; i++) results.push({ ...base, message });
    }
    return results;
  },
};
