/**
 * The `when` grammar of jobStatus and replicasetStatus: "<field> <op> <int>" (exactly three
 * space-separated parts after trimming), and their outcome walk. Source: troubleshoot v0.133.0
 * pkg/analyze/job_status.go compareJobStatusToWhen / jobStatus and replicaset_status.go
 * compareReplicaSetStatusToWhen / replicasetStatus (the same rules).
 */
import { outcomeCases } from "../outcomes.ts";
import { AnalyzeError, type AnalyzerSpec } from "../types.ts";
import { goQuote } from "../../../go/strings.ts";
import { goAtoi, toInt32 } from "../../../go/strconv.ts";
import { compareInts, splitWhen } from "./compare.ts";
import type { Draft } from "./workload-status.ts";

/**
 * Whether `when` holds for the int32 counters in `fields` (e.g. {succeeded: 1, failed: 0}); the
 * value is converted to int32 as Go's int32(value) does.
 * @throws Error "unable to parse when range: WHEN", "failed to parse when value: V: strconv.Atoi: …",
 *   "unknown when value: F" or "unknown comparator: \"OP\"".
 */
export function compareFieldWhen(when: string, fields: Record<string, number>): boolean {
  const parts = splitWhen(when);
  if (parts.length !== 3) throw new Error(`unable to parse when range: ${when}`);
  let value: bigint;
  try {
    value = toInt32(goAtoi(parts[2]));
  } catch (e) {
    throw new Error(`failed to parse when value: ${parts[2]}: ${(e as Error).message}`);
  }
  if (!Object.hasOwn(fields, parts[0])) throw new Error(`unknown when value: ${parts[0]}`);
  const actual = toInt32(BigInt(fields[parts[0]]));
  const holds = compareInts(parts[1], actual, value);
  if (holds !== undefined) return holds;
  throw new Error(`unknown comparator: ${goQuote(parts[1])}`);
}

/**
 * The first outcome whose `when` is empty or holds gives the draft, titled "<name> Status";
 * none gives outcome null.
 * @throws AnalyzeError "failed to parse fail|warn|pass range: …".
 */
export function fieldStatus(spec: AnalyzerSpec, name: string, fields: Record<string, number>): Draft {
  const draft: Draft = { title: `${name} Status`, outcome: null, message: "", uri: "" };
  for (const c of outcomeCases(spec)) {
    if (!c) continue;
    let match = c.when === "";
    if (!match) {
      try {
        match = compareFieldWhen(c.when, fields);
      } catch (e) {
        throw new AnalyzeError(`failed to parse ${c.outcome} range: ${(e as Error).message}`);
      }
    }
    if (match) return { ...draft, outcome: c.outcome, message: c.message, uri: c.uri };
  }
  return draft;
}
