/**
 * The outcome rule of troubleshoot's value comparisons (troubleshoot v0.133.0 pkg/analyze
 * yaml_compare.go, json_compare.go, kube_resource.go analyzeValue): each entry's `when` is
 * "true" or "false" (fail and warn default to false — they fire when the values differ — pass to
 * true) and the first entry whose `when` equals the comparison's result wins.
 */
import { wrap } from "../types.ts";
import { type Draft, type RawOutcome, draftOf, firstOf } from "./data-outcomes.ts";
import { goParseBoolStrict } from "../../../go/strconv.ts";

/**
 * @param render renders an entry's message (yamlCompare/jsonCompare template it with the
 *   collected data, for every entry reached, matching or not); omitted: messages as written
 * @returns the winning draft, or null when no entry matches (the caller's "Invalid analyzer")
 * @throws AnalyzeError "failed to process when statement: W: strconv.ParseBool: …",
 *   "failed to render template on outcome message: …"
 */
export function equalOutcomes(equal: boolean, outcomes: RawOutcome[], render?: (message: string) => string): Draft | null {
  for (const o of outcomes) {
    const first = firstOf(o);
    if (!first) continue;
    const [kind, single] = first;
    let when = kind === "pass";
    if (single.when !== "") {
      try {
        when = goParseBoolStrict(single.when);
      } catch (err) {
        throw wrap(`failed to process when statement: ${single.when}`, err);
      }
    }
    let message = single.message;
    if (render) {
      try {
        message = render(message);
      } catch (err) {
        throw wrap("failed to render template on outcome message", err);
      }
    }
    if (when === equal) return draftOf(kind, message, single.uri);
  }
  return null;
}
