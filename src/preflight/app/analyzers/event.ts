/**
 * event (troubleshoot v0.133.0 pkg/analyze/event.go).
 *
 * Reads cluster-resources/events/<namespace or "default">.json (an EventList) and takes the FIRST
 * event whose reason equals `reason` (case-insensitive; required), whose involvedObject.kind
 * equals `kind` when given (case-insensitive), and whose message matches `regex` when given (a Go
 * RE2 pattern, unanchored; one that does not compile matches no event). Then, in outcome order,
 * each entry's fail, warn and pass (all three are looked at) are tried: `when` is parsed with
 * strconv.ParseBool and the first whose value equals "an event was found" gives the outcome.
 * With an event the message is rendered as a Go template with the event as dot and trimmed (on a
 * template error: "Event matched. Reason: R Name: N Message: M"); without one it is used as written.
 * One result titled checkName, else collectorName, else "Event"; never strict (troubleshoot does
 * not copy `strict` onto it). No outcome matching gives no result.
 * @throws AnalyzeError "reason is required", "failed to read collected events for namespace: NS: …",
 *   "failed to read collected events: failed to convert []byte to corev1.EventList: …",
 *   "failed to parse when condition: WHEN: strconv.ParseBool: parsing \"WHEN\": invalid syntax".
 */
import type { CollectedFiles } from "../collected.ts";
import { GoTemplateError, GoTyped, renderGoTemplate } from "../message.ts";
import { AnalyzeError, wrap, type AnalyzerDef, type AnalyzerResult, type AnalyzerSpec, type Outcome } from "../types.ts";
import { GoRegexpError, goRegexpMatch } from "../../../go/regexp.ts";
import { itemsOf, objOrNil, parseJson, specStr, str, type Obj } from "./workload-files.ts";
import { goJoinPath } from "../../../go/path.ts";
import { goParseBoolStrict } from "../../../go/strconv.ts";
import { goTrimSpace } from "../../../go/strings.ts";

/** Whether the RE2 `regex` matches `message`; a pattern Go's regexp.Compile rejects matches nothing. */
function messageMatches(regex: string, message: string): boolean {
  try {
    return goRegexpMatch(regex, message);
  } catch (e) {
    if (e instanceof GoRegexpError) return false;
    throw e;
  }
}

function findEvent(events: Obj[], reason: string, kind: string, regex: string): Obj | null {
  const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  for (const e of events) {
    if (reason === "" || !eq(str(e.reason), reason)) continue;
    if (kind !== "" && !eq(str(objOrNil(e.involvedObject)?.kind), kind)) continue;
    if (regex === "" || messageMatches(regex, str(e.message))) return e;
  }
  return null;
}

function decorate(message: string, event: Obj | null): string {
  if (!event) return message;
  try {
    return goTrimSpace(renderGoTemplate(message, new GoTyped("v1.Event", event, true, true)));
  } catch (e) {
    if (!(e instanceof GoTemplateError)) throw e;
    return `Event matched. Reason: ${str(event.reason)} Name: ${str(objOrNil(event.involvedObject)?.name)} Message: ${str(event.message)}`;
  }
}

export const event: AnalyzerDef = {
  title: (spec) => specStr(spec.checkName) || specStr(spec.collectorName) || "Event",
  analyze(spec: AnalyzerSpec, files: CollectedFiles): AnalyzerResult[] {
    const reason = specStr(spec.reason);
    if (reason === "") throw new AnalyzeError("reason is required");
    const ns = specStr(spec.namespace) || "default";
    let bytes: Uint8Array;
    try {
      bytes = files.get(`${goJoinPath("cluster-resources", "events", ns)}.json`);
    } catch (e) {
      throw wrap(`failed to read collected events for namespace: ${ns}`, e);
    }
    const prefix = "failed to read collected events: failed to convert []byte to corev1.EventList";
    const events = itemsOf(parseJson(bytes, prefix), prefix, "v1.EventList");
    const found = findEvent(events, reason, specStr(spec.kind), specStr(spec.regex));
    const title = event.title(spec);
    for (const entry of Array.isArray(spec.outcomes) ? spec.outcomes : []) {
      for (const outcome of ["fail", "warn", "pass"] as Outcome[]) {
        const single = objOrNil(objOrNil(entry)?.[outcome]);
        if (!single) continue;
        const when = specStr(single.when);
        let wanted: boolean;
        try {
          wanted = goParseBoolStrict(when);
        } catch (e) {
          throw wrap(`failed to parse when condition: ${when}`, e);
        }
        if (wanted === (found !== null))
          return [{ title, outcome, message: decorate(specStr(single.message), found), uri: specStr(single.uri), strict: false }];
      }
    }
    return [];
  },
};
