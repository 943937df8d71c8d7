/**
 * troubleshoot v0.133.0's comparison helpers: pkg/analyze/comparison.go ParseComparisonOperator,
 * pkg/analyze/common_status.go compareActualToWhen (the integer `when` of clusterResource,
 * deploymentStatus and statefulsetStatus) and the integer operator switch that it shares with
 * job_status.go, replicaset_status.go and text_analyze.go.
 */
import { goAtoi } from "../../../go/strconv.ts";
import { goQuote, goTrimSpace } from "../../../go/strings.ts";

export type ComparisonOperator = "Equal" | "NotEqual" | "GreaterThan" | "GreaterThanOrEqual" | "LessThan" | "LessThanOrEqual";

/**
 * ParseComparisonOperator (comparison.go; Go uses it in host_sysctl.go and k8s_node_metrics.go):
 * a different rule from compareInts below — it knows != and !== and returns the operator.
 * "=", "==", "===" → Equal; "!=", "!==" → NotEqual; "<", ">", "<=", ">=".
 * @throws Error "unknown operator: S"
 */
export function parseComparisonOperator(s: string): ComparisonOperator {
  switch (s) {
    case "=":
    case "==":
    case "===":
      return "Equal";
    case "!=":
    case "!==":
      return "NotEqual";
    case "<":
      return "LessThan";
    case ">":
      return "GreaterThan";
    case "<=":
      return "LessThanOrEqual";
    case ">=":
      return "GreaterThanOrEqual";
  }
  throw new Error(`unknown operator: ${s}`);
}

/** strings.Split(strings.TrimSpace(s), " "): the split every `when` parser in pkg/analyze uses. */
export function splitWhen(when: string): string[] {
  return goTrimSpace(when).split(" ");
}

/**
 * The integer comparison switch troubleshoot repeats in compareActualToWhen (common_status.go),
 * compareJobStatusToWhen / compareReplicaSetStatusToWhen (job_status.go, replicaset_status.go) and
 * compareRegex (text_analyze.go): = == === < > <= >= (no !=, unlike ParseComparisonOperator).
 * @returns whether `actual OP value` holds, or undefined for any other operator (each caller has
 *   its own error, or none)
 */
export function compareInts(op: string, actual: bigint, value: bigint): boolean | undefined {
  switch (op) {
    case "=":
    case "==":
    case "===":
      return actual === value;
    case "<":
      return actual < value;
    case ">":
      return actual > value;
    case "<=":
      return actual <= value;
    case ">=":
      return actual >= value;
  }
  return undefined;
}

/**
 * compareActualToWhen(when, actual) (common_status.go; clusterResource, deploymentStatus and
 * statefulsetStatus): `when` is exactly "OP N" after trimming (one space between; OP one of
 * = == === < > <= >=), compared with the integer `actual`.
 * @throws Error "unable to parse when range", "failed to parse when value: strconv.Atoi: …",
 *   `unknown comparator: "OP"` (troubleshoot's texts; != is not among its operators)
 */
export function compareActualToWhen(when: string, actual: bigint | number): boolean {
  const parts = splitWhen(when);
  if (parts.length !== 2) throw new Error("unable to parse when range");
  let value: bigint;
  try {
    value = goAtoi(parts[1]);
  } catch (err) {
    throw new Error(`failed to parse when value: ${(err as Error).message}`);
  }
  const holds = compareInts(parts[0], BigInt(actual), value);
  if (holds === undefined) throw new Error(`unknown comparator: ${goQuote(parts[0])}`);
  return holds;
}
