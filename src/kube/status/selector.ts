/** One `matchExpressions` entry of a metav1.LabelSelector. */
export interface LabelSelectorRequirement {
  key: string;
  operator: "In" | "NotIn" | "Exists" | "DoesNotExist" | string;
  values?: readonly string[] | null;
}

/** A metav1.LabelSelector (e.g. a Deployment's spec.selector). */
export interface LabelSelector {
  matchLabels?: Readonly<Record<string, string>> | null;
  matchExpressions?: readonly LabelSelectorRequirement[] | null;
}

/**
 * Does a label set match a LabelSelector? Semantics of apimachinery's
 * `metav1.LabelSelectorAsSelector` + `labels.Selector.Matches`:
 * - a null/undefined selector matches nothing; an empty one (`{}`) matches everything;
 * - every matchLabels pair must be present with the same value;
 * - `In`: the key is present and its value is listed; `NotIn`: the key is absent or its value
 *   is not listed; `Exists`: the key is present; `DoesNotExist`: the key is absent;
 * - an invalid selector (unknown operator, In/NotIn without values, Exists/DoesNotExist with
 *   values) matches nothing, since apimachinery refuses to build it.
 */
export function matchesSelector(
  labels: Readonly<Record<string, string>> | null | undefined,
  selector: LabelSelector | null | undefined,
): boolean {
  if (!selector) return false;
  const have = labels ?? {};
  const has = (key: string) => Object.prototype.hasOwnProperty.call(have, key);

  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (!has(key) || have[key] !== value) return false;
  }
  for (const req of selector.matchExpressions ?? []) {
    const values = req.values ?? [];
    switch (req.operator) {
      case "In":
        if (values.length === 0) return false;
        if (!has(req.key) || !values.includes(have[req.key]!)) return false;
        break;
      case "NotIn":
        if (values.length === 0) return false;
        if (has(req.key) && values.includes(have[req.key]!)) return false;
        break;
      case "Exists":
        if (values.length > 0 || !has(req.key)) return false;
        break;
      case "DoesNotExist":
        if (values.length > 0 || has(req.key)) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
