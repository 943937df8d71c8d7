/**
 * troubleshoot v0.133.0's comparison helpers: pkg/analyze/comparison.go ParseComparisonOperator
 * and pkg/analyze/common_status.go compareActualToWhen (the integer `when` of clusterResource).
 */
import { goAtoi } from "../go/strconv.ts";
import { goQuote, goTrimSpace } from "../go/strings.ts";

export type ComparisonOperator = "Equal" | "NotEqual" | "GreaterThan" | "GreaterThanOrEqual" | "LessThan" | "LessThanOrEqual";

/**
 * ParseComparisonOperator: "=", "==", "===" → Equal; "!=", "!==" → NotEqual; "<", ">", "<=", ">=".
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
 * compareActualToWhen(when, actual): `when` is "OP N" (one space; OP one of = == === < > <= >=),
 * compared with the integer `actual`.
 * @throws Error "unable to parse when range", "failed to parse when value: strconv.Atoi: …",
 *   `unknown comparator: "OP"` (troubleshoot's texts; != is not among its operators)
 */
export function compareActualToWhen(when: string, actual: bigint): boolean {
  const parts = splitWhen(when);
  if (parts.length !== 2) throw new Error("unable to parse when range");
  let value: bigint;
  try {
    value = goAtoi(parts[1]);
  } catch (err) {
    throw new Error(`failed to parse when value: ${(err as Error).message}`);
  }
  switch (parts[0]) {
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
  throw new Error(`unknown comparator: ${goQuote(parts[0])}`);
}
