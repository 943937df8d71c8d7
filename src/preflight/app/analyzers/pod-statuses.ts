/**
 * clusterPodStatuses (troubleshoot v0.133.0 pkg/analyze/cluster_pod_statuses.go).
 *
 * Reads every cluster-resources/pods/<ns>.json (a PodList, or a bare Pod array) whose <ns> is in
 * `namespaces` (all when empty). For each pod: when status.reason is empty, reason and message
 * become the kubectl-style ones (pod-status-reason.ts); when the message is still empty, it is the
 * Warning event messages for that pod in cluster-resources/events/<pod ns>.json joined with ". ".
 * Then the first outcome that matches gives one result for the pod (no match: none):
 *   `when` empty: always; "= X" / "== X" / "=== X": X is Healthy and the pod is not unhealthy, or
 *   X equals the phase or the reason; "!= X" / "!== X": the opposite; other operators, or fewer
 *   than two space-separated parts: skipped.
 * Title: checkName, else "Pod {{ .Namespace }}/{{ .Name }} status"; message: the outcome's, else
 * "Pod {{ .Namespace }}/{{ .Name }} status is {{ .Status.Reason }}. Message is: {{ .Status.Message }}";
 * both rendered as Go templates with the pod as dot (an empty status message shows "None"), the
 * message trimmed.
 */
import type { CollectedFiles } from "../collected.ts";
import { GoTyped, renderGoTemplate } from "../message.ts";
import { outcomeCases, strictOf } from "../outcomes.ts";
import { wrap, type AnalyzerDef, type AnalyzerResult, type AnalyzerSpec } from "../types.ts";
import { arr, dig, globFiles, objOrNil, specStr, str, strList, type Obj } from "./workload-files.ts";
import { collectedPods } from "./collected-pods.ts";
import { isPodUnhealthy, podStatusReason } from "./pod-status-reason.ts";
import { goTrimSpace } from "../../../go/strings.ts";
import { splitWhen } from "./compare.ts";

const DEFAULT_TITLE = "Pod {{ .Namespace }}/{{ .Name }} status";
const DEFAULT_MESSAGE = "Pod {{ .Namespace }}/{{ .Name }} status is {{ .Status.Reason }}. Message is: {{ .Status.Message }}";

/** Messages of the Warning events about `pod` (kind Pod, same name and namespace), in file order. */
function warningMessages(files: CollectedFiles, pod: Obj): string[] {
  const ns = str(dig(pod, "metadata", "namespace"));
  const name = str(dig(pod, "metadata", "name"));
  const messages: string[] = [];
  for (const [, bytes] of globFiles(files, `cluster-resources/events/${ns}.json`)) {
    let v: unknown;
    try {
      v = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      continue; // troubleshoot logs it and goes on
    }
    const events = Array.isArray(v) ? arr(v) : arr(objOrNil(v)?.items);
    for (const e of events) {
      const io = objOrNil(e.involvedObject);
      if (str(io?.kind) !== "Pod" || str(io?.name) !== name || str(io?.namespace) !== ns) continue;
      if (str(e.type) === "Warning" && str(e.message) !== "") messages.push(str(e.message));
    }
  }
  return messages;
}

function whenMatches(when: string, pod: Obj): boolean | "skip" {
  const parts = splitWhen(when);
  if (parts.length < 2) return "skip";
  const [op, reason] = parts;
  const phase = str(dig(pod, "status", "phase"));
  const podReason = str(dig(pod, "status", "reason"));
  if (op === "=" || op === "==" || op === "===") return reason === "Healthy" ? !isPodUnhealthy(pod) : reason === phase || reason === podReason;
  if (op === "!=" || op === "!==") return reason === "Healthy" ? isPodUnhealthy(pod) : reason !== phase && reason !== podReason;
  return false;
}

export const clusterPodStatuses: AnalyzerDef = {
  title: (spec) => specStr(spec.checkName) || "Cluster Pod Status",
  analyze(spec: AnalyzerSpec, files: CollectedFiles): AnalyzerResult[] {
    const strict = strictOf(spec);
    const checkName = specStr(spec.checkName);
    const results: AnalyzerResult[] = [];
    for (const original of collectedPods(files, strList(spec.namespaces))) {
      const pod = structuredClone(original);
      const status = (objOrNil(pod.status) ?? (pod.status = {})) as Obj;
      if (str(status.reason) === "") [status.reason, status.message] = podStatusReason(pod);
      if (str(status.message) === "") status.message = warningMessages(files, pod).join(". ");
      for (const c of outcomeCases(spec)) {
        if (!c) continue;
        if (c.when !== "") {
          const m = whenMatches(c.when, pod);
          if (m !== true) continue;
        }
        if (str(status.message) === "") status.message = "None";
        const view = new GoTyped("v1.Pod", pod, false, true);
        let title: string;
        try {
          title = renderGoTemplate(checkName || DEFAULT_TITLE, view);
        } catch (e) {
          throw wrap("failed to render template", e);
        }
        let message: string;
        try {
          message = goTrimSpace(renderGoTemplate(c.message || DEFAULT_MESSAGE, view));
        } catch (e) {
          throw wrap("failed to create new title template", e);
        }
        results.push({ title, outcome: c.outcome, message, uri: c.uri, strict });
        break;
      }
    }
    return results;
  },
};
